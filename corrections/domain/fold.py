"""What a correction is, folded from its events: the one place status is decided.

Events are put in the order they logically happened: by the revision they concern, then
proposals and revisions before the verdicts on them, verdicts before a final event, then
by time. That order does not depend on clocks agreeing across machines for anything that
matters: a verdict on revision 1 sorts before revision 2 wherever it was made.

The fold also says what is illegal (an approval by the proposer, an event after a final
one, a publication of something not approved): ``validate`` reports those, and every
workflow step checks its new event against them before it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from corrections.domain.config import Policy
from corrections.domain.events import (
    Event,
    ProposalEvent,
    PublicationEvent,
    ReviewEvent,
    RevisionEvent,
    WithdrawalEvent,
)
from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind
from corrections.domain.people import canonical, is_among, name_problem, same_person
from corrections.domain.records import (
    CorrectionRecord,
    Published,
    Review,
    Status,
    Verdict,
    approving_people,
)
from corrections.domain.sanitize import one_line
from corrections.domain.validation import Finding, note_problem

_P = Callable[[str, str, str], None]  # report a problem: path, code, message


@frozen
class Folded:
    """A correction's events folded into its record, and what was wrong with them."""

    record: CorrectionRecord | None  # None when there is no proposal to start from
    problems: tuple[Finding, ...]


def required_approvals(policy: Policy, kind: Kind) -> int:
    return policy.approvals_by_kind.get(kind.value, policy.required_approvals)


# Verdicts given in the same second are taken in this order, so a rejection (final) never
# hides a verdict given beside it.
_VERDICT_RANK = {Verdict.approve: 0, Verdict.request_changes: 1, Verdict.reject: 2}


def _order(item: tuple[str, Event]) -> tuple[int, int, dt.datetime, int, str]:
    path, event = item
    if isinstance(event, ProposalEvent | RevisionEvent):
        rank = 0
    elif isinstance(event, ReviewEvent):
        rank = 1
    else:
        rank = 2
    verdict = _VERDICT_RANK[event.verdict] if isinstance(event, ReviewEvent) else 0
    return (event.revision, rank, event.at, verdict, path)


@dataclass
class _State:
    """The correction as the fold has read it so far."""

    proposal: ProposalEvent
    kind: Kind
    summary: str
    revision: int
    proposed_text: str
    diff_hash: str
    draft_note: str | None
    note: str | None
    status: Status = Status.proposed
    note_date: dt.date | None = None
    published: Published | None = None
    reviews: list[Review] = field(default_factory=list)

    def approvers(self) -> list[str]:
        current = [
            r for r in self.reviews if r.revision == self.revision and r.diff_hash == self.diff_hash
        ]
        return approving_people(current, self.proposal.proposer)

    def record(self, updated: dt.datetime) -> CorrectionRecord:
        # Every value comes from a validated event: no need to validate it again.
        p = self.proposal
        return CorrectionRecord(
            id=p.id,
            article=p.article,
            kind=self.kind,
            status=self.status,
            summary=self.summary,
            revision=self.revision,
            base_commit=p.base_commit,
            proposed_text=self.proposed_text,
            diff_hash=self.diff_hash,
            draft_note=self.draft_note,
            note=self.note,
            note_date=self.note_date,
            proposer=p.proposer,
            proposed_at=p.at,
            updated_at=updated,
            reviews=tuple(self.reviews),
            published=self.published,
            group=p.group,
        )


def fold(folder: str, events: Mapping[str, Event], policy: Policy) -> Folded:
    """The correction that ``events`` (path → event, all of one folder) add up to."""
    problems: list[Finding] = []

    def problem(path: str, code: str, message: str) -> None:
        problems.append(Finding(path, None, code, f"{path}: {message}"))

    proposal = next((e for e in events.values() if isinstance(e, ProposalEvent)), None)
    if proposal is None:
        problems.append(
            Finding(folder, None, "event-missing", f"{folder}: no proposal.yaml to start from")
        )
        return Folded(None, tuple(problems))
    state = _State(
        proposal,
        proposal.kind,
        proposal.summary,
        proposal.revision,
        proposal.proposed_text,
        proposal.diff_hash,
        proposal.draft_note,
        proposal.note,
    )
    final: tuple[str, Event] | None = None
    updated = proposal.at
    for path, event in sorted(events.items(), key=_order):
        problems += event_problems(path, event)
        if event is proposal:
            continue
        if final is not None:
            problem(path, "event-after-final", f"comes after {final[0]}, which was final")
            continue
        if isinstance(event, ProposalEvent):
            problem(path, "event-duplicate", "a second proposal")
        elif isinstance(event, RevisionEvent):
            _revise(state, event, path, problem)
        elif isinstance(event, ReviewEvent):
            _review(state, event, path, policy, problem)
        elif isinstance(event, WithdrawalEvent):
            if not same_person(event.by, proposal.proposer):
                problem(path, "withdrawal-by-other", f"{event.by} withdrew {proposal.proposer}'s")
            state.status = Status.withdrawn
        else:
            _publish(state, event, path, problem)
        updated = max(updated, event.at)
        if state.status in (Status.rejected, Status.withdrawn, Status.published):
            final = (path, event)
    if final is not None:
        for path, event in events.items():
            if event.at > final[1].at and path != final[0]:
                problem(path, "event-after-final", f"is dated after {final[0]}, which was final")
    return Folded(state.record(updated), tuple(problems))


