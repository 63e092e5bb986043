"""Heuristics that turn a changed phrase into words a note can use.

All of it works on plain text (controls already removed) and never alters the letters
inside a quoted phrase: it only chooses where a quotation starts and ends, trims the
punctuation at its edges, and decides whether the first letter of a clause is lowered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corrections.domain.notes.clean import plain
from corrections.domain.wordlists import ABBREVIATIONS, TITLE_NOUNS


def _words(text: str) -> list[str]:
    # Word lists are kept as prose blocks: easier to read and extend than list literals.
    return text.split()


NUMBER_WORDS = frozenset(
    _words(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand million billion trillion dozen half quarter
    third first second percent per cent"""
    )
)
# Month and day names count only when capitalised: "may" and "march" are also verbs.
DATE_WORDS = frozenset(
    _words(
        """January February March April May June July August September October November
    December Jan Feb Aug Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday"""
    )
)
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
CLOSERS = frozenset(QUOTES.values())
MAX_CLAUSE_WORDS = 60
MAX_SENTENCE_WORDS = 25
MAX_QUOTE_WORDS = 30


@dataclass(frozen=True, slots=True)
class Replacement:
    """A replaced phrase, classified, with the values a note shows."""

    what: str  # one of styles.CLASSES
    old: str
    new: str


def _bare(word: str) -> str:
    return word.strip("“”\"«»„‹›‘’'()[]{},;:!?").lower()


def ends_in_abbreviation(text: str) -> bool:
    """True when a final "." belongs to the last word ("U.S.", "Inc.") and must stay."""
    words = text.split()
    if not words or not words[-1].endswith("."):
        return False
    last = words[-1].rstrip(".")
    return "." in last or _bare(last) in ABBREVIATIONS


def trim(phrase: str) -> str:
    """Punctuation at a phrase's edges that belongs to the sentence, not to the phrase."""
    phrase = phrase.strip()
    while phrase:
        opened = phrase.count("(") + phrase.count("[")
        closed = phrase.count(")") + phrase.count("]")
        last = phrase[-1]
        if (
            last in ",;:"
            or (last == "." and not ends_in_abbreviation(phrase))
            or (last in ")]" and opened < closed)
        ):
            phrase = phrase[:-1].rstrip()
        elif phrase[0] in "([" and opened > closed:
            phrase = phrase[1:].lstrip()
        else:
            break
    return phrase


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


def summary(sentence: str) -> str:
    """A removed sentence as quoted in a note: faithful, without its final period, and
    shortened at a word boundary when long."""
    text = plain(sentence)
    if text.endswith(".") and not ends_in_abbreviation(text):
        text = text[:-1].rstrip()
    return shorten(text, MAX_SENTENCE_WORDS)


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


def locate(sentence: str, phrase: str, other: str) -> int:
    """Where ``phrase`` sits in ``sentence``: the occurrence at the point where the
    sentence starts to differ from ``other`` (the phrase repeats in long sentences)."""
    common = 0
    for a, b in zip(sentence, other, strict=False):
        if a != b:
            break
        common += 1
    at = sentence.rfind(phrase, 0, common + len(phrase))
    return at if at >= 0 else sentence.find(phrase)


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


def _tidy_quotation(quotation: str) -> str:
    # “We will raise taxes,” -> “We will raise taxes”: the comma belongs to the sentence.
    inner = quotation[1:-1].rstrip()
    while inner and inner[-1] in ",;:":
        inner = inner[:-1].rstrip()
    return quotation[0] + inner + quotation[-1]


def _is_name(phrase: str, at_start: bool) -> bool:
    words = [w for w in phrase.split() if any(c.isalpha() for c in w)]
    if not words or not all(w.lstrip('“"(«„')[:1].isupper() for w in words):
        return False
    return not (at_start and len(words) == 1 and _bare(words[0]) in COMMON_OPENERS)


