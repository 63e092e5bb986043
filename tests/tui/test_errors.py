"""Failures show their one-line reason: a stale lock, a merge conflict."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.kinds import Kind
from corrections.domain.records import Status, Verdict
from corrections.tui.messages import OpenCorrection
from corrections.tui.screens.modals import ErrorModal
from corrections.tui.screens.review import ReviewScreen
from tests.support import MAYA, SAM, SEED_SLUG, seed_correction
from tests.support.tui import flat, notifications, running, screen_text, settle

pytestmark = pytest.mark.asyncio

REVIEWER = SAM
EDITOR = MAYA


def approve(path: Path, record_id: str) -> None:
    with services.open_store(path) as store:
        services.review(store, record_id, REVIEWER, Verdict.approve, "Checked.")


async def publish_in_app(path: Path, record_id: str) -> tuple[str, list[str]]:
    """Open the correction, press p and confirm; return the screen and the notifications."""
    async with running(path) as pilot:
        pilot.app.post_message(OpenCorrection(record_id))
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert pilot.app.is_running
        notes = notifications(pilot)
        return screen_text(pilot), notes


async def test_stale_lock_is_reported(tui_demo: Path) -> None:
    path = tui_demo
    record_id = seed_correction(path)
    approve(path, record_id)
    lock = path / ".git" / "refs" / "heads" / "main.lock"
    lock.write_text("")
    old = time.time() - 120
    os.utime(lock, (old, old))
    with services.open_store(path) as store:
        head = store.head()

    shown, notes = await publish_in_app(path, record_id)

    (message,) = [n for n in notes if n.startswith("Could not publish")]
    assert "main.lock has been there for 1" in message
    assert "corrections doctor --repair" in message
    assert "\n" not in message
    assert "Could not publish" in shown
    with services.open_store(path) as store:
        assert store.head() == head
        assert services.view(store, record_id).record.status is Status.approved


async def test_merge_conflict_shows_the_passage(tui_demo: Path) -> None:
    path = tui_demo
    seed = seed_correction(path)
    approve(path, seed)
    # Meanwhile another correction rewrites the same sentence and is published first.
    with services.open_store(path) as store:
        text = services.editable_text(store, SEED_SLUG)
        other = services.propose(
            store,
            SEED_SLUG,
            text.replace("which focuses on defence.", "which focuses on regional security."),
            Kind.correction,
            EDITOR,
        )
        services.review(store, other.id, REVIEWER, Verdict.approve, "")
        services.publish(store, other.id, REVIEWER)

    async with running(path) as pilot:
        pilot.app.post_message(OpenCorrection(seed))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ErrorModal)
        shown = flat(screen_text(pilot))
        assert "Could not publish: the article changed and the edits conflict" in shown
        assert "regional security" in str(pilot.app.screen.message)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
    with services.open_store(path) as store:
        assert services.view(store, seed).record.status is Status.approved


def _lag_without_marker(path: Path) -> str:
    """A review whose commit is on main while the index and work tree lag behind it, the way
    a power cut between the two leaves them."""
    with services.open_store(path) as store:
        before = store.head()
    record_id = seed_correction(path)
    approve(path, record_id)
    changed = git_lines(path, "diff", "--name-only", f"{before}", "main")
    git_lines(path, "read-tree", str(before))
    for name in changed:
        (path / name).unlink()
    return changed[0]


def git_lines(path: Path, *args: str) -> list[str]:
    import subprocess

    out = subprocess.run(
        ["git", "-C", str(path), *args], capture_output=True, text=True, check=True
    ).stdout
    return out.split()


async def test_the_palette_checks_and_repairs_the_store(tui_demo: Path) -> None:
    path = tui_demo
    lagging = _lag_without_marker(path)
    lock = path / ".git" / "HEAD.lock"
    lock.write_text("")
    old = time.time() - 600
    os.utime(lock, (old, old))
    assert git_lines(path, "status", "--porcelain") == ["D", lagging]
    async with running(path) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "check and repair":
            await pilot.press("space" if key == " " else key)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        notes = notifications(pilot)
    assert "Removed 1 stale lock file(s); brought 1 file(s) up to date with main." in notes
    assert not lock.exists()
    assert git_lines(path, "status", "--porcelain") == []
