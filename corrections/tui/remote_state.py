"""The store's remote as the app shows it: the header's words, who waits for whom, and
when going offline or coming back deserves a notification. Pure: no Textual widgets, no
store, no clock (``now`` is passed in), so every rule here has a unit test.

URLs, reasons from git, names and summaries are data: they become ``Content`` through
:mod:`corrections.tui.render`, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from textual.content import Content

from corrections.domain.config import Policy
from corrections.domain.frozen import frozen
from corrections.domain.records import CorrectionRecord, Status
from corrections.tui.render import line

STATE_STYLE = "bold"
MAX_NAMED = 3  # more corrections waiting than this are counted, not named


@frozen
class RemoteView:
    """What the header says about a store that has a remote (no remote: no view at all)."""

    remote: str  # the remote's address as shown (passwords hidden)
    ahead: int = 0  # local steps not on the remote yet
    behind: int = 0  # remote commits not here yet (as of the last fetch)
    last_sync: dt.datetime | None = None
    offline: str | None = None  # why the remote could not be reached, while it cannot
    by_choice: bool = False  # the app was started with --offline
    syncing: bool = False  # a sync the user asked for is under way


@frozen
class RemoteCheck:
    """Where the store stands against its remote, read without the network."""

    view: RemoteView | None  # None: the store has no remote
    interval: int  # seconds between background syncs ([sync] interval; 0: none)


NO_REMOTE = RemoteCheck(None, 0)


@frozen
class SyncReport:
    """What one sync did, and where the store stands afterwards."""

    check: RemoteCheck | None  # None: not known (the store could not be read)
    reached: bool | None  # the remote answered (None: the sync failed for another reason)
    error: str | None = None  # why the sync failed, in one line
    conflict: bool = False  # a local publication could not be merged
    changed: bool = False  # main moved: what the lists show is out of date
    delivered: int = 0  # local steps now on the remote
    dropped: tuple[str, ...] = ()  # local steps not replayed, and why
    waiting: frozenset[str] | None = None  # corrections waiting for the user (None: unknown)
    new_waiting: tuple[CorrectionRecord, ...] = ()  # waiting now and not before


def ago(moment: dt.datetime, now: dt.datetime) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``2 days ago``."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h ago"
    days = hours // 24
    return f"{days} day{'s' if days > 1 else ''} ago"


def header(view: RemoteView | None, now: dt.datetime) -> Content:
    """The header's remote state, one short line: ``synced 2 min ago``, ``1 ahead · 2 behind
    · synced 5 min ago``, ``offline, 1 ahead: <reason>``. Empty without a remote."""
    if view is None:
        return Content("")
    counts = [f"{n} {label}" for n, label in ((view.ahead, "ahead"), (view.behind, "behind")) if n]
    if view.syncing:
        return Content.styled(", ".join(["syncing…", *counts]), STATE_STYLE)
    if view.by_choice:
        return Content.styled(", ".join(["working offline", *counts]), STATE_STYLE)
    if view.offline is not None:
        state = ", ".join(["offline", *counts])
        return Content.assemble((state, STATE_STYLE), ": ", line(view.offline))
    synced = f"synced {ago(view.last_sync, now)}" if view.last_sync else "not synced yet"
    if not counts:
        return Content.styled(synced, STATE_STYLE)
    return Content.assemble((" · ".join(counts), STATE_STYLE), " · ", synced)


# ---------------------------------------------------------------------- waiting for review


def waits_for(record: CorrectionRecord, me: str, policy: Policy) -> bool:
    """Whether ``record`` waits for ``me`` to review it: proposed by someone else, not yet
    approved by ``me`` in its current revision, and ``me`` may review (``policy.reviewers``)."""
    return (
        record.status is Status.proposed
        and record.proposer != me
        and me not in record.approvers()
        and (not policy.reviewers or me in policy.reviewers)
    )


def waiting_ids(records: Iterable[CorrectionRecord], me: str, policy: Policy) -> frozenset[str]:
    return frozenset(r.id for r in records if waits_for(r, me, policy))


def newly_waiting(
    records: Iterable[CorrectionRecord], before: frozenset[str], me: str, policy: Policy
) -> tuple[CorrectionRecord, ...]:
    """The corrections waiting for ``me`` now that were not waiting in ``before``."""
    return tuple(r for r in records if waits_for(r, me, policy) and r.id not in before)


def waiting_notices(records: Sequence[CorrectionRecord]) -> list[str]:
    """One notification per correction that now waits for the user, or one for them all."""
    if len(records) > MAX_NAMED:
        return [f"{len(records)} corrections now wait for your review: F3 shows the queue."]
    notices = []
    for record in records:
        kind = record.kind.label
        summary = f": {line(record.summary)}" if record.summary.strip() else ""
        notices.append(
            f"Waiting for your review: {kind} to {record.article} "
            f"by {line(record.proposer)}{summary}"
        )
    return notices


# ---------------------------------------------------------------------- notifications


def kept_notice(reason: str) -> str:
    return f"Kept on this machine: {line(reason)}; it will be sent at the next sync."


def dropped_notices(dropped: Sequence[str]) -> list[str]:
    notices = [f"Not replayed: {line(reason)}" for reason in dropped[:MAX_NAMED]]
    if len(dropped) > MAX_NAMED:
        notices.append(f"…and {len(dropped) - MAX_NAMED} more local steps not replayed.")
    return notices


def hook_notices(failed: Sequence[str]) -> list[str]:
    """A hook that failed after a step: the step itself stands."""
    notices = [f"Hook failed (the step stands): {line(reason)}" for reason in failed[:MAX_NAMED]]
    if len(failed) > MAX_NAMED:
        notices.append(f"…and {len(failed) - MAX_NAMED} more hooks failed: see corrections status.")
    return notices


def synced_notice(delivered: int) -> str:
    sent = f"; {delivered} kept step{'s' if delivered != 1 else ''} sent" if delivered else ""
    return f"In sync with the remote{sent}."


def offline_notice(reason: str) -> str:
    return (
        f"Working offline: {line(reason)}. Steps are kept on this machine and sent at the "
        "next sync."
    )


def online_notice(delivered: int) -> str:
    return "Back online. " + synced_notice(delivered)


Change = Literal["offline", "online"]
Severity = Literal["information", "warning", "error"]
Notice = tuple[str, Severity]


class Connection:
    """Whether the remote answered last time, so that going offline and coming back are
    each said once, however many syncs fail in between."""

    def __init__(self) -> None:
        self.offline: bool | None = None  # None: not known yet

    def after_sync(self, reached: bool) -> Change | None:
        """A sync reached the remote (or could not): the change to announce, if any."""
        was = self.offline
        self.offline = not reached
        if not reached and was is not True:
            return "offline"
        if reached and was is True:
            return "online"
        return None

    def after_kept_step(self) -> None:
        """A step stayed on this machine: its own notification said why; the next sync
        that reaches the remote announces the way back."""
        self.offline = True


class Problems:
    """Other failures of background syncs (a lock, a conflict): each said once until a
    sync succeeds, however often it repeats."""

    def __init__(self) -> None:
        self.last: str | None = None

    def fresh(self, message: str) -> bool:
        if message == self.last:
            return False
        self.last = message
        return True

    def clear(self) -> None:
        self.last = None


def sync_notices(
    report: SyncReport, manual: bool, connection: Connection, problems: Problems
) -> list[Notice]:
    """What to tell the user after a sync. A sync they asked for always answers; background
    syncs speak only when something changed: offline, back online, a new problem, steps
    not replayed, corrections now waiting for them."""
    change = connection.after_sync(report.reached) if report.reached is not None else None
    notices: list[Notice] = []
    error = report.error
    if error is None:
        problems.clear()
        if manual:
            notices.append((synced_notice(report.delivered), "information"))
        elif change == "online":
            notices.append((online_notice(report.delivered), "information"))
        elif report.delivered:
            notices.append((synced_notice(report.delivered), "information"))
    elif report.reached is False:
        if manual:
            notices.append((f"Could not sync: {line(error)}", "warning"))
        elif change == "offline":
            notices.append((offline_notice(error), "warning"))
    elif problems.fresh(error) or manual:
        notices.append((f"Sync: {line(error)}", "error"))
    notices += [(notice, "warning") for notice in dropped_notices(report.dropped)]
    notices += [(notice, "information") for notice in waiting_notices(report.new_waiting)]
    return notices
