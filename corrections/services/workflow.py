"""The correction workflow: propose, review, revise, withdraw, publish.

Each step is one commit on ``main`` through the store's safe write protocol. Every step
plans against the head it will commit on, so a step that lost a race to another writer
re-reads the record and checks its rules again before trying once more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from corrections.domain import workflow
from corrections.domain.article import decode, parse_article, split_front_matter, without_notes
from corrections.domain.article_diff import ArticleDiff, diff_articles
from corrections.domain.catalog import article_path
from corrections.domain.config import CONFIG_FILE, StoreConfig, parse_config
from corrections.domain.errors import Conflict, CorrectionsError, NotFound, Refused
from corrections.domain.kinds import Kind
from corrections.domain.records import (
    OPEN_STATUSES,
    CorrectionRecord,
    Status,
    Verdict,
    diff_hash,
    new_id,
    record_to_bytes,
)
from corrections.domain.slugs import validate_slug
from corrections.services import notes as note_service
from corrections.services.articles import commit_date
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.merge import merge_texts
from corrections.store.records import (
    RecordProblem,
    find_record_path,
    load_records,
    read_record,
)


def now() -> dt.datetime:
    """The time of a step; pinned by GIT_AUTHOR_DATE when set, like the commit itself."""
    pinned = commit_date()
    if pinned:
        try:
            return dt.datetime.fromisoformat(pinned)
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def load_config(store: GitStore, commit: str | None = None) -> StoreConfig:
    head = commit or store.head()
    data = store.read_file(head, CONFIG_FILE) if head else None
    if data is None:
        raise NotFound(f"{store.root}: {CONFIG_FILE} is missing on main")
    return parse_config(decode(data, CONFIG_FILE), CONFIG_FILE)


def _article_now(snapshot: Snapshot, slug: str) -> str:
    path = article_path(validate_slug(slug))
    data = snapshot.read(path)
    if data is None:
        raise NotFound(f"no article {slug!r} in {snapshot.store.root}")
    return decode(data, path)


def proposed_article(current_text: str, new_input: str, slug: str) -> str:
    """The full proposed article (without notes): ``new_input`` is either a whole article
    with front matter (the headline may change too) or just the new body."""
    name = article_path(slug)
    if split_front_matter(new_input, "proposed text") is not None:
        text = without_notes(new_input, "proposed text")
    else:
        parts = split_front_matter(current_text, name)
        head = parts[0] if parts else ""
        text = head + without_notes(head + new_input, name)[len(head) :]
    parse_article(text.encode("utf-8"), "proposed text")  # the result must be a valid article
    return text


RecordChange = Callable[[CorrectionRecord, StoreConfig], CorrectionRecord]


def _write_record(
    store: GitStore,
    record_id: str,
    step: str,
    by: Identity,
    change: RecordChange,
) -> CorrectionRecord:
    """Re-read the record at the head, apply ``change``, commit it. Returns the new record."""
    result: list[CorrectionRecord] = []

    def plan(snapshot: Snapshot) -> PlannedCommit:
        head = snapshot.head or ""
        path = find_record_path(store, head, record_id)
        updated = change(read_record(store, head, path), load_config(store, head))
        result[:] = [updated]
        return PlannedCommit(
            {path: record_to_bytes(updated)},
            f"{step.capitalize()} correction {updated.id} to {updated.article}",
            by,
            trailers=[("Correction-Id", updated.id), ("Correction-Step", step)],
        )

    store.write(plan, when=commit_date())
    return result[0]


# ---------------------------------------------------------------------- steps


def propose(
    store: GitStore,
    slug: str,
    new_input: str,
    kind: Kind,
    author: Identity,
    *,
    summary: str = "",
    note: str | None = None,
) -> CorrectionRecord:
    """Record a proposed correction; the note is drafted from the diff in the house style."""
    validate_slug(slug)
    result: list[CorrectionRecord] = []
    when = now()

    def plan(snapshot: Snapshot) -> PlannedCommit:
        current = without_notes(_article_now(snapshot, slug), article_path(slug))
        proposed = proposed_article(current, new_input, slug)
        if proposed == current:
            raise Refused(
                f"the proposed text is the same as the published {slug}: nothing to correct"
            )
        config = load_config(store, snapshot.head)
        draft = note_service.draft(kind, diff_articles_text(current, proposed), config, when)
        record = CorrectionRecord(
            id=new_id(when),
            article=slug,
            kind=kind,
            status=Status.proposed,
            summary=summary,
            base_commit=snapshot.head or "",
            proposed_text=proposed,
            diff_hash=diff_hash(current, proposed),
            draft_note=draft,
            note=note_service.clean(note) if note is not None else draft,
            proposer=author.name,
            proposed_at=when,
            updated_at=when,
        )
        if kind is Kind.typo:
            record = record.model_copy(update={"note": None})
        result[:] = [record]
        return PlannedCommit(
            {record.path: record_to_bytes(record)},
            f"Propose {kind.value} to {slug}",
            author,
            body=summary,
            trailers=[("Correction-Id", record.id), ("Correction-Step", "propose")],
        )

    store.write(plan, when=commit_date())
    return result[0]


def base_text(store: GitStore, record: CorrectionRecord) -> str:
    """The article the proposal was made against, without its notes block."""
    name = article_path(record.article)
    data = store.read_file(record.base_commit, name)
    if data is None:
        raise NotFound(f"{record.path}: base commit {record.base_commit[:12]} has no {name}")
    return without_notes(decode(data, name), name)


def diff_articles_text(old: str, new: str) -> ArticleDiff:
    return diff_articles(old.encode(), new.encode(), "published", "proposed")


def review(
    store: GitStore,
    record_id: str,
    reviewer: Identity,
    verdict: Verdict,
    comment: str = "",
) -> CorrectionRecord:
    when = now()

    def change(record: CorrectionRecord, config: StoreConfig) -> CorrectionRecord:
        return workflow.review(record, reviewer.name, verdict, comment, when, config.policy)

    step = {"approve": "approve", "request_changes": "request changes on", "reject": "reject"}[
        verdict.value
    ]
    return _write_record(store, record_id, step, reviewer, change)


def revise(
    store: GitStore,
    record_id: str,
    by: Identity,
    *,
    new_input: str | None = None,
    kind: Kind | None = None,
    note: str | None = None,
    summary: str | None = None,
) -> CorrectionRecord:
    """A new revision of the text, kind or note; earlier approvals stop counting."""
    when = now()

    def change(record: CorrectionRecord, config: StoreConfig) -> CorrectionRecord:
        base = base_text(store, record)
        text = proposed_article(base, new_input, record.article) if new_input is not None else None
        new_kind = kind or record.kind
        proposed = text if text is not None else record.proposed_text
        draft = note_service.draft(new_kind, diff_articles_text(base, proposed), config, when)
        # A note the editor never touched (or none at all, as on a typo fix) follows the
        # new draft; an edited one is kept.
        untouched = record.note is None or record.note == record.draft_note
        final = (
            note_service.clean(note) if note is not None else (draft if untouched else record.note)
        )
        return workflow.revise(
            record,
            by.name,
            when,
            base,
            proposed_text=text,
            kind=kind,
            note=None if new_kind is Kind.typo else final,
            draft_note=draft,
            summary=summary,
        )

    return _write_record(store, record_id, "revise", by, change)


def withdraw(store: GitStore, record_id: str, by: Identity) -> CorrectionRecord:
    when = now()

    def change(record: CorrectionRecord, config: StoreConfig) -> CorrectionRecord:
        return workflow.withdraw(record, by.name, when)

    return _write_record(store, record_id, "withdraw", by, change)


@dataclass(frozen=True)
class PublishResult:
    record: CorrectionRecord
    commit: str | None  # None for a dry run
    article_text: str
    merged: bool
    approvers: tuple[str, ...]


def publish(
    store: GitStore, record_id: str, publisher: Identity, *, dry_run: bool = False
) -> PublishResult:
    """Apply an approved correction: article text, notes block and record in ONE commit.

    If the article changed after the proposal, the change is merged three ways (base,
    current, proposed). A conflict stops the publish (exit 3) and shows the passage; a merge
    that would alter the approved change needs a new review.
    """
    when = now()
    result: list[PublishResult] = []

    def plan(snapshot: Snapshot) -> PlannedCommit:
        head = snapshot.head or ""
        path = find_record_path(store, head, record_id)
        record = read_record(store, head, path)
        config = load_config(store, head)
        approvers = workflow.check_publishable(record, config.policy, publisher.name)
        name = article_path(record.article)
        current = without_notes(_article_now(snapshot, record.article), name)
        base = base_text(store, record)
        merged = current != base
        if merged:
            outcome = merge_texts(store.git_dir, base, current, record.proposed_text)
            if outcome.conflicts:
                raise Conflict(
                    f"{record.article} changed since correction {record.id} was proposed and "
                    f"the change conflicts with it: {outcome.passage}"
                )
            text = outcome.text
            if workflow.change_fingerprint(current, text) != workflow.change_fingerprint(
                base, record.proposed_text
            ):
                raise Refused(
                    f"{record.article} changed since correction {record.id} was approved and "
                    "merging alters the approved change: revise it for a new review"
                )
        else:
            text = record.proposed_text
        published = workflow.mark_published(
            record, publisher.name, when, head, merged=merged, note_date=when.date()
        )
        others = [r for r in _published_for(store, head, record.article) if r.id != record.id]
        article = note_service.with_notes_block(text, name, [*others, published], config)
        result[:] = [PublishResult(published, None, article, merged, tuple(approvers))]
        if dry_run:
            raise _DryRun
        trailers = [("Correction-Id", record.id), ("Correction-Kind", record.kind.value)]
        trailers += [("Approved-by", name_) for name_ in approvers]
        return PlannedCommit(
            {name: article.encode("utf-8"), path: record_to_bytes(published)},
            f"Publish {record.kind.value} to {record.article}",
            publisher,
            body=published.note or "",
            trailers=trailers,
        )

    try:
        commit = store.write(plan, when=commit_date())
    except _DryRun:
        return result[0]
    done = result[0]
    return PublishResult(done.record, commit, done.article_text, done.merged, done.approvers)


class _DryRun(Exception):
    """Raised out of a publish plan to stop before anything is written."""


def _published_for(store: GitStore, commit: str, slug: str) -> list[CorrectionRecord]:
    records, _ = load_records(store, commit, article=slug)
    return [r for r in records if r.status is Status.published]


# ---------------------------------------------------------------------- reading


@dataclass(frozen=True)
class CorrectionView:
    record: CorrectionRecord
    diff: ArticleDiff
    approvers: tuple[str, ...]
    approvals_needed: int


def view(store: GitStore, record_id: str) -> CorrectionView:
    head = store.head()
    if head is None:
        raise NotFound(f"no correction {record_id!r}: the store is empty")
    record = read_record(store, head, find_record_path(store, head, record_id))
    config = load_config(store, head)
    return CorrectionView(
        record,
        diff_articles_text(base_text(store, record), record.proposed_text),
        tuple(record.approvers()),
        workflow.required_approvals(config.policy, record.kind),
    )


def list_corrections(
    store: GitStore, status: Status | None = None, article: str | None = None
) -> tuple[list[CorrectionRecord], list[RecordProblem]]:
    """Records, filtered; and the record files that could not be read (never hidden)."""
    if article is not None:
        validate_slug(article)
    records, problems = load_records(store, article=article)
    return [r for r in records if status is None or r.status is status], problems


@dataclass(frozen=True)
class Preview:
    """What a proposal would be, for a live view while an editor types."""

    proposed_text: str
    diff: ArticleDiff
    note: str | None
    problem: str | None = None  # why the text is not a valid proposal yet


def preview(base_text: str, new_input: str, slug: str, kind: Kind, config: StoreConfig) -> Preview:
    """Diff and drafted note for an edit in progress. Pure: no git, safe to call per keystroke
    (from a worker: a long article takes milliseconds, not microseconds)."""
    try:
        proposed = proposed_article(base_text, new_input, slug)
    except CorrectionsError as error:
        empty = diff_articles_text(base_text, base_text)
        return Preview(base_text, empty, None, str(error))
    change = diff_articles_text(base_text, proposed)
    note = note_service.draft(kind, change, config, now()) if change.changed else None
    problem = None if change.changed else "no change yet"
    return Preview(proposed, change, note, problem)


def open_corrections_by_article(store: GitStore) -> dict[str, int]:
    """How many corrections are in flight for each article (proposed, changes requested or
    approved)."""
    records, _ = load_records(store)
    counts: dict[str, int] = {}
    for record in records:
        if record.status in OPEN_STATUSES:
            counts[record.article] = counts.get(record.article, 0) + 1
    return counts
