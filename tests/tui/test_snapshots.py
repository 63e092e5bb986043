"""How the main screens look, at 80x24 and 120x40, on the demo store (fixed ids, dates)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from corrections import services
from corrections.domain.records import Verdict
from corrections.tui.app import CorrectionsApp
from corrections.tui.backend import Backend
from corrections.tui.messages import EditArticle, OpenArticle, OpenCorrection
from corrections.tui.remote_state import RemoteView
from tests.support import SEED_SLUG, seed_correction
from tests.support.tui import propose_two_changes, settle

SnapCompare = Callable[..., bool]


@pytest.fixture
def demo_app(tui_demo: Path) -> Iterator[CorrectionsApp]:
    store = services.open_store(tui_demo)
    yield CorrectionsApp(Backend(store, "Sam Reviewer"))
    store.close()


async def steady(pilot: Pilot[Any]) -> None:
    """Wait for the data, and stop cursors blinking so every run looks the same."""
    await settle(pilot)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_articles(
    snap_compare: SnapCompare, demo_app: CorrectionsApp, size: tuple[int, int]
) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review(snap_compare: SnapCompare, demo_app: CorrectionsApp, size: tuple[int, int]) -> None:
    record_id = seed_correction(demo_app.backend.store.root)

    async def open_review(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(OpenCorrection(record_id))
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_review)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review_side_by_side(
    snap_compare: SnapCompare, demo_app: CorrectionsApp, size: tuple[int, int]
) -> None:
    record_id = seed_correction(demo_app.backend.store.root)

    async def open_review(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(OpenCorrection(record_id))
        await steady(pilot)
        await pilot.press("s")
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_review)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_review_second_change(
    snap_compare: SnapCompare, demo_app: CorrectionsApp, size: tuple[int, int]
) -> None:
    """A correction with two changes after ``n``: the second change, its paragraph's first
    sentence folded into "…", and the header saying which change this is."""
    record_id = propose_two_changes(demo_app.backend.store.root)

    async def second_change(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(OpenCorrection(record_id))
        await steady(pilot)
        await pilot.press("n")
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=second_change)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_article_diff(
    snap_compare: SnapCompare, demo_app: CorrectionsApp, size: tuple[int, int]
) -> None:
    """The article's version diff after the seed correction is published."""
    root = demo_app.backend.store.root
    seed = seed_correction(root)
    sam = services.Identity("Sam Reviewer", "sam@newsroom.invalid")
    with services.open_store(root) as store:
        services.review(store, seed, sam, Verdict.approve, "")
        services.publish(store, seed, sam)

    async def open_diff(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(OpenArticle(SEED_SLUG))
        await steady(pilot)
        await pilot.press("d")
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=open_diff)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_editor_live_diff(
    snap_compare: SnapCompare, demo_app: CorrectionsApp, size: tuple[int, int]
) -> None:
    """The editor after a sentence is added far down the article: the live diff is there."""

    async def edit(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(EditArticle(SEED_SLUG))
        await steady(pilot)
        editor = pilot.app.screen.query_one("#editor", TextArea)
        editor.load_text(editor.text.replace("on defence.", "on defence. It met in Kazan.", 1))
        await pilot.pause(0.3)
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=edit)


def test_article_history(snap_compare: SnapCompare, demo_app: CorrectionsApp) -> None:
    async def open_article(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(OpenArticle("riverton-library-expansion"))
        await steady(pilot)
        await pilot.press("h")
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=open_article)


def test_editor(snap_compare: SnapCompare, demo_app: CorrectionsApp) -> None:
    async def open_editor(pilot: Pilot[Any]) -> None:
        pilot.app.post_message(EditArticle("riverton-library-expansion"))
        await steady(pilot)
        await pilot.pause(0.3)
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=open_editor)


def test_articles_offline(snap_compare: SnapCompare, demo_app: CorrectionsApp) -> None:
    """The header at 80x24 with a remote that cannot be reached and a step kept here: the
    state fits beside the title, the reason is cut short, F5 is in the footer. (The state is
    set by hand: a real one names a temporary path and port.)"""

    async def offline(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        app = demo_app
        app.has_remote = True
        app.refresh_bindings()
        app.remote_view = RemoteView(
            "https://git.example/newsroom.git",
            ahead=1,
            offline="cannot reach the remote https://git.example/newsroom.git: "
            "Could not resolve host: git.example",
        )
        await steady(pilot)

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=offline)
