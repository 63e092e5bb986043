"""The golden corpus: real diffs of fictional articles to the notes an editor would publish.

The match rate is asserted overall; each case also must be free of the artefacts no note may
carry, whether or not it matches its expected wording.
"""

from __future__ import annotations

import re

import pytest

from corrections.domain.notes.lint import lint_text
from tests.support.golden import Outcome, format_table, load_cases, run, table

TARGET = 0.9
CASES = load_cases()
# Words that stand for a kind of thing instead of naming it.
CATEGORY = re.compile(r"\b(?:a|one) (?:detail|figure|name|date|title|remark)\b")
PLACEHOLDER = re.compile(r"\{[^}]*\}|\$[a-z_]+\b|\\")
BARE_NUMBER_FIX = re.compile(r"\bIt (?:is|was) \d[\d,.]*, not \d[\d,.]*\.")


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return run(CASES)


def test_the_corpus_is_large_and_covers_every_style_kind_and_fact() -> None:
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)
    assert {c.style for c in CASES} == {"globe", "nyt", "ap", "guardian", "reuters"}
    kinds = {c.kind for c in CASES}
    assert kinds == {"correction", "clarification", "update", "editors_note", "retraction"}
    facts = {f for c in CASES for f in c.facts}
    wanted = {
        "number", "money", "percentage", "date", "time", "age", "person", "place",
        "organisation", "title", "quotation", "wording", "headline", "byline", "inserted",
        "deleted", "multiple",
    }  # fmt: skip
    assert wanted <= facts


def test_the_corpus_matches_at_the_target_rate(outcomes: list[Outcome]) -> None:
    groups = table(outcomes)
    overall = groups["all"]["all"]
    misses = "\n".join(f"{o.case.id}: {o.note.text}" for o in outcomes if not o.matched)
    assert overall.share >= TARGET, format_table(groups) + "\n" + misses


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_draft_carries_an_artefact(case: object, outcomes: list[Outcome]) -> None:
    outcome = next(o for o in outcomes if o.case is case)
    text = outcome.note.text
    assert not PLACEHOLDER.search(text), text
    assert not CATEGORY.search(text), text
    assert ",," not in text
    assert ".." not in text
    assert text.count("“") == text.count("”"), text
    problems = [p for p in lint_text(text) if "over" not in p]
    assert not problems, (text, problems)


@pytest.mark.parametrize("case", [c for c in CASES if c.needs_editing is not None])
def test_flagged_cases_are_flagged(case: object, outcomes: list[Outcome]) -> None:
    outcome = next(o for o in outcomes if o.case is case)
    assert outcome.note.needs_editing is outcome.case.needs_editing, outcome.note.problems
    assert outcome.note.problems


def test_numbers_carry_their_unit_on_both_sides(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        for fact_kind in ("money", "percentage"):
            if fact_kind in outcome.case.facts and outcome.matched:
                assert not BARE_NUMBER_FIX.search(outcome.note.text), outcome.note.text
