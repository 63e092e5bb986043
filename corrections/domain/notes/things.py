"""What a fact is about, named from its own sentence: "the council's vote", "Raj Patel's age".

Small rules over the words around the value, no grammar model: a note must name the thing
only when it can do so with confidence, so every rule here returns "" when in doubt and
the drafter falls back to restating the sentence.
"""

from __future__ import annotations

import re

from corrections.domain.frozen import frozen
from corrections.domain.notes.persons import NAME, SPEECH
from corrections.domain.notes.phrases import COMMON_OPENERS
from corrections.domain.notes.values import bare
from corrections.domain.wordlists import (
    HONORIFICS,
    MONTHS,
    NOT_UNITS,
    TITLE_NOUNS,
    TITLE_QUALIFIERS,
)


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COST_VERBS = _set("cost costs")
_VOTE_VERBS = _set("voted vote votes approved approve passed pass rejected endorsed")
_RISE_VERBS = _set("rise rises rose risen grow grows grew grown increase increased climb climbed")
_FALL_VERBS = _set("fall falls fell fallen drop drops dropped decline declined shrink shrank")
_DURATION_VERBS = _set("take takes took last lasts lasted")
_SCORE_VERBS = _set("beat beating beats won winning defeated defeating edged edge edges")
_EVENT_VERBS = _set(
    """opened open opens closed close closes begin begins began start starts started founded
    built end ends ended died born elected retired retire retires resigned returns return
    returned leaves leave left arrives arrive arrived took held hold holds"""
)
_AUXILIARIES = _set(
    """is are was were will would could should may might can has have had be been being
    expected scheduled set due to expect expects"""
)
_PAST = _set(
    """was were had voted paid raised opened closed began started founded built ended died
    born elected retired resigned took lasted served carried employed held beat won
    defeated edged approved passed rejected supported drew attracted rose fell grew saw made
    got gave sold bought kept spent lost treated hired
    reached dropped declined climbed"""
)
# A modal or a present auxiliary makes the fix sentence present: "will cost" -> "It is".
_PRESENT = _set("will would is are has have can may might shall should")
_HEDGES = _set("about nearly almost roughly some around approximately just only also still now")
_PRONOUNS = _set("it he she they this that these those which who we i you its")
_DETERMINERS = _set("a an the its his her their our this that these those")
_RELATIVES = _set("which who that")
_SUBORDINATORS = _set("since when after before because as while until where once")
_COUNT_END = _set("with of from by for")  # "a field of 14 candidates": just "the number of"
_MAX_VERB_WORDS = 4
_MAX_NOUN_WORDS = 10  # "the overnight price of a litre of gas in Toronto"
# Verbs whose past tense does not end in "-ed", and others that often carry a count.
_COMMON_VERBS = _set(
    """serves serve served employs employ carried carries relies saw sees see had made makes
    got gets gave gives sold sells bought buys kept keeps spent spends lost loses drew draws
    add adds added hires hired treated treats"""
)
_DURATION_UNITS = _set("minutes hours days weeks months years decades")
_IRREGULAR_PLURALS = _set("people children staff men women police")
_MASS_NOUN = re.compile(r"(tion|ment|ing|ance|ence|ure|work|ship)$")


@frozen(slots=True)
class Thing:
    """The thing a fact is about, the tense its fix sentence takes, and the noun it names
    (so a second fact about the same noun can say "it")."""

    name: str  # "the council's vote"; "" when it cannot be named with confidence
    past: bool = False
    owner: str = ""


@frozen(slots=True)
class Clause:
    """The words of a clause up to a value, split into subject and verb."""

    subject: str  # a noun phrase ready for a note ("the library"), or ""
    verb: list[str]  # the verb words up to the value ("will", "cost")
    words: list[str]  # all the clause's words before the value

    @property
    def keys(self) -> list[str]:
        return [bare(w) for w in self.verb]

    @property
    def past(self) -> bool:
        keys = set(self.keys)
        return bool(keys & _PAST) and not keys & _PRESENT


