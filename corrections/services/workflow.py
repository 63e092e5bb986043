"""The correction workflow: propose, review, revise, withdraw, publish.

Each step adds ONE event file to the correction's folder in one commit on ``main``,
through the store's safe write protocol. Every step plans against the head it will commit
on, so a step that lost a race to another writer (or is replayed onto a newer remote tip)
re-reads the events and checks its rules again before trying once more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from corrections.domain import workflow
from corrections.domain.article import (
    decode,
    parse_article,
    split_front_matter,
    to_lf,
    without_notes,
)
from corrections.domain.catalog import article_path
from corrections.domain.config import StoreConfig
from corrections.domain.errors import BadInput, CorrectionsError, NotFound, Refused
from corrections.domain.events import Event, ProposalEvent, event_path, event_to_bytes
from corrections.domain.fold import fold
from corrections.domain.frozen import frozen
from corrections.domain.hooks import HookEvent
from corrections.domain.kinds import Kind, has_public_note
from corrections.domain.records import (
    CorrectionRecord,
    Verdict,
    diff_hash,
    new_id,
)
from corrections.domain.sanitize import typed_text
from corrections.domain.slugs import validate_slug
from corrections.services.config import load_config
from corrections.services.opening import commit_date
from corrections.services.viewing import base_text, diff_articles_text
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.records import (
    LoadedCorrection,
    find_correction,
    load_correction,
)

# The diff engine and the note drafting load when a step needs them: reviewing or
# withdrawing needs neither.
if TYPE_CHECKING:
    from corrections.domain.article_diff import ArticleDiff


def now() -> dt.datetime:
    """The time of a step; pinned by GIT_AUTHOR_DATE when set, like the commit itself."""
    pinned = commit_date()
    if pinned:
        try:
            return dt.datetime.fromisoformat(pinned)
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def article_now(snapshot: Snapshot, slug: str) -> str:
    path = article_path(validate_slug(slug))
    data = snapshot.read(path)
    if data is None:
        raise NotFound(f"no article {slug!r} in {snapshot.store.root}")
    return decode(data, path)


def proposed_article(current_text: str, new_input: str, slug: str) -> str:
    """The full proposed article (without notes): ``new_input`` is either a whole article
    with front matter (the headline may change too) or just the new body."""
    name = article_path(slug)
    if "\r" not in current_text:
        # Stored the way .gitattributes says (LF); an article kept with CRLF from before
        # keeps what the editor gives, so an edit does not rewrite every line ending.
        new_input = to_lf(new_input)
    if split_front_matter(new_input, "proposed text") is not None:
        text = without_notes(new_input, "proposed text")
    else:
        parts = split_front_matter(current_text, name)
        head = parts[0] if parts else ""
        text = head + without_notes(head + new_input, name)[len(head) :]
    # The result must be a valid article, and keep a body: a correction never empties one.
    if not parse_article(text.encode("utf-8"), "proposed text").body.strip():
        raise BadInput(
            "the proposed text is empty: a correction cannot remove the whole article "
            "(nothing was proposed)"
        )
    return text


StepEvent = Callable[[CorrectionRecord, StoreConfig], Event]


@frozen
class Planned:
    """A step's event, where it goes, and the correction it leaves."""

    event: Event
    path: str
    record: CorrectionRecord


# Events of a correction that a step must not count, with the reason (path → why).
Disregard = Callable[[LoadedCorrection, StoreConfig], Mapping[str, str]]


