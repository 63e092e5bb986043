"""A fault in the tool inside a worker: a dialog with the crash report, and the app runs on.

The fault is real: an untracked file stands where the new correction's folder must be
written in the work tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_support import demo_store, flat, running, screen_text, settle

from corrections import services
from corrections.services.validate import validate
from corrections.tui.messages import EditArticle
from corrections.tui.screens.articles import ArticlesScreen
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.modals import ErrorModal

pytestmark = pytest.mark.asyncio

BAKERY = "old-mill-bakery-fifty-years"


async def test_failed_worker_opens_a_dialog_and_the_app_keeps_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = demo_store(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    (path / "corrections" / BAKERY).write_text("in the way\n")
    async with running(path, "Maya Editor") as pilot:
        pilot.app.post_message(EditArticle(BAKERY))
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        editor = pilot.app.screen.query_one("#editor", TextArea)
        row = next(n for n, line in enumerate(editor.document.lines) if "employs 14" in line)
        editor.move_cursor((row, editor.document.lines[row].index("14")))
        await pilot.press("delete", "delete", "1", "5")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, ErrorModal)
        shown = flat(screen_text(pilot))
        assert "Could not propose the correction: internal error (NotADirectoryError)" in shown
        (report,) = (cache / "corrections").glob("crash-*.txt")
        assert f"A crash report (without any article text) is in {report}" in flat(
            str(pilot.app.screen.message)
        )
        text = report.read_text(encoding="utf-8")
        assert "doing: corrections tui: propose the correction" in text
        assert "NotADirectoryError (message left out)" in text
        assert BAKERY not in text
        assert "employs" not in text

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticlesScreen)
        assert pilot.app.is_running

    # The step is one whole commit: the store holds the proposal and validates clean.
    with services.open_store(path) as store:
        records, _ = services.list_corrections(store, article=BAKERY)
        assert len(records) == 1
        assert validate(store).findings == []
