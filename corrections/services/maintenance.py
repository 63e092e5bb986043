"""Keeping a store healthy: stale locks left by killed processes, and git's indexes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corrections.store.git_store import STALE_LOCK_SECONDS, GitStore


@dataclass(frozen=True)
class LockFile:
    path: Path
    age_seconds: float

    @property
    def stale(self) -> bool:
        return self.age_seconds > STALE_LOCK_SECONDS


def lock_files(store: GitStore) -> list[LockFile]:
    return [LockFile(path, age) for path, age in store.lock_files()]


def remove_stale_locks(store: GitStore) -> list[Path]:
    """Remove lock files older than a minute. A writer holds its lock for milliseconds, so
    one that old was left by a killed process; a live one is never touched."""
    removed = []
    for lock in lock_files(store):
        if lock.stale:
            lock.path.unlink(missing_ok=True)
            removed.append(lock.path)
    return removed


def optimize(store: GitStore) -> None:
    store.optimize()
