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
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from corrections.domain.notes.clean import plain
from corrections.domain.notes.model import SentenceChangeLike
from corrections.domain.notes.phrases import (
    QUOTES,
    edit_distance,
    field_part,
    quotation_span,
    to_clause,
)
from corrections.domain.notes.things import (
    about_number,
    lower_first,
    person_after,
    person_before,
    person_with_role,
    place_owner,
    role_after,
    role_before,
    short_name,
    speaker,
)
from corrections.domain.notes.values import (
    NOT_UNITS,
    Span,
    bare,
    is_name,
    is_numeric,
    is_quantity,
    name_kind,
    number_kind,
    readable,
    widen,
)
from corrections.domain.wordlists import HONORIFICS, TITLE_NOUNS, TITLE_QUALIFIERS

FactKind = Literal[
    "number", "money", "percentage", "date", "time", "age", "person", "place",
    "organisation", "title", "quotation", "wording",
]  # fmt: skip
Change = Literal["replaced", "inserted", "deleted", "added", "removed"]
# Past this many words a restated clause no longer reads as a short "said that ...".
MAX_RESTATED_WORDS = 16
QUOTE_WINDOW = 3  # words of a long quotation shown before the changed ones
MAX_QUOTED_WORDS = 12
_PRONOUNS = frozenset(
    ["it", "they", "them", "he", "she", "him", "her", "we", "us", "you", "i"]
)  # a quotation's clause longer than this is cut around the change
# More separate changes than this in one sentence read as a rewrite: restate it.
MAX_FACTS_IN_SENTENCE = 3


@dataclass(frozen=True)
class Fact:
    """One change, typed and widened, ready for a house style to word."""

    kind: FactKind
    change: Change
    paragraph: int = 0
    old: str = ""  # the wrong value as a reader says it ("$4.2 million")
    new: str = ""
    thing: str = ""  # "the council's vote", the speaker of a quotation; "" when unknown
    referent: str = ""  # how the fix sentence refers back: "It", "She", "Mayor Marsh"
    past: bool = False
    spelling: bool = False  # a small slip in a name rather than a different name
    old_clause: str = ""  # the sentence restated, for when the thing has no name
    new_clause: str = ""
    owner: str = ""  # the noun the thing belongs to, so a later fact can say "it"
    part: str = ""  # "headline", "byline", ... for front-matter text; "" for the body
    old_text: str = ""  # the whole front-matter text, for a part whose fact has no name
    new_text: str = ""
    problems: tuple[str, ...] = field(default=())  # why an editor must look at it

    @property
    def named(self) -> bool:
        return bool(self.thing)


