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
from corrections.domain.records import Status, Verdict, diff_hash
from tests.support.events import BASE, FOLDER, ID, NEW, NOTE, POLICY, WHEN, Folder, proposal

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


# ---------------------------------------------------------------------- one rule each


def test_a_rejection_and_a_request_for_changes_need_a_comment() -> None:
    record = Folder(proposal()).record
    for verdict, reason in [
        (Verdict.reject, "a rejection needs a comment"),
        (Verdict.request_changes, "a request for changes needs a comment"),
    ]:
        for blank in ("", "  \n"):
            with pytest.raises(Refused, match=reason):
                workflow.review(record, "Sam", verdict, blank, WHEN, POLICY)
    asked = Folder(proposal()).add(
        lambda r: workflow.review(r, "Sam", Verdict.request_changes, "Say when.", WHEN, POLICY)
    )
    assert asked.record.status is Status.changes_requested
    assert asked.record.reviews[-1].comment == "Say when."
    rejected = Folder(proposal()).add(
        lambda r: workflow.review(r, "Sam", Verdict.reject, "Not an error.", WHEN, POLICY)
    )
    assert rejected.record.status is Status.rejected


def test_only_the_proposer_revises_and_withdraws() -> None:
    record = Folder(proposal()).record
    with pytest.raises(Refused, match=r"only the proposer \(Maya Editor\) can withdraw"):
        workflow.withdraw(record, "Sam", WHEN)
    with pytest.raises(Refused, match=r"only the proposer \(Maya Editor\) can revise"):
        workflow.revise(record, "Sam", WHEN, BASE, proposed_text=BASE.replace("7-2", "5-4"))
    withdrawn = Folder(proposal()).add(lambda r: workflow.withdraw(r, "Maya Editor", WHEN))
    assert withdrawn.record.status is Status.withdrawn
    with pytest.raises(Refused, match="is withdrawn: it cannot be reviewed"):
        workflow.review(withdrawn.record, "Sam", Verdict.approve, "", WHEN, POLICY)
    with pytest.raises(Refused, match="is withdrawn: it cannot be revised"):
        workflow.revise(withdrawn.record, "Maya Editor", WHEN, BASE, kind=Kind.update)


def test_a_revision_must_change_something() -> None:
    record = Folder(proposal()).record
    with pytest.raises(Refused, match="the revision changes nothing"):
        workflow.revise(record, "Maya Editor", WHEN, BASE)
    with pytest.raises(Refused, match="the revision changes nothing"):
        workflow.revise(record, "Maya Editor", WHEN, BASE, proposed_text=NEW, note=NOTE)


def test_revising_to_a_typo_drops_the_note_and_back_keeps_none() -> None:
    typo = Folder(proposal()).add(
        lambda r: workflow.revise(r, "Maya Editor", WHEN, BASE, kind=Kind.typo)
    )
    assert (typo.record.kind, typo.record.note) == (Kind.typo, None)
    assert typo.record.revision == 2
    back = typo.add(lambda r: workflow.revise(r, "Maya Editor", LATER, BASE, kind=Kind.correction))
    assert back.record.kind is Kind.correction
    assert back.record.note is None  # the drafter writes a new one; the rule keeps none


def test_publishing_needs_a_listed_publisher_and_a_note_without_controls() -> None:
    policy = Policy(publishers=["Lee Publisher"])
    approved = Folder(proposal(), policy=policy).add(
        lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, policy)
    )
    with pytest.raises(Refused, match="Pat is not on the publishers list"):
        workflow.check_publishable(approved.record, policy, "Pat")
    assert workflow.check_publishable(approved.record, policy, "Lee Publisher") == ["Sam"]
    hostile = Folder(proposal(note="It is 6-3.\x1b[2J", diff_hash=diff_hash(BASE, NEW, "x")))
    approved_hostile = hostile.add(
        lambda r: workflow.review(r, "Sam", Verdict.approve, "", WHEN, POLICY)
    )
    with pytest.raises(Refused, match="its note holds the control character U\\+001B"):
        workflow.check_publishable(approved_hostile.record, POLICY, "Lee")


def test_a_proposal_waiting_for_review_cannot_be_published() -> None:
    record = Folder(proposal()).record
    with pytest.raises(Refused, match=r"has 0 of 1 approval\(s\) needed .*status: proposed"):
        workflow.check_publishable(record, POLICY, "Lee")