def _revise(state: _State, event: RevisionEvent, path: str, problem: _P) -> None:
    if event.revision != state.revision + 1:
        problem(path, "revision-out-of-order", f"follows revision {state.revision}")
    if not same_person(event.by, state.proposal.proposer):
        problem(path, "revision-by-other", f"only the proposer ({state.proposal.proposer}) revises")
    state.revision = event.revision
    state.kind = event.kind
    state.summary = event.summary
    state.proposed_text = event.proposed_text
    state.diff_hash = event.diff_hash
    state.draft_note = event.draft_note
    state.note = event.note
    state.status = Status.proposed


def _review(state: _State, event: ReviewEvent, path: str, policy: Policy, problem: _P) -> None:
    state.reviews.append(
        Review(
            reviewer=event.reviewer,
            verdict=event.verdict,
            comment=event.comment,
            at=event.at,
            revision=event.revision,
            diff_hash=event.diff_hash,
        )
    )
    if same_person(event.reviewer, state.proposal.proposer):
        if event.verdict is Verdict.approve:
            problem(path, "self-approval", f"{event.reviewer} approved their own proposal")
        return
    if name_problem(event.reviewer) is not None:
        return  # reported as name-invalid: a verdict by no valid person decides nothing
    if event.revision != state.revision or event.diff_hash != state.diff_hash:
        return  # a verdict on a change that has since been revised: it no longer counts
    if event.verdict is Verdict.reject:
        state.status = Status.rejected
    elif event.verdict is Verdict.request_changes:
        state.status = Status.changes_requested
    else:
        enough = len(state.approvers()) >= required_approvals(policy, state.kind)
        state.status = Status.approved if enough else Status.proposed


def _publish(state: _State, event: PublicationEvent, path: str, problem: _P) -> None:
    if (
        event.revision != state.revision
        or event.diff_hash != state.diff_hash
        or event.kind is not state.kind
    ):
        problem(
            path,
            "publication-mismatch",
            f"publishes revision {event.revision}, but the correction is at revision "
            f"{state.revision} with another kind, text or note",
        )
    approvers = state.approvers()
    unapproved = [name for name in event.approvers if not is_among(name, approvers)]
    if len({canonical(name) for name in event.approvers}) != len(event.approvers):
        problem(
            path,
            "approver-twice",
            "names one approver twice (names are compared "
            "ignoring case, width and invisible characters)",
        )
    if unapproved or not approvers:
        problem(
            path,
            "record-unapproved",
            "published without an approval from someone other than the proposer for its "
            f"last revision (the publication names {', '.join(event.approvers)})",
        )
    if state.note and event.note_date is None:
        problem(path, "note-undated", "a published note has no note_date")
    state.status = Status.published
    state.note_date = event.note_date if state.note is not None else None
    state.published = Published(
        publisher=event.publisher,
        at=event.at,
        approvers=event.approvers,
        parent=event.parent,
        merged=event.merged,
    )


def people_named(event: Event) -> tuple[str, ...]:
    """The people an event names: who took the step, and for a publication its approvers."""
    if isinstance(event, ProposalEvent):
        return (event.proposer,)
    if isinstance(event, ReviewEvent):
        return (event.reviewer,)
    if isinstance(event, RevisionEvent | WithdrawalEvent):
        return (event.by,)
    return (event.publisher, *event.approvers)


def actor(event: Event) -> str:
    """The person who took the step an event records (and so made its commit)."""
    return people_named(event)[0]


def event_problems(path: str, event: Event) -> list[Finding]:
    """What is wrong with one event on its own, whatever its folder holds: a person's name
    that is not a valid name, a note holding control characters (both only get in by hand:
    the workflow refuses them at input)."""
    found = []
    for name in people_named(event):
        reason = name_problem(name)
        if reason is not None:
            found.append(
                Finding(path, None, "name-invalid", f"{path}: names {one_line(name)!r}: {reason}")
            )
    if isinstance(event, ProposalEvent | RevisionEvent):
        for label, text in (("note", event.note), ("draft_note", event.draft_note)):
            reason = note_problem(text or "")
            if reason is not None:
                found.append(Finding(path, None, "note-control", f"{path}: {label}: {reason}"))
    return found