def facts_from_changes(
    changes: Sequence[SentenceChangeLike],
    field_changes: Sequence[tuple[str, object, object]],
    context: str,
) -> list[Fact]:
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
    fact = _with(fact, old_text=old_text, new_text=new_text)
    if fact.part == "byline" and fact.change == "replaced":
        # A byline is a list of names: the thing is its author.
        old, new = fact.old or fact.old_clause, fact.new or fact.new_clause
        if fact.kind in ("person", "wording") and old and new:
            spelling = fact.spelling or edit_distance(old, new) <= 2
            thing = "the author's name" if spelling else "the author"
            return _with(
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
        return [_restated(base, old_s, new_s, "", "")]
    quoted = _quotation_fact(old_s, new_s, subs, context)
    if quoted is not None:
        return [_with(quoted, paragraph=paragraph, part=part)]
    return [_one(base, old_s, new_s, o, n, context) for o, n in subs]


def _one(
    base: Fact, old_s: str, new_s: str, old: tuple[int, int], new: tuple[int, int], context: str
) -> Fact:
    old_p, new_p = old_s[old[0] : old[1]], new_s[new[0] : new[1]]
    if not old_p.strip() or not new_p.strip():
        change: Change = "added" if new_p.strip() else "removed"
        return _restated(_with(base, change=change), old_s, new_s, old_p, new_p)
    old_v = widen(old_s, *old)
    new_v = widen(new_s, *new)
    if is_quantity(old_v.text) and is_quantity(new_v.text):
        return _number_fact(base, old_s, new_s, old_v, new_v, context)
    if is_name(old_v.text, old_v.start == 0) and is_name(new_v.text, new_v.start == 0):
        return _name_fact(base, old_s, new_s, old_v, new_v, context)
    if {bare(w) for w in (old_p + " " + new_p).split()} & TITLE_NOUNS:
        return _title_fact(base, old_s, new_s, old_v, new_v)
    return _restated(base, old_s, new_s, old_p, new_p)


def _with(fact: Fact, **changes: object) -> Fact:
    from dataclasses import replace

    return replace(fact, **changes)  # type: ignore[arg-type]


def _number_fact(
    base: Fact, old_s: str, new_s: str, old_v: Span, new_v: Span, context: str
) -> Fact:
    kind = number_kind(new_v.text, new_s, new_v.start)
    old_kind = number_kind(old_v.text, old_s, old_v.start)
    if kind != old_kind and "number" in (kind, old_kind):
        kind = old_kind if kind == "number" else kind
    old, new = readable(old_v.text), readable(new_v.text)
    old, new = _same_unit(old, new)
    fact = _with(base, kind=kind, old=old, new=new)
    if kind == "age":
        person = person_before(new_s, new_v.start)
        if person:
            pronoun = short_name(person, context)
            referent = pronoun if pronoun in ("He", "She") else ""
            return _with(fact, thing=f"{person}'s age", referent=referent, past=False)
    thing = about_number(kind, new_s, new_v.start, new_v.text, context)
    if not thing.name:
        return _restated(fact, old_s, new_s, old_v.text, new_v.text, past=thing.past)
    counted = re.match(r"the number of (\w+)", thing.name)
    if counted:  # "the number of residents": the values need not repeat "residents"
        old, new = _without_last(old, counted.group(1)), _without_last(new, counted.group(1))
    return _with(fact, old=old, new=new, thing=thing.name, past=thing.past, owner=thing.owner)


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


def _name_fact(base: Fact, old_s: str, new_s: str, old_v: Span, new_v: Span, context: str) -> Fact:
    old_w, new_w = _whole_name(old_s, old_v), _whole_name(new_s, new_v)
    kind = name_kind(new_w.text, new_s, new_w.start)
    if kind == "title":
        return _title_fact(base, old_s, new_s, old_v, new_v)
    old, new = old_w.text, new_w.text
    fact = _with(base, kind=kind, old=old, new=new)
    if kind == "place":
        owner = place_owner(new_s, new_w.start, context)
        if owner:
            return _with(fact, thing=f"the location of {owner}", owner=owner)
    if kind == "person":
        slip = edit_distance(old_v.text.lower(), new_v.text.lower())
        spelling = slip <= 2 and slip <= max(len(old_v.text), len(new_v.text)) // 2
        role = role_after(new_s, new_w.end) or role_before(new_s, new_w.start)
        if spelling:
            thing = f"the name of {role}" if role else f"{new}'s name"
            return _with(fact, spelling=True, thing=thing)
        if role:
            return _with(fact, thing=role, referent=role)
    return _restated(fact, old_s, new_s, old, new)


def _title_fact(base: Fact, old_s: str, new_s: str, old_v: Span, new_v: Span) -> Fact:
    old_t, new_t = _whole_title(old_s, old_v), _whole_title(new_s, new_v)
    fact = _with(base, kind="title", old=old_t.text, new=new_t.text)
    person = (
        person_after(new_s, new_t.end)
        or person_before(new_s, new_t.start)
        or person_with_role(new_s, new_t.start)
    )
    if person:
        return _with(fact, thing=f"{person}'s title")
    return _restated(fact, old_s, new_s, old_t.text, new_t.text)


def _whole_title(sentence: str, value: Span) -> Span:
    """ "executive" in "the authority's chief executive" -> "chief executive"."""
    start = value.start
    while True:
        before = sentence[:start].rstrip()
        word = before.split()[-1] if before.split() else ""
        if word and bare(word) in TITLE_QUALIFIERS and word[-1:].isalpha():
            start = len(before) - len(word)
        else:
            break
    end = value.end
    titles = TITLE_NOUNS | TITLE_QUALIFIERS
    while True:
        # One more title word, or a word and a title noun: "deputy [finance] minister".
        match = re.match(r"\s+([\w-]+)(?:\s+([\w-]+))?", sentence[end:])
        if match and bare(match.group(1)) in titles:
            end += match.end(1)
        elif match and match.group(2) and bare(match.group(2)) in TITLE_NOUNS:
            end += match.end(2)
        else:
            break
    return Span(start, end, sentence[start:end])


def _whole_name(sentence: str, value: Span) -> Span:
    """A surname alone is shown with the capitalised words around it: "Ellen Johnson",
    "Victoria Park"; titles and honorifics before it stay out."""
    start, end = value.start, value.end
    before = sentence[:start].split()
    while before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
        key = bare(before[-1])
        if key in TITLE_NOUNS | TITLE_QUALIFIERS | HONORIFICS | {"the", "a", "an"}:
            break
        if len(before) == 1 and bare(before[0]) in {"the", "a", "an", "in", "at"}:
            break
        start = sentence.rfind(before.pop(), 0, start)
    if not value.text.endswith((",", ".", ";", ":")):
        match = re.match(r"\s+([A-Z][\w'’-]*)", sentence[end:])
        if match and match.group(1)[-1:].isalpha():
            end += match.end()
    return Span(start, end, sentence[start:end])


def _quotation_fact(
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
        fact = _with(fact, problems=("the quotation's speaker is not named in its sentence",))
        return _restated(fact, old_s, new_s, "", "")
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
    return _tidy(text)


def _quoted_change(sentence: str, span: tuple[int, int], start: int, end: int) -> str:
    """The wrong words of a quotation with the word before them ("the room"), or the whole
    value when they are a number ("four years")."""
    inner_start, inner_end = span[0] + 1, span[1] - 1
    changed = sentence[start:end]
    if is_numeric(changed):
        return _tidy(widen(sentence, start, end).text)
    lead = sentence[inner_start:start].split()[-1:]
    trail = sentence[end:inner_end].split()[:1]
    words = [*lead, *changed.split()]
    describes = re.search(r"(ing|ed|al|ful|ous|ive)$", changed.split()[-1]) if changed else None
    if describes and trail and trail[0][:1].islower() and bare(trail[0]) not in NOT_UNITS:
        words.append(trail[0])
    return _tidy(" ".join(words))


def _tidy(text: str) -> str:
    text = text.strip()
    while text and text[-1] in ",;:.":
        text = text[:-1].rstrip()
    return text


def _clause(sentence: str, phrase: str, context: str) -> str:
    """The part of a sentence between commas that holds ``phrase``, as a clause a reader
    can follow: a part that starts with its verb gets the sentence's subject back."""
    at = sentence.find(phrase) if phrase else -1
    parts = list(re.finditer(r"(?:[^,;–—]|,(?=\d{3}))+", sentence))
    chosen = next((m for m in parts if m.start() <= at < m.end()), parts[0] if parts else None)
    if chosen is None:
        return sentence
    text = chosen.group().strip()
    if " and " in text and len(text.split()) > MAX_RESTATED_WORDS and at >= 0:
        pieces = text.split(" and ")
        offset = chosen.start() + (len(chosen.group()) - len(chosen.group().lstrip()))
        for piece in pieces:
            if offset <= at < offset + len(piece) + 5:
                text = piece.strip()
                break
            offset += len(piece) + 5
    first = text.split()[0] if text.split() else ""
    if first[:1].islower() and chosen.start() > 0:
        subject = sentence.split(",")[0].split()
        if subject and len(subject) <= 4:
            text = " ".join(subject) + " " + text
    words = text.split()
    if words:
        words[0] = lower_first(words[0], context)
    return " ".join(words).rstrip(".")


def _restated(
    fact: Fact, old_s: str, new_s: str, old_p: str, new_p: str, past: bool = False
) -> Fact:
    """A fact whose thing has no name: the clause it sits in, before and after."""
    old_c = _clause(old_s, old_p, old_s) if old_p.strip() else to_clause(old_s, old_s)
    new_c = _clause(new_s, new_p, new_s) if new_p.strip() else to_clause(new_s, new_s)
    if old_c == new_c:
        old_c, new_c = to_clause(old_s, old_s), to_clause(new_s, new_s)
    problems = list(fact.problems)
    first = (old_c.split() or [""])[0].lower()
    if first in {"it", "he", "she", "they", "this", "which", "who", "and", "but"}:
        problems.append(f"the restated clause starts with “{first}”: say what it refers to")
    if max(len(old_c.split()), len(new_c.split())) > MAX_RESTATED_WORDS * 2:
        problems.append("the restated sentence is long: shorten it")
    return _with(fact, old_clause=old_c, new_clause=new_c, past=past, problems=tuple(problems))


__all__ = ["QUOTES", "Fact", "FactKind", "facts_from_changes"]
