"""The app's background work with the remote, run in a worker thread.

Each call opens a store of its own at the app's path and closes it afterwards: a store's
``cat-file`` process is never shared with the UI's workers. Network
work takes the backend's network lock, so a sync never runs beside a step that is being
pushed. Nothing here runs git itself: it calls :mod:`corrections.services` and returns
plain values for the app to show.
"""

from __future__ import annotations

import threading
from pathlib import Path

from corrections import services
from corrections.domain.errors import Conflict, CorrectionsError, RemoteUnreachable
from corrections.domain.records import CorrectionRecord
from corrections.services import GitStore
from corrections.services.sync import RemoteStatus, SyncResult
from corrections.services.sync import status as remote_status
from corrections.services.sync import sync as sync_store
from corrections.tui.remote_state import (
    NO_REMOTE,
    RemoteCheck,
    RemoteView,
    SyncReport,
    newly_waiting,
    waiting_ids,
)


def check(path: Path) -> RemoteCheck:
    """The remote's state as last seen (no network)."""
    with services.open_store(path) as store:
        return _check(store)


def sync_once(
    path: Path, user: str | None, known: frozenset[str] | None, network: threading.Lock
) -> SyncReport:
    """Fetch, deliver what is kept here, fast-forward; then compare what waits for the user
    with ``known`` (None: take what waited before this sync as known)."""
    with services.open_store(path) as store:
        me = _me(store, user)
        head = store.head()
        if known is None and me is not None:
            known = _waiting(store, me)[0]
        reached: bool | None = True
        error: str | None = None
        result: SyncResult | None = None
        try:
            with network:
                result = sync_store(store)
        except RemoteUnreachable as failure:
            reached, error = False, str(failure)
        except Conflict as failure:
            error = str(failure)
        except CorrectionsError as failure:
            reached, error = None, str(failure)
        changed = store.head() != head
        waiting: frozenset[str] | None = known
        new: tuple[CorrectionRecord, ...] = ()
        if me is not None and known is not None and changed:
            waiting, new = _waiting(store, me, known)
        return SyncReport(
            _check(store),
            reached,
            error,
            conflict=error is not None and reached is True,
            changed=changed,
            delivered=result.delivered if result is not None and result.pushed else 0,
            dropped=result.dropped if result is not None else (),
            waiting=waiting,
            new_waiting=new,
        )


def _check(store: GitStore) -> RemoteCheck:
    if services.delivery(store).remote is None:
        return NO_REMOTE
    interval = services.load_config(store).sync.interval
    return RemoteCheck(view_of(remote_status(store)), interval)


def view_of(found: RemoteStatus) -> RemoteView:
    return RemoteView(
        remote=found.remote or "",
        ahead=found.ahead,
        behind=found.behind,
        last_sync=found.last_sync,
        offline=found.last_error,
    )


def _me(store: GitStore, user: str | None) -> str | None:
    try:
        return services.identity(store, user).name
    except CorrectionsError:
        return None  # nobody to notify


def _waiting(
    store: GitStore, me: str, known: frozenset[str] = frozenset()
) -> tuple[frozenset[str], tuple[CorrectionRecord, ...]]:
    records, _ = services.list_corrections(store)
    policy = services.load_config(store).policy
    return waiting_ids(records, me, policy), newly_waiting(records, known, me, policy)
