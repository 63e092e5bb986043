"""`corrections feed`: the public corrections log from a real store, through the services
and through the real console script."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SEED_SLUG, git, run_cli
from corrections import services
from corrections.domain.kinds import Kind
from corrections.domain.records import Verdict
from corrections.services.demo import EDITOR
from corrections.store.git_store import GitStore, Identity

REVIEWER = Identity("Sam Reviewer", "sam@newsroom.invalid")
PUBLISHER = Identity("Lee Publisher", "lee@newsroom.invalid")
ARGENTINA = "Argentina withdrew its candidacy in December."
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://news.example/corrections/"
HOSTILE_NOTE = (
    "Said </script><script>alert(1)</script> <b>bold</b> ]]> \x1b[31mred \x00 \u202eevil <!--"
)
HOSTILE_HEADLINE = r"Evil </script><b>bold</b> ]]> \e[31mred \0nul \u202Eevil"
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
CONTROLS += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]


def approve_and_publish(store: GitStore, record_id: str) -> None:
    services.review(store, record_id, REVIEWER, Verdict.approve)
    services.publish(store, record_id, PUBLISHER)


def next_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Later steps happen a day after the pinned date, so "newest first" has an answer."""
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, "2026-01-16T09:30:00+00:00")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo store with the Argentina clarification approved and published."""
    path = tmp_path / "demo"
    services.build_demo(path)
    store = services.open_store(path)
    try:
        records, _ = services.list_corrections(store, article=SEED_SLUG)
        approve_and_publish(store, records[0].id)
    finally:
        store.close()
    return path


@pytest.fixture
def hostile(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Also an article whose headline and published note are hostile text."""
    next_day(monkeypatch)
    source = tmp_path / "evil.md"
    source.write_text(
        f'---\nheadline: "{HOSTILE_HEADLINE}"\npublished: 2026-01-10\n---\n'
        "The council met on Tuesday.\n",
        encoding="utf-8",
    )
    store = services.open_store(demo)
    try:
        services.add_articles(store, [source], EDITOR)
        record = services.propose(
            store,
            "evil",
            "The council met on Tuesday night.\n",
            Kind.correction,
            EDITOR,
            note=HOSTILE_NOTE,
        )
        approve_and_publish(store, record.id)
    finally:
        store.close()
    return demo


def build(path: Path, fmt: str, base_url: str | None = BASE) -> services.FeedOutput:
    store = services.open_store(path)
    try:
        return services.build_feed(store, fmt, base_url)
    finally:
        store.close()


