"""Keeping a store healthy: locks left by killed processes, a work tree left behind
``main`` by an interrupted step, and git's indexes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corrections.domain.frozen import frozen
from corrections.store.git_store import STALE_LOCK_SECONDS, GitStore


@frozen
class LockFile:
    path: Path
    age_seconds: float

    @property
    def stale(self) -> bool:
        return self.age_seconds > STALE_LOCK_SECONDS


@dataclass
class Health:
    """What ``doctor`` found, and what ``--repair`` fixed."""

    locks: list[LockFile] = field(default_factory=list)
    behind: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    brought_up_to_date: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.locks and not self.behind


def named_paths(paths: list[str], shown: int = 3) -> str:
    """``a, b, c and 2 more``: what an interrupted step had left behind, in one line."""
    named = ", ".join(paths[:shown])
    return named + (f" and {len(paths) - shown} more" if len(paths) > shown else "")


def lock_files(store: GitStore) -> list[LockFile]:
    return [LockFile(path, age) for path, age in store.lock_files()]


def check(store: GitStore, *, repair: bool = False, force: bool = False) -> Health:
    """Report locks and paths behind ``main``; with ``repair``, remove locks older than a
    minute (any age with ``force``: the caller checked no git command is running) and bring
    the work tree and index up to date where they only lag ``main``.

    A writer holds its lock for milliseconds, so one a minute old was left by a killed
    process; a younger one may be in use and is only removed when forced."""
    health = Health()
    for lock in lock_files(store):
        if repair and (lock.stale or force):
            lock.path.unlink(missing_ok=True)
            health.removed.append(lock.path)
        else:
            health.locks.append(lock)
    tree = store.work_tree_if_on_main()
    if tree is not None:
        if repair and not any(lock.path.name == "index.lock" for lock in health.locks):
            health.brought_up_to_date += tree.repair()
        else:
            health.behind = tree.lagging()
    return health


def optimize(store: GitStore) -> None:
    """git's commit-graph for fast history walks, and the article catalog brought to main
    and shared (``sync`` sends it to the team's remote)."""
    from corrections.store import catalog

    store.optimize()
    catalog.share(store)
