"""Corrections as listing rows, cached per correction folder in the git directory.

A row is a correction's record in its JSON form without the proposed text: all that a
listing prints. Rows are kept in ``.git/corrections/rows-v<N>.json``, each under the tree id
of its folder (``corrections/<slug>/<id>``), together with what folding that folder found
wrong, and the whole cache under the blob id of ``corrections.toml`` (the policy a fold
applies) and the tool's version (the rules a fold applies). A folder whose tree id is
unchanged holds the same events, so its row is still right; only changed folders are
folded again, by the caller. This module imports neither pydantic nor YAML: a listing of
an unchanged store loads neither.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corrections import __version__
from corrections.domain.catalog import CONFIG_FILE, RECORDS_DIR, split_event_path
from corrections.domain.frozen import frozen
from corrections.store import caches
from corrections.store.git_store import GitStore
from corrections.store.gitcmd import run_git

CACHE_FORMAT = 1


@frozen
class RecordProblem:
    """A record file that could not be read or folded, and why (the message names it)."""

    path: str
    message: str


@frozen(slots=True)  # made by the thousand
class CachedFolder:
    """What a correction folder folded to, kept by the id of its tree."""

    tree: str
    row: dict[str, Any] | None  # None: the folder folds to no record
    problems: tuple[RecordProblem, ...]


@dataclass
class Layout:
    """What ``main`` holds under ``corrections/``, read with one ``ls-tree``."""

    config: str | None  # the blob id of corrections.toml, None without one
    # Every correction folder (corrections/<slug>/<id>) → its tree id, event files or not.
    folder_trees: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # folder → path → blob
    legacy: list[str] = field(default_factory=list)  # records in the single-file layout

    @property
    def trees(self) -> dict[str, str]:
        """The folders that hold event files → their tree ids."""
        return {f: tree for f, tree in self.folder_trees.items() if f in self.files}


CACHE_NAME = f"rows-v{CACHE_FORMAT}"


def cache_path(store: GitStore) -> Path:
    return caches.cache_path(store, CACHE_NAME)


def updating(store: GitStore) -> AbstractContextManager[None]:
    """Held from :func:`load` to :func:`save`: this store's other threads wait meanwhile."""
    return caches.updating(store, CACHE_NAME)


_READ: dict[tuple[Path, str, str | None], Layout] = {}  # a commit's layout never changes
_READ_KEEPS = 4
_READ_LOCK = threading.Lock()  # the app reads from worker threads


def read_layout(store: GitStore, commit: str, article: str | None = None) -> Layout:
    """Folders, their tree ids and event files, and the configuration's blob id. A layout
    is kept for the next caller in the process (finding a correction, then loading it)."""
    key = (store.git_dir, commit, article)
    with _READ_LOCK:
        found = _READ.get(key)
    if found is None:
        found = _read_layout(store, commit, article)
        with _READ_LOCK:
            while len(_READ) >= _READ_KEEPS:
                del _READ[next(iter(_READ))]
            _READ[key] = found
    return found


def _read_layout(store: GitStore, commit: str, article: str | None) -> Layout:
    directory = RECORDS_DIR if article is None else f"{RECORDS_DIR}/{article}"
    out = run_git(
        store.git_dir,
        ["ls-tree", "-z", "-r", "-t", "--end-of-options", commit, "--", CONFIG_FILE, directory],
    ).stdout.decode("utf-8", "surrogateescape")
    layout = Layout(config=None)
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _mode, kind, oid = meta.split()
        if path == CONFIG_FILE:
            layout.config = oid if kind == "blob" else None
        elif kind == "tree" and path.count("/") == 2:
            layout.folder_trees[path] = oid
        elif kind == "blob" and split_event_path(path) is not None:
            folder = path.rsplit("/", 1)[0]
            layout.files.setdefault(folder, {})[path] = oid
        elif kind == "blob" and article is None and path.count("/") == 2 and path.endswith(".yaml"):
            layout.legacy.append(path)
    return layout


def load(store: GitStore, config: str) -> dict[str, CachedFolder] | None:
    """The cached folders, if the cache was written for this configuration and version;
    None if it was not (then the configuration itself has not been read yet)."""
    try:
        data = caches.load_json(store, CACHE_NAME)
        if data["version"] != __version__ or data["config"] != config:
            return None
        return {
            folder: CachedFolder(
                tree=str(entry["tree"]),
                row=entry["row"],
                problems=tuple(RecordProblem(str(p), str(m)) for p, m in entry["problems"]),
            )
            for folder, entry in data["folders"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no cache, or an unreadable one: fold again


def save(store: GitStore, config: str, folders: Mapping[str, CachedFolder]) -> None:
    """Write the cache whole, atomically; one that cannot be written only costs speed."""
    data = {
        "version": __version__,
        "config": config,
        "folders": {
            folder: {
                "tree": cached.tree,
                "row": cached.row,
                "problems": [[p.path, p.message] for p in cached.problems],
            }
            for folder, cached in folders.items()
        },
    }
    caches.save_json(store, CACHE_NAME, data)
