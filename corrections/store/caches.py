"""The tool's own caches in the git directory, ``.git/corrections/<name>.json``.

Each cache is keyed by what git already names (commits, tree and blob ids), so it is never
wrong for long: a reader checks the keys it needs and rebuilds what does not match. A cache
that cannot be read is treated as missing, and one that cannot be written (a read-only
checkout in CI) costs only speed; either way the command's answer is the same.

Threads of one process share an open store (the terminal UI's workers): whoever reads a
cache to bring it up to date holds :func:`updating` meanwhile, so a second thread waits and
then finds it current instead of rebuilding it too. A cache is written whole to a
temporary file of its own and renamed over the old one, so a reader, in this process or
another, sees the old cache or the new one, never a mixture or half of one.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corrections.store.files import atomic_write
from corrections.store.git_store import GitStore

# The cache of ``corrections validate`` (services/validate.py): what it found in each
# correction folder and article file, by their ids. The number changes with the form of
# what is kept, so an older tool's cache is not read.
VALIDATE_FORMAT = 4
VALIDATE = f"validate-v{VALIDATE_FORMAT}"


def cache_path(store: GitStore, name: str) -> Path:
    return store.git_dir / "corrections" / f"{name}.json"


@contextlib.contextmanager
def updating(store: GitStore, name: str) -> Iterator[None]:
    """Hold the cache ``name`` of this open store while reading, rebuilding and writing it."""
    with store.cache_lock(name):
        yield


def load_json(store: GitStore, name: str) -> Any:
    """The cache's data, or None when there is none or it cannot be read."""
    try:
        return json.loads(cache_path(store, name).read_bytes())
    except (OSError, ValueError):
        return None


def save_json(store: GitStore, name: str, data: Any) -> None:
    """Replace the cache whole and atomically (a reader sees the old one or the new one)."""
    # A lone surrogate (text read with surrogateescape) is written as the JSON escape it
    # reads back as, "\udc80", so any text the tool holds can be cached.
    text = json.dumps(data, ensure_ascii=False).encode("utf-8", "backslashreplace")
    with contextlib.suppress(OSError):
        atomic_write(cache_path(store, name), text, durable=False)


def entry(store: GitStore, name: str, key: str) -> Any:
    """One entry of a cache kept as a mapping of keys (``remember``), or None."""
    entries = load_json(store, name)
    return entries.get(key) if isinstance(entries, dict) else None


def remember(store: GitStore, name: str, key: str, value: Any, keeps: int) -> None:
    """Add ``key``'s entry to the cache ``name``, keeping the ``keeps`` newest entries."""
    with updating(store, name):  # this store's other threads wait meanwhile
        entries = load_json(store, name)
        kept = entries if isinstance(entries, dict) else {}
        kept.pop(key, None)
        kept[key] = value
        save_json(store, name, dict(list(kept.items())[-keeps:]))


def load_validation(store: GitStore) -> dict[str, Any]:
    """The validation cache, or an empty one (``{"blobs": {}}``)."""
    data = load_json(store, VALIDATE)
    if isinstance(data, dict) and isinstance(data.get("blobs"), dict):
        return data
    return {"blobs": {}}


def save_validation(store: GitStore, data: dict[str, Any]) -> None:
    save_json(store, VALIDATE, data)
