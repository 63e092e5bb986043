"""Publishing: the new text, its notes block and the publication event in ONE commit.

If the article changed after the proposal, the change is merged three ways (base,
current, proposed). A conflict stops the publish (exit 3) and shows the passage; a merge
that would alter the approved change needs a new review. The planner is also what
``sync`` runs to replay a publication made offline onto the remote's newer tip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from corrections.domain import workflow
from corrections.domain.article import with_notes, without_notes
from corrections.domain.catalog import article_path
from corrections.domain.config import StoreConfig
from corrections.domain.errors import Conflict, Refused
from corrections.domain.events import Event, event_to_bytes
from corrections.domain.public_notes import notes_block
from corrections.domain.records import CorrectionRecord, Status
from corrections.services.articles import commit_date
from corrections.services.notes import house_style
from corrections.services.provenance import approvals_not_proven
from corrections.services.sync import write_step
from corrections.services.workflow import (
    article_now,
    base_text,
    now,
    plan_event,
)
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.merge import merge_texts
from corrections.store.records import LoadedCorrection, load_records


@dataclass(frozen=True)
class PublishResult:
    record: CorrectionRecord
    commit: str | None  # None for a dry run
    article_text: str
    merged: bool
    approvers: tuple[str, ...]


class _DryRun(Exception):
    """Raised out of a publish plan to stop before anything is written."""


def plan_publish(
    store: GitStore, snapshot: Snapshot, record_id: str, publisher: Identity, when: dt.datetime
) -> tuple[PlannedCommit, PublishResult]:
    """What publishing ``record_id`` on ``snapshot``'s head writes, checked by every rule."""
    head = snapshot.head or ""
    found: list[tuple[str, str, bool, list[str]]] = []

    def make(record: CorrectionRecord, config: StoreConfig) -> Event:
        approvers = workflow.check_publishable(record, config.policy, publisher.name)
        text, merged = _merged_text(store, snapshot, record)
        found[:] = [(record.article, text, merged, approvers)]
        return workflow.publication(
            record, publisher.name, when, head, approvers, merged=merged, note_date=when.date()
        )

    def not_proven(loaded: LoadedCorrection, config: StoreConfig) -> dict[str, str]:
        return approvals_not_proven(store, head, loaded, config)

    planned, config = plan_event(store, head, record_id, make, not_proven)
    slug, text, merged, approvers = found[0]
    record = planned.record
    name = article_path(slug)
    others, _ = load_records(store, config.policy, head, article=slug)
    published = [r for r in others if r.status is Status.published and r.id != record.id]
    top, bottom = notes_block([*published, record], house_style(config))
    article = with_notes(text, name, top, bottom)
    trailers = [("Correction-Id", record.id), ("Correction-Kind", record.kind.value)]
    trailers += [("Approved-by", approver) for approver in approvers]
    commit = PlannedCommit(
        {name: article.encode("utf-8"), planned.path: event_to_bytes(planned.event)},
        f"Publish {record.kind.value} to {slug}",
        publisher,
        body=record.note or "",
        trailers=trailers,
    )
    return commit, PublishResult(record, None, article, merged, tuple(approvers))


def _merged_text(store: GitStore, snapshot: Snapshot, record: CorrectionRecord) -> tuple[str, bool]:
    name = article_path(record.article)
    current = without_notes(article_now(snapshot, record.article), name)
    base = base_text(store, record)
    if current == base:
        return record.proposed_text, False
    outcome = merge_texts(store.git_dir, base, current, record.proposed_text)
    if outcome.conflicts:
        raise Conflict(
            f"{record.article} changed since correction {record.id} was proposed and "
            f"the change conflicts with it: {outcome.passage}"
        )
    if workflow.change_fingerprint(current, outcome.text) != workflow.change_fingerprint(
        base, record.proposed_text
    ):
        raise Refused(
            f"{record.article} changed since correction {record.id} was approved and "
            "merging alters the approved change: revise it for a new review"
        )
    return outcome.text, True


def publish(
    store: GitStore, record_id: str, publisher: Identity, *, dry_run: bool = False
) -> PublishResult:
    """Apply an approved correction: article text, notes block and publication, one commit."""
    when = now()
    result: list[PublishResult] = []

    def plan(snapshot: Snapshot) -> PlannedCommit:
        commit, outcome = plan_publish(store, snapshot, record_id, publisher, when)
        result[:] = [outcome]
        if dry_run:
            raise _DryRun
        return commit

    try:
        commit = write_step(store, plan, when=commit_date())
    except _DryRun:
        return result[0]
    done = result[0]
    from corrections.services.hooks import after_step

    after_step(store, "published", done.record, commit, publisher.name)
    return PublishResult(done.record, commit, done.article_text, done.merged, done.approvers)
