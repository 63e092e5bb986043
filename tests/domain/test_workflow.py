"""The workflow's rules on a correction's events, without a store: who may review, revise,
withdraw and publish, what a revision voids, what is final, and what the fold calls
illegal when events were written by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from corrections.domain import workflow
from corrections.domain.config import Policy
from corrections.domain.errors import Refused
from corrections.domain.events import (
    ReviewEvent,
    WithdrawalEvent,
)
from corrections.domain.fold import fold
from corrections.domain.kinds import Kind
from corrections.domain.records import Status, Verdict
from tests.support.events import BASE, FOLDER, ID, NEW, POLICY, WHEN, Folder, proposal

LATER = WHEN + dt.timedelta(hours=1)


def test_proposer_cannot_review_and_others_approve() -> None:
    folder = Folder(proposal())
    with pytest.raises(Refused, match="second person"):
        workflow.review(folder.record, "Maya Editor", Verdict.approve, "", WHEN, POLICY)
    approved = folder.add(lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, POLICY))
    assert approved.record.status is Status.approved
    assert approved.record.approvers() == ["Sam"]
    assert workflow.check_publishable(approved.record, POLICY, "Lee") == ["Sam"]


def test_approvals_per_kind_and_reviewer_list() -> None:
    policy = Policy(approvals_by_kind={"retraction": 2}, reviewers=["Sam", "Ana"])
    folder = Folder(proposal(kind=Kind.retraction), policy=policy)
    with pytest.raises(Refused, match="not on the reviewers list"):
        workflow.review(folder.record, "Bob", Verdict.approve, "", WHEN, policy)
    once = folder.add(lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, policy))
    assert once.record.status is Status.proposed
    with pytest.raises(Refused, match="Sam already gave this verdict"):
        workflow.review(once.record, "Sam", Verdict.approve, "", WHEN, policy)
    # Given by hand anyway, a second approval by the same person still counts once.
    twice = once.add(
        lambda r: replace(
            workflow.review(r, "Ana", Verdict.approve, "", LATER, policy), reviewer="Sam"
        )
    )
    assert twice.record.status is Status.proposed
    with pytest.raises(Refused, match="1 of 2"):
        workflow.check_publishable(twice.record, policy, "Lee")
    both = once.add(lambda r: workflow.review(r, "Ana", Verdict.approve, "", WHEN, policy))
    assert both.record.status is Status.approved


def test_two_approvals_made_apart_both_count_in_either_order() -> None:
    policy = Policy(required_approvals=2)
    start = Folder(proposal(), policy=policy)
    sam = workflow.review(start.record, "Sam", Verdict.approve, "", LATER, policy)
    ana = workflow.review(start.record, "Ana", Verdict.approve, "", WHEN, policy)
    merged = Folder(proposal(), sam, ana, policy=policy)
    assert merged.record.status is Status.approved
    assert sorted(merged.record.approvers()) == ["Ana", "Sam"]
    assert merged.problems() == []


def test_revision_voids_earlier_approvals() -> None:
    approved = Folder(proposal()).add(
        lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, POLICY)
    )
    revised = approved.add(
        lambda r: workflow.revise(
            r, "Maya Editor", WHEN, BASE, proposed_text=BASE.replace("7-2", "5-4")
        )
    )
    record = revised.record
    assert (record.status, record.revision, record.approvers()) == (Status.proposed, 2, [])
    assert len(record.reviews) == 1  # history is kept, it just no longer counts
    with pytest.raises(Refused):
        workflow.check_publishable(record, POLICY, "Lee")
    with pytest.raises(Refused, match="same as the published"):
        workflow.revise(approved.record, "Maya Editor", WHEN, BASE, proposed_text=BASE)


def test_changing_only_the_note_is_a_new_revision_that_voids_approvals() -> None:
    approved = Folder(proposal()).add(
        lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, POLICY)
    )
    renoted = approved.add(
        lambda r: workflow.revise(r, "Maya Editor", WHEN, BASE, note="It was 6-3.")
    )
    assert renoted.record.diff_hash != approved.record.diff_hash
    assert renoted.record.approvers() == []


def test_final_states_do_not_move() -> None:
    rejected = Folder(proposal()).add(
        lambda r: workflow.review(r, "Sam", Verdict.reject, "Not an error.", WHEN, POLICY)
    )
    assert rejected.record.status is Status.rejected
    record = rejected.record
    actions: list[Callable[[], object]] = [
        lambda: workflow.review(record, "Ana", Verdict.approve, "", WHEN, POLICY),
        lambda: workflow.withdraw(record, "Maya Editor", WHEN),
        lambda: workflow.revise(record, "Maya Editor", WHEN, BASE, kind=Kind.update),
    ]
    for action in actions:
        with pytest.raises(Refused):
            action()


def test_the_fold_names_what_is_illegal() -> None:
    start = proposal()
    self_approval = ReviewEvent(
        id=ID,
        article="council-vote",
        at=WHEN,
        reviewer="Maya Editor",
        verdict=Verdict.approve,
        revision=1,
        diff_hash=start.diff_hash,
    )
    withdrawn = WithdrawalEvent(
        id=ID, article="council-vote", at=WHEN, by="Maya Editor", revision=1
    )
    late = replace(self_approval, reviewer="Sam", at=LATER)
    folder = Folder(start, self_approval, withdrawn, late)
    assert sorted(folder.problems()) == ["event-after-final", "self-approval"]
    assert folder.record.status is Status.withdrawn
    assert [f.code for f in fold(FOLDER, {}, POLICY).problems] == ["event-missing"]


def test_publication_must_match_the_approved_change() -> None:
    approved = Folder(proposal()).add(
        lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, POLICY)
    )
    published = approved.add(
        lambda r: workflow.publication(
            r, "Lee", LATER, "b" * 40, ["Sam"], merged=False, note_date=LATER.date()
        )
    )
    assert published.record.status is Status.published
    assert published.problems() == []
    assert published.record.published is not None
    assert published.record.published.approvers == ("Sam",)
    with pytest.raises(Refused, match="already published: Lee published it"):
        workflow.check_publishable(published.record, POLICY, "Ana")
    forged = Folder(proposal()).add(
        lambda r: workflow.publication(
            r, "Lee", LATER, "b" * 40, ["Nobody"], merged=False, note_date=LATER.date()
        )
    )
    assert forged.problems() == ["record-unapproved"]


def test_change_fingerprint_ignores_where_the_change_sits() -> None:
    moved_base = "Intro added later.\n\n" + BASE.split("---\n", 2)[2]
    moved_new = moved_base.replace("7-2", "6-3")
    assert workflow.change_fingerprint(BASE, NEW) == workflow.change_fingerprint(
        moved_base, moved_new
    )
    assert workflow.change_fingerprint(BASE, NEW) != workflow.change_fingerprint(
        BASE, BASE.replace("7-2", "5-4")
    )