def classify(
    old_sentence: str, new_sentence: str, old_phrase: str, new_phrase: str, quotes: tuple[str, str]
) -> Replacement:
    """What kind of thing a replaced phrase is, and how the note shows old and new."""
    old_s, new_s = plain(old_sentence), plain(new_sentence)
    old_p, new_p = plain(old_phrase), plain(new_phrase)
    old_at, new_at = locate(old_s, old_p, new_s), locate(new_s, new_p, old_s)
    if old_at >= 0 and new_at >= 0:
        old_q = quotation_span(old_s, old_at, old_at + len(old_p))
        new_q = quotation_span(new_s, new_at, new_at + len(new_p))
        if old_q and new_q:
            old_text, new_text = old_s[old_q[0] : old_q[1]], new_s[new_q[0] : new_q[1]]
            if max(len(old_text.split()), len(new_text.split())) <= MAX_QUOTE_WORDS:
                return Replacement("quote", _tidy_quotation(old_text), _tidy_quotation(new_text))
            return Replacement(
                "quote",
                old_text[0] + trim(old_p) + old_text[-1],
                new_text[0] + trim(new_p) + new_text[-1],
            )
    tokens = (old_p + " " + new_p).split()
    words = {_bare(w) for w in tokens}
    if {w.strip("“”\"«»„‹›‘’'()[]{},;:!?.") for w in tokens} & DATE_WORDS:
        return Replacement("date", trim(old_p), trim(new_p))
    if any(c.isdigit() for c in old_p + new_p) or words & NUMBER_WORDS:
        return Replacement("figure", trim(old_p), trim(new_p))
    if old_at >= 0 and new_at >= 0:
        title = _widen_title(old_s, new_s, old_at, new_at, old_p, new_p)
        if title is not None:
            return Replacement("title", trim(title[0]), trim(title[1]))
        if _is_name(old_p, old_at == 0) and _is_name(new_p, new_at == 0):
            old_n, new_n = _widen_name(old_s, new_s, old_at, new_at, old_p, new_p)
            old_n, new_n = trim(old_n), trim(new_n)
            slip = edit_distance(old_p.lower(), new_p.lower())
            small = slip <= 2 and slip <= max(len(old_p), len(new_p)) // 3
            return Replacement("spelling" if small else "name", old_n, new_n)
    open_, close = quotes
    return Replacement("wording", open_ + trim(old_p) + close, open_ + trim(new_p) + close)


def _widen_title(
    old_s: str, new_s: str, old_at: int, new_at: int, old_p: str, new_p: str
) -> tuple[str, str] | None:
    """ "deputy" -> "associate" in "... deputy minister ..." is a title: take in the noun."""
    after_old = old_s[old_at + len(old_p) :]
    after_new = new_s[new_at + len(new_p) :]
    following: list[str] = []
    if old_p[-1:].isalnum() and new_p[-1:].isalnum():  # "Jonson, the chief": not one title
        for word in after_new.split()[:3]:
            following.append(word)
            if not word[-1:].isalnum():  # a comma or full stop ends the title
                break
    if following and after_old.split()[: len(following)] == following:
        # The last title word among the next few: "deputy" -> "deputy finance minister".
        ends = [n for n, word in enumerate(following, 1) if _bare(word) in TITLE_NOUNS]
        if ends:
            tail = " " + " ".join(following[: ends[-1]])
            return old_p + tail, new_p + tail
    if {_bare(w) for w in (old_p + " " + new_p).split()} & TITLE_NOUNS:
        return old_p, new_p
    return None


def _widen_name(
    old_s: str, new_s: str, old_at: int, new_at: int, old_p: str, new_p: str
) -> tuple[str, str]:
    """ "Jonson" -> "Johnson" after "Mary": show the whole name, "Mary Johnson"."""
    before_old = old_s[:old_at].split()
    before_new = new_s[:new_at].split()
    taken: list[str] = []
    while before_old and before_new and len(taken) < 3:
        word = before_new[-1]
        if word != before_old[-1] or not word[:1].isupper() or word[-1] in ",;:":
            break
        if len(before_new) == 1 and _bare(word) in COMMON_OPENERS:
            break
        taken.insert(0, word)
        before_old.pop()
        before_new.pop()
    prefix = " ".join(taken) + " " if taken else ""
    return prefix + old_p, prefix + new_p


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


def minimal_words(old: str, new: str) -> tuple[str, str]:
    """The smallest differing run of whole words between two short texts (a headline)."""
    a, b = old.split(), new.split()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return " ".join(a[head : len(a) - tail]), " ".join(b[head : len(b) - tail])
