"""The app and the newsroom's remote: the header's state, background syncs, F5, and steps
kept on this machine. Real clones of a real remote (file:// and git daemon), made and
changed through the real console script; no git is mocked."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen

from corrections import services
from corrections.tui.app import CorrectionsApp
from corrections.tui.backend import Backend
from corrections.tui.messages import OpenCorrection
from corrections.tui.screens.queue import QueueScreen
from corrections.tui.screens.review import ReviewScreen
from corrections.tui.syncing import sync_once
from corrections.tui.widgets.row_table import RowTable
from tests.support import ROOT, SEED_SLUG, git, run_cli
from tests.support.remote import GitDaemon, make_bare
from tests.support.tui import notifications, running, screen_text, settle, widget_text
from tests.support.tui import until as until_shown

ARTICLES = sorted(str(p) for p in (ROOT / "articles").glob("*.md"))
RIVERTON = "riverton-library-expansion"
# Later than every demo article's publication date, so the notes' dates make sense.
LATE = {
    "GIT_AUTHOR_DATE": "2026-11-15T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-15T12:00:00+00:00",
}
WAIT = 30.0  # seconds a test waits for the app to get somewhere before failing


def cli(*args: str) -> None:
    result = run_cli(*args, env=LATE)
    assert result.returncode == 0, result.stderr


def newsroom(tmp_path: Path, url: str, interval: int) -> tuple[Path, Path]:
    """A store on the empty remote at ``url`` syncing every ``interval`` seconds, and two
    clones of it: the editor's and the reviewer's."""
    hq = tmp_path / "hq"
    cli("--as", "Desk", "init", str(hq), "--remote", url)
    config = hq / "corrections.toml"
    if interval != 30:
        config.write_text(config.read_text().replace("interval = 30", f"interval = {interval}"))
        git(hq, "commit", "--quiet", "-am", f"Sync every {interval} s")
    cli("--store", str(hq), "--as", "Desk", "add", *ARTICLES)  # pushes both commits
    for name in ("maya", "sam"):
        cli("clone", url, str(tmp_path / name))
    return tmp_path / "maya", tmp_path / "sam"


def propose(clone: Path, tmp_path: Path, old: str = "7-2", new: str = "6-3") -> str:
    """The editor proposes a change to the Riverton story in her clone (and pushes it)."""
    text = (clone / "articles" / f"{RIVERTON}.md").read_text(encoding="utf-8")
    source = tmp_path / f"{RIVERTON}-{new}.md"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli(
        "--store", str(clone), "--as", "Maya Editor", "propose", RIVERTON, "--kind",
        "correction", "--text-file", str(source), "--summary", "The vote was 6-3", "--json",
        env=LATE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["id"])


def the_app(pilot: Pilot[None]) -> CorrectionsApp:
    app = pilot.app
    assert isinstance(app, CorrectionsApp)
    return app


def header(pilot: Pilot[None]) -> str:
    return widget_text(pilot, "#remote-state")


def notices(pilot: Pilot[None]) -> list[str]:
    return notifications(pilot)


async def until(pilot: Pilot[None], test: Callable[[], bool], what: str) -> None:
    """``support.tui.until``, naming the remote state shown when it fails."""
    await until_shown(pilot, test, what, within=WAIT, also=lambda: f"; header {header(pilot)!r}")


def open_count(pilot: Pilot[None], slug: str) -> str:
    """The articles table's last column (open corrections) for ``slug``."""
    data = pilot.app.screen.query_one("#articles", RowTable).data
    return data.cells(data.items[list(data.keys).index(slug)])[-1]


def no_modal(pilot: Pilot[None]) -> bool:
    return not any(isinstance(screen, ModalScreen) for screen in pilot.app.screen_stack)


# ---------------------------------------------------------------------- tests


