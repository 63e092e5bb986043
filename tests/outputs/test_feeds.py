"""The pure renderers of the corrections log: plain data in, well-formed text out."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from corrections import outputs
from corrections.domain.errors import BadInput
from corrections.outputs import ArticleRef, FeedFormat, PublishedNote, build_log, render
from corrections.outputs.text import multi_line, one_line

ATOM = "{http://www.w3.org/2005/Atom}"
UTC = dt.UTC


def note(
    correction_id: str = "20260115T120000Z-0000000a",
    kind: str = "clarification",
    text: str = "This article has been updated to clarify that it rained. (Jan. 15, 2026)",
    when: dt.datetime = dt.datetime(2026, 1, 15, 12, tzinfo=UTC),
    headline: str = "Rain falls",
    url: str | None = None,
    slug: str = "rain",
) -> PublishedNote:
    return PublishedNote(
        correction_id=correction_id,
        kind=kind,
        note=text,
        note_date=when.date(),
        date_text=f"{when:%b}. {when.day}, {when.year}",
        published=when,
        article=ArticleRef(slug, headline, url, dt.date(2026, 1, 10), "Weather"),
    )


def test_remove_controls_drops_escapes_controls_and_bidi_but_keeps_text() -> None:
    text = "a\x1b[31mred\x1b[0m b\x00c\x7fd\x85e\u202ef\u2066g\ud800h\ufffei\tj\nk\rl"
    assert outputs.remove_controls(text) == "ared bcdefghi\tj\nkl"
    assert outputs.remove_controls("\x1b]8;;https://x.example\x07link\x1b]8;;\x07") == "link"
    assert outputs.remove_controls("Zoë – “quoted” 北京 🙂") == "Zoë – “quoted” 北京 🙂"
    assert one_line("  two\n\tlines \x00 ") == "two lines"
    assert multi_line("Correction: Jan. 5\n\n  An earlier  version\x1b[2J") == (
        "Correction: Jan. 5\nAn earlier version"
    )


def test_unescape_markdown_undoes_stored_escapes_only() -> None:
    assert outputs.unescape_markdown(r"\<b\> \*x\* 6\-3 \\ a\b") == r"<b> *x* 6-3 \ a\b"


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "//news.example/a",
        "https://",
        "https://news.example/a b",
        'https://news.example/"onmouseover',
        "https://news.example/\x1b[31m",
        "ftp://news.example/a",
    ],
)
def test_only_plain_http_addresses_are_linked(value: str) -> None:
    assert outputs.public_url(value) is None
    with pytest.raises(BadInput):
        outputs.base_url(value)


def test_base_url_checks() -> None:
    assert outputs.base_url("https://news.example/c/") == "https://news.example/c/"
    with pytest.raises(BadInput, match="fragment"):
        outputs.base_url("https://news.example/c/#x")
    with pytest.raises(BadInput, match="password"):
        outputs.base_url("https://me:secret@news.example/c/")


def test_log_is_newest_first_with_stable_ids_and_the_newest_date() -> None:
    older = note("20260110T080000Z-0000000b", when=dt.datetime(2026, 1, 10, 8, tzinfo=UTC))
    newer = note("20260112T080000Z-0000000c", when=dt.datetime(2026, 1, 12, 8, tzinfo=UTC))
    typo = note("20260113T080000Z-0000000d", kind="typo")
    log = build_log("The Daily", "the-daily", [older, typo, newer], "https://d.example/c/")
    assert [e.id for e in log.entries] == [
        "urn:corrections:the-daily:20260112T080000Z-0000000c",
        "urn:corrections:the-daily:20260110T080000Z-0000000b",
    ]
    assert log.updated == newer.published
    assert log.entries[0].link == "https://d.example/c/#c-20260112T080000Z-0000000c"
    assert build_log("The Daily", "the-daily", [newer, older]) == build_log(
        "The Daily", "the-daily", [older, newer]
    )


def test_article_address_is_the_link_when_it_is_one() -> None:
    good = note(url="https://d.example/rain")
    bad = note("20260115T120000Z-0000000e", url="javascript:alert(1)", slug="bad")
    log = build_log("The Daily", "the-daily", [good, bad])
    links = {e.note.article.slug: e.link for e in log.entries}
    assert links == {"rain": "https://d.example/rain", "bad": None}
    page = render(log, FeedFormat.html)
    assert '<a href="https://d.example/rain">Rain falls</a>' in page
    assert "javascript:" not in page


def test_empty_log_renders_in_every_format() -> None:
    log = build_log("The Daily", "the-daily", [], "https://d.example/c/")
    assert log.updated == outputs.EPOCH
    assert ET.fromstring(render(log, FeedFormat.atom).encode()).find(f"{ATOM}entry") is None
    assert ET.fromstring(render(log, FeedFormat.rss).encode()).find("channel/item") is None
    assert json.loads(render(log, FeedFormat.json))["items"] == []
    assert "No corrections have been published." in render(log, FeedFormat.html)


def test_dateline_notes_keep_their_lines() -> None:
    text = "Correction: Jan. 15, 2026\nAn earlier version of this article misstated the rain."
    log = build_log("The Daily", "the-daily", [note(text=text)])
    assert "Correction: Jan. 15, 2026<br>\nAn earlier version" in render(log, FeedFormat.html)
    item = json.loads(render(log, FeedFormat.json))["items"][0]
    assert item["content_text"] == text


def test_json_ld_cannot_close_its_script_or_open_a_comment() -> None:
    hostile = "</script><script>alert(1)</script> <!-- <script>"
    log = build_log("The Daily", "the-daily", [note(text=hostile, headline=hostile)])
    page = render(log, FeedFormat.html)
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "</" not in script
    assert "<!--" not in script
    data = json.loads(script)
    assert data["headline"] == hostile
    assert data["correction"][0]["text"] == hostile


def test_feed_format_names() -> None:
    assert outputs.feed_format("atom") is FeedFormat.atom
    with pytest.raises(BadInput, match="unknown feed format"):
        outputs.feed_format("xml")
