"""Publishing: the new text, its notes block and the publication event in ONE commit.

If the article changed after the proposal, the change is merged three ways (base,
current, proposed). A conflict stops the publish (exit 3) and shows the passage; a merge
that would alter the approved change needs a new review. The planner is also what
``sync`` runs to replay a publication made offline onto the remote's newer tip.
"""

from __future__ import annotations

import datetime as dt

from corrections.domain import workflow
from corrections.domain.article import with_notes, without_notes
from corrections.domain.catalog import article_path
from corrections.domain.config import StoreConfig
from corrections.domain.errors import Conflict, Refused
from corrections.domain.events import Event, event_to_bytes
from corrections.domain.frozen import frozen
from corrections.domain.public_notes import notes_block
from corrections.domain.records import OPEN_STATUSES, CorrectionRecord, Status
from corrections.services.config import load_config
from corrections.services.notes import house_style
from corrections.services.opening import commit_date
from corrections.services.provenance import approvals_not_proven
from corrections.services.sync import write_step_with_result
from corrections.services.viewing import base_text
from corrections.services.workflow import article_now, now, plan_event
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.merge import merge_texts
from corrections.store.records import (
    LoadedCorrection,
    find_correction,
    load_correction,
    load_records,
)


@frozen
class PublishResult:
    record: CorrectionRecord
    commit: str | None  # None for a dry run
    article_text: str
    merged: bool
    approvers: tuple[str, ...]
    # The other corrections of its group, published in the same commit.
    group: tuple[PublishResult, ...] = ()


def plan_publish(
    store: GitStore, snapshot: Snapshot, record_id: str, publisher: Identity, when: dt.datetime
) -> tuple[PlannedCommit, PublishResult]:
    """What publishing ``record_id`` on ``snapshot``'s head writes, checked by every rule.

    A correction of a group is published with every other one of its group, in one commit
    (each article with its own note), or not at all."""
    members = group_members(store, snapshot.head or "", record_id)
    if len(members) > 1:
        return _plan_group(store, snapshot, record_id, members, publisher, when)
    return _plan_one(store, snapshot, record_id, publisher, when)


def group_members(store: GitStore, head: str, record_id: str) -> list[str]:
    """The ids of the corrections published together with ``record_id`` (itself first):
    the open ones of its group. One that was withdrawn or rejected has left the group."""
    config = load_config(store, head)
    folder = find_correction(store, head, record_id)
    record = load_correction(store, head, folder, config.policy).record
    if record.group is None or record.status not in OPEN_STATUSES:
        return [record.id]
    records, _ = load_records(store, config.policy, head)
    others = sorted(
        r.id
        for r in records
        if r.group == record.group and r.id != record.id and r.status in OPEN_STATUSES
    )
    return [record.id, *others]


def _plan_group(
    store: GitStore,
    snapshot: Snapshot,
    record_id: str,
    members: list[str],
    publisher: Identity,
    when: dt.datetime,
) -> tuple[PlannedCommit, PublishResult]:
    """Every member planned on the same head; one commit holds all their files. A member
    that cannot be published (not approved, a conflict) stops the whole group."""
    plans = [_plan_one(store, snapshot, member, publisher, when) for member in members]
    files: dict[str, bytes | None] = {}
    trailers: list[tuple[str, str]] = []
    approvers: list[str] = []
    notes = []
    for commit, outcome in plans:
        files.update(commit.files)
        trailers.append(("Correction-Id", outcome.record.id))
        approvers += [a for a in outcome.approvers if a not in approvers]
        if outcome.record.note:
            notes.append(f"{outcome.record.article}: {outcome.record.note}")
    kinds = dict.fromkeys(outcome.record.kind.value for _, outcome in plans)
    trailers += [("Correction-Kind", kind) for kind in kinds]
    trailers += [("Correction-Group", plans[0][1].record.group or record_id)]
    trailers += [("Approved-by", approver) for approver in approvers]
    first = plans[0][1].record
    commit = PlannedCommit(
        files,
        f"Publish {first.kind.value} to {first.article} and {len(plans) - 1} more "
        f"article{'s' if len(plans) > 2 else ''} together",
        publisher,
        body="\n\n".join(notes),
        trailers=trailers,
    )
    done = plans[0][1]
    others = tuple(outcome for _, outcome in plans[1:])
    return commit, PublishResult(
        done.record, None, done.article_text, done.merged, done.approvers, others
    )


def _plan_one(
    store: GitStore, snapshot: Snapshot, record_id: str, publisher: Identity, when: dt.datetime
) -> tuple[PlannedCommit, PublishResult]:
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

    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, PublishResult]:
        return plan_publish(store, snapshot, record_id, publisher, when)

    if dry_run:
        # What the publish would do, planned against main as it is; nothing is written.
        return plan(Snapshot(store, store.head()))[1]
    commit, done = write_step_with_result(store, plan, when=commit_date())
    from corrections.services.hooks import after_step

    after_step(store, "published", done.record, commit, publisher.name)
    for other in done.group:
        after_step(store, "published", other.record, commit, publisher.name)
    return PublishResult(
        done.record, commit, done.article_text, done.merged, done.approvers, done.group
    )
