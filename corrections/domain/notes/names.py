"""Facts about names: a person, a place, an organisation, or a title.

A changed name is shown whole ("Ellen Johnson", "Victoria Park"), a title with the words that
make it ("deputy finance minister"), and each is tied to whom or what it names when the
sentence says so: the planner whose name was misspelled, the person whose title was wrong.
"""

from __future__ import annotations

import re

from corrections.domain.notes.fact import Fact, restated, with_
from corrections.domain.notes.persons import (
    person_after,
    person_before,
    person_with_role,
    role_after,
    role_before,
)
from corrections.domain.notes.phrases import edit_distance
from corrections.domain.notes.things import place_owner
from corrections.domain.notes.values import Span, bare, name_kind
from corrections.domain.wordlists import HONORIFICS, TITLE_NOUNS, TITLE_QUALIFIERS


def name_fact(base: Fact, old_s: str, new_s: str, old_v: Span, new_v: Span, context: str) -> Fact:
    old_w, new_w = whole_name(old_s, old_v), whole_name(new_s, new_v)
    kind = name_kind(new_w.text, new_s, new_w.start)
    if kind == "title":
        return title_fact(base, old_s, new_s, old_v, new_v)
    old, new = old_w.text, new_w.text
    fact = with_(base, kind=kind, old=old, new=new)
    if kind == "place":
        owner = place_owner(new_s, new_w.start, context)
        if owner:
            return with_(fact, thing=f"the location of {owner}", owner=owner)
    if kind == "person":
        slip = edit_distance(old_v.text.lower(), new_v.text.lower())
        spelling = slip <= 2 and slip <= max(len(old_v.text), len(new_v.text)) // 2
        role = role_after(new_s, new_w.end) or role_before(new_s, new_w.start)
        if spelling:
            thing = f"the name of {role}" if role else f"{new}'s name"
            return with_(fact, spelling=True, thing=thing)
        if role:
            return with_(fact, thing=role, referent=role)
    return restated(fact, old_s, new_s, old, new)


def title_fact(base: Fact, old_s: str, new_s: str, old_v: Span, new_v: Span) -> Fact:
    old_t, new_t = whole_title(old_s, old_v), whole_title(new_s, new_v)
    fact = with_(base, kind="title", old=old_t.text, new=new_t.text)
    person = (
        person_after(new_s, new_t.end)
        or person_before(new_s, new_t.start)
        or person_with_role(new_s, new_t.start)
    )
    if person:
        return with_(fact, thing=f"{person}'s title")
    return restated(fact, old_s, new_s, old_t.text, new_t.text)


def whole_title(sentence: str, value: Span) -> Span:
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


def whole_name(sentence: str, value: Span) -> Span:
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
