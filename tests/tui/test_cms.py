"""The app: "Import articles…" in the command palette, and an article exported from its
screen to a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from corrections import services
from corrections.tui.app import import_paths
from corrections.tui.messages import OpenArticle
from corrections.tui.screens.modals import MessageModal, PathModal
from tests.support import SEED_SLUG
from tests.support.store import IMPORT_FIXTURES
from tests.support.tui import notifications, running, settle, widget_text


@pytest.mark.asyncio
async def test_the_palette_imports_articles_and_shows_the_summary(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "import articles":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PathModal)
        pilot.app.screen.query_one(
            Input
        ).value = f"{IMPORT_FIXTURES}/posts.wp.json {IMPORT_FIXTURES}/*.html"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MessageModal)
        summary = widget_text(pilot, ".dialog-body")
        assert "Imported 5 article(s) in commit" in summary
        assert "farmers-market-returns: Farmers\u2019 market returns to the square" in summary
        await pilot.press("escape")
        await settle(pilot)
        catalog = {s.slug for s in pilot.app.catalog}  # type: ignore[attr-defined]
    assert {"farmers-market-returns", "hawks-win-regional-final"} <= catalog
    with services.open_store(path) as store:
        assert services.current(store, "bakery-fifty-years").meta.byline == "Rosa Chen"


@pytest.mark.asyncio
async def test_the_article_screen_exports_to_a_file_and_says_where(
    tui_demo: Path, tmp_path: Path
) -> None:
    path = tui_demo
    target = tmp_path / "out" / "seed.ninjs.json"
    async with running(path) as pilot:
        pilot.app.post_message(OpenArticle(SEED_SLUG))
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PathModal)
        field = pilot.app.screen.query_one(Input)
        assert field.value == f"{SEED_SLUG}.html"
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        notes = notifications(pilot)
    assert target.read_text().startswith("{")
    assert any(f"as ninjs to {target}" in note for note in notes)


def test_import_paths_split_like_a_shell_and_expand_patterns(tmp_path: Path) -> None:
    (tmp_path / "a b.html").write_text("x")
    (tmp_path / "c.html").write_text("x")
    found = import_paths(f"'{tmp_path}/a b.html' {tmp_path}/*.html")
    assert found == [tmp_path / "a b.html", tmp_path / "a b.html", tmp_path / "c.html"]
    with pytest.raises(ValueError, match="no file matches"):
        import_paths(f"{tmp_path}/*.xml")
