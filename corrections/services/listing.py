"""Listing corrections: the records of a store, folded from their events, filtered.

Apart from the workflow's steps, so that a listing loads neither the diff engine, the note
drafting nor the machinery that delivers steps to a remote.
"""

from __future__ import annotations

from corrections.domain.records import OPEN_STATUSES, CorrectionRecord, Status
from corrections.domain.slugs import validate_slug
from corrections.services.config import load_config
from corrections.store.git_store import GitStore
from corrections.store.records import RecordProblem, load_records


def list_corrections(
    store: GitStore, status: Status | None = None, article: str | None = None
) -> tuple[list[CorrectionRecord], list[RecordProblem]]:
    """Records, filtered; and the record files that could not be read (never hidden)."""
    if article is not None:
        validate_slug(article)
    if store.head() is None:
        return [], []
    records, problems = load_records(store, load_config(store).policy, article=article)
    return [r for r in records if status is None or r.status is status], problems


def open_corrections_by_article(store: GitStore) -> dict[str, int]:
    """How many corrections are in flight for each article (proposed, changes requested or
    approved)."""
    records, _ = list_corrections(store)
    counts: dict[str, int] = {}
    for record in records:
        if record.status in OPEN_STATUSES:
            counts[record.article] = counts.get(record.article, 0) + 1
    return counts
