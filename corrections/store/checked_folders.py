"""Correction folders whose event files all passed the strict check, by tree id.

A folder's tree id names every file in it and every byte of each, so a folder once
checked whole is still checked while its tree id is the same. The list is kept in
``.git/corrections/checked-v1.json`` with the tool's version (a newer version may check
more); a reader of such a folder (``store.records.load_correction``) reads its events back
without checking them again, which spares it loading pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable

from corrections import __version__
from corrections.store import caches
from corrections.store.git_store import GitStore

CACHE_NAME = "checked-v1"
KEEPS = 200_000  # tree ids; the oldest go first (each step gives its folder a new one)


def checked(store: GitStore) -> set[str]:
    return set(_kept(store))


def _kept(store: GitStore) -> list[str]:
    """The tree ids in the file, oldest first; none from another version or a bad file."""
    data = caches.load_json(store, CACHE_NAME)
    trees = data.get("trees") if isinstance(data, dict) else None
    if not isinstance(trees, list) or data.get("version") != __version__:
        return []
    return [t for t in trees if isinstance(t, str)]


def add(store: GitStore, trees: Iterable[str]) -> None:
    new = list(trees)
    if not new:
        return
    with caches.updating(store, CACHE_NAME):  # the app checks folders from worker threads
        kept = _kept(store)
        known = set(kept)
        kept += [t for t in dict.fromkeys(new) if t not in known]
        caches.save_json(store, CACHE_NAME, {"version": __version__, "trees": kept[-KEEPS:]})
