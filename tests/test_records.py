"""Correction records: strict parsing with file and line, exact round trips, workflow rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain import workflow
from corrections.domain.config import Policy
from corrections.domain.errors import BadInput, Refused
from corrections.domain.kinds import Kind
from corrections.domain.records import (
    CorrectionRecord,
    Status,
    Verdict,
    diff_hash,
    new_id,
    parse_record,
    record_to_bytes,
)

WHEN = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
BASE = "---\nheadline: H\npublished: 2026-01-01\n---\nThe vote was 7-2.\n"
NEW = BASE.replace("7-2", "6-3")


def make(**changes: object) -> CorrectionRecord:
    fields: dict[str, object] = {
        "id": "20260115T120000Z-0a1b2c3d",
        "article": "council-vote",
        "kind": Kind.correction,
        "status": Status.proposed,
        "base_commit": "a" * 40,
        "proposed_text": NEW,
        "diff_hash": diff_hash(BASE, NEW),
        "draft_note": "It is 6-3, not 7-2.",
        "note": "It is 6-3, not 7-2.",
        "proposer": "Maya Editor",
        "proposed_at": WHEN,
        "updated_at": WHEN,
    }
    fields.update(changes)
    return CorrectionRecord.model_validate(fields)


def test_record_round_trips_through_yaml() -> None:
    record = make()
    assert parse_record(record_to_bytes(record), record.path) == record


@given(text=st.text(max_size=200), summary=st.text(max_size=50))
def test_any_text_survives_the_yaml_round_trip(text: str, summary: str) -> None:
    record = make(proposed_text=text, summary=summary)
    assert parse_record(record_to_bytes(record), record.path) == record


def test_ids_do_not_collide_and_carry_the_time() -> None:
    ids = {new_id(WHEN) for _ in range(200)}
    assert len(ids) == 200
    assert all(i.startswith("20260115T120000Z-") for i in ids)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda y: y.replace("status: proposed\n", "status: proposed\nstatus: published\n"),
            "corrections/council-vote/x.yaml:6: duplicate key 'status'",
        ),
        (lambda y: y + "colour: red\n", ":22: colour: unknown field"),
        (lambda y: y.replace("kind: correction", "kind: apology"), ":4: kind: Input should be"),
        (
            lambda y: y.replace("id: 20260115T120000Z-0a1b2c3d", "id: ../../etc/passwd"),
            ":2: id: String should match pattern",
        ),
        (
            lambda y: y.replace("base_commit: aaaa", "base_commit: --upload-pack=x"),
            ":8: base_commit: String should match pattern",
        ),
        (lambda y: y.replace("revision: 1", "revision: '1'"), ":7: revision: Input should be"),
        (lambda y: "- a\n- b\n", ":1: a record is a mapping"),
    ],
)
def test_bad_records_name_file_and_line(mutate: object, expected: str) -> None:
    text = record_to_bytes(make()).decode()
    assert callable(mutate)
    with pytest.raises(BadInput) as caught:
        parse_record(mutate(text).encode(), "corrections/council-vote/x.yaml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("corrections/council-vote/x.yaml:")


POLICY = Policy()


def test_proposer_cannot_review_and_others_approve() -> None:
    record = make()
    with pytest.raises(Refused, match="second person"):
        workflow.review(record, "Maya Editor", Verdict.approve, "", WHEN, POLICY)
    approved = workflow.review(record, "Sam Reviewer", Verdict.approve, "", WHEN, POLICY)
    assert approved.status is Status.approved
    assert approved.approvers() == ["Sam Reviewer"]
    assert workflow.check_publishable(approved, POLICY, "Lee") == ["Sam Reviewer"]


def test_approvals_per_kind_and_reviewer_list() -> None:
    policy = Policy(approvals_by_kind={"retraction": 2}, reviewers=["Sam", "Ana"])
    record = make(kind=Kind.retraction)
    with pytest.raises(Refused, match="not on the reviewers list"):
        workflow.review(record, "Bob", Verdict.approve, "", WHEN, policy)
    once = workflow.review(record, "Sam", Verdict.approve, "", WHEN, policy)
    assert once.status is Status.proposed
    twice_same = workflow.review(once, "Sam", Verdict.approve, "", WHEN, policy)
    assert twice_same.status is Status.proposed
    with pytest.raises(Refused, match="1 of 2"):
        workflow.check_publishable(twice_same, policy, "Lee")
    both = workflow.review(once, "Ana", Verdict.approve, "", WHEN, policy)
    assert both.status is Status.approved


def test_revision_voids_earlier_approvals() -> None:
    approved = workflow.review(make(), "Sam", Verdict.approve, "", WHEN, POLICY)
    revised = workflow.revise(
        approved, "Maya Editor", WHEN, BASE, proposed_text=BASE.replace("7-2", "5-4")
    )
    assert revised.status is Status.proposed
    assert revised.revision == 2
    assert revised.approvers() == []
    assert len(revised.reviews) == 1  # history is kept, it just no longer counts
    with pytest.raises(Refused):
        workflow.check_publishable(revised, POLICY, "Lee")
    with pytest.raises(Refused, match="same as the published"):
        workflow.revise(approved, "Maya Editor", WHEN, BASE, proposed_text=BASE)


def test_final_states_do_not_move() -> None:
    rejected = workflow.review(make(), "Sam", Verdict.reject, "Not an error.", WHEN, POLICY)
    assert rejected.status is Status.rejected
    actions: list[Callable[[], object]] = [
        lambda: workflow.review(rejected, "Ana", Verdict.approve, "", WHEN, POLICY),
        lambda: workflow.withdraw(rejected, "Maya Editor", WHEN),
        lambda: workflow.revise(rejected, "Maya Editor", WHEN, BASE, kind=Kind.update),
    ]
    for action in actions:
        with pytest.raises(Refused):
            action()


def test_change_fingerprint_ignores_where_the_change_sits() -> None:
    moved_base = "Intro added later.\n\n" + BASE.split("---\n", 2)[2]
    moved_new = moved_base.replace("7-2", "6-3")
    assert workflow.change_fingerprint(BASE, NEW) == workflow.change_fingerprint(
        moved_base, moved_new
    )
    assert workflow.change_fingerprint(BASE, NEW) != workflow.change_fingerprint(
        BASE, BASE.replace("7-2", "5-4")
    )
