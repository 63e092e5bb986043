"""The correction workflow as pure state transitions on records.

proposed → approved (enough approvals from people other than the proposer) → published;
proposed → changes requested → (revise) → proposed; rejected and withdrawn are final;
a revision clears earlier approvals; a published record never changes.

Every function takes a record and returns a new one, or raises ``Refused`` with the reason.
"""

from __future__ import annotations

import datetime as dt

from corrections.domain.config import Policy
from corrections.domain.errors import Refused
from corrections.domain.kinds import Kind
from corrections.domain.records import (
    FINAL_STATUSES,
    OPEN_STATUSES,
    CorrectionRecord,
    Published,
    Review,
    Status,
    Verdict,
    diff_hash,
)


def required_approvals(policy: Policy, kind: Kind) -> int:
    return policy.approvals_by_kind.get(kind.value, policy.required_approvals)


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
) -> CorrectionRecord:
    _open(record, "reviewed")
    if reviewer == record.proposer:
        raise Refused(
            f"{reviewer} proposed correction {record.id}: a second person must review it "
            "(the proposer's own approval never counts)"
        )
    if policy.reviewers and reviewer not in policy.reviewers:
        raise Refused(f"{reviewer} is not on the reviewers list in corrections.toml")
    if verdict is Verdict.reject and not comment.strip():
        raise Refused("a rejection needs a comment saying why")
    if verdict is Verdict.request_changes and not comment.strip():
        raise Refused("a request for changes needs a comment saying what to change")
    entry = Review(
        reviewer=reviewer,
        verdict=verdict,
        comment=comment,
        at=now,
        revision=record.revision,
        diff_hash=record.diff_hash,
    )
    reviewed = record.model_copy(update={"reviews": (*record.reviews, entry), "updated_at": now})
    if verdict is Verdict.reject:
        status = Status.rejected
    elif verdict is Verdict.request_changes:
        status = Status.changes_requested
    elif len(reviewed.approvers()) >= required_approvals(policy, record.kind):
        status = Status.approved
    else:
        status = Status.proposed
    return reviewed.model_copy(update={"status": status})


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
) -> CorrectionRecord:
    """A new revision: the status returns to proposed and earlier approvals no longer count."""
    if record.status not in OPEN_STATUSES:
        raise Refused(f"correction {record.id} is {record.status.value}: it cannot be revised")
    if by != record.proposer:
        raise Refused(f"only the proposer ({record.proposer}) can revise correction {record.id}")
    text = record.proposed_text if proposed_text is None else proposed_text
    if text == base_text:
        raise Refused("the revised text is the same as the published text: nothing to correct")
    updates: dict[str, object] = {
        "proposed_text": text,
        "diff_hash": diff_hash(base_text, text),
        "revision": record.revision + 1,
        "status": Status.proposed,
        "updated_at": now,
    }
    for name, value in (
        ("kind", kind),
        ("note", note),
        ("draft_note", draft_note),
        ("summary", summary),
    ):
        if value is not None:
            updates[name] = value
    if updates.get("kind", record.kind) is Kind.typo:
        # A typo fix is published silently: whatever note the record held goes.
        updates["note"] = None
    revised = record.model_copy(update=updates)
    if revised == record.model_copy(
        update={"revision": revised.revision, "updated_at": now, "status": Status.proposed}
    ):
        raise Refused("the revision changes nothing")
    return revised


def withdraw(record: CorrectionRecord, by: str, now: dt.datetime) -> CorrectionRecord:
    _open(record, "withdrawn")
    if by != record.proposer:
        raise Refused(f"only the proposer ({record.proposer}) can withdraw correction {record.id}")
    return record.model_copy(update={"status": Status.withdrawn, "updated_at": now})


def check_publishable(record: CorrectionRecord, policy: Policy, publisher: str) -> list[str]:
    """The approvers who make this publishable; refuses when there are not enough."""
    if record.status is Status.published:
        raise Refused(f"correction {record.id} is already published")
    _open(record, "published")
    if policy.publishers and publisher not in policy.publishers:
        raise Refused(f"{publisher} is not on the publishers list in corrections.toml")
    approvers = record.approvers()
    needed = required_approvals(policy, record.kind)
    if record.status is not Status.approved or len(approvers) < needed:
        raise Refused(
            f"correction {record.id} has {len(approvers)} of {needed} approval(s) needed "
            f"for its current revision (status: {record.status.value})"
        )
    return approvers


def mark_published(
    record: CorrectionRecord,
    publisher: str,
    now: dt.datetime,
    parent: str,
    *,
    merged: bool,
    note_date: dt.date,
) -> CorrectionRecord:
    return record.model_copy(
        update={
            "status": Status.published,
            "updated_at": now,
            "note_date": note_date if record.note is not None else None,
            "published": Published(publisher=publisher, at=now, parent=parent, merged=merged),
        }
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
