"""Untrusted text shows literally and fires nothing, in every widget that shows data.

Headlines, article text, names, summaries, notes, review comments and error messages hold
Textual markup (``[bold]``, ``[@click=app.quit]``, ``[link=…]``) and terminal escape
sequences. Each must appear on screen as written (escapes as visible placeholders), carry
no link or click action, and clicking on it must not quit the app.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from corrections.domain.errors import Conflict, Refused
from corrections.tui.messages import Failed, OpenArticle, OpenCorrection
from corrections.tui.screens.editor import EditorScreen
from tests.support.tui import (
    ALL_HOSTILE,
    ESCAPES,
    HOSTILE_PROPOSER,
    HOSTILE_PUBLISHER,
    HOSTILE_REVIEWER,
    HOSTILE_SLUG,
    MARKUP,
    flat,
    hostile_store,
    live_styles,
    running,
    screen_text,
    settle,
    shown,
    still_running,
)

pytestmark = pytest.mark.asyncio


async def assert_inert(pilot: Pilot[None], *expected: str) -> None:
    """Each expected text is on screen as written; nothing on screen is a link or an
    action; no raw ESC reached the screen; clicking on the texts fires nothing."""
    text = screen_text(pilot)
    for wanted in expected:
        assert wanted in text, f"{wanted!r} is not on screen"
    assert "\x1b" not in text
    assert "\x9b" not in text
    assert list(live_styles(pilot)) == []
    rows = text.split("\n")
    for wanted in expected:
        for y, row in enumerate(rows):
            x = row.find(wanted)
            if x >= 0:
                await pilot.click(offset=(x + len(wanted) - 4, y))
                break
    await pilot.pause()
    assert still_running(pilot)


async def test_articles_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = hostile_store(tmp_path, monkeypatch)
    async with running(path) as pilot:
        await assert_inert(pilot, *(f"{m} headline" for m in MARKUP))
        await pilot.press(*"click")
        await settle(pilot)
        await assert_inert(pilot, MARKUP[1], MARKUP[2], "2 of 5 articles")


async def test_article_text_and_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = hostile_store(tmp_path, monkeypatch)
    async with running(path) as pilot:
        pilot.app.post_message(OpenArticle(HOSTILE_SLUG))
        await settle(pilot)
        await assert_inert(pilot, *MARKUP, *(shown(e) for e in ESCAPES))
        pilot.app.post_message(OpenArticle("hostile-2"))
        await settle(pilot)
        await assert_inert(pilot, f"{MARKUP[1]} headline 2")
        await pilot.press("escape", "escape")
        await settle(pilot)
        pilot.app.post_message(OpenArticle("hostile-1"))
        await settle(pilot)
        await assert_inert(pilot, f"by {HOSTILE_PUBLISHER}")  # the last version's author
        await pilot.press("h")
        await settle(pilot)
        await assert_inert(pilot, "Publish 5 articles", HOSTILE_PUBLISHER[:16])


async def test_queue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = hostile_store(tmp_path, monkeypatch)
    async with running(path) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await assert_inert(pilot, "[bold]Mallory", MARKUP[0])


async def test_review_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, record_id = hostile_store(tmp_path, monkeypatch)
    async with running(path) as pilot:
        pilot.app.post_message(OpenCorrection(record_id))
        await settle(pilot)
        side = flat(str(pilot.app.screen.query_one("#record").render()))
        assert flat(HOSTILE_PROPOSER) in side
        assert flat(shown(ALL_HOSTILE)) in side  # the summary
        assert flat(shown(ALL_HOSTILE)) in flat(str(pilot.app.screen.query_one("#note").render()))
        reviews = flat(str(pilot.app.screen.query_one("#reviews").render()))
        assert flat(HOSTILE_REVIEWER) in reviews
        assert flat(shown(ALL_HOSTILE)) in reviews
        await assert_inert(pilot, "{+Added " + MARKUP[3], "[bold]Mallory", MARKUP[2])
        await pilot.press("s")
        await settle(pilot)
        await assert_inert(pilot, MARKUP[3], shown(ESCAPES[1]))


async def test_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _record_id = hostile_store(tmp_path, monkeypatch)
    async with running(path, HOSTILE_PROPOSER) as pilot:
        pilot.app.screen.post_message(OpenArticle(HOSTILE_SLUG))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EditorScreen)
        await assert_inert(pilot, *MARKUP, "␛]8;;file:///etc/passwd␛\\osc")
        # The editor holds the text as it is: saving it untouched proposes nothing.
        await pilot.press("ctrl+s")
        await settle(pilot)
        await assert_inert(pilot, "Nothing changed: no correction proposed.")


async def test_notifications_and_modals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = hostile_store(tmp_path, monkeypatch)
    async with running(path) as pilot:
        pilot.app.post_message(Failed(Refused(ALL_HOSTILE), "do it"))
        await settle(pilot)
        await assert_inert(pilot, "Could not do it:", MARKUP[0])
        pilot.app.post_message(Failed(Conflict(f"conflicting passage: {ALL_HOSTILE}"), "publish"))
        await settle(pilot)
        await assert_inert(pilot, "conflicting passage: " + MARKUP[0], MARKUP[3])


async def test_command_palette(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = hostile_store(tmp_path, monkeypatch)
    async with running(path) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"headline")
        await pilot.pause(0.5)
        await settle(pilot)
        await assert_inert(pilot, *(f"{m} headline" for m in MARKUP))
        await pilot.press("ctrl+a", "ctrl+k", *"mallory")  # clear the query, then search
        await pilot.pause(0.5)
        await settle(pilot)
        assert still_running(pilot)
        assert list(live_styles(pilot)) == []
        await pilot.press("escape")
        await settle(pilot)
        assert still_running(pilot)