def lower_first(word: str, context: str) -> str:
    """A capital that only starts a sentence ("Organizers", "Enrolment") is lowered; a name
    the article capitalises mid-sentence, or an unknown proper-looking word, keeps it."""
    if not word[:1].isupper() or any(c.isupper() for c in word[1:]):
        return word
    if _occurs(word, context, mid_sentence=True):
        return word  # capitalised mid-sentence somewhere: a name
    key = word.lower()
    if key in _DETERMINERS | COMMON_OPENERS or _MASS_NOUN.search(key):
        return key
    if key.endswith(("s", "ren", "ly")) and not key.endswith("ss"):
        return key
    if _occurs(key, context):
        return key
    return word


def _occurs(word: str, context: str, *, mid_sentence: bool = False) -> bool:
    """Whether ``word`` stands as a whole word in ``context`` (after a lower-case letter or
    a comma, for ``mid_sentence``). Plain substring search: the context is a whole article,
    searched a few times per draft."""
    at = context.find(word)
    while at >= 0:
        end = at + len(word)
        before = context[at - 1] if at else " "
        after = context[end] if end < len(context) else " "
        whole = not (before.isalnum() or before in "'’-") and not (
            after.isalnum() or after in "'’-"
        )
        if whole and not mid_sentence:
            return True
        if whole and before.isspace():
            previous = context[:at].rstrip()[-1:]
            if previous.islower() or previous in (",", ";"):
                return True
        at = context.find(word, at + 1)
    return False


def noun_phrase(words: list[str], context: str = "") -> str:
    """ "The library expansion" -> "the library expansion"; "" for a pronoun or nothing."""
    words = [w.strip(",;:") for w in words if bare(w) not in _HEDGES]
    words = [w for w in words if w]
    limit = _MAX_NOUN_WORDS if words and bare(words[0]) in _DETERMINERS else 6
    if not words or len(words) > limit or bare(words[0]) in _PRONOUNS - {"its", "their"}:
        return ""
    first = lower_first(words[0], context)
    words = [first, *words[1:]]
    if first.lower() in _DETERMINERS:
        words[0] = first.lower()
    elif first[:1].islower():
        head = [w for w in words if bare(w) not in NOT_UNITS][:3]
        plural = any(w.endswith("s") and not w.endswith("ss") for w in head[:2])
        if not (plural or (len(words) == 1 and _MASS_NOUN.search(first))):
            words = ["the", *words]
    elif len(words) > 1 and words[1][:1].islower() and bare(words[1]) not in _set("to of on"):
        words = ["the", *words]  # "Riverton city council" -> "the Riverton city council"
    text = " ".join(words)
    return text if any(c.isalpha() for c in text) else ""


def _split_verb(words: list[str]) -> tuple[list[str], list[str]]:
    """Subject words and verb words of a clause, split at its first verb-like word."""
    verbs = _AUXILIARIES | _COST_VERBS | _VOTE_VERBS | _RISE_VERBS | _FALL_VERBS | _DURATION_VERBS
    verbs = verbs | _SCORE_VERBS | _EVENT_VERBS | _COMMON_VERBS
    for n, word in enumerate(words):
        key = bare(word)
        lower = word[:1].islower() or (n == 0 and key in _EVENT_VERBS)
        if lower and (key in verbs or (key.endswith("ed") and n > 0)):
            return words[:n], words[n:]
    return words, []


def _after_speech(words: list[str]) -> list[str]:
    """ "Deputy Mayor Tom Green said the library" -> "the library"."""
    for n in range(len(words) - 1, -1, -1):
        if SPEECH.fullmatch(bare(words[n])) or bare(words[n]) == "that":
            return words[n + 1 :]
    return words


