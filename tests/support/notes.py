"""For the notes tests: a tiny stand-in for the diff's sentence changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from corrections.domain.style_names import STYLE_NAMES as STYLE_NAMES

DATE = dt.date(2021, 12, 6)


@dataclass(frozen=True)
class Change:
    """Implements ``SentenceChangeLike`` structurally."""

    kind: str
    paragraph: int
    old_sentence: str = ""
    new_sentence: str = ""
    old_phrase: str = ""
    new_phrase: str = ""


def inserted(sentence: str, paragraph: int = 1) -> Change:
    return Change("inserted", paragraph, "", sentence, "", sentence)


def deleted(sentence: str, paragraph: int = 1) -> Change:
    return Change("deleted", paragraph, sentence, "", sentence, "")


def replaced(old: str, new: str, old_phrase: str, new_phrase: str, paragraph: int = 1) -> Change:
    # A test change must be self-consistent, as the diff's are.
    assert old_phrase in old
    assert new_phrase in new
    return Change("replaced", paragraph, old, new, old_phrase, new_phrase)


# Realistic changes, written for these tests.
GAS = replaced(
    "The overnight price of a litre of gas in Toronto rose to $2.40 on Tuesday.",
    "The overnight price of a litre of gas in Toronto rose to $1.40 on Tuesday.",
    "$2.40",
    "$1.40",
    paragraph=3,
)
SURNAME = replaced(
    "The bylaw was drafted by Ellen Jonson, the city's chief planner.",
    "The bylaw was drafted by Ellen Johnson, the city's chief planner.",
    "Jonson,",
    "Johnson,",
    paragraph=5,
)
TITLE = replaced(
    "Priya Raman, the deputy minister of transport, defended the schedule.",
    "Priya Raman, the associate minister of transport, defended the schedule.",
    "deputy",
    "associate",
    paragraph=4,
)
MISQUOTE = replaced(
    "“We will cut transit fares this spring,” the mayor told council.",
    "“We will freeze transit fares this spring,” the mayor told council.",
    "cut",
    "freeze",
    paragraph=6,
)
REMOVED = deleted(
    "The contractor was fined twice in 2019 for safety violations at its Hamilton yard.",
    paragraph=7,
)
NEW_PARAGRAPH = inserted(
    "The Premier's office said on Wednesday that negotiations would resume next week.",
    paragraph=12,
)
HEADLINE = ("headline", "Gas hits $2.40 a litre in Toronto", "Gas hits $1.40 a litre in Toronto")
