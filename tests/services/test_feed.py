"""The public corrections log built from a real store through the services: what goes in,
in which order, stable across runs and clones, and hostile text kept harmless."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.kinds import Kind
from corrections.services.demo import EDITOR
from tests.support import SEED_SLUG, approve_and_publish, git
from tests.support.feeds import (
    ARGENTINA_SENTENCE,
    ATOM,
    BASE,
    CONTROLS,
    HOSTILE_HEADLINE,
    build,
    cli_feed,
    publish_hostile,
)
from tests.support.fixtures import set_git_date
from tests.support.html import parse_page
from tests.support.store import NEXT_DAY


@pytest.fixture
def hostile(published_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Also an article whose headline and published note are hostile text."""
    set_git_date(monkeypatch, NEXT_DAY)
    publish_hostile(
        published_demo,
        tmp_path / "evil.md",
        f'headline: "{HOSTILE_HEADLINE}"\npublished: 2026-01-10\n',
    )
    return published_demo


def test_json_feed_has_the_required_fields(published_demo: Path) -> None:
    data = json.loads(build(published_demo, "json").text)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "The Globe and Mail: corrections"
    assert data["home_page_url"] == BASE
    (item,) = data["items"]
    assert {"id", "url", "title", "content_text", "date_published"} <= set(item)
    assert ARGENTINA_SENTENCE in item["content_text"]
    assert item["url"].startswith(BASE + "#c-")
    extension = item["_corrections"]
    assert extension["kind"] == "clarification"
    assert extension["article"]["slug"] == SEED_SLUG
    assert extension["article"]["published"] == "2024-05-15"


def test_typos_and_unpublished_corrections_stay_out(published_demo: Path) -> None:
    store = services.open_store(published_demo)
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
    data = json.loads(build(published_demo, "json").text)
    assert [i["_corrections"]["article"]["slug"] for i in data["items"]] == [SEED_SLUG]


def test_newest_first_and_limit(published_demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_git_date(monkeypatch, NEXT_DAY)
    store = services.open_store(published_demo)
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


def test_ids_and_output_are_the_same_across_runs_and_clones(
    published_demo: Path, tmp_path: Path
) -> None:
    first = cli_feed(published_demo, "--format", "atom")[1]
    second = cli_feed(published_demo, "--format", "atom")[1]
    assert first == second
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(published_demo), str(clone))
    assert cli_feed(clone, "--format", "atom")[1] == first
    ids = [e.text for e in ET.fromstring(first.encode()).iter(f"{ATOM}id")]
    store = services.open_store(published_demo)
    try:
        (record,) = services.list_corrections(store, article=SEED_SLUG)[0]
    finally:
        store.close()
    assert ids == [
        "urn:corrections:the-globe-and-mail",
        f"urn:corrections:the-globe-and-mail:{record.id}",
    ]
    for fmt in ("json", "html", "rss"):
        assert build(published_demo, fmt).text == build(published_demo, fmt).text


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


def test_a_malformed_record_does_not_break_the_feed(published_demo: Path) -> None:
    bad = published_demo / "corrections" / SEED_SLUG / "20260101T000000Z-deadbeef.yaml"
    bad.write_text("status: published\nstatus: [unclosed\n", encoding="utf-8")
    git(published_demo, "add", "--", str(bad.relative_to(published_demo)))
    git(published_demo, "commit", "-qm", "A broken record")
    result = build(published_demo, "atom")
    assert result.entries == 1
    assert ARGENTINA_SENTENCE in result.text
    assert any("20260101T000000Z-deadbeef.yaml" in p for p in result.problems)
    code, out, err = cli_feed(published_demo, "--format", "html")
    assert code == 0
    assert ARGENTINA_SENTENCE in out
    assert "skipped corrections/" in err
    assert "20260101T000000Z-deadbeef.yaml" in err
    assert "deadbeef" not in out