def plan_event(
    store: GitStore,
    head: str,
    record_id: str,
    make: StepEvent,
    disregard: Disregard | None = None,
) -> tuple[Planned, StoreConfig]:
    """Read the correction at ``head``, make the step's event, and fold it in: an event the
    fold finds illegal (after a final one, an approval by the proposer) is refused.

    ``disregard`` names events the step must leave out (publish: approvals no step commit
    of their reviewer proves); the correction is folded without them, and a refusal says
    which were left out and why."""
    config = load_config(store, head)
    folder = find_correction(store, head, record_id)
    loaded = load_correction(store, head, folder, config.policy)
    ignored = disregard(loaded, config) if disregard is not None else {}
    if ignored:
        kept = {p: e for p, e in loaded.events.items() if p not in ignored}
        refolded = fold(folder, kept, config.policy)
        if refolded.record is None:  # pragma: no cover - a proposal is never disregarded
            raise Refused(f"{folder}: nothing left to fold")
        loaded = LoadedCorrection(folder, kept, refolded.record, refolded.problems)
    try:
        event = make(loaded.record, config)
    except Refused as error:
        if not ignored:
            raise
        raise Refused(f"{error}; not counted: {'; '.join(ignored.values())}") from None
    path = event_path(event)
    after = fold(folder, {**loaded.events, path: event}, config.policy)
    new = [p for p in after.problems if p not in loaded.problems]
    if new or after.record is None:
        raise Refused(new[0].message if new else f"{folder}: the step leaves no correction")
    return Planned(event, path, after.record), config


def _write_event(
    store: GitStore,
    record_id: str,
    step: str,
    by: Identity,
    make: StepEvent,
    event: HookEvent,
) -> CorrectionRecord:
    """Re-read the correction at the head, add the step's event, commit it, run the hooks."""

    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, CorrectionRecord]:
        planned, _ = plan_event(store, snapshot.head or "", record_id, make)
        commit = PlannedCommit(
            {planned.path: event_to_bytes(planned.event)},
            f"{step.capitalize()} correction {planned.record.id} to {planned.record.article}",
            by,
            trailers=[("Correction-Id", planned.record.id), ("Correction-Step", step)],
        )
        return commit, planned.record

    # Loaded by the steps that write, not by viewing a correction.
    from corrections.services.sync import write_step_with_result

    commit, record = write_step_with_result(store, plan, when=commit_date())
    _hooks(store, event, record, commit, by)
    return record


def _hooks(
    store: GitStore, event: HookEvent, record: CorrectionRecord, commit: str, by: Identity
) -> None:
    """The store's hooks, after the step's commit (they never undo or block it)."""
    try:
        config = load_config(store, commit)
    except CorrectionsError:
        return
    if not config.hooks.configured:
        return  # a store without hooks loads none of their code
    from corrections.services.hooks import after_step

    after_step(store, event, record, commit, by.name, config)


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
    summary = typed_text(summary)  # it goes into the event and the commit message
    when = now()
    correction_id = new_id(when)

    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, CorrectionRecord]:
        current = without_notes(article_now(snapshot, slug), article_path(slug))
        proposed = proposed_article(current, new_input, slug)
        if proposed == current:
            raise Refused(
                f"the proposed text is the same as the published {slug}: nothing to correct"
            )
        config = load_config(store, snapshot.head)
        path, event, record = proposal(
            ProposalDraft(correction_id, slug, kind, summary, note, author, when),
            current,
            proposed,
            snapshot.head,
            config,
        )
        planned = PlannedCommit(
            {path: event_to_bytes(event)},
            f"Propose {kind.value} to {slug}",
            author,
            body=summary,
            trailers=[("Correction-Id", event.id), ("Correction-Step", "propose")],
        )
        return planned, record

    # Loaded by the steps that write, not by viewing a correction.
    from corrections.services.sync import write_step_with_result

    commit, record = write_step_with_result(store, plan, when=commit_date())
    _hooks(store, "proposed", record, commit, author)
    return record


@frozen
class ProposalDraft:
    """What the editor asked for, before the article it applies to is read."""

    id: str
    article: str
    kind: Kind
    summary: str
    note: str | None  # the editor's own note; None: the drafted one
    author: Identity
    when: dt.datetime
    group: str | None = None


