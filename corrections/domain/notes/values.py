"""A changed phrase widened to a value a reader understands, and the kind of that value.

The diff gives the smallest stretch of words that changed: "$4.2" when the article said
"$4.2 million", "12" when it said "12 percent", "Deputy" when it said "Deputy Mayor". A note
must show what the reader would say, so both sides are widened over the same words around
them (a scale, a unit, the rest of a date or a title) and then classified.
"""

from __future__ import annotations

import re

from corrections.domain.frozen import frozen
from corrections.domain.notes.phrases import COMMON_OPENERS
from corrections.domain.wordlists import (
    CURRENCY_WORDS,
    MONTHS,
    NOT_UNITS,
    NUMBER_WORDS,
    ORGANISATION_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    SCALES,
    TITLE_NOUNS,
    TITLE_QUALIFIERS,
    WEEKDAYS,
)

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_TIME = re.compile(r"\d{1,2}(:\d\d)?\s*(a\.m\.|p\.m\.|am|pm)|noon|midnight", re.IGNORECASE)
_EDGE = "“”\"«»„‹›‘’'()[]{},;:!?"


@frozen(slots=True)
class Span:
    """Where a value sits in its sentence, and its text."""

    start: int
    end: int
    text: str


def bare(word: str) -> str:
    return word.strip(_EDGE).rstrip(".").lower()


def _word_spans(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]


def _strip_edges(sentence: str, start: int, end: int) -> tuple[int, int]:
    while start < end and sentence[start] in _EDGE:
        start += 1
    while end > start and (sentence[end - 1] in _EDGE or sentence[end - 1] == "."):
        if sentence[end - 1] == "." and _keeps_stop(sentence[start:end]):
            break
        end -= 1
    return start, end


def _keeps_stop(text: str) -> bool:
    last = text.split()[-1] if text.split() else ""
    return bool(
        re.fullmatch(
            r"(?:[A-Za-z]\.){2,}|[ap]\.m\.|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.", last
        )
    )


def is_numeric(text: str) -> bool:
    words = {bare(w) for w in text.split()}
    return bool(_DIGIT.search(text)) or bool(words & NUMBER_WORDS)


def is_quantity(text: str) -> bool:
    """A number, or a date told in words ("September", "Tuesday")."""
    return is_numeric(text) or any(w.strip(_EDGE) in MONTHS | WEEKDAYS for w in text.split())


def widen(sentence: str, start: int, end: int) -> Span:
    """The phrase at ``sentence[start:end]`` grown over the words that make its value."""
    words = _word_spans(sentence)
    if start >= end:
        return Span(start, end, "")
    first = next((i for i, (s, e) in enumerate(words) if e > start), 0)
    last = max((i for i, (s, e) in enumerate(words) if s < end), default=first)
    phrase = sentence[words[first][0] : words[last][1]]

    def word(i: int) -> str:
        return sentence[words[i][0] : words[i][1]] if 0 <= i < len(words) else ""

    def closes(i: int) -> bool:  # the word ends with punctuation that ends the value
        return word(i)[-1:] in ',;:!?)”"' or (word(i).endswith(".") and not _keeps_stop(word(i)))

    if is_quantity(phrase):
        # Left: a month before a day ("September 14"), "$" kept with the number already.
        while (
            first > 0
            and word(first - 1).strip(_EDGE) in MONTHS | WEEKDAYS
            and not closes(first - 1)
        ):
            first -= 1
        # Right: scale, percent, unit, the rest of a date.
        while last + 1 < len(words) and not closes(last):
            nxt = word(last + 1)
            key = bare(nxt)
            current = sentence[words[first][0] : words[last][1]]
            if key in SCALES or key in {"percent", "%"} or key in CURRENCY_WORDS:
                last += 1
            elif key == "per" and bare(word(last + 2)) == "cent":
                last += 2
            elif (
                (key in {"a.m", "p.m", "am", "pm"} and is_numeric(current))
                or (
                    _YEAR.fullmatch(key)
                    and (
                        current.strip(_EDGE) in MONTHS or current.rstrip(",").split()[-1].isdigit()
                    )
                    and (current.split()[0].strip(_EDGE) in MONTHS | WEEKDAYS)
                )
                or (key.isdigit() and current.strip(_EDGE) in MONTHS)
            ):
                last += 1
            elif (
                is_numeric(current)
                and not re.search(r"[$€£¥]", current)
                and key.isalpha()
                and nxt[:1].islower()
                and key not in NOT_UNITS
                and not key.endswith("ly")
                and (
                    last == max(i for i, (s, e) in enumerate(words) if s < end)
                    or bare(word(last)) in SCALES
                )
            ):
                last += 1  # a unit or a counted noun: "18 months", "40,000 residents"
                break
            else:
                break
    elif _capitalised(phrase):
        # "Deputy" in "Deputy Mayor Tom Green": take in the rest of the title.
        while last + 1 < len(words) and not closes(last):
            key = bare(word(last + 1))
            if word(last + 1)[:1].isupper() and (key in TITLE_NOUNS or key in TITLE_QUALIFIERS):
                last += 1
            else:
                break
    s, e = _strip_edges(sentence, words[first][0], words[last][1])
    return Span(s, e, sentence[s:e])


