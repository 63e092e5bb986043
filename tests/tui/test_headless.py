"""A headless app draws no frames (``tui/headless.py``) unless it is asked to, and what reads
the screen still sees it whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.strip import Strip

from corrections.tui.app import CorrectionsApp
from corrections.tui.widgets.row_table import RowTable
from tests.support.tui import flat, running, screen_text

pytestmark = pytest.mark.asyncio


@pytest.fixture
def drawn_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The line numbers every RowTable was asked to render, in order."""
    rows: list[int] = []
    render_line = RowTable.render_line

    def counting(table: RowTable, y: int) -> Strip:
        rows.append(y)
        return render_line(table, y)

    monkeypatch.setattr(RowTable, "render_line", counting)
    return rows


@pytest.mark.parametrize("frames", [False, True])
async def test_frames_are_drawn_headless_only_when_asked(
    frames: bool, tui_demo: Path, drawn_rows: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CorrectionsApp, "draws_headless_frames", frames)
    async with running(tui_demo) as pilot:
        await pilot.press("down", "down")
        await pilot.pause()
        assert bool(drawn_rows) is frames
        # Reading the screen renders what no frame drew (a drawn line comes from its cache).
        text = flat(screen_text(pilot))
        assert "Riverton" in text
        assert drawn_rows


async def test_a_screenshot_of_an_undrawn_app_shows_the_screen(tui_demo: Path) -> None:
    assert not CorrectionsApp.draws_headless_frames
    async with running(tui_demo) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        svg = pilot.app.export_screenshot()
    assert "Argentina" in svg
