"""`corrections import`: articles in from the CMS, in one commit, idempotent, never
overwriting a changed article; hostile files refused and bad items skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.errors import BadInput
from corrections.services.importing import import_articles
from corrections.services.validate import validate
from corrections.store.git_store import GitStore
from tests.support import EDITOR, git, write_article
from tests.support.store import IMPORT_FIXTURES

FIXTURES = IMPORT_FIXTURES
WXR = FIXTURES / "ledger.wxr.xml"
PAGES = sorted(FIXTURES.glob("*.html"))
WP_JSON = FIXTURES / "posts.wp.json"
NINJS = FIXTURES / "wire.ninjs.json"


def commits(store: GitStore) -> int:
    return len(git(store.root, "rev-list", "main").split())


def front(store: GitStore, slug: str) -> str:
    return (store.root / "articles" / f"{slug}.md").read_text()


def test_a_dozen_posts_and_three_pages_import_once_with_dates_and_bylines(
    store: GitStore,
) -> None:
    before = commits(store)
    report = import_articles(store, [WXR, *PAGES], EDITOR)
    assert len(report.added) == 15
    assert commits(store) == before + 1  # every article of the run in one commit
    assert report.commit == store.head()
    budget = services.current(store, "council-approves-budget").meta
    assert budget.headline == "Council approves 2025 budget after late-night session"
    assert budget.byline == "Priya Raman"
    assert budget.published.isoformat() == "2025-01-14T03:12:00+00:00"
    assert budget.section == "Local"
    assert budget.url == "https://ledger.example/2025/01/council-approves-budget/"
    hawks = services.current(store, "hawks-win-regional-final").meta
    assert (hawks.byline, str(hawks.published)) == ("Marc Dubois", "2025-03-16")
    bakery = services.current(store, "bakery-fifty-years")
    assert (bakery.meta.byline, str(bakery.meta.published)) == ("Rosa Chen", "2025-05-03")
    # The page's headline and credit line are not paragraphs; paragraphs are kept.
    assert bakery.body.startswith("The Old Mill Bakery opened its doors")
    assert bakery.body.count("\n\n") == 3
    assert validate(store).ok
    assert len(services.list_articles(store)) == 15

    again = import_articles(store, [WXR, *PAGES], EDITOR)
    assert again.added == []
    assert again.commit is None
    assert len(again.unchanged) == 15
    assert commits(store) == before + 1


def test_the_raw_page_is_kept_beside_the_article_and_its_origin_recorded(
    store: GitStore,
) -> None:
    import_articles(store, [FIXTURES / "council-vote.html"], EDITOR)
    slug = "council-approves-library-expansion"
    kept = store.root / "sources" / f"{slug}.html"
    assert kept.read_bytes() == (FIXTURES / "council-vote.html").read_bytes()
    fields = services.current(store, slug).fields
    assert fields["imported"]["format"] == "html"
    assert fields["imported"]["page"] == f"sources/{slug}.html"
    assert fields["imported"]["file"] == "council-vote.html"  # no local path
    body = services.current(store, slug).body
    assert "tracking" not in body
    assert "Most read" not in body
    assert "All rights" not in body
    assert "$4.5 million expansion" in body
    assert validate(store).ok


def test_wordpress_rest_json_and_ninjs(store: GitStore) -> None:
    report = import_articles(store, [WP_JSON, NINJS], EDITOR)
    assert [a.slug for a in report.added] == [
        "farmers-market-returns",
        "council-delays-parking-vote",
        "transit-ridership",
    ]
    market = services.current(store, "farmers-market-returns")
    assert market.meta.headline == "Farmers\u2019 market returns to the square"
    assert market.meta.byline == "Priya Raman"
    assert market.meta.section == "Local"
    assert market.meta.tags == ["Markets"]
    assert market.meta.published.isoformat() == "2025-05-10T13:00:00+00:00"
    assert market.body == (
        "The farmers\u2019 market is back in the town square every Saturday from 8 a.m. "
        "to 1 p.m.\n\nTwenty-two vendors have signed up, four more than last year.\n"
    )
    wire = services.current(store, "transit-ridership")
    assert wire.meta.byline == "Wire Staff"
    assert wire.fields["imported"]["id"] == "urn:newsml:wire.example:20250520:ridership"
    assert validate(store).ok


def test_dry_run_writes_nothing(store: GitStore) -> None:
    head = store.head()
    report = import_articles(store, [WXR, *PAGES], EDITOR, dry_run=True)
    assert len(report.added) == 15
    assert report.commit is None
    assert report.dry_run
    assert store.head() == head
    assert not (store.root / "sources").exists()
    assert not list((store.root / "articles").glob("*.md"))


def test_a_slug_held_by_another_article_is_reported(store: GitStore, tmp_path: Path) -> None:
    own = write_article(tmp_path, "bridge-repairs-begin.md", "Our own bridge story", "Text.\n")
    services.add_articles(store, [own], EDITOR)
    report = import_articles(store, [WXR], EDITOR)
    assert [t.slug for t in report.taken] == ["bridge-repairs-begin"]
    assert "was not imported from this item" in report.taken[0].reason
    assert services.current(store, "bridge-repairs-begin").meta.headline == "Our own bridge story"
    assert len(report.added) == 11
    assert report.findings


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><item><title>&lol3;</title></item></channel></rss>
"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&secret;</title></item></channel></rss>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/wxr.dtd">
<rss><channel><item><title>A title</title></item></channel></rss>
"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BILLION_LAUGHS, "refused: it has a document type"),
        (EXTERNAL, "refused"),
        (EXTERNAL_DTD, "refused"),
    ],
)
def test_xml_entities_are_refused_before_anything_is_read(
    store: GitStore, tmp_path: Path, data: bytes, reason: str
) -> None:
    hostile = tmp_path / "hostile.xml"
    hostile.write_bytes(data)
    head = store.head()
    with pytest.raises(BadInput, match=reason):
        import_articles(store, [hostile, WP_JSON], EDITOR)
    assert store.head() == head


def test_hostile_titles_and_bodies_become_inert_text(store: GitStore, tmp_path: Path) -> None:
    post = {
        "id": 7,
        "date_gmt": "2025-06-01T10:00:00",
        "slug": "../../etc/Passwd \u202e",
        "link": "javascript:alert(1)",
        "title": {
            "rendered": "Evil \u001b[31mred</title><script>alert(1)</script> \u202eoverride \ud800"
        },
        "content": {
            "rendered": "<p>One \u001b]8;;https://x\u0007link</p><script>alert(1)</script>"
            "<style>p{}</style><p>Two [bold]x[/] <iframe src=x></iframe>\u0000</p>"
        },
    }
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps([post]))
    report = import_articles(store, [source], EDITOR, "wp-json")
    assert [a.slug for a in report.added] == ["etc-passwd"]
    article = services.current(store, "etc-passwd")
    assert "\x1b" not in article.meta.headline
    assert "\u202e" not in article.meta.headline
    assert "<script" not in article.meta.headline
    assert article.meta.headline.endswith("override \ufffd")
    assert article.meta.url is None
    assert "\x1b" not in article.body
    assert "\x00" not in article.body
    assert "\x07" not in article.body
    assert "alert" not in article.body
    assert "p{}" not in article.body
    assert "\u241b" in article.body  # ESC shown as a visible placeholder
    assert "[bold]x[/]" in article.body  # text, kept as text
    assert validate(store).ok


def many_posts(path: Path, count: int) -> Path:
    """An export of ``count`` posts made from the fixture's first one."""
    text = WXR.read_text()
    head, rest = text.split("  <item>", 1)
    first = rest.split("  <item>", 1)[0]
    items = [
        "  <item>"
        + first.replace("council-approves-budget", f"post-{n}").replace("?p=101", f"?p={n}")
        for n in range(count)
    ]
    path.write_text(head + "".join(items) + "</channel>\n</rss>\n")
    return path


def test_a_large_export_is_read_in_bulk_and_compared_byte_for_byte(
    store: GitStore, tmp_path: Path
) -> None:
    export = many_posts(tmp_path / "many.xml", 40)
    assert len(import_articles(store, [export], EDITOR).added) == 40
    export.write_text(export.read_text().replace("$48.2 million", "$48.9 million", 1))
    again = import_articles(store, [export], EDITOR)
    assert again.commit is None
    assert len(again.unchanged) == 39
    assert [c.slug for c in again.changed] == ["post-0"]


def test_a_page_saved_again_with_other_furniture_is_not_a_changed_article(
    store: GitStore, tmp_path: Path
) -> None:
    page = tmp_path / "council-vote.html"
    page.write_bytes((FIXTURES / "council-vote.html").read_bytes())
    import_articles(store, [page], EDITOR)
    text = page.read_text()
    page.write_text(text.replace("Bakery turns fifty", "Ferry schedule changes"))
    assert len(import_articles(store, [page], EDITOR).unchanged) == 1
    page.write_text(text.replace("voted 6-3", "voted 7-2"))
    changed = import_articles(store, [page], EDITOR).changed
    assert [c.slug for c in changed] == ["council-approves-library-expansion"]