def clause_before(sentence: str, start: int, context: str = "") -> Clause:
    """The clause that leads up to ``start``, with its subject found even when the clause
    itself starts with "which", "who", "and", a pronoun or a participle."""
    head = sentence[:start]
    cut = max(head.rfind(mark) for mark in (", ", "; ", " – ", " — ", ": "))
    words = head[cut + 2 :].split() if cut >= 0 else head.split()
    earlier = head[: cut + 1] if cut >= 0 else ""
    antecedent = ""
    if words and bare(words[0]) in _RELATIVES:
        antecedent = _last_noun(earlier, context)
        words = words[1:]
    elif words and bare(words[0]) == "and":
        antecedent = noun_phrase(_split_verb(sentence.split())[0], context)
        words = words[1:]
    subject, verb = _split_verb(_after_speech(words))
    if subject and bare(subject[-1]) in _PRONOUNS:
        # "... of the building since it opened": the pronoun is the last noun before it.
        leading = words[: len(words) - len(verb) - 1]
        while leading and bare(leading[-1]) in _SUBORDINATORS:
            leading = leading[:-1]
        antecedent = _last_noun(" ".join(leading), context) or antecedent
        subject = []
    elif not subject and verb and verb[0][:1].isupper():
        # "Founded in 1976 by ..., the bakery is ...": the subject follows the phrase.
        after = re.search(
            r",\s+((?:the|a|an)\s+\w+(?:\s+[a-z]\w+)?)\s+(?:is|was|has)\b", sentence[start:]
        )
        antecedent = after.group(1) if after else ""
        verb = [verb[0].lower(), *verb[1:]]
    if not subject and not antecedent and verb and cut >= 0 and verb[0][:1].islower():
        # "The branch, which opened in 1978, serves ...": the sentence's own subject.
        antecedent = noun_phrase(_split_verb(sentence.split(",")[0].split())[0], context)
    noun = noun_phrase(subject, context) or antecedent
    return Clause(noun, verb, words)


def _last_noun(text: str, context: str) -> str:
    """The last noun phrase or name in ``text``: what "which" or "it" stands for."""
    text = text.rstrip(" ,")
    name = re.search(rf"({NAME})$", text)
    if name and bare(name.group(1).split()[0]) not in _DETERMINERS:
        words = name.group(1).split()
        while words and bare(words[0]) in TITLE_NOUNS | TITLE_QUALIFIERS | HONORIFICS:
            words = words[1:]
        return " ".join(words)
    phrase = re.search(r"\b((?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)$", text)
    if phrase:
        return noun_phrase(phrase.group(1).split(), context)
    return ""


def about_number(kind: str, sentence: str, start: int, value: str, context: str = "") -> Thing:
    """The thing a number, money, percentage, date or time belongs to."""
    clause = clause_before(sentence, start, context)
    noun, keys = clause.subject, clause.keys
    after = sentence[start + len(value) :].split()
    verbs = set(keys)
    past = clause.past
    last = keys[-1] if keys else ""
    if kind == "percentage":
        share = _share(after)
        if share:
            return Thing(share.name, share.past, noun)
        if noun and verbs & (_RISE_VERBS | _FALL_VERBS):
            change = "increase" if verbs & _RISE_VERBS else "decrease"
            return Thing(f"the {change} in {noun}", past, noun)
    if re.fullmatch(r"\d+-\d+", value):
        if verbs & _VOTE_VERBS and noun:
            return Thing(f"the {_head(noun)}'s vote", past, noun)
        if verbs & _SCORE_VERBS or bare(sentence.split()[0]) in _SCORE_VERBS:
            return Thing("the final score", True, noun)
    rose_to = last == "to" and len(keys) >= 2 and keys[-2] in _RISE_VERBS | _FALL_VERBS
    if noun and kind in ("money", "number") and rose_to:  # "the price ... rose to $1.40"
        return Thing(noun, past, noun)
    if last in _COST_VERBS and noun:
        return Thing(f"the cost of {noun}", past, noun)
    if kind == "money":
        described = _described(after)
        if described:
            return Thing(f"the cost of the {described}", False, "")
        if noun and 0 < len(keys) <= _MAX_VERB_WORDS - 1:
            return Thing(f"the amount {noun} {' '.join(clause.verb)}", past, noun)
    if last in _DURATION_VERBS and noun and bare(value.split()[-1]) in _DURATION_UNITS:
        expected = "expected " if verbs & _set("expected scheduled") else ""
        return Thing(f"the {expected}length of {noun}", past, noun)
    counted = value.split()[-1] if len(value.split()) > 1 else ""
    if kind == "number" and counted.isalpha() and counted.islower():
        return _count(counted, clause, past)
    if kind in ("date", "time"):
        event = _event(clause, kind, value)
        if event:
            return Thing(event, past, noun)
    if last in _set("is was are were") and noun:
        return Thing(noun, past, noun)
    return Thing("", past)


