"""`corrections feed`: the public corrections log through the command line, in every
format, to stdout or a file, and its bad input."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.feeds import ARGENTINA_SENTENCE, ATOM, BASE, cli_feed
from tests.support.html import parse_page

# ---------------------------------------------------------------------- formats


def test_atom_through_the_console_script_is_well_formed_and_has_the_note(
    published_demo: Path,
) -> None:
    code, out, err = cli_feed(published_demo, "--format", "atom")
    assert code == 0, err
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    content = entries[0].findtext(f"{ATOM}content") or ""
    assert content.startswith("This article has been updated to clarify that")
    assert ARGENTINA_SENTENCE in content
    title = entries[0].findtext(f"{ATOM}title") or ""
    assert title.startswith("Clarification: Putin visits Xi")
    # The feed's date is its newest entry's, not the time it was built.
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    assert "1 correction in the atom feed" in err


def test_rss_is_well_formed_and_has_the_note(published_demo: Path) -> None:
    code, out, err = cli_feed(published_demo, "--format", "rss", "--base-url", BASE)
    assert code == 0, err
    channel = ET.fromstring(out.encode("utf-8")).find("channel")
    assert channel is not None
    assert channel.findtext("link") == BASE
    items = channel.findall("item")
    assert len(items) == 1
    assert ARGENTINA_SENTENCE in (items[0].findtext("description") or "")
    guid = items[0].find("guid")
    assert guid is not None
    assert guid.get("isPermaLink") == "false"
    assert (guid.text or "").startswith("urn:corrections:the-globe-and-mail:")


def test_html_page_through_the_console_script_carries_json_ld(published_demo: Path) -> None:
    code, out, err = cli_feed(published_demo, "--format", "html")
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
    assert ARGENTINA_SENTENCE in comment["text"]
    assert comment["datePublished"] == "2026-01-15"
    assert (
        ARGENTINA_SENTENCE in out.split("<script", 1)[0]
    )  # shown to readers, not only to crawlers


def test_output_file_is_written_whole(published_demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "corrections.html"
    target.parent.mkdir()
    target.write_text("old page", encoding="utf-8")
    code, out, err = cli_feed(published_demo, "--format", "html", "-o", str(target))
    assert (code, out) == (0, ""), err
    assert "corrections.html" in err
    assert "application/ld+json" in target.read_text(encoding="utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["corrections.html"]
    code, _, err = cli_feed(published_demo, "-o", str(tmp_path / "missing" / "feed.xml"))
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
def test_bad_input_exits_2(published_demo: Path, args: list[str]) -> None:
    code, out, err = cli_feed(published_demo, *args)
    assert code == 2
    assert out == ""
    assert err
