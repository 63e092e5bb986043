"""The editor: a save that changes nothing proposes nothing; real edits keep the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, TextArea

from corrections import services
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord
from corrections.store.git_store import Identity
from corrections.tui.messages import EditArticle, ReviseCorrection
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.review import ReviewScreen
from tests.support.tui import running, screen_text, settle

pytestmark = pytest.mark.asyncio

SLUG = "separators"
# CRLF line endings, a line and a paragraph separator, a form feed, NEL, no final newline:
# a TextArea rewrites every one of them when it loads the text.
BODY = (
    "First line one.\r\nFirst line two.\r\n\r\n"
    "A line\u2028with a separator and\u2029a paragraph one.\r\n\r\n"
    "Form\x0cfeed and next\x85line here.\r\n\r\n"
    "The vote was 7-2 on Tuesday."
)


def separators_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    archive = Identity("Archive Desk", "archive@newsroom.invalid")
    source = tmp_path / f"{SLUG}.md"
    source.write_bytes(
        b"---\r\nheadline: Separators\r\npublished: 2026-01-10\r\n---\r\n" + BODY.encode()
    )
    with services.init(path, "globe", archive) as store:
        services.add_articles(store, [source], archive)
    return path


def records(path: Path) -> list[CorrectionRecord]:
    with services.open_store(path) as store:
        return services.list_corrections(store)[0]


async def open_editor(pilot: Pilot[None], slug: str) -> TextArea:
    pilot.app.post_message(EditArticle(slug))
    await settle(pilot)
    assert isinstance(pilot.app.screen, EditorScreen)
    return pilot.app.screen.query_one("#editor", TextArea)


async def test_untouched_save_proposes_nothing(tmp_path: Path) -> None:
    path = separators_store(tmp_path)
    async with running(path, "Maya Editor") as pilot:
        editor = await open_editor(pilot, SLUG)
        assert "\u2028" not in editor.text
        assert "\x0c" not in editor.text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing changed: no correction proposed." in screen_text(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
    assert records(path) == []


async def test_edit_and_undo_proposes_nothing(tmp_path: Path) -> None:
    path = separators_store(tmp_path)
    async with running(path, "Maya Editor") as pilot:
        editor = await open_editor(pilot, SLUG)
        editor.move_cursor((5, 0))
        await pilot.press("x", "y", "backspace", "backspace")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "No change yet" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing changed" in screen_text(pilot)
    assert records(path) == []


async def test_real_edit_keeps_every_other_separator(tmp_path: Path) -> None:
    path = separators_store(tmp_path)
    async with running(path, "Maya Editor") as pilot:
        editor = await open_editor(pilot, SLUG)
        row = next(n for n, line in enumerate(editor.document.lines) if "7-2" in line)
        editor.move_cursor((row, editor.document.lines[row].index("7-2")))
        await pilot.press("delete", "6")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "[-7-2-]{+6-2+}" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
    (record,) = records(path)
    # The article was added with CRLF line endings, stored as LF (.gitattributes); every
    # other separator is kept exactly.
    assert record.proposed_text.endswith(BODY.replace("\r\n", "\n").replace("7-2", "6-2"))
    assert record.note is not None
    assert "6-2" in record.note


async def change_bakery_number(pilot: Pilot[None], new: str) -> None:
    editor = await open_editor(pilot, "old-mill-bakery-fifty-years")
    row = next(n for n, line in enumerate(editor.document.lines) if "employs 14" in line)
    editor.move_cursor((row, editor.document.lines[row].index("14")))
    await pilot.press("delete", "delete", *new)
    await pilot.pause(0.3)
    await settle(pilot)


async def test_own_note_and_revision(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path, "Maya Editor") as pilot:
        await change_bakery_number(pilot, "15")
        note = pilot.app.screen.query_one("#note", TextArea)
        assert "It is 15, not 14." in note.text
        note.load_text("")
        note.insert("The bakery employs 15 people, not 14.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        record_id = pilot.app.screen.record_id
        (record,) = [r for r in records(path) if r.id == record_id]
        assert record.note == "The bakery employs 15 people, not 14."
        assert record.draft_note is not None
        assert "It is 15, not 14." in record.draft_note

        # Revising with nothing changed makes no revision; a new kind does, and the
        # editor's own note stays.
        pilot.app.post_message(ReviseCorrection(record_id))
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing changed: no revision made." in screen_text(pilot)
        pilot.app.screen.query_one("#kind", Select).value = Kind.clarification
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "revision 2" in screen_text(pilot)
    (record,) = [r for r in records(path) if r.id == record_id]
    assert record.kind is Kind.clarification
    assert record.revision == 2
    assert record.note == "The bakery employs 15 people, not 14."


async def test_typo_has_no_note(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path, "Maya Editor") as pilot:
        await change_bakery_number(pilot, "41")
        pilot.app.screen.query_one("#kind", Select).value = Kind.typo
        await pilot.pause(0.3)
        await settle(pilot)
        assert pilot.app.screen.query_one("#note", TextArea).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "No public note" in screen_text(pilot)
    (record,) = [r for r in records(path) if r.article == "old-mill-bakery-fifty-years"]
    assert record.kind is Kind.typo
    assert record.note is None


async def test_a_draft_that_needs_editing_says_why_under_the_note(tmp_path: Path) -> None:
    from textual.widgets import Static

    path = separators_store(tmp_path)
    async with running(path, "Maya Editor") as pilot:
        editor = await open_editor(pilot, SLUG)
        check = pilot.app.screen.query_one("#note-check", Static)
        assert not check.display  # nothing to say yet
        editor.text = editor.text.replace("7-2", "6-3")
        pilot.app.screen.query_one("#kind", Select).value = Kind.retraction
        await pilot.pause(0.3)
        await settle(pilot)
        assert check.display
        assert "Needs editing: the note needs a reason" in screen_text(pilot)
        note = pilot.app.screen.query_one("#note", TextArea)
        assert note.text == "This article has been retracted."
