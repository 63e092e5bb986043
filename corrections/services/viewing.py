"""Showing a correction: its record, the word diff against the text it was made on, who
approved it and what its note still needs.

Kept apart from the steps (``services.workflow``) so that showing one loads neither the
workflow's rules nor the article-adding code: ``corrections view`` is run all day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corrections.domain.article import decode, without_notes
from corrections.domain.catalog import article_path
from corrections.domain.errors import NotFound
from corrections.domain.fold import required_approvals
from corrections.domain.frozen import frozen
from corrections.domain.records import CorrectionRecord
from corrections.services import note_checks
from corrections.services.config import load_config
from corrections.store.git_store import GitStore
from corrections.store.records import find_correction, load_correction

# The diff engine loads with the first diff.
if TYPE_CHECKING:
    from corrections.domain.article_diff import ArticleDiff


@frozen
class CorrectionView:
    """A correction as ``view`` and the review screen show it."""

    record: CorrectionRecord
    diff: ArticleDiff
    approvers: tuple[str, ...]
    approvals_needed: int
    note_problems: tuple[str, ...] = ()  # why the note needs editing before it is published


def view(store: GitStore, record_id: str) -> CorrectionView:
    head = store.head()
    if head is None:
        raise NotFound(f"no correction {record_id!r}: the store is empty")
    config = load_config(store, head)
    record = load_correction(
        store, head, find_correction(store, head, record_id), config.policy
    ).record
    change = diff_articles_text(base_text(store, record), record.proposed_text)
    return CorrectionView(
        record,
        change,
        tuple(record.approvers()),
        required_approvals(config.policy, record.kind),
        note_checks.note_problems(store, record, change, config),
    )


def note_problems(store: GitStore, record: CorrectionRecord) -> tuple[str, ...]:
    """Why this correction's note needs editing; empty when it can be published as is."""
    config = load_config(store, store.head())
    change = diff_articles_text(base_text(store, record), record.proposed_text)
    return note_checks.note_problems(store, record, change, config)


def base_text(store: GitStore, record: CorrectionRecord) -> str:
    """The article the proposal was made against, without its notes block."""
    name = article_path(record.article)
    data = store.read_file(record.base_commit, name)
    if data is None:
        raise NotFound(f"{record.path}: base commit {record.base_commit[:12]} has no {name}")
    return without_notes(decode(data, name), name)


def diff_articles_text(old: str, new: str) -> ArticleDiff:
    from corrections.domain.article_diff import diff_articles

    return diff_articles(old.encode(), new.encode(), "published", "proposed")
