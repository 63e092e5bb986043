"""The fact stage and the draft linter on their own, from real diffs of short texts."""

from __future__ import annotations

import pytest

from corrections.domain.diff import diff_texts, summarize
from corrections.domain.notes.facts import Fact, facts_from_changes
from corrections.domain.notes.lint import artefacts, lint_draft, lint_text


def _facts(old: str, new: str) -> list[Fact]:
    summary = summarize(diff_texts(old + "\n", new + "\n"))
    return facts_from_changes(summary.changes, (), new)


@pytest.mark.parametrize(
    ("old", "new", "kind", "values", "thing"),
    [
        (
            "The library expansion will cost $4.2 million.",
            "The library expansion will cost $4.5 million.",
            "money",
            ("$4.2 million", "$4.5 million"),
            "the cost of the library expansion",
        ),
        (
            "It was approved by 12 percent of residents.",
            "It was approved by 62 percent of residents.",
            "percentage",
            ("12 percent", "62 percent"),
            "the share of residents",
        ),
        (
            "Councillor Raj Patel, 42, voted against.",
            "Councillor Raj Patel, 45, voted against.",
            "age",
            ("42", "45"),
            "Raj Patel's age",
        ),
        (
            "Deputy Mayor Tom Green opposed it.",
            "Acting Mayor Tom Green opposed it.",
            "title",
            ("Deputy Mayor", "Acting Mayor"),
            "Tom Green's title",
        ),
        (
            "The branch would close in 2019.",
            "The branch would close in 2021.",
            "date",
            ("2019", "2021"),
            "the year the branch would close",
        ),
        (
            "Construction is expected to take 18 months.",
            "Construction is expected to take 16 months.",
            "number",
            ("18 months", "16 months"),
            "the expected length of construction",
        ),
        (
            "The first ferry leaves at 6:15 a.m.",
            "The first ferry leaves at 6:45 a.m.",
            "time",
            ("6:15 a.m.", "6:45 a.m."),
            "the time the first ferry leaves",
        ),
    ],
)
def test_a_fact_has_a_kind_widened_values_and_a_thing(
    old: str, new: str, kind: str, values: tuple[str, str], thing: str
) -> None:
    (fact,) = _facts(old, new)
    assert fact.kind == kind
    assert (fact.old, fact.new) == values
    assert fact.thing == thing


def test_two_changes_in_one_sentence_are_two_facts() -> None:
    facts = _facts(
        "The branch, which opened in 1978, serves 40,000 residents.",
        "The branch, which opened in 1987, serves 14,000 residents.",
    )
    assert [(f.kind, f.old, f.new) for f in facts] == [
        ("date", "1978", "1987"),
        ("number", "40,000", "14,000"),
    ]
    assert facts[0].thing == "the year the branch opened"
    assert facts[1].thing == "the number of residents the branch serves"


def test_a_quotation_names_its_speaker_and_the_changed_words() -> None:
    (fact,) = _facts(
        "“We will finally have room to grow,” Mayor Ellen Marsh said.",
        "“We will finally have room to breathe,” Mayor Ellen Marsh said.",
    )
    assert fact.kind == "quotation"
    assert fact.thing == "Mayor Ellen Marsh"
    assert fact.new == "We will finally have room to breathe"
    assert fact.old == "to grow"
    assert fact.referent == "Mayor Marsh"


def test_a_thing_without_a_name_keeps_the_clause_and_a_pronoun_is_flagged() -> None:
    (fact,) = _facts("It rained on Tuesday.", "It snowed on Tuesday.")
    assert not fact.named
    assert (fact.old_clause, fact.new_clause) == ("it rained on Tuesday", "it snowed on Tuesday")
    assert fact.problems


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("This article was amended because {to be completed by the editor}.", "placeholder"),
        ("It is \\[sic\\] wrong.", "escaped markup"),
        ("She said “it is wrong.", "not balanced"),
        ("It is 6-3, not 7-2..", "doubled punctuation"),
        ("It is 6-3,, not 7-2.", "doubled punctuation"),
        ("This article was updated to clarify that, The council met.", "capital letter"),
        ("An earlier version of this article misstated a figure.", "category"),
        (
            "This story has been corrected to show that the council approved the plan for the "
            "library expansion at Elm Street on Tuesday night, not 7-2.",
            "over 12 words",
        ),
    ],
)
def test_the_linter_names_each_artefact(text: str, reason: str) -> None:
    problems = lint_text(text)
    assert any(reason in p for p in problems), problems


def test_clean_notes_pass_and_abbreviations_are_not_doubled_punctuation() -> None:
    for text in (
        "An earlier version of this article misstated the council's vote. It was 6-3, not 7-2.",
        "It is 6:45 a.m., not 6:15 a.m.",
        "He moved to the U.S., not Canada.",
        "Mayor Marsh said “the space,” not “the room.”",
    ):
        assert lint_text(text) == [], text


def test_the_draft_check_wants_both_values_for_a_correction_only() -> None:
    (fact,) = _facts("It cost $5 to enter.", "It cost $6 to enter.")
    named = Fact("money", "replaced", 1, old="$5", new="$6", thing="the cost of entry")
    assert fact.kind == "money"
    without_old = "This story has been corrected to show that the cost of entry is $6."
    assert any("wrong" in p for p in lint_draft(without_old, "correction", [named]))
    assert lint_draft(without_old, "clarification", [named]) == []
    assert any("right value" in p for p in lint_draft("Corrected.", "update", [named]))


def test_validate_reads_a_stored_note_s_markdown_escapes_back() -> None:
    assert artefacts("She called it \\[sic\\] flawed.") == []
    assert artefacts("Retracted because {to be completed by the editor}.")
    assert artefacts("A category word such as a figure is style, not an artefact.") == []


def test_two_facts_about_one_thing_read_as_one_note() -> None:
    import datetime as dt

    from corrections.domain.notes import draft_note, get_style

    old = "The Elm Street branch, which opened in 1978, serves 40,000 residents.\n"
    new = "The Elm Street branch, which opened in 1987, serves 14,000 residents.\n"
    changes = summarize(diff_texts(old, new)).changes
    note = draft_note("correction", changes, get_style("globe"), dt.date(2026, 1, 1), context=new)
    assert note is not None
    assert note.text == (
        "An earlier online version of this article incorrectly stated the year the Elm Street "
        "branch opened and the number of residents it serves. The year was 1987, not 1978, "
        "and the number is 14,000, not 40,000. This online version has been corrected."
    )
    assert not note.needs_editing
