"""The fact stage: each sentence change becomes one typed fact a note can word.

A fact knows what kind of thing changed (a figure of money, a date, a person's name, a
quotation ...), the old and new value as a reader would say them ("$4.5 million", not
"$4.5"), and, when the sentence allows it, the thing it is about ("the council's vote") or
the speaker of a quotation. When the thing cannot be named, the fact carries the old and
new clause so the house can restate the sentence instead of naming a vague category.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from corrections.domain.notes.clean import plain
from corrections.domain.notes.fact import Change, Fact, FactKind, restated, with_
from corrections.domain.notes.model import SentenceChangeLike
from corrections.domain.notes.names import name_fact, title_fact
from corrections.domain.notes.persons import person_before, short_name
from corrections.domain.notes.phrases import edit_distance, field_part, to_clause
from corrections.domain.notes.quotations import quotation_fact
from corrections.domain.notes.things import about_number
from corrections.domain.notes.values import (
    Span,
    bare,
    is_name,
    is_quantity,
    number_kind,
    readable,
    widen,
)
from corrections.domain.wordlists import TITLE_NOUNS

# More separate changes than this in one sentence read as a rewrite: restate it.
MAX_FACTS_IN_SENTENCE = 3


def facts_from_changes(
    changes: Sequence[SentenceChangeLike],
    field_changes: Sequence[tuple[str, object, object]],
    context: str,
) -> list[Fact]:
    """One fact per change: front-matter fields (a headline, a byline) first, then the
    body's sentences in reading order. ``context`` is the article, for names and pronouns."""
    facts: list[Fact] = []
    for name, old, new in field_changes:
        part = field_part(name)
        if part is None or not isinstance(old, str) or not isinstance(new, str):
            continue  # only reader-facing text fields are named in a note
        old_text, new_text = plain(old), plain(new)
        if old_text != new_text:
            found = _replaced(old_text, new_text, 0, context, part)
            facts += [_part_fact(f, old_text, new_text) for f in found]
    for change in changes:
        facts += _fact(change, context)
    return facts


def _part_fact(fact: Fact, old_text: str, new_text: str) -> Fact:
    fact = with_(fact, old_text=old_text, new_text=new_text)
    if fact.part == "byline" and fact.change == "replaced":
        # A byline is a list of names: the thing is its author.
        old, new = fact.old or fact.old_clause, fact.new or fact.new_clause
        if fact.kind in ("person", "wording") and old and new:
            spelling = fact.spelling or edit_distance(old, new) <= 2
            thing = "the author's name" if spelling else "the author"
            return with_(
                fact,
                kind="person",
                thing=thing,
                spelling=spelling,
                problems=(),
                old=old,
                new=new,
                referent="",
            )
    return fact


