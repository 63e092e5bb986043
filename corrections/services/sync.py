"""A clone and its shared remote: every step reaches the remote, or says it did not.

On a store with a remote, a step (``write_step``) fetches, replays any local steps that
are not on the remote onto its tip, plans and commits the step there, and pushes with an
explicit lease. If the remote moved meanwhile, the local steps are replayed onto the new
tip through the same planners (``replay``) and pushed again. A step is done once pushed.
If the remote cannot be reached, the step is committed locally (the outbox) and the
delivery is reported as missing; ``sync`` delivers it later, once.

What happened to the last step's delivery is kept per open store (``delivery``), so the
front ends can say it in one line without every service returning it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from corrections.domain.errors import (
    Conflict,
    Refused,
    RemoteMoved,
    RemoteRejected,
    RemoteUnreachable,
    StoreError,
)
from corrections.domain.frozen import frozen
from corrections.services.config import signing_required
from corrections.store import origin
from corrections.store.git_store import (
    GitStore,
    PlannedCommit,
    Planner,
    ResultPlanner,
    Snapshot,
    T,
)
from corrections.store.sync_state import note_sync, sync_state

# store.remote and services.replay load in the functions that talk to the remote: a step
# in a store without one needs neither.
if TYPE_CHECKING:
    from corrections.services.replay import Replayed

MAX_ROUNDS = 10


@dataclass
class Delivery:
    """How the last steps of an open store reached (or did not reach) the remote."""

    remote: str | None = None
    offline: bool = False  # asked not to use the network
    undelivered: str | None = None  # why local steps are not on the remote yet
    dropped: list[str] = field(default_factory=list)  # local steps not replayed, and why
    carried: dict[str, str] = field(default_factory=dict)  # local commit → pushed commit


_DELIVERIES: WeakKeyDictionary[GitStore, Delivery] = WeakKeyDictionary()


def delivery(store: GitStore) -> Delivery:
    found = _DELIVERIES.get(store)
    if found is None:
        # A bare repository is a remote itself (the newsroom's, or a mirror): steps written
        # straight into it are not pushed anywhere.
        url = None if store.work_tree is None else origin.remote_url(store)
        # Two threads of one open store asking at once keep the same one.
        found = _DELIVERIES.setdefault(store, Delivery(url))
    return found


def delivery_so_far(store: GitStore) -> Delivery | None:
    """The delivery of ``store`` if a step, a sync or ``--offline`` has used it since the
    store was opened; None when none has (there is nothing to report)."""
    return _DELIVERIES.get(store)


def work_offline(store: GitStore) -> None:
    """Commit steps locally only; ``sync`` delivers them later."""
    delivery(store).offline = True


# ---------------------------------------------------------------------- one step


def write_step(store: GitStore, step: Planner, *, when: str | None = None) -> str:
    """Commit one step through ``step`` and deliver it; returns the commit as pushed.

    The commit is signed when the store's policy (on the head it is planned against)
    requires signed steps."""
    commit, _ = write_step_with_result(store, lambda snapshot: (step(snapshot), None), when=when)
    return commit


def write_step_with_result(
    store: GitStore, step: ResultPlanner[T], *, when: str | None = None
) -> tuple[str, T]:
    """``write_step`` for a step that returns its result with its commit."""

    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, T]:
        planned, result = step(snapshot)
        return replace(planned, sign=signing_required(store, snapshot.head)), result

    state = delivery(store)
    if state.remote is None or state.offline:
        commit, result = store.write_with_result(plan, when=when)
        if state.remote is not None:
            state.undelivered = "working offline"
        return commit, result
    from corrections.store import remote

    try:
        tip = remote.fetch(store)
    except RemoteUnreachable as error:
        commit, result = store.write_with_result(plan, when=when)
        state.undelivered = str(error)
        return commit, result
    _catch_up(store, tip, state)
    commit, result = store.write_with_result(plan, when=when)
    delivered = _deliver(store, tip, state)
    if commit[:12] in delivered.dropped_commits:
        raise delivered.dropped_commits[commit[:12]]
    return state.carried.get(commit, commit), result


# ---------------------------------------------------------------------- sync


@frozen
class SyncResult:
    """What one sync did: both heads, the steps delivered, and any dropped or in conflict."""

    remote: str | None
    head: str | None
    remote_head: str | None
    delivered: int  # local steps now on the remote
    dropped: tuple[str, ...]
    conflicts: tuple[str, ...]
    pushed: bool


def sync(store: GitStore) -> SyncResult:
    """Fetch, replay every local step that is not on the remote onto its tip, push.

    Raises ``RemoteUnreachable`` (exit 75) when the remote cannot be reached, and
    ``Conflict`` (exit 3) after pushing everything else when a local publication could not
    be merged with what the remote holds now (its approval has to be renewed)."""
    from corrections.store import remote

    state = delivery(store)
    url = state.remote
    if url is None:
        raise StoreError(
            f"{store.root} has no remote: add one with 'git remote add origin URL' or make "
            "the store with 'corrections clone URL'"
        )
    tip = remote.fetch(store)
    local = store.head()
    before = len(remote.local_only_commits(store, local, tip)) if local else 0
    _catch_up(store, tip, state)
    result = _deliver(store, tip, state)
    head = store.head()
    if result.conflicts:
        raise Conflict("; ".join(result.conflicts))
    return SyncResult(
        url,
        head,
        remote.remote_tip(store),
        before - len(result.dropped),
        tuple(result.dropped),
        tuple(result.conflicts),
        result.pushed,
    )


# ---------------------------------------------------------------------- the loop


@dataclass
class _Outcome:
    pushed: bool = False
    dropped: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    dropped_commits: dict[str, Exception] = field(default_factory=dict)


def _catch_up(store: GitStore, tip: str | None, state: Delivery) -> Replayed | None:
    """Make local ``main`` the remote tip plus the local steps replayed onto it."""
    from corrections.services.replay import replay

    local = store.head()
    if tip is None or local is None or local == tip or store.is_ancestor(tip, local):
        return None
    replayed = replay(store, tip, local)
    store.advance_main(replayed.head, local, "replay local steps onto the remote")
    state.dropped += replayed.dropped
    state.carried.update(replayed.carried)
    return replayed


def _deliver(store: GitStore, tip: str | None, state: Delivery) -> _Outcome:
    """Push local ``main`` with a lease on ``tip``; when the remote moved, fetch, replay,
    and push again."""
    from corrections.store import remote

    outcome = _Outcome()
    for _ in range(MAX_ROUNDS):
        local = store.head()
        if local is None or local == tip:
            break
        try:
            remote.push(store, local, tip)
        except RemoteMoved:
            tip = remote.fetch(store)
            replayed = _catch_up(store, tip, state)
            if replayed is not None:
                _note(outcome, replayed)
            continue
        except (RemoteUnreachable, RemoteRejected) as error:
            state.undelivered = str(error)
            return outcome
        outcome.pushed = True
        break
    else:
        state.undelivered = "the remote kept moving: run 'corrections sync' again"
        return outcome
    state.undelivered = None
    note_sync(store, synced=True)
    _share_catalog(store)
    return outcome


def _share_catalog(store: GitStore) -> None:
    """The team's remote has no article catalog yet: share this clone's, if it has one
    (a new clone then lists without walking the whole history). No network otherwise."""
    from corrections.store import catalog, remote

    if store.repository.ref(catalog.FETCHED_REF) is None:
        catalog.share(store, build=False)
    remote.push_catalog(store)


def _note(outcome: _Outcome, replayed: Replayed) -> None:
    outcome.dropped += replayed.dropped
    outcome.conflicts += replayed.conflicts
    for line in [*replayed.dropped, *replayed.conflicts]:
        commit = line[:12]
        outcome.dropped_commits[commit] = (
            Conflict(line) if line in replayed.conflicts else StoreError(line)
        )


# ---------------------------------------------------------------------- status


@frozen
class RemoteStatus:
    """How the store stands against its shared remote."""

    store: str
    remote: str | None
    head: str | None
    remote_head: str | None
    ahead: int  # local steps not on the remote yet
    behind: int  # remote commits not here yet (as of the last fetch)
    unpushed: tuple[str, ...]  # subjects of the local steps not on the remote
    last_sync: dt.datetime | None
    last_error: str | None


def status(store: GitStore, *, fetch: bool = False) -> RemoteStatus:
    """Where this clone stands against its remote (as last fetched, or fetched now)."""
    from corrections.store import remote
    from corrections.store.history import commit_meta

    url = remote.remote_url(store)
    if url is not None and fetch:
        with contextlib.suppress(RemoteUnreachable):  # reported through the bookkeeping
            remote.fetch(store)
    head = store.head()
    tip = remote.remote_tip(store) if url else None
    ahead, behind = remote.ahead_behind(store, head, tip) if url else (0, 0)
    local_only = remote.local_only_commits(store, head, tip) if url and head else []
    kept = sync_state(store)
    return RemoteStatus(
        str(store.root),
        remote.display_url(url) if url else None,
        head,
        tip,
        ahead,
        behind,
        tuple(commit_meta(store, c)[1].split("\n", 1)[0] for c in local_only),
        kept.last_synced,
        kept.last_error,
    )


# ---------------------------------------------------------------------- set-up


def attach_remote(store: GitStore, url: str) -> str | None:
    """Make ``url`` (an empty remote) the store's shared remote and push ``main`` to it.

    Refused when the remote already has a ``main``: that newsroom is joined with
    ``corrections clone``, never overwritten. Returns the commit pushed."""
    from corrections.store import remote

    remote.set_remote(store, url)
    _DELIVERIES.pop(store, None)
    tip = remote.fetch(store)
    if tip is not None:
        raise Refused(
            f"{remote.display_url(url)} already holds a store: join it with "
            "'corrections clone URL' instead"
        )
    head = store.head()
    if head is not None:
        remote.push(store, head, None)
        note_sync(store, synced=True)
    return head


def clone_store(url: str, dest: Path) -> GitStore:
    """A clone of the newsroom's remote, ready to work in."""
    from corrections.store import remote
    from corrections.store.setup import find_store

    remote.clone(url, dest)
    return find_store(dest, {}, dest)
