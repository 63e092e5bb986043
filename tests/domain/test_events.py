"""Correction events: strict parsing with file and line, exact round trips, ids, and how
kinds, statuses and verdicts are written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain import workflow
from corrections.domain.errors import BadInput
from corrections.domain.events import (
    event_path,
    event_to_bytes,
    parse_event,
)
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord, Status, Verdict, new_id
from tests.support.events import FOLDER, ID, POLICY, WHEN, Folder, proposal


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


def test_labels_are_how_people_write_kinds_statuses_and_verdicts() -> None:
    assert Kind.editors_note.label == "editors note"
    assert Status.changes_requested.label == "changes requested"
    assert Verdict.request_changes.label == "request changes"
    assert all("_" not in item.label for item in [*Kind, *Status, *Verdict])
