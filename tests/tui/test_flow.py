"""The whole job in the app: propose a correction, review it, publish it, read the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from corrections import services
from corrections.domain.records import Status
from corrections.tui.screens.article import ArticleScreen
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.review import ReviewScreen
from tests.support import seed_correction
from tests.support.tui import (
    diff_text,
    flat,
    open_from_queue,
    running,
    screen_text,
    settle,
    widget_text,
)

pytestmark = pytest.mark.asyncio

BAKERY = "old-mill-bakery-fifty-years"


async def test_propose_review_publish(tui_demo: Path) -> None:
    path = tui_demo

    # The editor finds the article, fixes a number and proposes the change.
    async with running(path, "Maya Editor") as pilot:
        await pilot.press(*"bakery")
        assert "1 of 5 articles" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticleScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        editor = pilot.app.screen.query_one("#editor", TextArea)
        row = next(n for n, text in enumerate(editor.document.lines) if "employs 14" in text)
        column = editor.document.lines[row].index("14")
        editor.move_cursor((row, column))
        await pilot.press("delete", "delete", "1", "6")
        await pilot.pause(0.3)
        await settle(pilot)
        shown = screen_text(pilot)
        assert "[-14-]{+16+}" in shown
        assert "16" in pilot.app.screen.query_one("#note", TextArea).text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "proposed" in screen_text(pilot)

    with services.open_store(path) as store:
        records, _ = services.list_corrections(store, article=BAKERY)
    assert [(r.status, r.proposer) for r in records] == [(Status.proposed, "Maya Editor")]
    record_id = records[0].id

    # The reviewer finds it in the queue, approves it and publishes it.
    async with running(path, "Sam Reviewer") as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press(*"bakery", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert "[-14-]{+16+}" in screen_text(pilot)
        await pilot.press("a")
        await pilot.press(*"Checked.", "enter")
        await settle(pilot)
        assert "approved" in screen_text(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "Publish" in screen_text(pilot)
        await pilot.press("y")
        await settle(pilot)
        shown = screen_text(pilot)
        assert "Published in commit" in shown
        assert "published" in shown
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticleScreen)
        body = pilot.app.screen.query_one("#body").render()
        assert "employs 16 people" in str(body)
        text = str(body).rstrip()
        assert text.endswith(
            "It is 16, not 14. This online version has been corrected. (Jan. 15, 2026)\n"
            "<!-- /corrections:notes -->"
        )
        await pilot.press("h")
        await settle(pilot)
        history = screen_text(pilot)
        assert "Publish correction to old-mill-bakery-fifty-years" in history
        assert "Sam Reviewer" in history

    with services.open_store(path) as store:
        shown_view = services.view(store, record_id)
        versions = services.history(store, BAKERY)
    assert shown_view.record.status is Status.published
    assert shown_view.record.reviews[0].comment == "Checked."
    assert len(versions) == 2


async def test_seed_clarification_in_the_queue(tui_demo: Path) -> None:
    """README's walk-through: the Argentina clarification, its diff and its note."""
    path = tui_demo
    async with running(path) as pilot:
        await open_from_queue(pilot, "argentina")
        diff = flat(diff_text(pilot))
        assert "defence.{+ (Argentina withdrew its candidacy in December.)+}" in diff
        note = flat(widget_text(pilot, "#note"))
        assert note == (
            "This article has been updated to clarify that Argentina withdrew its candidacy "
            "in December."
        )
        await pilot.press("s")
        await settle(pilot)
        side = diff_text(pilot)
        assert "{+ (Argentina" in flat(side)
        assert "│ + " in side
    assert seed_correction(path).endswith("-00000001")


async def test_palette_help_and_two_versions(tui_published_demo: Path) -> None:
    path = tui_published_demo
    async with running(path) as pilot:
        # F1 shows every key; Escape closes it.
        await pilot.press("f1")
        await settle(pilot)
        assert "mark a version, then diff it" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)

        # The palette opens an article by a word of its headline...
        await pilot.press("ctrl+p")
        await pilot.press(*"putin visits")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Putin visits Xi" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticleScreen)
        assert "This article has been updated to clarify that" in widget_text(pilot, "#body")

        # ...whose history has two versions; any two can be diffed.
        await pilot.press("h")
        await settle(pilot)
        assert "Publish clarification to globe-and-mail-putin-xi-2024" in screen_text(pilot)
        await pilot.press("m", "down", "d")
        await settle(pilot)
        assert "Version 1 → version 2" in screen_text(pilot)
        diff = flat(diff_text(pilot))
        assert "{+ (Argentina withdrew its candidacy in December.)+}" in diff
        assert "This article has been updated to clarify that Argentina" in diff

        # ...and it runs the screen's actions: "Propose correction" opens the editor.
        await pilot.press("ctrl+p")
        await pilot.press(*"propose correction")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        await pilot.press("escape")
        await settle(pilot)

        # It opens corrections too.
        await pilot.press("ctrl+p")
        await pilot.press(*"riverton")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "correction to riverton-library-expansion" in screen_text(pilot)


async def test_f2_goes_back_to_the_list(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path) as pilot:
        await pilot.press(*"bakery", "enter")
        await settle(pilot)
        await pilot.press("h")
        assert isinstance(pilot.app.screen, ArticleScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert "Corrections" in screen_text(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticleScreen)  # each list keeps its place
        await pilot.press("f2")
        await settle(pilot)
        assert "1 of 5 articles" in screen_text(pilot)