def _count(counted: str, clause: Clause, past: bool) -> Thing:
    noun, keys = clause.subject, clause.keys
    words = clause.words
    if words and bare(words[-1]) in _COUNT_END:
        return Thing(f"the number of {counted}", past)
    if not noun or not (counted.endswith("s") or counted in _IRREGULAR_PLURALS):
        return Thing("", past)
    if keys and keys[-1] in _set("has have had"):
        return Thing(f"the number of {counted} at {noun}", past, noun)
    verb = [w for w in clause.verb if bare(w) not in _HEDGES]
    if "and" in verb:
        # "will cost $350,000 a year and add six nurses": the verb after "and", with the
        # modal the two verbs share.
        last = len(verb) - 1 - verb[::-1].index("and")
        modal = [w for w in verb[:1] if bare(w) in _PRESENT - _set("is are has have")]
        verb = modal + verb[last + 1 :]
    if 0 < len(verb) <= 2:
        return Thing(f"the number of {counted} {noun} {' '.join(verb)}", past, noun)
    return Thing("", past)


def _share(after: list[str]) -> Thing | None:
    """ "62 percent of residents supported the expansion" -> "the share of residents who
    supported the expansion"."""
    if len(after) < 2 or bare(after[0]) != "of" or bare(after[1]) in NOT_UNITS:
        return None
    counted = after[1].rstrip(",.;:")
    rest: list[str] = []
    if not after[1].endswith((",", ".", ";")):
        for word in after[2:6]:
            rest.append(word.rstrip(",.;:"))
            if word.endswith((",", ".", ";")):
                break
    if rest and bare(rest[0]).endswith("ed"):
        return Thing(f"the share of {counted} who {' '.join(rest)}", True)
    return Thing(f"the share of {counted}", False)


def _described(after: list[str]) -> str:
    """ "a $4.2-million library expansion of the ..." -> "library expansion of the ..."."""
    taken: list[str] = []
    for word in after[:3]:
        key = bare(word)
        if not word[:1].islower() or key in NOT_UNITS:
            break
        taken.append(word.rstrip(",.;:"))
        if word.endswith((",", ".", ";", ":")):
            return " ".join(taken)
    if not taken:
        return ""
    rest = after[len(taken) :]
    if rest and rest[0] == "of":
        tail: list[str] = []
        for word in rest[1:6]:
            tail.append(word.rstrip(",.;:"))
            if word.endswith((",", ".", ";", ":")):
                break
        if tail and len(tail) <= 5:
            taken += ["of", *tail]
    return " ".join(taken)


def _head(noun: str) -> str:
    words = noun.split()
    return words[-1] if words else ""


def _event(clause: Clause, kind: str, value: str) -> str:
    """ "Construction is expected to begin in September" -> "the month construction is
    expected to begin"."""
    if not clause.subject or not clause.verb:
        return ""
    verb = [w.strip(",;:") for w in clause.verb]
    while verb and bare(verb[-1]) in _set("in on at by from until"):
        verb = verb[:-1]
    if not any(bare(w) in _EVENT_VERBS for w in verb) or len(verb) > _MAX_VERB_WORDS + 1:
        return ""
    words = value.replace(",", " ").split()
    if len(words) == 1 and re.fullmatch(r"\d{4}", words[0]):
        unit = "year"
    elif len(words) == 1 and words[0] in MONTHS:
        unit = "month"
    elif kind == "time":
        unit = "time"
    elif len(words) == 1:
        unit = "day"
    else:
        unit = "date"
    if verb and bare(verb[0]) == "founded" and len(verb) == 1:
        verb = ["was", "founded"]
    return f"the {unit} {clause.subject} {' '.join(verb)}"


def place_owner(sentence: str, start: int, context: str = "") -> str:
    """ "The festival returns to Victoria Park" -> "the festival": what is at the place."""
    clause = clause_before(sentence, start, context)
    if clause.words and bare(clause.words[-1]) in _set("in at to near"):
        return clause.subject
    return ""
