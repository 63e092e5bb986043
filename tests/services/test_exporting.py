"""`corrections export`: an article as published, with its correction notes, as ninjs,
an HTML page or JSON, for a CMS that pulls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrections import services
from corrections.services.exporting import export_article, export_to_file
from tests.support import SEED_SLUG
from tests.support.feeds import ARGENTINA_SENTENCE, publish_hostile
from tests.support.fixtures import set_git_date
from tests.support.html import Page
from tests.support.store import NEXT_DAY

NOTE = "This article has been updated to clarify that Argentina withdrew its candidacy"


def export(path: Path, slug: str, fmt: str) -> str:
    store = services.open_store(path)
    try:
        return export_article(store, slug, fmt).text
    finally:
        store.close()


def test_json_gives_the_text_and_each_note_apart(published_demo: Path) -> None:
    data = json.loads(export(published_demo, SEED_SLUG, "json"))
    assert data["slug"] == SEED_SLUG
    assert data["version"] == 2
    assert data["published"] == "2024-05-15"
    assert ARGENTINA_SENTENCE in data["text"]
    assert "<!--" not in data["text"]  # the notes block is given apart, not as markup
    [note] = data["corrections"]
    assert note["kind"] == "clarification"
    assert note["text"].startswith(NOTE)
    assert note["placement"] == "bottom"
    assert data["text_with_notes"].rstrip().endswith(note["text"])


def test_ninjs_carries_the_notes_in_its_bodies_and_descriptions(published_demo: Path) -> None:
    data = json.loads(export(published_demo, SEED_SLUG, "ninjs"))
    assert data["uri"] == f"urn:corrections:the-globe-and-mail:article:{SEED_SLUG}"
    assert data["type"] == "text"
    assert data["version"] == "2"
    assert data["headlines"][0]["value"].startswith("Putin visits Xi")
    plain, html = data["bodies"]
    assert plain["contenttype"] == "text/plain"
    assert NOTE in plain["value"]
    assert html["contenttype"] == "text/html"
    assert '<aside class="correction"' in html["value"]
    assert data["descriptions"][0]["role"] == "correction"
    assert data["descriptions"][0]["value"].startswith(NOTE)


def test_an_article_without_corrections_exports_without_notes(published_demo: Path) -> None:
    data = json.loads(export(published_demo, "riverton-library-expansion", "ninjs"))
    assert "descriptions" not in data
    assert (
        json.loads(export(published_demo, "riverton-library-expansion", "json"))["corrections"]
        == []
    )


def test_html_is_a_page_with_the_note_and_json_ld(published_demo: Path) -> None:
    page_text = export(published_demo, SEED_SLUG, "html")
    page = Page()
    page.feed(page_text)
    assert page.tags.count("script") == 1  # JSON-LD data only
    data = json.loads(page.scripts[0])
    assert data["@type"] == "NewsArticle"
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert data["correction"][0]["text"].startswith(NOTE)
    assert "Content-Security-Policy" in page_text
    assert NOTE in page_text


def test_hostile_text_stays_text(
    published_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_git_date(monkeypatch, NEXT_DAY)
    publish_hostile(
        published_demo,
        tmp_path / "evil.md",
        'headline: "Evil </script><b>bold</b> \\e[31mred"\npublished: 2026-01-10\n'
        'byline: "<img src=x onerror=alert(1)>"\n',
        "The council met <i>on</i> Tuesday.\n",
    )
    page_text = export(published_demo, "evil", "html")
    page = Page()
    page.feed(page_text)
    assert "b" not in page.tags
    assert "img" not in page.tags
    assert "i" not in page.tags
    assert page.tags.count("script") == 1
    assert "\x1b" not in page_text
    assert "\u202e" not in page_text
    json.loads(page.scripts[0])
    data = json.loads(export(published_demo, "evil", "ninjs"))
    assert "\x1b" not in json.dumps(data, ensure_ascii=False)


def test_export_to_file_picks_the_format_by_name(published_demo: Path, tmp_path: Path) -> None:
    store = services.open_store(published_demo)
    try:
        result, where = export_to_file(store, SEED_SLUG, tmp_path / "seed.html")
    finally:
        store.close()
    assert result.format == "html"
    assert where.read_text().startswith("<!DOCTYPE html>")
