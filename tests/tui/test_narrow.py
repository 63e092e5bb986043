"""Reviewing in a laptop terminal: diffs open at their first change, n / N move between
changes, unchanged sentences fold, and the record panel gives the diff the width."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from corrections import services
from corrections.domain.kinds import Kind
from corrections.tui.messages import EditArticle, OpenArticle, OpenCorrection
from corrections.tui.screens.article import ArticleScreen
from corrections.tui.screens.review import ReviewScreen
from corrections.tui.widgets.diff_view import DiffView
from corrections.tui.widgets.identifier import Identifier
from tests.support import SEED_SLUG, seed_correction
from tests.support.tui import (
    MULTI_SUMMARY,
    diff_text,
    open_from_queue,
    propose_two_changes,
    running,
    screen_text,
    settle,
    until,
)

pytestmark = pytest.mark.asyncio

ARGENTINA = "(Argentina withdrew its candidacy in December.)"
LAPTOP = (80, 24)


def screen_view(pilot: object) -> DiffView:
    return pilot.app.screen.query_one(DiffView)  # type: ignore[attr-defined, no-any-return]


def header(pilot: object) -> str:
    screen = pilot.app.screen  # type: ignore[attr-defined]
    return str(screen.query_one(DiffView).query_one(".diff-header").render())


def current_change_in_sight(view: DiffView) -> bool:
    """Whether the line where the view's current change begins is inside the visible pane."""
    layout = view.layout_shown
    part = list(view.query(".diff-part"))[layout.targets[view.current]]
    line = DiffView._line_of(part, layout.anchors[view.current])
    return view.scrollable_content_region.contains(part.region.x, part.region.y + line)


async def test_f3_argentina_at_80x24_shows_the_inserted_sentence_first(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path, size=LAPTOP) as pilot:
        await open_from_queue(pilot, "argentina")
        assert isinstance(pilot.app.screen, ReviewScreen)
        shown = screen_text(pilot)
        # The inserted sentence is on the first screen, without scrolling by hand...
        assert "Argentina withdrew its candidacy in" in shown
        assert "1 change · paragraph 19 · change 1 of 1" in header(pilot)
        assert current_change_in_sight(screen_view(pilot))
        # ...the record panel is under the diff, which has the whole width...
        screen = pilot.app.screen
        diff = screen.query_one("#review-diff").region
        side = screen.query_one("#review-side").region
        assert side.y >= diff.bottom
        assert diff.width >= 76
        # ...and the slug is never broken mid-word.
        assert "globe-and-mail-putin-xi-2024" in shown
        assert not any(row.strip().startswith("024") for row in shown.split("\n"))

        # i hides the panel: the diff takes the height too; i again brings it back.
        await pilot.press("i")
        await pilot.pause()
        assert not screen.query_one("#review-side").display
        assert screen.query_one("#review-diff").region.height > diff.height
        await pilot.press("i")
        await pilot.pause()
        assert screen.query_one("#review-side").display
        # The palette has it too.
        await pilot.press("ctrl+p")
        await pilot.press(*"record panel")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.query_one("#review-side").display
        await pilot.press("i")
        await pilot.pause()

        # Side by side fits at 80 columns with the panel under the diff.
        await pilot.press("s")
        await settle(pilot)
        view = screen.query_one(DiffView)
        assert not view.narrow
        assert "│ + " in screen_text(pilot)