def _capitalised(text: str) -> bool:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(words) and all(w.strip(_EDGE)[:1].isupper() for w in words)


def readable(value: str) -> str:
    """ "$4.5-million" -> "$4.5 million"; "12 per cent" kept as the house wrote it."""
    value = re.sub(r"(\d)-(thousand|million|billion|trillion)\b", r"\1 \2", value)
    return value.strip()


def number_kind(value: str, sentence: str, start: int) -> str:
    """money, percentage, time, date, age or number, for a numeric value."""
    low = value.lower()
    if "%" in value or "percent" in low or "per cent" in low:
        return "percentage"
    if re.search(r"[$€£¥]", value) or any(w in CURRENCY_WORDS for w in low.split()):
        return "money"
    if _TIME.search(value):
        return "time"
    words = value.replace(",", " ").split()
    if any(w.strip(_EDGE) in MONTHS | WEEKDAYS for w in words) or (
        len(words) == 1 and _YEAR.fullmatch(words[0].strip(_EDGE))
    ):
        return "date"
    before = sentence[:start].rstrip()
    after = sentence[start + len(value) :]
    if re.fullmatch(r"\d{1,3}", value) and (
        (before.endswith(",") and after.startswith(","))
        or re.search(r"\baged?$", before)
        or after.startswith("-year-old")
    ):
        return "age"
    return "number"


def name_kind(value: str, sentence: str, start: int) -> str:
    """title, organisation, place or person, for a capitalised value."""
    keys = {bare(w) for w in value.split()}
    if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,}", value.strip(_EDGE)):
        return "organisation" if len(value.strip(_EDGE)) > 4 else "place"  # NATO, U.S.
    if keys & TITLE_NOUNS or (
        keys & TITLE_QUALIFIERS and len(keys) <= 3 and _title_follows(sentence, start + len(value))
    ):
        return "title"
    if keys & ORGANISATION_WORDS:
        return "organisation"
    previous = sentence[:start].split()[-1:] or [""]
    if keys & PLACE_WORDS or bare(previous[0]) in PLACE_PREPOSITIONS:
        return "place"
    return "person"


def _title_follows(sentence: str, end: int) -> bool:
    following = sentence[end:].split()[:1]
    return bool(following) and bare(following[0]) in TITLE_NOUNS


def is_name(value: str, at_start: bool) -> bool:
    words = [w for w in value.split() if any(c.isalpha() for c in w)]
    if not _capitalised(value):
        return False
    return not (at_start and len(words) == 1 and bare(words[0]) in COMMON_OPENERS)
