"""A fact: one change typed and widened, and the sentence form for one without a name.

Built by ``facts.py`` (with ``names.py`` and ``quotations.py``); worded by the house styles.
"""

from __future__ import annotations

import re
from dataclasses import field, replace
from typing import Any, Literal

from corrections.domain.frozen import frozen
from corrections.domain.notes.persons import NAME
from corrections.domain.notes.phrases import to_clause
from corrections.domain.notes.things import lower_first

FactKind = Literal[
    "number", "money", "percentage", "date", "time", "age", "person", "place",
    "organisation", "title", "quotation", "wording",
]  # fmt: skip
Change = Literal["replaced", "inserted", "deleted", "added", "removed"]
# Past this many words a restated clause no longer reads as a short "said that ...".
# Words that start a comma-separated part which cannot stand as a clause of its own.
_CONTINUATIONS = frozenset(
    ["up", "down", "from", "to", "with", "including", "excluding", "compared"]
)
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+)(?:[\w'’.-]+\s+){0,4}?(?:said|says)\s+(?:that\s+)?"
)
# A restated clause starting with one of these leans on a sentence the reader has not seen.
_UNCLEAR_STARTS = frozenset(
    [
        "it",
        "its",
        "he",
        "his",
        "she",
        "her",
        "they",
        "their",
        "this",
        "these",
        "those",
        "which",
        "who",
        "and",
        "but",
    ]
)
_MODALS = frozenset(["will", "would", "can", "could", "may", "might", "should", "must"])
MAX_RESTATED_WORDS = 16


@frozen
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


def with_(fact: Fact, **changes: Any) -> Fact:
    """A copy of a fact with some fields changed (facts are frozen)."""
    return replace(fact, **changes)


def tidy(text: str) -> str:
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
    index = parts.index(chosen)
    text = chosen.group().strip()
    if index and text.split()[0] in _CONTINUATIONS:
        # ", up 15 percent from 2024" says nothing on its own: keep the part before it.
        text = parts[index - 1].group().strip() + ", " + text
        chosen = parts[index - 1]
    if " and " in text and len(text.split()) > MAX_RESTATED_WORDS and at >= 0:
        pieces = text.split(" and ")
        offset = chosen.start() + (len(chosen.group()) - len(chosen.group().lstrip()))
        for piece in pieces:
            if offset <= at < offset + len(piece) + 5:
                text = piece.strip()
                break
            offset += len(piece) + 5
    attribution = _ATTRIBUTION.match(text)
    if attribution and len(text) > attribution.end():
        # "Ms. Moreno said the clinic saw ...": what was said is the clause.
        text = text[attribution.end() :]
        chosen = None
    first = text.split()[0] if text.split() else ""
    unbalanced = text.count("“") != text.count("”") or text.count('"') % 2 == 1
    if unbalanced or (first.endswith("ing") and first[:1].islower()):
        # A piece of a quotation, or a participle ("giving her 58 percent"): only the whole
        # sentence reads on its own.
        return to_clause(sentence, context)
    if first in ("who", "which") and chosen is not None:
        # ", who took 31 percent": the name before the comma is who.
        named = re.search(rf"({NAME})\s*$", sentence[: chosen.start()].rstrip(" ,"))
        if named:
            return " ".join([named.group(1), *text.split()[1:]]).rstrip(".")
    if first[:1].islower() and chosen is not None and not sentence.startswith(text):
        text = _subject_of(sentence, text) + text
    words = text.split()
    if words:
        words[0] = lower_first(words[0], context)
    return " ".join(words).rstrip(".")


def _subject_of(sentence: str, part: str) -> str:
    """ "The change will cost ... and add six nurses": "the change will " for "add ..."."""
    words = sentence.split(",")[0].split()
    subject: list[str] = []
    for word in words:
        if word[:1].islower() and word.lower() not in ("of", "the", "a", "an", "on", "in"):
            if word.lower() in _MODALS:
                subject.append(word)
            break
        subject.append(word)
    if not subject or len(subject) > 5 or subject == words[: len(part.split())]:
        return ""
    return " ".join(subject) + " "


def restated(
    fact: Fact, old_s: str, new_s: str, old_p: str, new_p: str, past: bool = False
) -> Fact:
    """A fact whose thing has no name: the clause it sits in, before and after."""
    old_c = _clause(old_s, old_p, old_s) if old_p.strip() else to_clause(old_s, old_s)
    new_c = _clause(new_s, new_p, new_s) if new_p.strip() else to_clause(new_s, new_s)
    if old_c == new_c:
        old_c, new_c = to_clause(old_s, old_s), to_clause(new_s, new_s)
    problems = list(fact.problems)
    first = (old_c.split() or [""])[0].lower()
    if first in _UNCLEAR_STARTS:
        problems.append(f"the restated clause starts with “{first}”: say what it refers to")
    if max(len(old_c.split()), len(new_c.split())) > MAX_RESTATED_WORDS * 2:
        problems.append("the restated sentence is long: shorten it")
    return with_(fact, old_clause=old_c, new_clause=new_c, past=past, problems=tuple(problems))
