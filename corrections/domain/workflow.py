"""The correction workflow as rules that turn a correction and a request into an event.

proposed → approved (enough approvals from people other than the proposer) → published;
proposed → changes requested → (revise) → proposed; rejected and withdrawn are final;
a revision clears earlier approvals; a published correction never changes.

Each function takes the correction as its events fold to now and returns the ONE new
event the step adds, or raises ``Refused`` with the reason. Status itself is never set
here: it is what ``corrections.domain.fold`` makes of the events.
"""

from __future__ import annotations

import datetime as dt

from corrections.domain.config import Policy
from corrections.domain.errors import Refused
from corrections.domain.events import (
    PublicationEvent,
    ReviewEvent,
    RevisionEvent,
    WithdrawalEvent,
)
from corrections.domain.fold import required_approvals
from corrections.domain.kinds import Kind, has_public_note
from corrections.domain.people import is_among, same_person
from corrections.domain.records import (
    FINAL_STATUSES,
    OPEN_STATUSES,
    CorrectionRecord,
    Status,
    Verdict,
    diff_hash,
)
from corrections.domain.sanitize import typed_text
from corrections.domain.validation import note_problem

__all__ = [
    "change_fingerprint",
    "check_publishable",
    "publication",
    "required_approvals",
    "review",
    "revise",
    "withdraw",
]


def _open(record: CorrectionRecord, action: str) -> None:
    if record.status in FINAL_STATUSES:
        raise Refused(f"correction {record.id} is {record.status.value}: it cannot be {action}")


def review(
    record: CorrectionRecord,
    reviewer: str,
    verdict: Verdict,
    comment: str,
    now: dt.datetime,
    policy: Policy,
) -> ReviewEvent:
    _open(record, "reviewed")
    if same_person(reviewer, record.proposer):
        raise Refused(
            f"{reviewer} proposed correction {record.id}: a second person must review it "
            "(the proposer's own approval never counts)"
        )
    if policy.reviewers and not is_among(reviewer, policy.reviewers):
        raise Refused(f"{reviewer} is not on the reviewers list in corrections.toml")
    given = [
        r
        for r in record.reviews
        if same_person(r.reviewer, reviewer)
        and r.revision == record.revision
        and r.diff_hash == record.diff_hash
    ]
    if given and given[-1].verdict is verdict and not comment.strip():
        # A step run again (after an interruption, say) must not count twice.
        raise Refused(
            f"{reviewer} already gave this verdict ({verdict.value}) on revision "
            f"{record.revision} of correction {record.id}"
        )
    if verdict is Verdict.reject and not comment.strip():
        raise Refused("a rejection needs a comment saying why")
    if verdict is Verdict.request_changes and not comment.strip():
        raise Refused("a request for changes needs a comment saying what to change")
    return ReviewEvent(
        id=record.id,
        article=record.article,
        at=now,
        reviewer=reviewer,
        verdict=verdict,
        comment=typed_text(comment),
        revision=record.revision,
        diff_hash=record.diff_hash,
    )


def revise(
    record: CorrectionRecord,
    by: str,
    now: dt.datetime,
    base_text: str,
    *,
    proposed_text: str | None = None,
    kind: Kind | None = None,
    note: str | None = None,
    draft_note: str | None = None,
    summary: str | None = None,
) -> RevisionEvent:
    """A new revision: the status returns to proposed and earlier approvals no longer count.

    ``None`` leaves a field as it was, except that a kind without a public note (a typo
    fix) drops whatever note the correction held.
    """
    if record.status not in OPEN_STATUSES:
        raise Refused(f"correction {record.id} is {record.status.value}: it cannot be revised")
    if not same_person(by, record.proposer):
        raise Refused(f"only the proposer ({record.proposer}) can revise correction {record.id}")
    text = record.proposed_text if proposed_text is None else proposed_text
    if text == base_text:
        raise Refused("the revised text is the same as the published text: nothing to correct")
    new_kind = kind or record.kind
    new_note = (note if note is not None else record.note) if has_public_note(new_kind) else None
    event = RevisionEvent(
        id=record.id,
        article=record.article,
        at=now,
        revision=record.revision + 1,
        by=by,
        kind=new_kind,
        summary=record.summary if summary is None else typed_text(summary),
        proposed_text=text,
        diff_hash=diff_hash(base_text, text, new_note),
        draft_note=record.draft_note if draft_note is None else draft_note,
        note=new_note,
    )
    unchanged = (
        event.kind is record.kind
        and event.summary == record.summary
        and event.proposed_text == record.proposed_text
        and event.note == record.note
        and event.draft_note == record.draft_note
    )
    if unchanged:
        raise Refused("the revision changes nothing")
    return event


def withdraw(record: CorrectionRecord, by: str, now: dt.datetime) -> WithdrawalEvent:
    _open(record, "withdrawn")
    if not same_person(by, record.proposer):
        raise Refused(f"only the proposer ({record.proposer}) can withdraw correction {record.id}")
    return WithdrawalEvent(
        id=record.id, article=record.article, at=now, by=by, revision=record.revision
    )


def check_publishable(record: CorrectionRecord, policy: Policy, publisher: str) -> list[str]:
    """The approvers who make this publishable; refuses when there are not enough."""
    if record.status is Status.published and record.published is not None:
        raise Refused(
            f"correction {record.id} is already published: {record.published.publisher} "
            f"published it at {record.published.at:%Y-%m-%d %H:%M} UTC"
        )
    _open(record, "published")
    if policy.publishers and not is_among(publisher, policy.publishers):
        raise Refused(f"{publisher} is not on the publishers list in corrections.toml")
    reason = note_problem(record.note or "")
    if reason is not None:
        raise Refused(f"correction {record.id}: its note {reason}; revise it")
    approvers = record.approvers()
    needed = required_approvals(policy, record.kind)
    if record.status is not Status.approved or len(approvers) < needed:
        raise Refused(
            f"correction {record.id} has {len(approvers)} of {needed} approval(s) needed "
            f"for its current revision (status: {record.status.value})"
        )
    return approvers


def publication(
    record: CorrectionRecord,
    publisher: str,
    now: dt.datetime,
    parent: str,
    approvers: list[str],
    *,
    merged: bool,
    note_date: dt.date,
) -> PublicationEvent:
    return PublicationEvent(
        id=record.id,
        article=record.article,
        at=now,
        publisher=publisher,
        kind=record.kind,
        revision=record.revision,
        diff_hash=record.diff_hash,
        approvers=tuple(approvers),
        parent=parent,
        merged=merged,
        note_date=note_date if record.note is not None else None,
    )


def change_fingerprint(old: str, new: str) -> str:
    """What a change does, independent of where in the text it sits: the sequence of
    deleted and inserted word runs. Equal fingerprints mean the same edit."""
    import hashlib

    from corrections.domain.diff import diff_texts

    digest = hashlib.sha256()
    for segment in diff_texts(old, new).segments():
        if segment.kind != "equal":
            digest.update(f"{segment.kind}\0{len(segment.text)}\0{segment.text}\0".encode())
    return digest.hexdigest()
