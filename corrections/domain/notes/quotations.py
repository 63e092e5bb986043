"""Facts about quotations: who said it, what they said, and the words that were wrong.

The note quotes the corrected clause of the quotation as the reader should now read it and,
of the wrong version, only the changed words ("not “the room”"): the quotation is not
repeated twice.
"""

from __future__ import annotations

import re

from corrections.domain.notes.fact import Fact, restated, tidy, with_
from corrections.domain.notes.persons import short_name, speaker
from corrections.domain.notes.phrases import quotation_span
from corrections.domain.notes.values import bare, is_numeric, widen
from corrections.domain.wordlists import NOT_UNITS

QUOTE_WINDOW = 3  # words of a long quotation shown before the changed ones
MAX_QUOTED_WORDS = 12


def quotation_fact(
    old_s: str,
    new_s: str,
    subs: list[tuple[tuple[int, int], tuple[int, int]]],
    context: str,
) -> Fact | None:
    (old_at, _), (new_at, _) = subs[0]
    old_end = _before_closers(old_s, old_at, subs[-1][0][1])
    new_end = _before_closers(new_s, new_at, subs[-1][1][1])
    old_q = _quotation(old_s, old_at, max(old_at, old_end))
    new_q = _quotation(new_s, new_at, max(new_at, new_end))
    if old_q is None or new_q is None:
        return None
    new_text = _quoted_clause(new_s, new_q, new_at)
    old_text = _quoted_change(old_s, old_q, old_at, old_end)
    who = speaker(new_s, new_q[0], new_q[1])
    referent = short_name(who, context) if who else ""
    fact = Fact(
        "quotation", "replaced", old=old_text, new=new_text, thing=who, referent=referent, past=True
    )
    if not who:
        fact = with_(fact, problems=("the quotation's speaker is not named in its sentence",))
        return restated(fact, old_s, new_s, "", "")
    return fact


def _before_closers(sentence: str, start: int, end: int) -> int:
    """A changed run that ends on a closing quotation mark ("pas,”") is inside the quotation."""
    while end > start and sentence[end - 1] in '”"»’,.;:!?':
        end -= 1
    return end


def _quotation(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    return quotation_span(sentence, start, end)


def _quoted_clause(sentence: str, span: tuple[int, int], at: int) -> str:
    """The part of a quotation, between its commas, that holds the change: the quotation
    as the reader should now read it, no longer than a clause."""
    inner_start, inner = span[0] + 1, sentence[span[0] + 1 : span[1] - 1]
    pieces = list(re.finditer(r"[^,;]+", inner))
    for piece in pieces:
        if inner_start + piece.start() <= at < inner_start + piece.end() + 1:
            text = piece.group()
            break
    else:
        text = inner
    words = text.split()
    if len(words) > MAX_QUOTED_WORDS:
        lead = sentence[inner_start:at].split()[-QUOTE_WINDOW:]
        words = [*lead, *sentence[at:].split()[: MAX_QUOTED_WORDS - len(lead)]]
        text = " ".join(words)
    return tidy(text)


def _quoted_change(sentence: str, span: tuple[int, int], start: int, end: int) -> str:
    """The wrong words of a quotation with the word before them ("the room"), or the whole
    value when they are a number ("four years")."""
    inner_start, inner_end = span[0] + 1, span[1] - 1
    changed = sentence[start:end]
    if is_numeric(changed):
        return tidy(widen(sentence, start, end).text)
    lead = sentence[inner_start:start].split()[-1:]
    trail = sentence[end:inner_end].split()[:1]
    if trail and changed.split() and bare(changed.split()[-1]) in NOT_UNITS:
        # A changed preposition reads with the word it governs: "before work".
        return tidy(" ".join([*changed.split(), trail[0]]))
    words = [*lead, *changed.split()]
    describes = re.search(r"(ing|ed|al|ful|ous|ive)$", changed.split()[-1]) if changed else None
    if describes and trail and trail[0][:1].islower() and bare(trail[0]) not in NOT_UNITS:
        words.append(trail[0])
    return tidy(" ".join(words))
