"""Event files already read, kept as JSON by blob id: ``.git/corrections/events-v1/``.

Event files are YAML, and the YAML parser takes longer to load than the rest of showing a
correction. A blob id names every byte of a file, so an event read once (strictly, or back
from a checked folder) is kept as the data it was read as, one JSON file per blob, and read
back from there: showing a correction or taking a step on it needs no YAML parser the
second time. Only the corrections read one at a time (``view``, a step) are kept, not the
whole store that ``list`` folds, and at most ``KEEPS`` files and ``KEEPS_BYTES`` in all, the
oldest removed first. Like the other caches it is the tool's own: a file that cannot be
read is a miss, and one that cannot be written costs only speed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from corrections import __version__
from corrections.store import caches
from corrections.store.git_store import GitStore

DIRECTORY = "events-v1"
# Bounds, kept after every write: a proposal's event holds the whole proposed article.
KEEPS = 2000  # event files (a few per correction)
KEEPS_BYTES = 32 * 1024 * 1024


def folder(store: GitStore) -> Path:
    return store.git_dir / "corrections" / DIRECTORY


def load(store: GitStore, oid: str) -> dict[str, Any] | None:
    """The data of the event file with blob id ``oid`` as read before, if kept by this
    version of the tool."""
    kept = caches.load_json(store, f"{DIRECTORY}/{oid}")
    if not isinstance(kept, dict) or kept.get("version") != __version__:
        return None
    data = kept.get("event")
    return data if isinstance(data, dict) else None


def save(store: GitStore, events: Mapping[str, Any]) -> None:
    """Keep the data of event files read (blob id → JSON-ready data)."""
    if not events:
        return
    for oid, data in events.items():
        caches.save_json(store, f"{DIRECTORY}/{oid}", {"version": __version__, "event": data})
    _prune(folder(store))


def _prune(where: Path) -> None:
    """Remove the oldest files until at most KEEPS files of KEEPS_BYTES in all are left."""
    with contextlib.suppress(OSError):
        files = []
        for entry in os.scandir(where):
            if entry.name.endswith(".json"):
                with contextlib.suppress(OSError):
                    found = entry.stat()
                    files.append((found.st_mtime, found.st_size, entry.path))
        files.sort(reverse=True)  # newest first
        total = 0
        for number, (_, size, path) in enumerate(files):
            total += size
            if number >= KEEPS or total > KEEPS_BYTES:
                with contextlib.suppress(OSError):
                    os.unlink(path)
