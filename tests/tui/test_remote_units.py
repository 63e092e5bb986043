"""The remote's state as the app shows it: the header's words, who waits for a review, and
which syncs deserve a notification. Pure functions, no store and no app."""

from __future__ import annotations

import datetime as dt

from corrections.domain.config import Policy
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord, Review, Status, Verdict
from corrections.tui.remote_state import (
    Connection,
    Problems,
    RemoteCheck,
    RemoteView,
    SyncReport,
    ago,
    dropped_notices,
    header,
    kept_notice,
    newly_waiting,
    sync_notices,
    waiting_ids,
    waiting_notices,
    waits_for,
)
from tests.support.tui import HOSTILE_PROPOSER, OSC_LINK

NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
URL = "https://git.example/newsroom.git"
HASH = "a" * 64
SHA = "b" * 40


def minutes(n: float) -> dt.datetime:
    return NOW - dt.timedelta(minutes=n)


def record(
    number: int,
    *,
    status: Status = Status.proposed,
    proposer: str = "Maya Editor",
    approved_by: tuple[str, ...] = (),
    revision: int = 1,
    summary: str = "",
) -> CorrectionRecord:
    reviews = tuple(
        Review(
            reviewer=name,
            verdict=Verdict.approve,
            at=NOW,
            revision=1,
            diff_hash=HASH,
        )
        for name in approved_by
    )
    return CorrectionRecord(
        id=f"20260115T120000Z-{number:08x}",
        article="riverton-library-expansion",
        kind=Kind.correction,
        status=status,
        summary=summary,
        revision=revision,
        base_commit=SHA,
        proposed_text="text",
        diff_hash=HASH,
        proposer=proposer,
        proposed_at=NOW,
        updated_at=NOW,
        reviews=reviews,
    )


# ---------------------------------------------------------------------- the header


def test_time_since_the_last_sync_in_words() -> None:
    assert ago(NOW, NOW) == "just now"
    assert ago(NOW + dt.timedelta(seconds=5), NOW) == "just now"  # a clock a little ahead
    assert ago(minutes(0.9), NOW) == "just now"
    assert ago(minutes(2), NOW) == "2 min ago"
    assert ago(minutes(59), NOW) == "59 min ago"
    assert ago(minutes(61), NOW) == "1 h ago"
    assert ago(minutes(60 * 24), NOW) == "1 day ago"
    assert ago(minutes(60 * 24 * 3), NOW) == "3 days ago"


def test_header_says_the_state_in_few_words() -> None:
    assert header(None, NOW).plain == ""
    assert header(RemoteView(URL, last_sync=minutes(2)), NOW).plain == "synced 2 min ago"
    assert header(RemoteView(URL), NOW).plain == "not synced yet"
    behind = RemoteView(URL, behind=1, last_sync=minutes(5))
    assert header(behind, NOW).plain == "1 behind · synced 5 min ago"
    both = RemoteView(URL, ahead=2, behind=3, last_sync=NOW)
    assert header(both, NOW).plain == "2 ahead · 3 behind · synced just now"
    offline = RemoteView(URL, ahead=1, offline="cannot reach the remote: connection refused")
    assert (
        header(offline, NOW).plain
        == "offline, 1 ahead: cannot reach the remote: connection refused"
    )
    assert header(RemoteView(URL, by_choice=True, ahead=1), NOW).plain == "working offline, 1 ahead"
    assert header(RemoteView(URL, syncing=True, offline="x"), NOW).plain == "syncing…"


def test_header_shows_a_hostile_reason_as_text() -> None:
    reason = "[bold]x[/bold] [@click=app.quit]y[/] " + OSC_LINK + "\nsecond line"
    shown = header(RemoteView(URL, offline=reason), NOW)
    assert "[bold]x[/bold] [@click=app.quit]y[/]" in shown.plain
    assert "\x1b" not in shown.plain
    assert "\n" not in shown.plain
    assert all("@click" not in str(span.style) for span in shown.spans)


# ---------------------------------------------------------------------- waiting for review


def test_who_a_correction_waits_for() -> None:
    anyone = Policy()
    assert waits_for(record(1), "Sam Reviewer", anyone)
    assert not waits_for(record(1), "Maya Editor", anyone)  # the proposer
    assert not waits_for(record(1, approved_by=("Sam Reviewer",)), "Sam Reviewer", anyone)
    assert waits_for(record(1, approved_by=("Ana Reviewer",)), "Sam Reviewer", anyone)
    # An approval of an earlier revision no longer counts: the new one waits again.
    revised = record(1, approved_by=("Sam Reviewer",), revision=2)
    assert waits_for(revised, "Sam Reviewer", anyone)
    for status in (Status.approved, Status.changes_requested, Status.published):
        assert not waits_for(record(1, status=status), "Sam Reviewer", anyone)
    listed = Policy(reviewers=["Ana Reviewer"])
    assert not waits_for(record(1), "Sam Reviewer", listed)
    assert waits_for(record(1), "Ana Reviewer", listed)


