"""The built-in house styles by name: what `init --style` accepts, without loading the models.

This is the one list of them. ``StyleName`` is the type checkers' copy of it, the names and
the houses' display names derive from ``HOUSES``, and the styles' wording
(``corrections.domain.notes.builtin``) is looked up by these names; a test checks that every
name has its wording and the wording names its house.
"""

from __future__ import annotations

from typing import Literal, get_args

StyleName = Literal["globe", "nyt", "ap", "guardian", "reuters"]

# Each style's name and the house it follows, in the order help and menus list them.
HOUSES: dict[StyleName, str] = {
    "globe": "The Globe and Mail",
    "nyt": "The New York Times",
    "ap": "The Associated Press",
    "guardian": "The Guardian",
    "reuters": "Reuters",
}
STYLE_NAMES: tuple[StyleName, ...] = tuple(HOUSES)
HOUSE_NAMES: dict[str, str] = {name: house for name, house in HOUSES.items()}

assert get_args(StyleName) == STYLE_NAMES, "StyleName and HOUSES list the same styles"