def _fact(change: SentenceChangeLike, context: str) -> list[Fact]:
    paragraph = change.paragraph
    old_s, new_s = plain(change.old_sentence), plain(change.new_sentence)
    old_p, new_p = plain(change.old_phrase), plain(change.new_phrase)
    if change.kind == "inserted":
        return [Fact("wording", "inserted", paragraph, new=to_clause(new_s or new_p, context))]
    if change.kind == "deleted":
        clause = to_clause(old_s or old_p, context)
        long = ("the removed sentence is too long to tell whole: say what was wrong",)
        problems = long if clause.endswith("…") else ()
        return [Fact("wording", "deleted", paragraph, old=clause, problems=problems)]
    return _replaced(old_s, new_s, paragraph, context, "")


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _sub_changes(old_s: str, new_s: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Each run of changed words in a sentence, as character spans in the old and new one.

    "opened in 1978, serves 40,000" -> "opened in 1987, serves 14,000" is two changes, so a
    note tells two facts instead of pasting both clauses together."""
    old_w, new_w = _word_spans(old_s), _word_spans(new_s)
    matcher = SequenceMatcher(
        None, [old_s[a:b] for a, b in old_w], [new_s[a:b] for a, b in new_w], autojunk=False
    )
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_span = (
            (old_w[i1][0], old_w[i2 - 1][1])
            if i2 > i1
            else (_at(old_w, i1, old_s), _at(old_w, i1, old_s))
        )
        new_span = (
            (new_w[j1][0], new_w[j2 - 1][1])
            if j2 > j1
            else (_at(new_w, j1, new_s), _at(new_w, j1, new_s))
        )
        out.append((old_span, new_span))
    return out


def _at(words: list[tuple[int, int]], index: int, text: str) -> int:
    return words[index][0] if index < len(words) else len(text)


def _replaced(old_s: str, new_s: str, paragraph: int, context: str, part: str) -> list[Fact]:
    base = Fact("wording", "replaced", paragraph, part=part)
    subs = _sub_changes(old_s, new_s)
    if not subs:
        return []
    if len(subs) > MAX_FACTS_IN_SENTENCE:
        return [restated(base, old_s, new_s, "", "")]
    quoted = quotation_fact(old_s, new_s, subs, context)
    if quoted is not None:
        return [with_(quoted, paragraph=paragraph, part=part)]
    return [_one(base, old_s, new_s, o, n, context) for o, n in subs]


def _one(
    base: Fact, old_s: str, new_s: str, old: tuple[int, int], new: tuple[int, int], context: str
) -> Fact:
    old_p, new_p = old_s[old[0] : old[1]], new_s[new[0] : new[1]]
    if not old_p.strip() or not new_p.strip():
        change: Change = "added" if new_p.strip() else "removed"
        return restated(with_(base, change=change), old_s, new_s, old_p, new_p)
    old_v = widen(old_s, *old)
    new_v = widen(new_s, *new)
    if is_quantity(old_v.text) and is_quantity(new_v.text):
        return _number_fact(base, old_s, new_s, old_v, new_v, context)
    if is_name(old_v.text, old_v.start == 0) and is_name(new_v.text, new_v.start == 0):
        return name_fact(base, old_s, new_s, old_v, new_v, context)
    if {bare(w) for w in (old_p + " " + new_p).split()} & TITLE_NOUNS:
        return title_fact(base, old_s, new_s, old_v, new_v)
    return restated(base, old_s, new_s, old_p, new_p)


def _number_fact(
    base: Fact, old_s: str, new_s: str, old_v: Span, new_v: Span, context: str
) -> Fact:
    kind = number_kind(new_v.text, new_s, new_v.start)
    old_kind = number_kind(old_v.text, old_s, old_v.start)
    if kind != old_kind and "number" in (kind, old_kind):
        kind = old_kind if kind == "number" else kind
    old, new = readable(old_v.text), readable(new_v.text)
    old, new = _same_unit(old, new)
    fact = with_(base, kind=kind, old=old, new=new)
    if kind == "age":
        person = person_before(new_s, new_v.start, context)
        if person:
            pronoun = short_name(person, context)
            referent = pronoun if pronoun in ("He", "She") else ""
            return with_(fact, thing=f"{person}'s age", referent=referent, past=False)
    thing = about_number(kind, new_s, new_v.start, new_v.text, context)
    if not thing.name:
        return restated(fact, old_s, new_s, old_v.text, new_v.text, past=thing.past)
    counted = re.match(r"the number of (\w+)", thing.name)
    if counted:  # "the number of residents": the values need not repeat "residents"
        old, new = _without_last(old, counted.group(1)), _without_last(new, counted.group(1))
    return with_(fact, old=old, new=new, thing=thing.name, past=thing.past, owner=thing.owner)


def _without_last(value: str, word: str) -> str:
    words = value.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] == word else value


def _same_unit(old: str, new: str) -> tuple[str, str]:
    """Both sides of "X, not Y" carry the unit one of them names: "$4.5 million, not $4.2
    million" even when the diff changed only "$4.5"."""
    old_words, new_words = old.split(), new.split()
    if len(old_words) == 1 and len(new_words) > 1 and not new_words[-1][:1].isdigit():
        old = old + " " + " ".join(new_words[1:])
    elif len(new_words) == 1 and len(old_words) > 1 and not old_words[-1][:1].isdigit():
        new = new + " " + " ".join(old_words[1:])
    return old, new


__all__ = ["Change", "Fact", "FactKind", "facts_from_changes"]
