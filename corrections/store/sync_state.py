"""When this clone last talked to its remote: ``.git/corrections/sync.json``.

Written atomically after each fetch and push (see :mod:`corrections.store.remote`) and by the
sync planner after a whole round; read by front ends to say "last synced 5 minutes ago" or
"the remote was unreachable: ...". An absent or unreadable file means "never synced".
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corrections.domain.frozen import frozen
from corrections.domain.strict import from_data, to_data
from corrections.store.files import atomic_write
from corrections.store.git_store import GitStore

SYNC_FILE = "corrections/sync.json"
"""The bookkeeping file, inside the repository's (common) git directory."""


@frozen(kw_only=True)
class SyncState:
    """When this clone last talked to its remote, and the last failure (if it is current).

    ``last_synced`` is set by the caller after a whole round (fetch, replay, push) left
    nothing local; ``last_error`` is cleared by the next success.
    """

    last_fetch: datetime | None = None
    last_push: datetime | None = None
    last_synced: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None


def sync_file(store: GitStore) -> Path:
    # Linked work trees share the remote-tracking refs, so they share this file too.
    return store.repository.common_dir / SYNC_FILE


def sync_state(store: GitStore) -> SyncState:
    """The bookkeeping; an absent or unreadable file reads as "never synced"."""
    try:
        data = json.loads(sync_file(store).read_bytes())
        known = {f.name for f in dataclasses.fields(SyncState)}
        return from_data(SyncState, {k: v for k, v in data.items() if k in known})
    except (OSError, ValueError, TypeError, AttributeError):
        return SyncState()


def write_sync_state(store: GitStore, state: SyncState) -> None:
    atomic_write(sync_file(store), json.dumps(to_data(state), indent=2).encode() + b"\n")


def note_sync(
    store: GitStore,
    *,
    fetched: bool = False,
    pushed: bool = False,
    synced: bool = False,
    error: str | None = None,
) -> SyncState:
    """Record a success (``fetched``/``pushed``/``synced``) or a failure (``error``)."""
    now = datetime.now(UTC).replace(microsecond=0)
    state = sync_state(store)
    if error is not None:
        changes: dict[str, Any] = {"last_error": error, "last_error_at": now}
    else:
        changes = {"last_error": None, "last_error_at": None}
        if fetched:
            changes["last_fetch"] = now
        if pushed:
            changes["last_push"] = now
        if synced:
            changes["last_synced"] = now
    state = dataclasses.replace(state, **changes)
    with contextlib.suppress(OSError):  # bookkeeping never turns a success into a failure
        write_sync_state(store, state)
    return state