def proposal(
    asked: ProposalDraft, current: str, proposed: str, head: str | None, config: StoreConfig
) -> tuple[str, ProposalEvent, CorrectionRecord]:
    """The proposal event of ``asked`` for the change from ``current`` to ``proposed`` (its
    note drafted in the house style, unless the editor wrote one), where it is stored, and
    the correction it folds to."""
    from corrections.services import notes as note_service

    change = diff_articles_text(current, proposed)
    draft = note_service.draft(asked.kind, change, config, asked.when, asked.summary)
    final_note = note_service.clean(asked.note) if asked.note is not None else draft
    if not has_public_note(asked.kind):
        final_note = None
    event = ProposalEvent(
        id=asked.id,
        article=asked.article,
        at=asked.when,
        kind=asked.kind,
        summary=asked.summary,
        proposed_text=proposed,
        diff_hash=diff_hash(current, proposed, final_note),
        draft_note=draft,
        note=final_note,
        proposer=asked.author.name,
        base_commit=head or "",
        group=asked.group,
    )
    path = event_path(event)
    folded = fold(path.rsplit("/", 1)[0], {path: event}, config.policy)
    if folded.record is None:  # pragma: no cover - a proposal always folds
        raise Refused(f"{path}: the proposal does not make a correction")
    return path, event, folded.record


def review(
    store: GitStore,
    record_id: str,
    reviewer: Identity,
    verdict: Verdict,
    comment: str = "",
) -> CorrectionRecord:
    when = now()

    def make(record: CorrectionRecord, config: StoreConfig) -> Event:
        return workflow.review(record, reviewer.name, verdict, comment, when, config.policy)

    step = {"approve": "approve", "request_changes": "request changes on", "reject": "reject"}[
        verdict.value
    ]
    return _write_event(store, record_id, step, reviewer, make, "reviewed")


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
    from corrections.services import notes as note_service

    when = now()

    def make(record: CorrectionRecord, config: StoreConfig) -> Event:
        base = base_text(store, record)
        text = proposed_article(base, new_input, record.article) if new_input is not None else None
        new_kind = kind or record.kind
        proposed = text if text is not None else record.proposed_text
        reason = record.summary if summary is None else summary
        change = diff_articles_text(base, proposed)
        draft = note_service.draft(new_kind, change, config, when, reason)
        # A note the editor never touched (or none at all, as on a typo fix) follows the
        # new draft; an edited one is kept.
        untouched = record.note is None or record.note == record.draft_note
        final = clean_note(note) if note is not None else (draft if untouched else record.note)
        return workflow.revise(
            record,
            by.name,
            when,
            base,
            proposed_text=text,
            kind=kind,
            note=final,
            draft_note=draft,
            summary=summary,
        )

    return _write_event(store, record_id, "revise", by, make, "revised")


def withdraw(store: GitStore, record_id: str, by: Identity) -> CorrectionRecord:
    when = now()

    def make(record: CorrectionRecord, config: StoreConfig) -> Event:
        return workflow.withdraw(record, by.name, when)

    return _write_event(store, record_id, "withdraw", by, make, "withdrawn")


@frozen
class Preview:
    """What a proposal would be, for a live view while an editor types."""

    proposed_text: str
    diff: ArticleDiff
    note: str | None
    problem: str | None = None  # why the text is not a valid proposal yet
    note_problems: tuple[str, ...] = ()  # why the drafted note needs editing


def preview(
    base_text: str,
    new_input: str,
    slug: str,
    kind: Kind,
    config: StoreConfig,
    summary: str = "",
) -> Preview:
    """Diff and drafted note for an edit in progress. Pure: no git, safe to call per keystroke
    (from a worker: a long article takes milliseconds, not microseconds)."""
    from corrections.services import notes as note_service

    try:
        proposed = proposed_article(base_text, new_input, slug)
    except CorrectionsError as error:
        empty = diff_articles_text(base_text, base_text)
        return Preview(base_text, empty, None, str(error))
    change = diff_articles_text(base_text, proposed)
    drafted = note_service.drafted(kind, change, config, now(), summary) if change.changed else None
    problem = None if change.changed else "no change yet"
    note = None if drafted is None else drafted.text
    found = note_service.problems(note, drafted, config)
    return Preview(proposed, change, note, problem, found)


def clean_note(text: str) -> str:
    from corrections.services import notes as note_service

    return note_service.clean(text)
