"""The seed case and the rules for turning an inserted sentence into a clause."""

from __future__ import annotations

import pytest

from corrections.domain.notes import Kind, Note, draft_note, get_style, render_note
from tests.support.notes import DATE, deleted, inserted

SEED = inserted("(Argentina withdrew its candidacy in December.)", paragraph=21)


def _text(sentence: str, kind: str = "clarification", context: str = "") -> str:
    note = draft_note(kind, [inserted(sentence)], get_style("globe"), DATE, context=context)
    assert note is not None
    return note.text


def test_seed_case_globe_clarification() -> None:
    note = draft_note(Kind.clarification, [SEED], get_style("globe"), DATE)
    assert isinstance(note, Note)
    assert note.text == (
        "This article has been updated to clarify that Argentina withdrew its candidacy in "
        "December."
    )
    assert note.text.startswith("This article has been updated to clarify that")
    assert "Argentina withdrew its candidacy in December" in note.text  # capital A kept
    assert "(" not in note.text
    assert ")" not in note.text
    assert note.text.endswith("December.")
    assert not note.text.endswith("..")
    assert note.kind is Kind.clarification
    assert note.date == DATE
    assert note.placement == "bottom"
    assert note.label is None
    assert note.needs_editing is False


def test_seed_case_rendered_with_its_date() -> None:
    note = draft_note("clarification", [SEED], get_style("globe"), DATE)
    assert note is not None
    assert render_note(note, get_style("globe")) == (
        "This article has been updated to clarify that Argentina withdrew its candidacy in "
        "December. (Dec. 6, 2021)"
    )


def test_kind_accepts_plain_strings_and_rejects_unknown_ones() -> None:
    assert draft_note("clarification", [SEED], get_style("globe"), DATE) is not None
    from corrections.domain.errors import BadInput

    with pytest.raises(BadInput, match="unknown kind"):
        draft_note("apology", [SEED], get_style("globe"), DATE)


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("The council voted 7-2 against it.", "the council voted 7-2 against it"),
        ("He later resigned.", "he later resigned"),
        ("Both sides declined to comment.", "both sides declined to comment"),
        ("Argentina withdrew its candidacy in December.", "Argentina withdrew its candidacy"),
        ("NATO did not respond.", "NATO did not respond"),
        ("U.S. officials disputed the figure.", "U.S. officials disputed the figure"),
        ("I was not present, she said.", "I was not present, she said"),
        ("McDonald's later apologised.", "McDonald's later apologised"),
        ("iPhone sales fell.", "iPhone sales fell"),
        ("Ottawa later reversed the decision.", "Ottawa later reversed the decision"),
    ],
)
def test_first_letter_lowered_only_for_ordinary_words(sentence: str, clause: str) -> None:
    assert f"clarify that {clause}" in _text(sentence)


def test_a_name_that_starts_with_a_common_word_keeps_its_capital_when_seen_mid_sentence() -> None:
    context = "The report was first published by The Globe and Mail last week."
    text = _text("The Globe and Mail confirmed the figures.", context=context)
    assert "clarify that The Globe and Mail confirmed the figures." in text
    # Without that evidence the article is an ordinary "the".
    assert "clarify that the Globe and Mail confirmed" in _text(
        "The Globe and Mail confirmed the figures."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "(Argentina withdrew its candidacy in December.)",
        "(Argentina withdrew its candidacy in December).",
        "[Argentina withdrew its candidacy in December.]",
        "Argentina withdrew its candidacy in December.",
        "  Argentina withdrew its candidacy\nin December. ",
    ],
)
def test_brackets_and_final_period_are_stripped_to_exactly_one_period(sentence: str) -> None:
    text = _text(sentence)
    assert text.endswith("clarify that Argentina withdrew its candidacy in December.")
    assert text.count(".") == 1


def test_a_clause_ending_in_an_abbreviation_keeps_one_period() -> None:
    text = _text("The talks were moved to Washington, D.C.")
    assert text.endswith("moved to Washington, D.C.")
    assert not text.endswith("D.C..")


def test_parentheses_inside_the_sentence_are_kept() -> None:
    text = _text("The fund (created in 2019) was closed.")
    assert "the fund (created in 2019) was closed." in text


def test_an_unknown_capitalised_word_is_lowered_when_the_article_uses_it_in_lower_case() -> None:
    # A plural no sentence capitalises mid-way is an ordinary word; an unknown word that does
    # not look like one may be a name and keeps its capital.
    assert "clarify that talks resumed" in _text("Talks resumed on Monday.")
    assert "clarify that Northline won" in _text("Northline won the contract.")
    context = "The talks stalled in May. Officials said Monday's talks went well."
    assert "clarify that talks resumed" in _text("Talks resumed on Monday.", context=context)
    # Seen capitalised mid-sentence: a name, whatever else the article does with the word.
    context = "Shares of Apple rose. An apple a day."
    assert "clarify that Apple shares fell" in _text("Apple shares fell.", context=context)


def test_an_update_with_inserted_text_says_include_and_has_no_error_verb() -> None:
    note = draft_note(
        "update", [inserted("The union said work resumed on Monday.")], get_style("globe"), DATE
    )
    assert note is not None
    assert (
        note.text
        == "This article has been updated to include that the union said work resumed on Monday."
    )
    for verb in ("correct", "misstat", "incorrect", "error"):
        assert verb not in note.text


def test_several_inserted_sentences_share_one_verb() -> None:
    changes = [inserted("Meanwhile talks resumed.", 4), inserted("No deal was reached.", 4)]
    note = draft_note("update", changes, get_style("globe"), DATE)
    assert note is not None
    assert note.text == (
        "This article has been updated to include that meanwhile talks resumed, and that no "
        "deal was reached."
    )


def test_a_long_inserted_sentence_is_shortened_at_a_word_boundary() -> None:
    sentence = " ".join(f"word{i}" for i in range(80)) + "."
    text = _text(sentence)
    assert "word59…" in text
    assert "word60" not in text


def test_a_removed_sentence_is_told_whole_as_what_was_said() -> None:
    short = "Ms. O’Brien-Smith called the McGill study “deeply flawed.”"
    note = draft_note("clarification", [deleted(short)], get_style("globe"), DATE)
    assert note is not None
    assert note.text == (
        "This article has been updated to remove the statement that Ms. O’Brien-Smith called "
        "the McGill study “deeply flawed.”"
    )
    correction = draft_note("correction", [deleted(short)], get_style("nyt"), DATE)
    assert correction is not None
    assert correction.text == (
        "An earlier version of this article incorrectly said that Ms. O’Brien-Smith called "
        "the McGill study “deeply flawed.”"
    )
    # Never a re-quote cut mid-way: a sentence too long to tell whole is left to the editor.
    long = " ".join(f"w{i}" for i in range(80)) + "."
    note = draft_note("correction", [deleted(long)], get_style("globe"), DATE)
    assert note is not None
    assert note.needs_editing
    assert any("long" in p for p in note.problems)