def test_only_corrections_not_waiting_before_are_new() -> None:
    records = [record(1), record(2), record(3, approved_by=("Sam Reviewer",))]
    before = waiting_ids(records[:1], "Sam Reviewer", Policy())
    assert before == {records[0].id}
    new = newly_waiting(records, before, "Sam Reviewer", Policy())
    assert [r.id for r in new] == [records[1].id]


def test_waiting_notices_name_each_correction_or_count_many() -> None:
    hostile = record(1, proposer=HOSTILE_PROPOSER, summary="Fix the [b]vote[/b]\x1b[2J")
    (notice,) = waiting_notices([hostile])
    assert notice.startswith("Waiting for your review: correction to riverton-library-expansion")
    assert HOSTILE_PROPOSER in notice
    assert "[b]vote[/b]" in notice
    assert "\x1b" not in notice
    many = waiting_notices([record(n) for n in range(5)])
    assert many == ["5 corrections now wait for your review: F3 shows the queue."]


# ---------------------------------------------------------------------- notifications


def test_going_offline_and_back_is_said_once_each() -> None:
    connection = Connection()
    assert connection.after_sync(True) is None  # the first contact is no news
    assert connection.after_sync(False) == "offline"
    assert connection.after_sync(False) is None
    assert connection.after_sync(False) is None
    assert connection.after_sync(True) == "online"
    assert connection.after_sync(True) is None
    assert Connection().after_sync(False) == "offline"  # offline from the start
    kept = Connection()
    kept.after_sync(True)
    kept.after_kept_step()
    assert kept.after_sync(True) == "online"


def test_a_problem_is_said_once_until_a_sync_succeeds() -> None:
    problems = Problems()
    assert problems.fresh("locked")
    assert not problems.fresh("locked")
    assert problems.fresh("conflict")
    problems.clear()
    assert problems.fresh("conflict")


CHECK = RemoteCheck(RemoteView(URL), 30)


def test_background_syncs_never_make_a_storm() -> None:
    connection, problems = Connection(), Problems()
    ok = SyncReport(CHECK, True)
    failed = SyncReport(CHECK, False, "cannot reach the remote: connection refused")
    said = [sync_notices(r, False, connection, problems) for r in (ok, ok, failed, failed, failed)]
    assert said[:2] == [[], []]
    assert said[2] == [
        (
            "Working offline: cannot reach the remote: connection refused. Steps are kept on "
            "this machine and sent at the next sync.",
            "warning",
        )
    ]
    assert said[3:] == [[], []]
    back = SyncReport(CHECK, True, delivered=1)
    assert sync_notices(back, False, connection, problems) == [
        ("Back online. In sync with the remote; 1 kept step sent.", "information")
    ]
    assert sync_notices(ok, False, connection, problems) == []
    locked = SyncReport(CHECK, None, "main.lock is held")
    assert sync_notices(locked, False, connection, problems) == [
        ("Sync: main.lock is held", "error")
    ]
    assert sync_notices(locked, False, connection, problems) == []


def test_a_sync_the_user_asked_for_always_answers() -> None:
    connection, problems = Connection(), Problems()
    assert sync_notices(SyncReport(CHECK, True), True, connection, problems) == [
        ("In sync with the remote.", "information")
    ]
    failed = SyncReport(CHECK, False, "cannot reach the remote")
    for _ in range(2):
        assert sync_notices(failed, True, connection, problems) == [
            ("Could not sync: cannot reach the remote", "warning")
        ]
    news = SyncReport(
        CHECK, True, changed=True, dropped=("abc: gone",), new_waiting=(record(7, summary="Vote"),)
    )
    assert sync_notices(news, True, connection, problems) == [
        ("In sync with the remote.", "information"),
        ("Not replayed: abc: gone", "warning"),
        (
            "Waiting for your review: correction to riverton-library-expansion by Maya Editor: "
            "Vote",
            "information",
        ),
    ]


def test_step_notices() -> None:
    assert kept_notice("cannot reach the remote\x1b[2J") == (
        "Kept on this machine: cannot reach the remote␛[2J; it will be sent at the next sync."
    )
    assert dropped_notices([f"step {n}" for n in range(5)]) == [
        "Not replayed: step 0",
        "Not replayed: step 1",
        "Not replayed: step 2",
        "…and 2 more local steps not replayed.",
    ]
