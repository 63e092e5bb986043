"""Heuristics that turn a changed phrase into words a note can use.

All of it works on plain text (controls already removed) and never alters the letters
inside a quoted phrase: it only chooses where a quotation starts and ends, trims the
punctuation at its edges, and decides whether the first letter of a clause is lowered.
"""

from __future__ import annotations

import re

from corrections.domain.notes.clean import plain
from corrections.domain.wordlists import ABBREVIATIONS


def _words(text: str) -> list[str]:
    # Word lists are kept as prose blocks: easier to read and extend than list literals.
    return text.split()


# Words that often open a sentence and are not names: only these lose their capital when
# a sentence becomes a clause. Anything else (Argentina, NATO, U.S., I) keeps it.
COMMON_OPENERS = frozenset(
    _words(
        """a an the this that these those it its it's he she they we you his her their our
    my your there here in on at by for from with without after before during since until
    following according as while when where whereas although though but and or so yet
    however also both all some many most more several few no not none one two three
    other another each every such if because despite last next earlier later now then
    today yesterday tomorrow meanwhile still only even instead officials police critics
    experts analysts residents people researchers authorities about among over under
    into through against between what which who whom whose why how"""
    )
)
# Opening quote -> closing quote. Single quotes are left out: "’" is also an apostrophe.
QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“", "‹": "›"}
MAX_CLAUSE_WORDS = 60


def _bare(word: str) -> str:
    return word.strip("“”\"«»„‹›‘’'()[]{},;:!?").lower()


def ends_in_abbreviation(text: str) -> bool:
    """True when a final "." belongs to the last word ("U.S.", "Inc.") and must stay."""
    words = text.split()
    if not words or not words[-1].endswith("."):
        return False
    last = words[-1].rstrip(".")
    return "." in last or _bare(last) in ABBREVIATIONS


def shorten(text: str, limit: int) -> str:
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + "…"


def _strip_enclosing(text: str) -> str:
    """ "(Argentina withdrew its candidacy in December.)" -> the sentence inside."""
    while True:
        before = text
        text = text.strip()
        if text.endswith(".") and not ends_in_abbreviation(text):
            text = text[:-1].rstrip()
        for open_, close in (("(", ")"), ("[", "]")):
            inner = text[1:-1]
            if (
                text.startswith(open_)
                and text.endswith(close)
                and open_ not in inner
                and close not in inner
            ):
                text = inner
        if text == before:
            return text


def to_clause(sentence: str, context: str) -> str:
    """An inserted sentence as the clause after "clarify that": no enclosing brackets,
    no final period, first letter lowered only when it is plainly not a name."""
    clause = _strip_enclosing(plain(sentence))
    clause = shorten(clause, MAX_CLAUSE_WORDS)
    return _lower_first(clause, context)


def _lower_first(clause: str, context: str) -> str:
    words = clause.split(" ", 2)
    first = words[0] if words else ""
    if not first or not first[0].isupper():
        return clause
    bare = first.rstrip(",;:")
    # "I", acronyms (NATO, U.S.), and capitals inside a word (McDonald, iPhone) stay.
    if bare == "I" or bare.startswith(("I'", "I’")):
        return clause
    if any(c.isupper() for c in bare[1:]) or "." in bare:
        return clause
    # An unknown capitalised word is taken for a name unless the article itself uses it
    # in lower case ("talks") and never capitalises it mid-sentence.
    lower_elsewhere = re.search(rf"(?<![\w'’-]){re.escape(bare.lower())}(?![\w'’-])", context)
    # A plural, an adverb or an abstract noun ("Parents", "Monthly", "Enrolment") that no
    # sentence capitalises mid-way is an ordinary word at the start of its sentence.
    ordinary = re.search(r"(?<!s)s$|ren$|ly$|ment$|tion$", bare.lower()) is not None
    if bare.lower() not in COMMON_OPENERS and (
        _mid_sentence(bare, context) or not (lower_elsewhere or ordinary)
    ):
        return clause
    # "The Globe and Mail ...": a capitalised word pair seen mid-sentence elsewhere is a name.
    if len(words) > 1 and words[1][:1].isupper() and _mid_sentence(f"{bare} {words[1]}", context):
        return clause
    return first[0].lower() + clause[1:]


def _mid_sentence(phrase: str, context: str) -> bool:
    """True when ``phrase`` appears, capitalised as given, after the start of a sentence."""
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(phrase)}(?![\w'’-])", context):
        before = context[: match.start()].rstrip(' “"«„(')
        if before and before[-1] not in ".!?:":
            return True
    return False


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def quotation_span(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the quotation (quote marks included) that holds sentence[start:end]."""
    best: tuple[int, int] | None = None
    for open_, close in QUOTES.items():
        if open_ == close:
            if sentence.count(open_, 0, start) % 2 == 1:
                left = sentence.rfind(open_, 0, start)
                right = sentence.find(close, end)
                if right >= 0:
                    best = (left, right + 1)
            continue
        left = sentence.rfind(open_, 0, start)
        if left < 0 or sentence.find(close, left + 1, start) >= 0:
            continue
        right = sentence.find(close, end)
        if right >= 0:
            best = (left, right + 1)
    return best


_FIELD_PARTS = {
    "headline": "headline",
    "title": "headline",
    "subheadline": "subheadline",
    "subhead": "subheadline",
    "dek": "subheadline",
    "deck": "subheadline",
    "summary": "summary",
    "caption": "caption",
    "byline": "byline",
    "author": "byline",
}


def field_part(name: str) -> str | None:
    """The reader-facing name of a front-matter field a note should name, if any."""
    return _FIELD_PARTS.get(name.lower())