@pytest.mark.asyncio
async def test_a_proposal_made_elsewhere_arrives_with_a_notification(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    maya, sam = newsroom(tmp_path, bare.as_uri(), interval=1)
    async with running(sam, "Sam Reviewer") as pilot:
        app = the_app(pilot)
        await until(pilot, lambda: header(pilot) == "synced just now", "the first sync")
        assert app.sync_runs >= 1
        assert "f5 Sync" in screen_text(pilot)
        started = time.monotonic()
        record_id = await asyncio.to_thread(propose, maya, tmp_path)
        await until(
            pilot, lambda: any("Waiting for your review" in n for n in notices(pilot)), "news"
        )
        arrived = time.monotonic() - started
        (news,) = [n for n in notices(pilot) if "Waiting for your review" in n]
        assert news == (
            f"Waiting for your review: correction to {RIVERTON} by Maya Editor: The vote was 6-3"
        )
        assert arrived < 20  # one interval, and what a sync takes on a busy machine
        assert header(pilot) == "synced just now"
        await settle(pilot)
        assert open_count(pilot, RIVERTON) == "1"  # the articles list was loaded again
        await pilot.press("f3")
        await settle(pilot)
        assert "The vote was 6-3" in screen_text(pilot)
        # Later syncs bring nothing new and say nothing.
        runs = app.sync_runs
        await until(pilot, lambda: app.sync_runs >= runs + 2, "two more syncs")
        assert sum("Waiting for your review" in n for n in notices(pilot)) == 1
        assert no_modal(pilot)
    with services.open_store(sam) as store:
        assert record_id in {r.id for r in services.list_corrections(store)[0]}


@pytest.mark.asyncio
async def test_a_dead_remote_shows_offline_and_a_kept_step_is_sent_later(
    tmp_path: Path, git_daemon: GitDaemon
) -> None:
    bare = make_bare(git_daemon.root / "newsroom.git")
    maya, sam = newsroom(tmp_path, git_daemon.url("newsroom.git"), interval=1)
    record_id = propose(maya, tmp_path)
    async with running(sam, "Sam Reviewer") as pilot:
        app = the_app(pilot)
        await until(pilot, lambda: header(pilot) == "synced just now", "first sync")
        git_daemon.kill()
        await until(pilot, lambda: header(pilot).startswith("offline: "), "offline")
        assert "git://127.0.0.1" in header(pilot)
        runs = app.sync_runs
        await until(pilot, lambda: app.sync_runs >= runs + 3, "three more syncs")
        offline = [n for n in notices(pilot) if n.startswith("Working offline")]
        assert len(offline) == 1
        assert no_modal(pilot)

        # Approving while the remote is away: the step is kept here, and said so.
        pilot.app.post_message(OpenCorrection(record_id))
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert header(pilot).startswith("offline: ")  # every screen has the header
        await pilot.press("a")
        await pilot.press(*"Checked.", "enter")
        await until(pilot, lambda: header(pilot).startswith("offline, 1 ahead: "), "1 ahead")
        kept = [n for n in notices(pilot) if n.startswith("Kept on this machine")]
        assert len(kept) == 1
        assert kept[0].endswith("; it will be sent at the next sync.")
        assert "approved" in screen_text(pilot)

        git_daemon.restart()
        await until(pilot, lambda: header(pilot) == "synced just now", "back")
        await settle(pilot)
        back = [n for n in notices(pilot) if n.startswith("Back online")]
        assert back == ["Back online. In sync with the remote; 1 kept step sent."]
        assert len([n for n in notices(pilot) if n.startswith("Working offline")]) == 1
        assert no_modal(pilot)
    reviews = git(bare, "ls-tree", "-r", "--name-only", "main", "--", "corrections").split()
    assert len([f for f in reviews if "/review-" in f]) == 1


@pytest.mark.asyncio
async def test_f5_and_the_palette_sync_when_background_syncs_are_off(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    maya, sam = newsroom(tmp_path, bare.as_uri(), interval=0)
    async with running(sam, "Sam Reviewer") as pilot:
        app = the_app(pilot)
        assert app.has_remote
        assert header(pilot) in ("synced just now", "not synced yet")
        # The footer is composed again after the first remote check, on a later refresh.
        await until(pilot, lambda: "f5 Sync" in screen_text(pilot), "F5 in the footer")
        await asyncio.to_thread(propose, maya, tmp_path)
        await pilot.pause(1.5)
        assert app.sync_runs == 0  # [sync] interval = 0: only when asked
        await pilot.press("f5")
        await until(pilot, lambda: "In sync with the remote." in notices(pilot), "F5")
        await settle(pilot)
        assert app.sync_runs == 1
        assert header(pilot) == "synced just now"
        assert any(n.startswith("Waiting for your review: correction to") for n in notices(pilot))

        await pilot.press("ctrl+p")
        await pilot.press(*"sync with")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Sync with the remote" in screen_text(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: app.sync_runs == 2, "palette")
        await settle(pilot)
        assert notices(pilot).count("In sync with the remote.") == 2


@pytest.mark.asyncio
async def test_keys_are_answered_while_a_sync_waits_for_the_network(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    _, sam = newsroom(tmp_path, bare.as_uri(), interval=0)
    async with running(sam, "Sam Reviewer") as pilot:
        app = the_app(pilot)
        network = app.backend.network
        network.acquire()  # as a step being pushed over a slow line would
        try:
            await pilot.press("f5")
            await pilot.pause(0.2)
            assert header(pilot) == "syncing…"
            await pilot.press("f3")
            await pilot.pause(0.2)
            assert isinstance(pilot.app.screen, QueueScreen)  # answered meanwhile
            await pilot.press("f5")  # asked again: one more sync afterwards, never two at once
            assert app.sync_runs == 1
            assert [w.group for w in app.workers if w.group == "sync"] == ["sync"]
        finally:
            network.release()
        await until(pilot, lambda: app.sync_runs == 2 and not app._syncing, "both syncs")
        await settle(pilot)
        assert notices(pilot).count("In sync with the remote.") == 2
        assert header(pilot) == "synced just now"


@pytest.mark.asyncio
async def test_a_store_without_a_remote_shows_no_remote_state_and_never_syncs(
    tui_demo: Path,
) -> None:
    path = tui_demo
    async with running(path) as pilot:
        app = the_app(pilot)
        await settle(pilot)
        assert app.has_remote is False
        assert app.remote_view is None
        assert not pilot.app.screen.query_one("#remote-state").display
        shown = screen_text(pilot)
        assert "f5" not in shown
        assert "synced" not in shown
        await pilot.press("f5")
        await pilot.press("ctrl+p")
        await pilot.press(*"sync with")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Sync with the remote" not in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.sync_runs == 0
        assert not [w for w in pilot.app.workers if w.group == "sync"]


@pytest.mark.asyncio
async def test_working_offline_by_choice(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    _, sam = newsroom(tmp_path, bare.as_uri(), interval=1)
    store = services.open_store(sam)
    services.work_offline(store)
    app = CorrectionsApp(Backend(store, "Sam Reviewer"), offline=True)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            await pilot.pause(1.5)
            assert header(pilot) in ("working offline", "working offline, 1 behind")
            assert app.sync_runs == 0
    finally:
        store.close()


def test_the_first_sync_takes_what_waits_already_as_known(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    maya, sam = newsroom(tmp_path, bare.as_uri(), interval=30)
    first = propose(maya, tmp_path)
    lock = threading.Lock()
    # The app's first sync takes what waited in this clone before it as known: what the
    # fetch brings in is news, what was here already is not.
    report = sync_once(sam, "Sam Reviewer", None, lock)
    assert report.error is None
    assert report.changed
    assert report.waiting == frozenset({first})
    assert [r.id for r in report.new_waiting] == [first]
    again = sync_once(sam, "Sam Reviewer", None, lock)
    assert (again.changed, again.waiting, again.new_waiting) == (False, frozenset({first}), ())
    second = propose(maya, tmp_path, "$4.2", "$4.3")
    news = sync_once(sam, "Sam Reviewer", again.waiting, lock)
    assert [r.id for r in news.new_waiting] == [second]
    assert news.check is not None
    assert news.check.view is not None
    assert (news.check.view.ahead, news.check.view.behind) == (0, 0)
    assert news.check.interval == 30
    mine = sync_once(maya, "Maya Editor", None, lock)
    assert mine.waiting == frozenset()  # her own proposals never wait for her
    assert SEED_SLUG not in {r.article for r in news.new_waiting}
