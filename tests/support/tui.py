"""Helpers for the app's tests: running it under Pilot, reading the screen, a store full of
hostile text."""

from __future__ import annotations

import contextlib
import time
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.app import App
from textual.errors import NoWidget
from textual.geometry import Region
from textual.map_geometry import MapGeometry
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerState

from corrections import services
from corrections.domain.kinds import Kind
from corrections.tui.app import CorrectionsApp
from corrections.tui.backend import Backend
from tests.support.fixtures import fixed_ids
from tests.support.store import SEED_SLUG

SIZE = (120, 40)
BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


MULTI_SUMMARY = "Two fixes in the Putin visit story"


def propose_two_changes(path: Path) -> str:
    """Maya Editor's correction to the seed article with changes in paragraphs 4 and 18
    (the second appended to an edited paragraph of two sentences, the first folds)."""
    with services.open_store(path) as store:
        text = services.editable_text(store, SEED_SLUG)
        assert "US$240-billion" in text
        new = text.replace("US$240-billion", "US$245-billion", 1)
        paragraphs = new.split("\n\n")
        eighteenth = next(
            k for k, p in enumerate(paragraphs) if p.startswith("Mr. Xi has presented")
        )
        paragraphs[eighteenth] += " (The figures are from the IMF.)"
        maya = services.Identity("Maya Editor", "maya@newsroom.invalid")
        record = services.propose(
            store,
            SEED_SLUG,
            "\n\n".join(paragraphs),
            Kind.correction,
            maya,
            summary=MULTI_SUMMARY,
        )
    return record.id


# Every notification each app started by running() showed, in order: Textual keeps only
# those still on screen, and not in its public interface.
_NOTIFIED: weakref.WeakKeyDictionary[App[None], list[str]] = weakref.WeakKeyDictionary()


def record_notifications(app: App[None]) -> None:
    """Keep every message ``app.notify`` is given (the app's one door for notifications)."""
    shown = _NOTIFIED.setdefault(app, [])
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        shown.append(message)
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]


@asynccontextmanager
async def running(
    path: Path,
    user: str | None = "Sam Reviewer",
    size: tuple[int, int] = SIZE,
) -> AsyncIterator[Pilot[None]]:
    """The app on the store at ``path``, acting as ``user``, at 120x40 (or ``size``)."""
    store = services.open_store(path)
    app = CorrectionsApp(Backend(store, user))
    record_notifications(app)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            yield pilot
            # Headless, the app draws no frames (tui/headless.py): the screen a test leaves
            # is rendered once here, so a widget that cannot render still fails its test.
            if still_running(pilot):
                screen_strips(pilot)
    finally:
        store.close()


def notifications(pilot: Pilot[None]) -> list[str]:
    """Every notification the app (started by ``running``) showed so far, in order."""
    return list(_NOTIFIED[pilot.app])


async def settle(pilot: Pilot[None], rounds: int = 4) -> None:
    """Let workers finish and their messages land (a result can start another worker):
    up to ``rounds`` times, until no worker is left to wait for."""
    for _ in range(rounds):
        with contextlib.suppress(WorkerCancelled):  # replaced by a newer one: fine
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.state in BUSY for worker in pilot.app.workers):
            return


async def until(
    pilot: Pilot[None],
    test: Callable[[], bool],
    what: str,
    *,
    within: float = 30.0,
    also: Callable[[], str] = lambda: "",
) -> None:
    """Let the app run until ``test()`` holds; fail after ``within`` seconds, saying
    ``what`` was awaited (and ``also()``, what the app showed then)."""
    deadline = time.monotonic() + within
    while not test():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within:g} s: {what}{also()}")
        await pilot.pause(0.05)


async def open_from_queue(pilot: Pilot[None], words: str) -> None:
    """F3, type ``words`` into the queue's filter, and open the correction it leaves first."""
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def screen_strips(pilot: Pilot[None]) -> list[Strip]:
    """The current screen as the terminal shows it, one strip per row: every widget on it
    painted in its painting order (``Screen.find_widget``: region, clip, order), each as it
    renders itself (``Widget.render_lines``)."""
    screen = pilot.app.screen
    width, height = screen.size
    found: list[tuple[MapGeometry, Widget]] = []
    for widget in _with_scrollbars([screen, *screen.query("*")]):
        try:
            found.append((screen.find_widget(widget), widget))
        except NoWidget:
            continue  # not displayed
    found.sort(key=lambda item: item[0].order)
    owner = [[-1] * width for _ in range(height)]
    painted: list[tuple[Region, Region, list[Strip]]] = []  # region, visible part, its lines
    for geometry, widget in found:
        visible = geometry.visible_region.intersection(screen.region)
        if not widget.visible or not visible.area:
            continue
        region = geometry.region
        crop = Region(0, visible.y - region.y, region.width, visible.height)
        for y in range(visible.y, visible.bottom):
            owner[y][visible.x : visible.right] = [len(painted)] * visible.width
        painted.append((region, visible, widget.render_lines(crop)))
    rows: list[Strip] = []
    for y, row in enumerate(owner):
        pieces: list[Strip] = []
        x = 0
        while x < width:
            end = x + 1
            while end < width and row[end] == row[x]:
                end += 1
            if row[x] < 0:
                pieces.append(Strip.blank(end - x))
            else:
                region, visible, lines = painted[row[x]]
                pieces.append(lines[y - visible.y].crop(x - region.x, end - region.x))
            x = end
        rows.append(Strip.join(pieces))
    return rows