def cli_feed(path: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("--store", str(path), "feed", *args)
    return result.returncode, result.stdout, result.stderr


class Page(HTMLParser):
    """The tags of an HTML page and the text of its script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            assert ("type", "application/ld+json") in attrs
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


# ---------------------------------------------------------------------- formats


def test_atom_through_the_console_script_is_well_formed_and_has_the_note(demo: Path) -> None:
    code, out, err = cli_feed(demo, "--format", "atom")
    assert code == 0, err
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    content = entries[0].findtext(f"{ATOM}content") or ""
    assert content.startswith("This article has been updated to clarify that")
    assert ARGENTINA in content
    title = entries[0].findtext(f"{ATOM}title") or ""
    assert title.startswith("Clarification: Putin visits Xi")
    # The feed's date is its newest entry's, not the time it was built.
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    assert "1 correction in the atom feed" in err


def test_rss_is_well_formed_and_has_the_note(demo: Path) -> None:
    code, out, err = cli_feed(demo, "--format", "rss", "--base-url", BASE)
    assert code == 0, err
    channel = ET.fromstring(out.encode("utf-8")).find("channel")
    assert channel is not None
    assert channel.findtext("link") == BASE
    items = channel.findall("item")
    assert len(items) == 1
    assert ARGENTINA in (items[0].findtext("description") or "")
    guid = items[0].find("guid")
    assert guid is not None
    assert guid.get("isPermaLink") == "false"
    assert (guid.text or "").startswith("urn:corrections:the-globe-and-mail:")


def test_json_feed_has_the_required_fields(demo: Path) -> None:
    data = json.loads(build(demo, "json").text)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "The Globe and Mail: corrections"
    assert data["home_page_url"] == BASE
    (item,) = data["items"]
    assert {"id", "url", "title", "content_text", "date_published"} <= set(item)
    assert ARGENTINA in item["content_text"]
    assert item["url"].startswith(BASE + "#c-")
    extension = item["_corrections"]
    assert extension["kind"] == "clarification"
    assert extension["article"]["slug"] == SEED_SLUG
    assert extension["article"]["published"] == "2024-05-15"


def test_html_page_through_the_console_script_carries_json_ld(demo: Path) -> None:
    code, out, err = cli_feed(demo, "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert "http://" not in out.replace("https://schema.org", "")  # no external assets
    page = parse_page(out)
    assert page.tags.count("script") == 1
    (data,) = [json.loads(script) for script in page.scripts]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Putin visits Xi")
    (comment,) = data["correction"]
    assert comment["@type"] == "CorrectionComment"
    assert ARGENTINA in comment["text"]
    assert comment["datePublished"] == "2026-01-15"
    assert ARGENTINA in out.split("<script", 1)[0]  # shown to readers, not only to crawlers


def test_typos_and_unpublished_corrections_stay_out(demo: Path) -> None:
    store = services.open_store(demo)
    try:
        text = services.editable_text(store, "old-mill-bakery-fifty-years")
        assert "neighbours" in text
        record = services.propose(
            store,
            "old-mill-bakery-fifty-years",
            text.replace("neighbours", "neighbors", 1),
            Kind.typo,
            EDITOR,
        )
        approve_and_publish(store, record.id)
    finally:
        store.close()
    data = json.loads(build(demo, "json").text)
    assert [i["_corrections"]["article"]["slug"] for i in data["items"]] == [SEED_SLUG]


def test_newest_first_and_limit(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    next_day(monkeypatch)
    store = services.open_store(demo)
    try:
        records, _ = services.list_corrections(store, article="riverton-library-expansion")
        approve_and_publish(store, records[0].id)
        newest = records[0].id
        everything = services.build_feed(store, "json")
        limited = services.build_feed(store, "json", limit=1)
    finally:
        store.close()
    items = json.loads(everything.text)["items"]
    assert [i["_corrections"]["article"]["slug"] for i in items] == [
        "riverton-library-expansion",
        SEED_SLUG,
    ]
    assert items[0]["_corrections"]["correction_id"] == newest
    assert [i["id"] for i in json.loads(limited.text)["items"]] == [items[0]["id"]]


# ---------------------------------------------------------------------- stable output


def test_ids_and_output_are_the_same_across_runs_and_clones(demo: Path, tmp_path: Path) -> None:
    first = cli_feed(demo, "--format", "atom")[1]
    second = cli_feed(demo, "--format", "atom")[1]
    assert first == second
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(demo), str(clone))
    assert cli_feed(clone, "--format", "atom")[1] == first
    ids = [e.text for e in ET.fromstring(first.encode()).iter(f"{ATOM}id")]
    store = services.open_store(demo)
    try:
        (record,) = services.list_corrections(store, article=SEED_SLUG)[0]
    finally:
        store.close()
    assert ids == [
        "urn:corrections:the-globe-and-mail",
        f"urn:corrections:the-globe-and-mail:{record.id}",
    ]
    for fmt in ("json", "html", "rss"):
        assert build(demo, fmt).text == build(demo, fmt).text


# ---------------------------------------------------------------------- hostile text


def test_hostile_text_gives_well_formed_feeds_without_controls(hostile: Path) -> None:
    for fmt in ("atom", "rss", "json", "html"):
        text = build(hostile, fmt).text
        assert not [c for c in CONTROLS if c in text], fmt
        assert "[31m" not in text, fmt
    atom = ET.fromstring(build(hostile, "atom").text.encode("utf-8"))
    titles = [e.findtext(f"{ATOM}title") or "" for e in atom.findall(f"{ATOM}entry")]
    assert "Correction: Evil </script><b>bold</b> ]]> red nul evil" in titles
    contents = [e.findtext(f"{ATOM}content") or "" for e in atom.findall(f"{ATOM}entry")]
    assert any("Said </script><script>alert(1)</script> <b>bold</b> ]]> red" in c for c in contents)
    ET.fromstring(build(hostile, "rss").text.encode("utf-8"))
    items = json.loads(build(hostile, "json").text)["items"]
    assert any("<b>bold</b>" in i["content_text"] for i in items)  # unescaped, plain text


def test_hostile_text_cannot_add_tags_or_close_the_script(hostile: Path) -> None:
    code, out, err = cli_feed(hostile, "--format", "html")
    assert code == 0, err
    page = parse_page(out)
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "p"}
    allowed |= {"time", "ol", "li", "h2", "span", "br", "script", "a"}
    assert set(page.tags) <= allowed
    assert "b" not in page.tags
    assert page.tags.count("script") == 2  # one per article, none injected
    assert out.count("</script>") == 2
    scripts = [json.loads(script) for script in page.scripts]
    evil = next(s for s in scripts if s["headline"].startswith("Evil"))
    assert evil["headline"] == "Evil </script><b>bold</b> ]]> red nul evil"
    assert "<script>alert(1)</script>" in evil["correction"][0]["text"]
    shown = re.sub(r"<script[^>]*>.*?</script>", "", out, flags=re.DOTALL)
    assert "Evil &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; ]]&gt; red nul evil</h2>" in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


# ---------------------------------------------------------------------- robustness


def test_a_malformed_record_does_not_break_the_feed(demo: Path) -> None:
    bad = demo / "corrections" / SEED_SLUG / "20260101T000000Z-deadbeef.yaml"
    bad.write_text("status: published\nstatus: [unclosed\n", encoding="utf-8")
    git(demo, "add", "--", str(bad.relative_to(demo)))
    git(demo, "commit", "-qm", "A broken record")
    result = build(demo, "atom")
    assert result.entries == 1
    assert ARGENTINA in result.text
    assert any("20260101T000000Z-deadbeef.yaml" in p for p in result.problems)
    code, out, err = cli_feed(demo, "--format", "html")
    assert code == 0
    assert ARGENTINA in out
    assert "skipped corrections/" in err
    assert "20260101T000000Z-deadbeef.yaml" in err
    assert "deadbeef" not in out


def test_output_file_is_written_whole(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "corrections.html"
    target.parent.mkdir()
    target.write_text("old page", encoding="utf-8")
    code, out, err = cli_feed(demo, "--format", "html", "-o", str(target))
    assert (code, out) == (0, ""), err
    assert "corrections.html" in err
    assert "application/ld+json" in target.read_text(encoding="utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["corrections.html"]
    code, _, err = cli_feed(demo, "-o", str(tmp_path / "missing" / "feed.xml"))
    assert code == 2
    assert "cannot write" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--base-url", "javascript:alert(1)"],
        ["--base-url", "news.example/corrections"],
        ["--base-url", "https://news.example/c/#top"],
        ["--limit", "0"],
        ["--format", "rss"],  # an RSS channel needs a link
    ],
)
def test_bad_input_exits_2(demo: Path, args: list[str]) -> None:
    code, out, err = cli_feed(demo, *args)
    assert code == 2
    assert out == ""
    assert err
