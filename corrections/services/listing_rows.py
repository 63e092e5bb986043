"""Listing corrections as rows: from the records cache, folding only the folders that changed.

A row is a record's JSON form without its proposed text (``strict.to_data``),
which is what ``corrections list`` prints, as text or as JSON. The event models, YAML and
the configuration are loaded only when some folder changed since the cache was written,
so listing an unchanged store costs one ``ls-tree`` and one JSON read.
"""

from __future__ import annotations

from typing import Any

from corrections.domain.slugs import validate_slug
from corrections.domain.statuses import Status
from corrections.store import record_rows
from corrections.store.git_store import GitStore
from corrections.store.record_rows import CachedFolder, Layout, RecordProblem

Row = dict[str, Any]


def list_correction_rows(
    store: GitStore, status: Status | None = None, article: str | None = None
) -> tuple[list[Row], list[RecordProblem]]:
    """Rows sorted by id, filtered; and the record files that could not be read."""
    if article is not None:
        validate_slug(article)
    head = store.head()
    if head is None:
        return [], []
    layout = record_rows.read_layout(store, head, article)
    if layout.config is None:
        from corrections.services.config import load_config

        load_config(store, head)  # names the missing configuration, as every command does
        raise AssertionError("unreachable: load_config found no corrections.toml")
    with record_rows.updating(store):
        known = record_rows.load(store, layout.config)
        if known is None:
            # A configuration not seen before is read (and refused if it is malformed) even
            # when no folder needs folding: the cache is only ever written for a good one.
            from corrections.services.config import load_config

            load_config(store, head)
        cached = known or {}
        trees = layout.trees
        changed = [f for f, tree in trees.items() if f not in cached or cached[f].tree != tree]
        folders = {f: cached[f] for f in trees if f not in changed}
        if changed:
            folders.update(_fold(store, head, layout, {f: trees[f] for f in changed}))
        if known is None or changed or (article is None and set(cached) != set(folders)):
            # An article's listing adds to what the cache knows of the others; a whole
            # listing also forgets folders that are gone.
            record_rows.save(store, layout.config, folders if article is None else cached | folders)
    rows = sorted(
        (c.row for c in folders.values() if c.row is not None), key=lambda row: str(row["id"])
    )
    legacy = [
        RecordProblem(
            path, f"{path}: a record in the old single-file layout: run 'corrections migrate'"
        )
        for path in layout.legacy
    ]
    problems = [p for folder in trees for p in folders[folder].problems]
    wanted = [row for row in rows if status is None or row["status"] == status.value]
    return wanted, problems + legacy


def _fold(
    store: GitStore, head: str, layout: Layout, changed: dict[str, str]
) -> dict[str, CachedFolder]:
    """Fold the changed folders: here the event models and the configuration are loaded."""
    from corrections.domain.fold import fold
    from corrections.domain.strict import to_data
    from corrections.services.config import load_config
    from corrections.store import checked_folders
    from corrections.store.records import read_events

    policy = load_config(store, head).policy
    events, read_problems = read_events(
        store, {path: oid for f in changed for path, oid in layout.files[f].items()}
    )
    folded: dict[str, CachedFolder] = {}
    for folder in changed:
        files = layout.files[folder]
        result = fold(folder, {p: events[p] for p in files if p in events}, policy)
        row = None
        if result.record is not None:
            row = to_data(result.record, exclude=("proposed_text",))
        problems = [p for p in read_problems if p.path in files]
        problems += [RecordProblem(f.path, f.message) for f in result.problems]
        folded[folder] = CachedFolder(changed[folder], row, tuple(problems))
    unreadable = {p.path for p in read_problems}
    checked_folders.add(
        store, [tree for f, tree in changed.items() if unreadable.isdisjoint(layout.files[f])]
    )
    return folded