async def test_n_and_shift_n_move_between_the_changes(tui_demo: Path) -> None:
    path = tui_demo
    record_id = propose_two_changes(path)
    async with running(path, size=LAPTOP) as pilot:
        pilot.app.post_message(OpenCorrection(record_id))
        await settle(pilot)
        view = pilot.app.screen.query_one(DiffView)
        assert header(pilot).startswith("2 changes · paragraphs 4, 18 · change 1 of 2")
        assert "{+$245-billion+}" in screen_text(pilot)
        first = view.scroll_y

        await pilot.press("n")
        await settle(pilot)
        assert "change 2 of 2" in header(pilot)
        assert view.scroll_y > first
        shown = screen_text(pilot)
        assert "{+ (The figures are from the IMF.)+}" in shown
        # The edited paragraph's first sentence, far from the change, is folded.
        assert "… " in shown
        assert "Mr. Xi has presented" not in diff_text(pilot)

        # f shows whole paragraphs, and keeps the place; f again folds.
        await pilot.press("f")
        await settle(pilot)
        assert "Mr. Xi has presented" in diff_text(pilot)
        assert "change 2 of 2" in header(pilot)
        assert "{+ (The figures are from the IMF.)+}" in screen_text(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert "Mr. Xi has presented" not in diff_text(pilot)

        await pilot.press("N")
        await settle(pilot)
        assert "change 1 of 2" in header(pilot)
        assert view.scroll_y == first

        # The palette moves too.
        await pilot.press("ctrl+p")
        await pilot.press(*"next change")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "change 2 of 2" in header(pilot)
    assert MULTI_SUMMARY


async def test_side_by_side_falls_back_to_inline_when_too_narrow(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path, size=(60, 24)) as pilot:
        pilot.app.post_message(OpenCorrection(seed_correction(path)))
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        view = pilot.app.screen.query_one(DiffView)
        assert view.side_by_side
        assert view.narrow
        shown = screen_text(pilot)
        assert "Too narrow for side by side" in shown
        assert "│ + " not in shown
        assert ARGENTINA[:20] in shown
        # Wider, side by side comes back.
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not view.narrow
        assert "│ + " in screen_text(pilot)


LONG_SLUG = "council-approves-the-library-expansion-after-a-long-and-heated-debate"


def propose_to_a_long_slug(path: Path) -> str:
    source = path.parent / f"{LONG_SLUG}.md"
    source.write_text("---\nheadline: Long\npublished: 2026-01-10\n---\nThe vote was 7-2.\n")
    maya = services.Identity("Maya Editor", "maya@newsroom.invalid")
    with services.open_store(path) as store:
        services.add_articles(store, [source], maya)
        text = services.editable_text(store, LONG_SLUG)
        record = services.propose(
            store, LONG_SLUG, text.replace("7-2", "6-3"), Kind.correction, maya
        )
    return record.id


async def test_identifiers_are_cut_whole_words_and_shown_whole_on_focus(tui_demo: Path) -> None:
    path = tui_demo
    record_id = propose_to_a_long_slug(path)
    async with running(path, size=(120, 40)) as pilot:
        pilot.app.post_message(OpenCorrection(record_id))
        await settle(pilot)
        shown = screen_text(pilot)
        # The panel beside the diff is narrower than the slug: cut with "…", on one line.
        assert LONG_SLUG not in shown
        row = next(row for row in shown.split("\n") if "council-approves-the-" in row)
        assert "…" in row
        assert not any(row.strip().startswith("heated-debate") for row in shown.split("\n"))
        ids = pilot.app.screen.query_one("#record-ids", Identifier)
        assert LONG_SLUG in str(ids.tooltip)
        # Focused (Tab gets there), it is shown whole, over as many lines as it takes.
        assert ids.region.height == 2
        ids.focus()
        await settle(pilot)
        assert ids.region.height > 2
        region = ids.region
        rows = screen_text(pilot).split("\n")[region.y : region.bottom]
        inside = "".join(row[region.x : region.right].strip() for row in rows)
        assert LONG_SLUG in inside
        # The palette lists the correction with its article whole.
        await pilot.press("ctrl+p")
        await pilot.press(*"heated")
        await pilot.pause(0.3)
        await settle(pilot)
        assert LONG_SLUG in screen_text(pilot)


async def test_the_article_version_diff_opens_at_its_change(tui_published_demo: Path) -> None:
    path = tui_published_demo
    async with running(path, size=LAPTOP) as pilot:
        pilot.app.post_message(OpenArticle(SEED_SLUG))
        await settle(pilot)
        assert isinstance(pilot.app.screen, ArticleScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"next change")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        # The palette switched to the Diff tab and moved to the second change.
        shown = screen_text(pilot)
        assert "Version 1 → version 2" in shown
        # The inserted sentence (paragraph 19) and the notes block added (paragraph 24).
        assert header(pilot).startswith("2 changes · paragraphs 19, 24 · change 2 of 2")
        assert current_change_in_sight(screen_view(pilot))
        assert "{+" in shown


async def test_the_live_diff_follows_the_new_change(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path, "Maya Editor", size=LAPTOP) as pilot:
        pilot.app.post_message(EditArticle(SEED_SLUG))
        await settle(pilot)
        editor = pilot.app.screen.query_one("#editor", TextArea)
        text = editor.text
        editor.load_text(text.replace("on defence.", "on defence. It also met in 2024.", 1))
        await pilot.pause(0.3)
        await settle(pilot)
        live = pilot.app.screen.query_one("#live-diff", DiffView)
        assert "1 change · paragraph 19" in str(live.query_one(".diff-header").render())
        assert "{+ It also met in 2024.+}" in diff_text(pilot, "#live-diff")
        await until(pilot, lambda: current_change_in_sight(live), "the change in sight")
        editor.load_text(editor.text.replace("US$240-billion", "US$250-billion", 1))
        await pilot.pause(0.3)
        await settle(pilot)
        # The new change comes first in reading order, and the view goes there.
        assert "2 changes · paragraphs 4, 19 · change 1 of 2" in str(
            live.query_one(".diff-header").render()
        )
        await until(pilot, lambda: current_change_in_sight(live), "the change in sight")
