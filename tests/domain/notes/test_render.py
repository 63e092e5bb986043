"""Rendering notes for readers: dates the house's way and the article's notes block."""

from __future__ import annotations

import datetime as dt

import pytest

from corrections.domain.errors import BadInput
from corrections.domain.notes import (
    NOTES_END,
    NOTES_START,
    Kind,
    Note,
    clean_note_text,
    draft_note,
    get_style,
    note_for,
    render_note,
    render_notes_block,
    styles_from_config,
)
from tests.support.notes import DATE, GAS, SURNAME, inserted


def _note(kind: Kind, style: str, date: dt.date = DATE) -> Note:
    note = draft_note(kind, [GAS], get_style(style), date)
    assert note is not None
    return note


@pytest.mark.parametrize(
    ("style", "date", "expected"),
    [
        ("globe", dt.date(2021, 12, 6), "(Dec. 6, 2021)"),
        ("ap", dt.date(2024, 9, 30), "(Sept. 30, 2024)"),
        ("reuters", dt.date(2024, 3, 1), "(March 1, 2024)"),
        ("ap", dt.date(2024, 7, 4), "(July 4, 2024)"),
        ("globe", dt.date(2024, 8, 15), "(Aug. 15, 2024)"),
        ("globe", dt.date(2024, 6, 9), "(June 9, 2024)"),
    ],
)
def test_suffix_dates_use_ap_month_abbreviations(style: str, date: dt.date, expected: str) -> None:
    rendered = render_note(_note(Kind.correction, style, date), get_style(style))
    assert rendered.endswith(" " + expected)
    assert rendered.count(expected) == 1


def test_nyt_dateline_is_a_header_line() -> None:
    rendered = render_note(_note(Kind.correction, "nyt"), get_style("nyt"))
    first, second = rendered.split("\n")
    assert first == "Correction: Dec. 6, 2021"
    assert second.startswith("An earlier version of this article misstated the overnight price")
    assert "2021" not in second


def test_guardian_date_is_inline_and_day_month_year() -> None:
    rendered = render_note(
        _note(Kind.correction, "guardian", dt.date(2024, 1, 17)), get_style("guardian")
    )
    assert rendered.startswith(
        "This article was amended on 17 January 2024 to correct the overnight price"
    )
    assert "\n" not in rendered


def test_the_stored_text_never_holds_the_date() -> None:
    for style in ("globe", "nyt", "ap", "guardian", "reuters"):
        note = _note(Kind.correction, style)
        assert "2021" not in note.text
        assert "December" not in note.text
        assert "Dec." not in note.text
        assert note.date == DATE


def test_inline_date_falls_back_to_the_end_when_the_editor_rewrote_the_note() -> None:
    style = get_style("guardian")
    note = note_for(Kind.correction, "We got the price of gas wrong: it is $1.40.", DATE, style)
    assert render_note(note, style) == (
        "We got the price of gas wrong: it is $1.40. (6 December 2021)"
    )


def test_inline_date_goes_after_the_first_anchor_word_only() -> None:
    style = get_style("guardian")
    note = note_for(
        Kind.update, "This article was updated to say the law was amended.", DATE, style
    )
    assert render_note(note, style) == (
        "This article was updated on 6 December 2021 to say the law was amended."
    )


def test_label_prefixes_the_text_when_there_is_no_dateline() -> None:
    style = get_style("globe")
    assert render_note(_note(Kind.correction, "globe"), style).startswith(
        "Editor's Note: An earlier online version of this article"
    )


def test_note_for_labels_and_places_a_stored_note() -> None:
    style = get_style("nyt")
    note = note_for("editors_note", "This article has been updated.", DATE, style)
    assert note.kind is Kind.editors_note
    assert note.label == "Editors' Note:"
    assert note.placement == "top"
    assert note.needs_editing is False
    unfinished = note_for(
        "retraction", "Retracted because {to be completed by the editor}.", DATE, style
    )
    assert unfinished.needs_editing is True
    with pytest.raises(BadInput, match="typo"):
        note_for("typo", "x", DATE, style)


def test_a_typo_note_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="typo"):
        Note(kind=Kind.typo, text="x", date=DATE)


def test_notes_block_is_exactly_the_wrapper_and_the_notes() -> None:
    style = get_style("globe")
    first = _note(Kind.correction, "globe", dt.date(2021, 12, 6))
    second = draft_note(
        Kind.clarification, [inserted("NATO did not respond.")], style, dt.date(2022, 1, 3)
    )
    assert second is not None
    top, bottom = render_notes_block([second, first], style)
    assert top == ""
    assert bottom == (
        f"{NOTES_START}\n{render_note(first, style)}\n\n{render_note(second, style)}\n{NOTES_END}\n"
    )


def test_notes_block_splits_top_and_bottom() -> None:
    style = get_style("globe")
    correction = _note(Kind.correction, "globe")
    retraction = draft_note(Kind.retraction, [], style, dt.date(2022, 2, 1))
    assert retraction is not None
    top, bottom = render_notes_block([correction, retraction], style)
    assert top == f"{NOTES_START}\n{render_note(retraction, style)}\n{NOTES_END}\n"
    assert bottom == f"{NOTES_START}\n{render_note(correction, style)}\n{NOTES_END}\n"


def test_no_notes_no_blocks() -> None:
    assert render_notes_block([], get_style("nyt")) == ("", "")


def test_same_day_notes_keep_their_order() -> None:
    style = get_style("ap")
    a = _note(Kind.correction, "ap")
    b = note_for(
        Kind.correction, "This story has been corrected to show a second fact.", DATE, style
    )
    _, bottom = render_notes_block([b, a], style)
    assert bottom.index("second fact") < bottom.index("the overnight price")


def test_notes_block_with_a_dateline_style_keeps_notes_apart() -> None:
    style = get_style("nyt")
    a, b = _note(Kind.correction, "nyt"), _note(Kind.correction, "nyt", dt.date(2022, 1, 2))
    _, bottom = render_notes_block([a, b], style)
    body = bottom.split("\n")[1:-2]
    assert body[0] == "Correction: Dec. 6, 2021"
    assert body[2] == ""  # one blank line between notes
    assert body[3] == "Correction: Jan. 2, 2022"


def test_clean_note_text_is_what_a_note_stores() -> None:
    assert (
        clean_note_text("  It is\n$1.40,\tnot <b>$2.40</b>. ")
        == "It is $1.40, not \\<b\\>$2.40\\</b\\>."
    )
    note = Note(kind=Kind.correction, text="It is\n*X*.", date=DATE)
    assert note.text == "It is \\*X\\*."
    assert Note(kind=Kind.correction, text=note.text, date=DATE).text == note.text


def test_an_empty_note_is_rejected() -> None:
    with pytest.raises(ValueError, match="empty"):
        Note(kind=Kind.correction, text="\u200b\x1b[0m ", date=DATE)


def test_custom_dateline_and_suffix_templates() -> None:
    style = styles_from_config({"base": "nyt", "dateline": "$label ($date)"})
    assert render_note(_note(Kind.correction, "nyt"), style).startswith(
        "Correction: (Dec. 6, 2021)\n"
    )
    style = styles_from_config(
        {"base": "globe", "suffix": " [Updated $date]", "date_format": "$year-$mm-$dd"}
    )
    note = draft_note(Kind.clarification, [SURNAME], style, DATE)
    assert note is not None
    # A template may hold Markdown specials; rendered text is still inert.
    assert render_note(note, style).endswith(" \\[Updated 2021-12-06\\]")
