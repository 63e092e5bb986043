"""A newsroom's own house style from ``corrections.toml``."""

from __future__ import annotations

import dataclasses
import tomllib
from typing import Any

import pytest

from corrections.domain.errors import BadInput
from corrections.domain.notes import (
    BUILTIN_STYLES,
    HouseStyle,
    Kind,
    draft_note,
    get_style,
    render_note,
    styles_from_config,
)
from corrections.domain.strict import check
from tests.support.notes import DATE, GAS, SURNAME, inserted

TOML = """
[house.templates]
base = "nyt"
name = "Daily Planet"
noun = "story"
date_format = "$day $month $year"
repeat_wrong = false

[house.templates.correction]
label = "CORRECTION"
opening = "The Planet regrets that $subject "
replaced = "$verb $object (paragraph $paragraph)"
replaced_fix = "The correct $what is $new$wrong."

[house.templates.verbs]
figure = "got wrong"
"""


def _custom() -> HouseStyle:
    table: dict[str, Any] = tomllib.loads(TOML)["house"]["templates"]
    return styles_from_config(table)


def test_custom_style_inherits_from_its_base_and_overrides_templates() -> None:
    style = _custom()
    assert style.name == "Daily Planet"
    assert style.date_placement == "dateline"  # from nyt
    assert style.clarification == get_style("nyt").clarification  # untouched kinds inherited
    assert style.verbs["spelling"] == "misspelled"  # tables merge key by key
    note = draft_note(Kind.correction, [GAS], style, DATE)
    assert note is not None
    assert note.text == (
        "The Planet regrets that this story got wrong a figure (paragraph 3). The correct "
        "figure is $1.40."
    )
    assert "$2.40" not in note.text  # repeat_wrong = false
    assert render_note(note, style) == f"CORRECTION 6 December 2021\n{note.text}"


def test_base_defaults_to_globe_and_an_empty_table_is_the_base() -> None:
    assert styles_from_config({}) == get_style("globe")
    assert styles_from_config({"base": "reuters"}) == get_style("reuters")


def test_unknown_placeholder_is_bad_input_naming_it() -> None:
    with pytest.raises(BadInput, match=r"correction\.replaced: unknown placeholder \$neww"):
        styles_from_config({"correction": {"replaced": "It is $neww, not $old"}})
    with pytest.raises(BadInput, match=r"unknown placeholder \$when"):
        styles_from_config({"suffix": " ($when)"})
    with pytest.raises(BadInput, match=r"unknown placeholder \$colour"):
        styles_from_config({"date_format": "$colour $day"})


def test_a_braced_placeholder_is_checked_too() -> None:
    with pytest.raises(BadInput, match=r"\$nope"):
        styles_from_config({"update": {"inserted": "include ${nope}"}})
    style = styles_from_config({"update": {"inserted": "include that ${clause}"}})
    note = draft_note(Kind.update, [inserted("A vote is set for May.")], style, DATE)
    assert note is not None
    assert note.text == "This article has been updated to include that a vote is set for May."


def test_a_stray_dollar_is_bad_input_and_a_double_dollar_is_a_dollar_sign() -> None:
    with pytest.raises(BadInput, match=r"\$\$"):
        styles_from_config({"correction": {"closing": "It cost $5."}})
    style = styles_from_config({"correction": {"closing": "Fee: $$5."}})
    note = draft_note(Kind.correction, [GAS], style, DATE)
    assert note is not None
    assert note.text.endswith("Fee: $5.")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"base": "bbc"}, "unknown house style 'bbc'"),
        ({"base": 3}, "base must be the name"),
        ({"colour": "red"}, "colour"),
        ({"typo": {"generic": "x"}}, "typo"),
        ({"correction": {"placement": "middle"}}, "correction.placement"),
        ({"correction": {"generic": ""}}, "correction.generic must not be empty"),
        ({"verbs": {"smell": "reeked"}}, "unknown class 'smell'"),
        ({"noun": "<b>story</b>"}, "noun must be a plain word"),
        ({"date_placement": "none"}, "set dates = false"),
        ({"quotes": ["«"]}, "quotes"),
    ],
)
def test_bad_tables_are_bad_input(table: dict[str, Any], message: str) -> None:
    with pytest.raises(BadInput, match=message):
        styles_from_config(table)


def test_dates_can_be_turned_off() -> None:
    style = styles_from_config({"base": "guardian", "dates": False, "date_placement": "none"})
    note = draft_note(Kind.correction, [GAS], style, DATE)
    assert note is not None
    assert render_note(note, style) == (
        "This article was amended to correct the overnight price of a litre of gas in "
        "Toronto. It was $1.40, not $2.40."
    )
    # dates = false alone is enough, whatever the placement says.
    style = styles_from_config({"base": "nyt", "dates": False})
    note = draft_note(Kind.correction, [GAS], style, DATE)
    assert note is not None
    assert render_note(note, style).startswith("Correction: An earlier version")


def test_an_empty_label_means_no_label() -> None:
    style = styles_from_config({"base": "globe", "correction": {"label": ""}})
    assert style.correction.label is None
    note = draft_note(Kind.correction, [SURNAME], style, DATE)
    assert note is not None
    assert note.label is None
    assert render_note(note, style).startswith("An earlier online version")


def test_a_template_left_empty_leaves_that_change_undescribed() -> None:
    style = styles_from_config({"base": "ap", "correction": {"deleted": ""}})
    from tests.support.notes import REMOVED

    note = draft_note(Kind.correction, [REMOVED], style, DATE)
    assert note is not None
    # Nothing is left to describe: the note says only that the story was corrected, and the
    # draft is flagged, never filled with a placeholder.
    assert note.text == "This story has been corrected."
    assert note.needs_editing
    assert "reason" in " ".join(note.problems)


def test_a_missing_reason_is_a_flag_never_a_placeholder_in_the_text() -> None:
    style = styles_from_config({"reason": "REASON NEEDED"})
    note = draft_note(Kind.retraction, [], style, DATE)
    assert note is not None
    assert note.text == "This article has been retracted."
    assert "REASON NEEDED" not in note.text
    assert note.needs_editing
    given = draft_note(Kind.retraction, [], style, DATE, reason="The study was withdrawn.")
    assert given is not None
    assert given.text == "This article has been retracted because the study was withdrawn."
    assert not given.needs_editing


def test_a_stored_note_holding_the_style_s_placeholder_is_flagged() -> None:
    from corrections.domain.notes import note_for

    style = styles_from_config({"reason": "REASON NEEDED"})
    assert note_for("retraction", "Retracted because REASON NEEDED.", DATE, style).needs_editing
    assert not note_for("retraction", "Retracted because it was wrong.", DATE, style).needs_editing


def test_builtin_styles_round_trip_through_config_data() -> None:
    for name, style in BUILTIN_STYLES.items():
        data = style.to_data()
        assert check(HouseStyle, data) == style, name


def test_get_style_rejects_unknown_names() -> None:
    with pytest.raises(BadInput, match="known: globe, nyt, ap, guardian, reuters"):
        get_style("times")


def test_styles_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        get_style("globe").noun = "story"  # type: ignore[misc]