def _with_scrollbars(widgets: list[Widget]) -> Iterator[Widget]:
    """The widgets and the scrollbars they show (which are widgets, but not in the DOM)."""
    for widget in widgets:
        yield widget
        vertical, horizontal = widget.scrollbars_enabled
        vertical = vertical and widget.scrollbar_size_vertical > 0
        horizontal = horizontal and widget.scrollbar_size_horizontal > 0
        if vertical:
            yield widget.vertical_scrollbar
        if horizontal:
            yield widget.horizontal_scrollbar
        if vertical and horizontal:
            yield widget.scrollbar_corner


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal shows now, as plain text."""
    return "\n".join(strip.text for strip in screen_strips(pilot))


def live_styles(pilot: Pilot[None]) -> Iterator[tuple[str, Style]]:
    """Every piece of text on screen that carries a link or a click action."""
    for strip in screen_strips(pilot):
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            meta = style.meta or {}
            if style.link or "@click" in meta:
                yield segment.text, style


def still_running(pilot: Pilot[None]) -> bool:
    return pilot.app.is_running and pilot.app.return_code is None


def flat(text: str) -> str:
    """Text with every run of whitespace made one space (wrapping no longer matters)."""
    return " ".join(text.split())


def widget_text(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static on the current screen shows."""
    return str(pilot.app.screen.query_one(selector).render())


def diff_text(pilot: Pilot[None], selector: str = "DiffView") -> str:
    """The plain text a diff view on the current screen shows (its header aside)."""
    from corrections.tui.widgets.diff_view import DiffView

    return pilot.app.screen.query_one(selector, DiffView).plain


# ---------------------------------------------------------------------- hostile text

MARKUP = (
    "[bold]bold[/bold]",
    "[@click=app.quit]x[/]",
    "[ @click=app.quit]x[/]",
    "[link='file:///etc/passwd']x[/]",
)
OSC_LINK = "\x1b]8;;file:///etc/passwd\x1b\\osc\x1b]8;;\x1b\\"
CLEAR = "\x1b[2J"
ESCAPES = (OSC_LINK, CLEAR)
ALL_HOSTILE = " ".join(MARKUP) + " " + OSC_LINK + " " + CLEAR
HOSTILE_SLUG = "hostile-body"
HOSTILE_PROPOSER = "[bold]Mallory[/bold] [@click=app.quit]x[/]"
HOSTILE_REVIEWER = "[ @click=app.quit]x[/] Reviewer"
HOSTILE_PUBLISHER = "[link='file:///etc/passwd']x[/] Publisher"


def shown(text: str) -> str:
    """How the app shows ``text``: control characters as visible placeholders."""
    from corrections.domain.sanitize import visible

    return visible(text)


def hostile_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A store whose headlines, body, proposer, summary, note and review comment carry
    markup and escape sequences. Returns the store and the correction's id."""
    import json

    from corrections.domain.events import ProposalEvent, event_to_bytes, parse_event
    from corrections.domain.records import Verdict
    from corrections.store.git_store import Identity, PlannedCommit, Snapshot

    fixed_ids(monkeypatch, 0x200)
    path = tmp_path / "hostile"
    archive = Identity("Archive Desk", "archive@newsroom.invalid")
    store = services.init(path, "globe", archive)
    sources = tmp_path / "sources"
    sources.mkdir()
    files = []
    for number, markup in enumerate(MARKUP, start=1):
        source = sources / f"hostile-{number}.md"
        headline = json.dumps(f"{markup} headline {number}")
        front = f"---\nheadline: {headline}\npublished: 2026-01-10\n---\n"
        source.write_text(f"{front}Text {number}.\n")
        files.append(source)
    body = "".join(f"Line with {text} in it.\n\n" for text in (*MARKUP, *ESCAPES))
    source = sources / f"{HOSTILE_SLUG}.md"
    source.write_text(f"---\nheadline: Hostile body\npublished: 2026-01-10\n---\n{body}")
    files.append(source)
    try:
        services.add_articles(store, files, archive)
        current = services.editable_text(store, HOSTILE_SLUG)
        mallory = Identity(HOSTILE_PROPOSER, "mallory@newsroom.invalid")
        record = services.propose(
            store,
            HOSTILE_SLUG,
            current + f"Added {MARKUP[3]} and {CLEAR} here.\n",
            Kind.correction,
            mallory,
            summary=ALL_HOSTILE,
        )
        # A hand-edited proposal: its note holds raw markup and escapes (the tool would
        # have cleaned a note it wrote itself).
        proposal_path = f"{record.path}/proposal.yaml"

        def plan(snapshot: Snapshot) -> PlannedCommit:
            data = snapshot.read(proposal_path) or b""
            proposal = parse_event(data, proposal_path)
            assert isinstance(proposal, ProposalEvent)
            hostile = replace(proposal, note=ALL_HOSTILE)
            return PlannedCommit({proposal_path: event_to_bytes(hostile)}, "Edit note", mallory)

        store.write(plan)
        reviewer = Identity(HOSTILE_REVIEWER, "r@newsroom.invalid")
        services.review(store, record.id, reviewer, Verdict.request_changes, ALL_HOSTILE)
        # A published correction to hostile-1: its version is by a hostile publisher.
        first = services.editable_text(store, "hostile-1")
        fix = services.propose(
            store, "hostile-1", first.replace("Text 1.", "Text one."), Kind.typo, mallory
        )
        services.review(store, fix.id, reviewer, Verdict.approve, ALL_HOSTILE)
        services.publish(store, fix.id, Identity(HOSTILE_PUBLISHER, "p@newsroom.invalid"))
    finally:
        store.close()
    return path, record.id
