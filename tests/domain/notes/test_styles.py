"""Each built-in house style on realistic corrections, written from its guide."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from corrections.domain.notes import (
    BUILTIN_STYLES,
    FieldChange,
    Kind,
    Note,
    draft_note,
    get_style,
    render_note,
)
from tests.support.notes import (
    DATE,
    GAS,
    HEADLINE,
    MISQUOTE,
    NEW_PARAGRAPH,
    REMOVED,
    STYLE_NAMES,
    SURNAME,
    TITLE,
    Change,
    inserted,
    replaced,
)

SCENARIOS: dict[str, tuple[Kind, Sequence[Change], Sequence[FieldChange]]] = {
    "number": (Kind.correction, [GAS], ()),
    "name": (Kind.correction, [SURNAME], ()),
    "title": (Kind.correction, [TITLE], ()),
    "quote": (Kind.correction, [MISQUOTE], ()),
    "removed": (Kind.correction, [REMOVED], ()),
    "update": (Kind.update, [NEW_PARAGRAPH], ()),
    "headline": (Kind.correction, [], (HEADLINE,)),
}
FARES_NEW = "“We will freeze transit fares this spring”"
FARES_OLD = "“We will cut transit fares this spring”"
REMOVED_QUOTE = (
    "“The contractor was fined twice in 2019 for safety violations at its Hamilton yard”"
)
PREMIER = "the Premier's office said on Wednesday that negotiations would resume next week"

# The notes each house drafts, rendered as readers see them.
EXPECTED: dict[str, dict[str, str]] = {
    "globe": {
        "number": (
            "Editor's Note: An earlier online version of this article incorrectly stated "
            "the overnight price of a litre of gas in Toronto. It was $1.40, not $2.40. "
            "This online version has been corrected. (Dec. 6, 2021)"
        ),
        "name": (
            "Editor's Note: An earlier online version of this article misspelled the name "
            "of the city's chief planner. It is Ellen Johnson, not Ellen Jonson. This "
            "online version has been corrected. (Dec. 6, 2021)"
        ),
        "title": (
            "Editor's Note: An earlier online version of this article incorrectly stated "
            "Priya Raman's title. It is associate minister, not deputy minister. This "
            "online version has been corrected. (Dec. 6, 2021)"
        ),
        "quote": (
            "Editor's Note: An earlier online version of this article misquoted the mayor. "
            "The mayor said “We will freeze transit fares this spring,” not “will cut.” "
            "This online version has been corrected. (Dec. 6, 2021)"
        ),
        "removed": (
            "Editor's Note: An earlier online version of this article incorrectly stated "
            "that the contractor was fined twice in 2019 for safety violations at its "
            "Hamilton yard. This online version has been corrected. (Dec. 6, 2021)"
        ),
        "update": (
            "This article has been updated to include that the Premier's office said on "
            "Wednesday that negotiations would resume next week. (Dec. 6, 2021)"
        ),
        "headline": (
            "Editor's Note: An earlier online version of this article had an incorrect "
            "headline. It now reads “Gas hits $1.40 a litre in Toronto,” not “Gas hits "
            "$2.40 a litre in Toronto.” This online version has been corrected. (Dec. 6, "
            "2021)"
        ),
    },
    "nyt": {
        "number": (
            "Correction: Dec. 6, 2021\nAn earlier version of this article misstated the "
            "overnight price of a litre of gas in Toronto. It was $1.40, not $2.40."
        ),
        "name": (
            "Correction: Dec. 6, 2021\nAn earlier version of this article misspelled the "
            "name of the city's chief planner. It is Ellen Johnson, not Ellen Jonson."
        ),
        "title": (
            "Correction: Dec. 6, 2021\nAn earlier version of this article misstated Priya "
            "Raman's title. It is associate minister, not deputy minister."
        ),
        "quote": (
            "Correction: Dec. 6, 2021\nAn earlier version of this article misquoted the "
            "mayor. The mayor said “We will freeze transit fares this spring,” not “will "
            "cut.”"
        ),
        "removed": (
            "Correction: Dec. 6, 2021\nAn earlier version of this article incorrectly said "
            "that the contractor was fined twice in 2019 for safety violations at its "
            "Hamilton yard."
        ),
        "update": (
            "Update: Dec. 6, 2021\nThis article has been updated to include that the "
            "Premier's office said on Wednesday that negotiations would resume next week."
        ),
        "headline": (
            "Correction: Dec. 6, 2021\nAn earlier version of this article had an incorrect "
            "headline. It now reads “Gas hits $1.40 a litre in Toronto,” not “Gas hits "
            "$2.40 a litre in Toronto.”"
        ),
    },
    "ap": {
        "number": (
            "This story has been corrected to show that the overnight price of a litre of "
            "gas in Toronto was $1.40, not $2.40. (Dec. 6, 2021)"
        ),
        "name": (
            "This story has been corrected to show that the name of the city's chief "
            "planner is Ellen Johnson, not Ellen Jonson. (Dec. 6, 2021)"
        ),
        "title": (
            "This story has been corrected to show that Priya Raman's title is associate "
            "minister, not deputy minister. (Dec. 6, 2021)"
        ),
        "quote": (
            "This story has been corrected to show that the mayor said “We will freeze "
            "transit fares this spring,” not “will cut.” (Dec. 6, 2021)"
        ),
        "removed": (
            "This story has been corrected to remove an incorrect statement that the "
            "contractor was fined twice in 2019 for safety violations at its Hamilton "
            "yard. (Dec. 6, 2021)"
        ),
        "update": (
            "This story has been updated to include that the Premier's office said on "
            "Wednesday that negotiations would resume next week. (Dec. 6, 2021)"
        ),
        "headline": (
            "This story has been corrected to show that the headline reads “Gas hits $1.40 "
            "a litre in Toronto,” not “Gas hits $2.40 a litre in Toronto.” (Dec. 6, 2021)"
        ),
    },
    "guardian": {
        "number": (
            "This article was amended on 6 December 2021 to correct the overnight price of "
            "a litre of gas in Toronto. It was $1.40, not $2.40."
        ),
        "name": (
            "This article was amended on 6 December 2021 to correct the name of the city's "
            "chief planner. It is Ellen Johnson, not Ellen Jonson."
        ),
        "title": (
            "This article was amended on 6 December 2021 to correct Priya Raman's title. "
            "It is associate minister, not deputy minister."
        ),
        "quote": (
            "This article was amended on 6 December 2021 to correct a quotation from the "
            "mayor. The mayor said “We will freeze transit fares this spring”, not “will "
            "cut”."
        ),
        "removed": (
            "This article was amended on 6 December 2021 to remove an incorrect statement "
            "that the contractor was fined twice in 2019 for safety violations at its "
            "Hamilton yard."
        ),
        "update": (
            "This article was updated on 6 December 2021 to include that the Premier's "
            "office said on Wednesday that negotiations would resume next week."
        ),
        "headline": (
            "This article was amended on 6 December 2021 to correct the headline. It now "
            "reads “Gas hits $1.40 a litre in Toronto”, not “Gas hits $2.40 a litre in "
            "Toronto”."
        ),
    },
    "reuters": {
        "number": (
            "(Corrects the overnight price of a litre of gas in Toronto in paragraph 3 to "
            "$1.40 from $2.40) (Dec. 6, 2021)"
        ),
        "name": (
            "(Corrects the name of the city's chief planner in paragraph 5 to Ellen "
            "Johnson from Ellen Jonson) (Dec. 6, 2021)"
        ),
        "title": (
            "(Corrects Priya Raman's title in paragraph 4 to associate minister from "
            "deputy minister) (Dec. 6, 2021)"
        ),
        "quote": (
            "(Corrects a quotation from the mayor in paragraph 6 to “We will freeze "
            "transit fares this spring” from “will cut”) (Dec. 6, 2021)"
        ),
        "removed": (
            "(Corrects paragraph 7 to remove incorrect statement that the contractor was "
            "fined twice in 2019 for safety violations at its Hamilton yard) (Dec. 6, "
            "2021)"
        ),
        "update": (
            "(Updates paragraph 12 to add that the Premier's office said on Wednesday that "
            "negotiations would resume next week) (Dec. 6, 2021)"
        ),
        "headline": (
            "(Corrects headline to read “Gas hits $1.40 a litre in Toronto”) (Dec. 6, 2021)"
        ),
    },
}
TRIGGERS = {
    "globe": "An earlier online version of",
    "nyt": "An earlier version of",
    "ap": "This story has been corrected to",
    "guardian": "This article was amended on 6 December 2021 to",
    "reuters": "(Corrects ",
}
# (right value, wrong value) each correction must name.
VALUES = {
    "number": ("$1.40", "$2.40"),
    "name": ("Johnson", "Jonson"),
    "title": ("associate minister", "deputy minister"),
    "quote": ("We will freeze transit fares this spring", "will cut"),
}


def _draft(style: str, scenario: str) -> Note:
    kind, changes, fields = SCENARIOS[scenario]
    note = draft_note(kind, changes, get_style(style), DATE, field_changes=fields)
    assert note is not None
    return note


@pytest.mark.parametrize("style", STYLE_NAMES)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_each_house_drafts_its_own_note(style: str, scenario: str) -> None:
    note = _draft(style, scenario)
    assert render_note(note, get_style(style)) == EXPECTED[style][scenario]


@pytest.mark.parametrize("style", STYLE_NAMES)
@pytest.mark.parametrize("scenario", list(VALUES))
def test_corrections_use_the_trigger_and_name_right_and_wrong_values(
    style: str, scenario: str
) -> None:
    rendered = render_note(_draft(style, scenario), get_style(style))
    right, wrong = VALUES[scenario]
    assert TRIGGERS[style] in rendered
    assert right in rendered
    assert get_style(style).repeat_wrong
    assert wrong in rendered
    assert rendered.index(right) < rendered.index(wrong)  # the fact first, then the error


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_ap_never_uses_the_euphemisms_for_a_correction(scenario: str) -> None:
    for kind in (Kind.correction,):
        _, changes, fields = SCENARIOS[scenario]
        note = draft_note(kind, changes, get_style("ap"), DATE, field_changes=fields)
        assert note is not None
        assert "corrected" in note.text  # a correction is always called one
        words = set(re.findall(r"[a-z]+", note.text.lower()))
        assert not words & {
            "recast",
            "recasts",
            "fix",
            "fixes",
            "fixed",
            "clarifies",
            "clarify",
            "clarified",
            "change",
            "changes",
            "changed",
        }


def test_ap_generic_correction_still_says_corrected() -> None:
    note = draft_note(Kind.correction, [], get_style("ap"), DATE)
    assert note is not None
    assert note.text.startswith("This story has been corrected")
    assert note.needs_editing


def test_reuters_lists_every_fix_with_its_paragraph() -> None:
    note = draft_note(Kind.correction, [GAS, SURNAME, REMOVED], get_style("reuters"), DATE)
    assert note is not None
    assert note.text == (
        "(Corrects the overnight price of a litre of gas in Toronto in paragraph 3 to $1.40 "
        "from $2.40; corrects the name of the city's chief planner in paragraph 5 to Ellen "
        "Johnson from Ellen Jonson; corrects paragraph 7 to remove incorrect statement that "
        "the contractor was fined twice in 2019 for safety violations at its Hamilton yard)"
    )
    assert note.text.count("orrects") == 3  # every trashline says "corrects"


def test_nyt_joins_several_errors_in_one_note() -> None:
    note = draft_note(Kind.correction, [GAS, SURNAME], get_style("nyt"), DATE)
    assert note is not None
    assert note.text == (
        "An earlier version of this article misstated the overnight price of a litre of gas "
        "in Toronto and misspelled the name of the city's chief planner. The price was $1.40, "
        "not $2.40, and the name is Ellen Johnson, not Ellen Jonson."
    )


def test_nyt_names_the_headline_and_the_article_when_both_changed() -> None:
    note = draft_note(Kind.correction, [GAS], get_style("nyt"), DATE, field_changes=[HEADLINE])
    assert note is not None
    assert note.text.startswith("An earlier version of this article and its headline misstated")


def test_ap_joins_clauses_sharing_one_verb() -> None:
    note = draft_note(Kind.correction, [GAS, SURNAME], get_style("ap"), DATE)
    assert note is not None
    assert note.text == (
        "This story has been corrected to show that the overnight price of a litre of gas in "
        "Toronto was $1.40, not $2.40, and that the name of the city's chief planner is Ellen "
        "Johnson, not Ellen Jonson."
    )


def test_a_long_list_of_changes_is_summed_up() -> None:
    changes = [
        replaced(f"It cost ${n}.", f"It cost ${n + 1}.", f"${n}", f"${n + 1}", paragraph=n)
        for n in range(1, 9)
    ]
    note = draft_note(Kind.correction, changes, get_style("reuters"), DATE)
    assert note is not None
    assert note.text.lower().count("corrects paragraph") == 4
    assert note.text.endswith("; corrects 4 other errors)")


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_typo_has_no_public_note(style: str) -> None:
    assert draft_note(Kind.typo, [SURNAME], get_style(style), DATE) is None
    assert draft_note("typo", [SURNAME], get_style(style), DATE) is None


@pytest.mark.parametrize(
    ("style", "kind", "placement", "label"),
    [
        ("globe", Kind.correction, "bottom", "Editor's Note:"),
        ("globe", Kind.clarification, "bottom", None),
        ("globe", Kind.update, "bottom", None),
        ("globe", Kind.editors_note, "top", "Editor's Note:"),
        ("globe", Kind.retraction, "top", "Editor's Note:"),
        ("nyt", Kind.correction, "bottom", "Correction:"),
        ("nyt", Kind.clarification, "bottom", "Clarification:"),
        ("nyt", Kind.editors_note, "top", "Editors' Note:"),
        ("nyt", Kind.retraction, "top", "Editors' Note:"),
        ("ap", Kind.correction, "bottom", None),
        ("ap", Kind.editors_note, "top", "Editor's Note:"),
        ("ap", Kind.retraction, "top", None),
        ("guardian", Kind.correction, "bottom", None),
        ("guardian", Kind.update, "bottom", None),
        ("guardian", Kind.retraction, "top", None),
        ("reuters", Kind.correction, "top", None),
        ("reuters", Kind.update, "top", None),
    ],
)
def test_placement_and_label_per_style_and_kind(
    style: str, kind: Kind, placement: str, label: str | None
) -> None:
    note = draft_note(kind, [GAS], get_style(style), DATE)
    assert note is not None
    assert note.placement == placement
    assert note.label == label


@pytest.mark.parametrize("style", STYLE_NAMES)
@pytest.mark.parametrize("kind", [Kind.retraction, Kind.editors_note])
def test_serious_kinds_leave_the_reason_to_the_editor(style: str, kind: Kind) -> None:
    for changes in ([], [REMOVED]):
        note = draft_note(kind, changes, get_style(style), DATE)
        assert note is not None
        assert note.needs_editing  # a flag on the draft, shown to the editor ...
        assert "reason" in " ".join(note.problems)
        assert "{" not in note.text  # ... never a placeholder in the text
        assert "because" not in note.text
        assert note.text.rstrip(")").endswith(".") or note.text.endswith(")")
        given = draft_note(kind, changes, get_style(style), DATE, reason="The claim was false.")
        assert given is not None
        assert "the claim was false" in given.text
        assert not given.needs_editing


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_a_correction_drafted_from_the_diff_needs_no_editing(style: str) -> None:
    note = draft_note(Kind.correction, [GAS], get_style(style), DATE)
    assert note is not None
    assert not note.needs_editing


def test_retraction_wording() -> None:
    texts = {
        name: draft_note(Kind.retraction, [], style, DATE) for name, style in BUILTIN_STYLES.items()
    }
    assert texts["globe"] is not None
    assert texts["globe"].text == "This article has been retracted."
    assert texts["ap"] is not None
    assert texts["ap"].text == "The Associated Press has withdrawn this story."
    assert texts["reuters"] is not None
    assert texts["reuters"].text == "(Story withdrawn)"
    assert all(note is not None and note.needs_editing for note in texts.values())


def test_clarification_of_a_replaced_phrase() -> None:
    note = draft_note(Kind.clarification, [TITLE], get_style("globe"), DATE)
    assert note is not None
    assert note.text == (
        "This article has been updated to clarify that Priya Raman's title is associate minister."
    )


def test_words_added_inside_a_sentence_are_told_as_the_whole_sentence() -> None:
    change = replaced(
        "BRICS agreed to add Argentina.",
        "BRICS agreed to add Argentina, which later withdrew.",
        "Argentina.",
        "Argentina, which later withdrew.",
    )
    # The diff reports only the new words; a note needs the sentence around them.
    change = Change("replaced", 1, change.old_sentence, change.new_sentence, "", "which later")
    note = draft_note(Kind.clarification, [change], get_style("globe"), DATE)
    assert note is not None
    assert note.text == (
        "This article has been updated to clarify that BRICS agreed to add Argentina, which "
        "later withdrew."
    )


def test_words_removed_from_a_sentence_are_told_as_the_sentence_now_reads() -> None:
    change = Change(
        "replaced", 2, "He was, reportedly, very angry.", "He was very angry.", "reportedly,", ""
    )
    note = draft_note(Kind.clarification, [change], get_style("globe"), DATE)
    assert note is not None
    assert note.text == "This article has been updated to clarify that he was very angry."
    assert note.needs_editing  # "he": the editor must say who


@pytest.mark.parametrize(
    ("old", "new", "old_phrase", "new_phrase", "expected"),
    [
        (
            "It opened on Tuesday.",
            "It opened on Wednesday.",
            "Tuesday.",
            "Wednesday.",
            "(Corrects paragraph 2 to say it opened on Wednesday)",
        ),
        (
            "Two people died.",
            "Three people died.",
            "Two",
            "Three",
            "(Corrects paragraph 2 to say three people died)",
        ),
        (
            "The bylaw was drafted by Ellen Jonson, the city's chief planner.",
            "The bylaw was drafted by Ellen Johnson, the city's chief planner.",
            "Jonson,",
            "Johnson,",
            "(Corrects the name of the city's chief planner in paragraph 2 to Ellen Johnson "
            "from Ellen Jonson)",
        ),
        (
            "Sales rose sharply.",
            "Sales fell sharply.",
            "rose",
            "fell",
            "(Corrects paragraph 2 to say sales fell sharply)",
        ),
        (
            "Priya Raman is the deputy finance minister.",
            "Priya Raman is the associate finance minister.",
            "deputy",
            "associate",
            "(Corrects Priya Raman's title in paragraph 2 to associate finance minister from "
            "deputy finance minister)",
        ),
    ],
)
def test_reuters_names_what_was_corrected(
    old: str, new: str, old_phrase: str, new_phrase: str, expected: str
) -> None:
    note = draft_note(
        Kind.correction, [replaced(old, new, old_phrase, new_phrase, 2)], get_style("reuters"), DATE
    )
    assert note is not None
    assert note.text == expected


def test_nyt_verb_follows_the_kind_of_error() -> None:
    def verb(change: Change) -> str:
        note = draft_note(Kind.correction, [change], get_style("nyt"), DATE)
        assert note is not None
        return note.text.split(" ")[6]

    assert verb(GAS) == "misstated"
    assert verb(SURNAME) == "misspelled"
    assert verb(TITLE) == "misstated"
    assert verb(MISQUOTE) == "misquoted"
    other = replaced(
        "The bylaw was drafted by Ellen Jonson, the city's chief planner.",
        "The bylaw was drafted by Mary Okafor, the city's chief planner.",
        "Ellen Jonson,",
        "Mary Okafor,",
    )
    assert verb(other) == "misidentified"


def test_a_thing_without_a_name_is_restated_and_the_dots_do_not_double() -> None:
    note = draft_note(
        Kind.correction,
        [replaced("Sales rose sharply.", "Sales fell sharply.", "rose", "fell")],
        get_style("nyt"),
        DATE,
    )
    assert note is not None
    assert note.text == (
        "An earlier version of this article said sales rose sharply. In fact, sales fell sharply."
    )
    abbreviation = replaced("He moved to the U.K.", "He moved to the U.S.", "U.K.", "U.S.")
    note = draft_note(Kind.correction, [abbreviation], get_style("nyt"), DATE)
    assert note is not None
    assert note.text.endswith("In fact, he moved to the U.S.")
    assert ".." not in note.text
    assert note.needs_editing  # "he" refers to someone the note does not name


def test_article_noun_can_be_a_column() -> None:
    note = draft_note(Kind.correction, [GAS], get_style("nyt"), DATE, article_noun="column")
    assert note is not None
    assert note.text.startswith("An earlier version of this column misstated the overnight price")


def test_article_noun_must_be_a_plain_word() -> None:
    from corrections.domain.errors import BadInput

    with pytest.raises(BadInput, match="plain word"):
        draft_note(Kind.correction, [GAS], get_style("nyt"), DATE, article_noun="<b>x</b>")


def test_unreadable_field_changes_are_ignored() -> None:
    fields: list[FieldChange] = [("updated", None, "2021-12-06"), ("tags", ["a"], ["b"])]
    note = draft_note(Kind.correction, [GAS], get_style("nyt"), DATE, field_changes=fields)
    assert note is not None
    assert "headline" not in note.text


def test_a_subheadline_is_named_as_such() -> None:
    note = draft_note(
        Kind.correction,
        [],
        get_style("nyt"),
        DATE,
        field_changes=[("dek", "Ten died in the fire", "Twelve died in the fire")],
    )
    assert note is not None
    assert note.text == (
        "An earlier version of this article had an incorrect subheadline. It now reads "
        "“Twelve died in the fire,” not “Ten died in the fire.”"
    )


def test_inserted_note_in_every_style_reads_as_a_clarification() -> None:
    for name, style in BUILTIN_STYLES.items():
        note = draft_note(Kind.clarification, [inserted("NATO did not respond.", 9)], style, DATE)
        assert note is not None
        assert "NATO did not respond" in note.text, name
        leads = ("clarify that NATO", "note that NATO", "make clear that NATO")
        assert any(lead in note.text for lead in leads), name


def test_every_style_name_has_its_wording_and_house() -> None:
    """One registry of style names: the built-in wording, the configuration's type and the
    display names all follow it."""
    from typing import get_args

    from corrections.domain.notes.builtin import STYLE_DATA
    from corrections.domain.notes.config import BUILTIN_STYLES
    from corrections.domain.style_names import HOUSE_NAMES, STYLE_NAMES, StyleName

    assert tuple(STYLE_DATA) == STYLE_NAMES == get_args(StyleName)
    assert set(BUILTIN_STYLES) == set(HOUSE_NAMES) == set(STYLE_NAMES)
    assert all(BUILTIN_STYLES[name].name == name for name in STYLE_NAMES)
