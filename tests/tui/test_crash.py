"""A fault in the tool inside a worker: a dialog with the crash report, and the app runs on.

The fault is a broken installation: the YAML writer, which loads only when a step writes an
event, fails when it is imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import TextArea

from corrections import services
from corrections.services.validate import validate
from corrections.tui.messages import EditArticle
from corrections.tui.screens.articles import ArticlesScreen
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.modals import ErrorModal
from tests.support.tui import flat, running, screen_text, settle

pytestmark = pytest.mark.asyncio

BAKERY = "old-mill-bakery-fifty-years"


def break_the_yaml_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put a ruamel.yaml that raises when imported first on the path, and forget the one
    loaded already (monkeypatch restores it afterwards)."""
    package = tmp_path / "broken" / "ruamel"
    (package / "yaml").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    # The message is set apart from the raising line, which the report shows as code.
    (package / "yaml" / "__init__.py").write_text(
        "message = 'broken installation'\nraise RuntimeError(message)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "broken"))
    for name in list(sys.modules):
        if name == "ruamel" or name.startswith("ruamel.") or name.endswith(".yamlwrite"):
            monkeypatch.delitem(sys.modules, name)


async def test_failed_worker_opens_a_dialog_and_the_app_keeps_running(
    tui_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tui_demo
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    with services.open_store(path) as store:
        head = store.head()
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
        break_the_yaml_writer(tmp_path, monkeypatch)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, ErrorModal)
        shown = flat(screen_text(pilot))
        assert "Could not propose the correction: internal error (RuntimeError)" in shown
        (report,) = (cache / "corrections").glob("crash-*.txt")
        assert f"A crash report (without any article text) is in {report}" in flat(
            str(pilot.app.screen.message)
        )
        text = report.read_text(encoding="utf-8")
        assert "doing: corrections tui: propose the correction" in text
        assert "builtins.RuntimeError (message left out)" in text
        assert "broken installation" not in text
        assert BAKERY not in text
        assert "employs" not in text

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticlesScreen)
        assert pilot.app.is_running

    # Nothing was written, and the store validates clean.
    with services.open_store(path) as store:
        assert store.head() == head
        records, _ = services.list_corrections(store, article=BAKERY)
        assert records == []
        assert validate(store).findings == []
