"""Why a proposal's note needs editing, kept by everything that decides it.

Finding out drafts the note again from the diff (the fact stage reads names, numbers and
dates in the changed sentences) and lints the note: that takes the notes engine, more to
load than all the rest of ``corrections view``. The answer depends only on the kind, the
summary, the day of the proposal, the note, the two texts, the house style and the tool's
version, so it is kept under a hash of those in ``.git/corrections/note-checks-v1.json``:
once a proposal's note has been checked (proposing and revising print the check), showing
it again loads no notes engine. A hit is the answer the engine would give; a changed note,
text or style is a new key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING

from corrections import __version__
from corrections.store import caches
from corrections.store.git_store import GitStore

if TYPE_CHECKING:
    from corrections.domain.article_diff import ArticleDiff
    from corrections.domain.config import StoreConfig
    from corrections.domain.records import CorrectionRecord

CACHE_NAME = "note-checks-v1"
KEEPS = 1000  # notes checked; the oldest go first (every view reads the whole file)


def note_problems(
    store: GitStore, record: CorrectionRecord, change: ArticleDiff, config: StoreConfig
) -> tuple[str, ...]:
    """The problems of ``record``'s note, from the store's cache when it has them."""
    if record.note is None:
        return ()
    key = _key(record, change, config)
    found = _cached(store, key)
    if found is None:
        found = _checked(record, change, config)
        caches.remember(store, CACHE_NAME, key, list(found), KEEPS)
    return found


def _checked(record: CorrectionRecord, change: ArticleDiff, config: StoreConfig) -> tuple[str, ...]:
    from corrections.services import notes as note_service

    when = dt.datetime.combine(record.proposed_at.date(), dt.time())
    drafted = note_service.drafted(record.kind, change, config, when, record.summary)
    return note_service.problems(record.note, drafted, config)


def _key(record: CorrectionRecord, change: ArticleDiff, config: StoreConfig) -> str:
    # The house settings are frozen dataclasses whose repr names every value they hold.
    parts = [
        __version__,
        record.kind.value,
        record.summary,
        record.proposed_at.date().isoformat(),
        record.note,
        change.old_text,
        change.new_text,
        repr(config.house),
    ]
    text = json.dumps(parts, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cached(store: GitStore, key: str) -> tuple[str, ...] | None:
    found = caches.entry(store, CACHE_NAME, key)
    if not isinstance(found, list) or not all(isinstance(p, str) for p in found):
        return None
    return tuple(found)
