"""Correction events: strict parsing with file and line, exact round trips, and the fold
that turns a folder of events into a status, with the workflow rules on top."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain import workflow
from corrections.domain.config import Policy
from corrections.domain.errors import BadInput, Refused
from corrections.domain.events import (
    Event,
    ProposalEvent,
    ReviewEvent,
    WithdrawalEvent,
    event_path,
    event_to_bytes,
    parse_event,
)
from corrections.domain.fold import fold
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord, Status, Verdict, diff_hash, new_id
from corrections.domain.strict import check

WHEN = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
LATER = WHEN + dt.timedelta(hours=1)
BASE = "---\nheadline: H\npublished: 2026-01-01\n---\nThe vote was 7-2.\n"
NEW = BASE.replace("7-2", "6-3")
NOTE = "It is 6-3, not 7-2."
ID = "20260115T120000Z-0a1b2c3d"
FOLDER = f"corrections/council-vote/{ID}"
POLICY = Policy()


def proposal(**changes: object) -> ProposalEvent:
    fields: dict[str, object] = {
        "id": ID,
        "article": "council-vote",
        "at": WHEN,
        "kind": Kind.correction,
        "base_commit": "a" * 40,
        "proposed_text": NEW,
        "diff_hash": diff_hash(BASE, NEW, NOTE),
        "draft_note": NOTE,
        "note": NOTE,
        "proposer": "Maya Editor",
    }
    fields.update(changes)
    return check(ProposalEvent, fields)


class Folder:
    """A correction's events, with the steps of the workflow adding to them."""

    def __init__(self, *events: Event, policy: Policy = POLICY) -> None:
        self.events = {event_path(e): e for e in events}
        self.policy = policy

    @property
    def record(self) -> CorrectionRecord:
        folded = fold(FOLDER, self.events, self.policy)
        assert folded.record is not None
        return folded.record

    def problems(self) -> list[str]:
        return [f.code for f in fold(FOLDER, self.events, self.policy).problems]

    def add(self, make: Callable[[CorrectionRecord], Event]) -> Folder:
        event = make(self.record)
        added = Folder(policy=self.policy)
        added.events = {**self.events, event_path(event): event}
        return added


def test_event_round_trips_through_yaml() -> None:
    event = proposal()
    assert parse_event(event_to_bytes(event), event_path(event)) == event


@given(text=st.text(max_size=200), summary=st.text(max_size=50))
def test_any_text_survives_the_yaml_round_trip(text: str, summary: str) -> None:
    event = proposal(proposed_text=text, summary=summary)
    assert parse_event(event_to_bytes(event), event_path(event)) == event


def test_ids_do_not_collide_and_carry_the_time() -> None:
    ids = {new_id(WHEN) for _ in range(200)}
    assert len(ids) == 200
    assert all(i.startswith("20260115T120000Z-") for i in ids)


def test_two_reviews_by_one_person_in_one_second_get_two_files() -> None:
    review = workflow.review(proposal_record(), "Sam", Verdict.approve, "", WHEN, POLICY)
    assert event_path(review) != event_path(review)  # a random tag in every name
    assert event_path(review).startswith(f"{FOLDER}/review-20260115T120000Z-sam-")


def proposal_record() -> CorrectionRecord:
    return Folder(proposal()).record


PATH = f"{FOLDER}/proposal.yaml"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda y: y.replace("kind: correction\n", "kind: correction\nkind: update\n"),
            f"{PATH}:7: duplicate key 'kind'",
        ),
        (lambda y: y + "colour: red\n", ": colour: unknown field"),
        (lambda y: y.replace("kind: correction", "kind: apology"), ":6: kind: Input should be"),
        (lambda y: y.replace("type: proposal", "type: coup"), ":2: type: unknown event type"),
        (
            lambda y: y.replace(f"id: {ID}", "id: ../../etc/passwd"),
            ":3: id: String should match pattern",
        ),
        (
            lambda y: y.replace("base_commit: aaaa", "base_commit: --upload-pack=x"),
            "base_commit: String should match pattern",
        ),
        (lambda y: "- a\n- b\n", ":1: an event is a mapping"),
        (
            lambda y: y.replace("article: council-vote", "article: other-story"),
            ":1: the event says it belongs to corrections/other-story/",
        ),
    ],
)
def test_bad_events_name_file_and_line(mutate: object, expected: str) -> None:
    text = event_to_bytes(proposal()).decode()
    assert callable(mutate)
    with pytest.raises(BadInput) as caught:
        parse_event(mutate(text).encode(), PATH)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(f"{PATH}:{caught.value.line}: ")
    assert caught.value.path == PATH


def test_an_event_in_the_wrong_file_is_refused() -> None:
    data = event_to_bytes(proposal())
    with pytest.raises(BadInput, match=r"cannot be stored as published\.yaml"):
        parse_event(data, f"{FOLDER}/published.yaml")


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


def test_labels_are_how_people_write_kinds_statuses_and_verdicts() -> None:
    assert Kind.editors_note.label == "editors note"
    assert Status.changes_requested.label == "changes requested"
    assert Verdict.request_changes.label == "request changes"
    assert all("_" not in item.label for item in [*Kind, *Status, *Verdict])
