"""``corrections migrate``: a store made with one file per correction becomes one folder of
events per correction, in ONE commit.

Each old record ``corrections/<slug>/<id>.yaml`` becomes ``corrections/<slug>/<id>/`` with
a proposal (at the revision the record had reached: earlier texts were never kept), one
file per review, and a withdrawal or publication where the record had one. Approvals of
the current revision are re-bound to the new diff hash (which also covers the note: the
note could not change without a new revision, so they approved that note too); verdicts
on earlier revisions keep their old hash and stay void. Nothing is written unless every
record converts.
"""

from __future__ import annotations

from corrections.domain.errors import BadInput, CorrectionsError, Refused
from corrections.domain.events import (
    MIGRATE_STEP,
    Event,
    ProposalEvent,
    PublicationEvent,
    ReviewEvent,
    WithdrawalEvent,
    correction_dir,
    event_path,
    event_to_bytes,
)
from corrections.domain.fold import fold
from corrections.domain.frozen import frozen
from corrections.domain.records import CorrectionRecord, Status, diff_hash, parse_legacy_record
from corrections.services.config import load_config
from corrections.services.opening import commit_date
from corrections.services.sync import write_step_with_result
from corrections.services.viewing import base_text
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.records import legacy_files


@frozen
class Migration:
    commit: str | None  # None when there was nothing to migrate, or on a dry run
    corrections: int
    events: int


def events_of(record: CorrectionRecord, base: str) -> list[Event]:
    """The events an old single-file record stands for."""
    current = diff_hash(base, record.proposed_text, record.note)
    events: list[Event] = [
        ProposalEvent(
            id=record.id,
            article=record.article,
            at=record.proposed_at,
            kind=record.kind,
            summary=record.summary,
            proposed_text=record.proposed_text,
            diff_hash=current,
            draft_note=record.draft_note,
            note=record.note,
            proposer=record.proposer,
            base_commit=record.base_commit,
            revision=record.revision,
        )
    ]
    for review in record.reviews:
        is_current = review.revision == record.revision and review.diff_hash == record.diff_hash
        events.append(
            ReviewEvent(
                id=record.id,
                article=record.article,
                at=review.at,
                reviewer=review.reviewer,
                verdict=review.verdict,
                comment=review.comment,
                revision=review.revision,
                diff_hash=current if is_current else review.diff_hash,
            )
        )
    if record.status is Status.withdrawn:
        events.append(
            WithdrawalEvent(
                id=record.id,
                article=record.article,
                at=record.updated_at,
                by=record.proposer,
                revision=record.revision,
            )
        )
    if record.published is not None:
        published = record.published
        events.append(
            PublicationEvent(
                id=record.id,
                article=record.article,
                at=published.at,
                publisher=published.publisher,
                kind=record.kind,
                revision=record.revision,
                diff_hash=current,
                approvers=tuple(record.approvers()),
                parent=published.parent,
                merged=published.merged,
                note_date=record.note_date,
            )
        )
    return events


def migrate(store: GitStore, by: Identity, *, dry_run: bool = False) -> Migration:
    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, Migration]:
        head = snapshot.head
        if head is None:
            raise Refused("the store is empty: nothing to migrate")
        policy = load_config(store, head).policy
        files: dict[str, bytes | None] = {}
        count = 0
        for path in sorted(legacy_files(store, head)):
            data = snapshot.read(path)
            if data is None:
                continue
            record = parse_legacy_record(data, path)
            try:
                events = events_of(record, base_text(store, record))
            except CorrectionsError as error:
                raise BadInput(f"{path}: cannot be migrated: {error}") from None
            except ValueError as error:  # a model refusing what the old record held
                reason = str(error).splitlines()[0]
                raise BadInput(f"{path}: cannot be migrated: {reason}") from None
            written = {event_path(e): e for e in events}
            folded = fold(correction_dir(record.article, record.id), written, policy)
            if folded.record is None or folded.record.status is not record.status:
                status = folded.record.status.value if folded.record else "nothing"
                raise BadInput(
                    f"{path}: its events fold to {status}, not {record.status.value}: "
                    "fix the record by hand first"
                )
            files[path] = None
            files.update({p: event_to_bytes(e) for p, e in written.items()})
            count += 1
        events_written = sum(1 for data in files.values() if data is not None)
        planned = PlannedCommit(
            files,
            f"Migrate {count} correction(s) to one file per event",
            by,
            trailers=[("Correction-Step", MIGRATE_STEP)],
        )
        return planned, Migration(None, count, events_written)

    # Planned first against main as it is: a dry run, or nothing to migrate, writes nothing.
    _, planned = plan(Snapshot(store, store.head()))
    if dry_run or not planned.corrections:
        return planned
    commit, done = write_step_with_result(store, plan, when=commit_date())
    return Migration(commit, done.corrections, done.events)
