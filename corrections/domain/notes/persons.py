"""People in a sentence: a name next to a value, a role next to a name, a quotation's speaker.

Patterns over capitalised words, no name database: a name is a run of capitalised words, a
title or honorific before it is not part of it, and "Ms." or "Mr." in the article is the only
thing that lets a note say "she" or "he".
"""

from __future__ import annotations

import re

from corrections.domain.notes.values import bare
from corrections.domain.wordlists import HONORIFICS, TITLE_NOUNS, TITLE_QUALIFIERS

SPEECH = re.compile(r"\b(said|says|told|added|wrote|asked|declared|stated)\b")
NAME = r"(?:[A-Z][\w'’.-]*\s){0,3}[A-Z][\w'’-]+"
_DETERMINERS = frozenset(["a", "an", "the"])


def person_before(sentence: str, start: int, context: str = "") -> str:
    """ "Councillor Raj Patel, 42," -> "Raj Patel": the name just before ``start``."""
    head = sentence[:start].rstrip().rstrip(",").rstrip()
    match = re.search(rf"({NAME})$", head)
    if not match:
        return ""
    words = match.group(1).split()
    honorific = bool(words) and bare(words[0]) in HONORIFICS
    while words and (bare(words[0]) in TITLE_NOUNS | TITLE_QUALIFIERS | HONORIFICS):
        words = words[1:]
    if words and bare(words[0]) in {"the", "a", "an"}:
        return ""
    if honorific and len(words) == 1:
        return full_name(words[0], context) or match.group(1)
    return " ".join(words)


def full_name(surname: str, context: str) -> str:
    """ "Shah" -> "Priya Shah" when the article names her in full somewhere."""
    for found in re.finditer(rf"\b([A-Z][\w'’-]+) {re.escape(surname)}\b", context):
        given = found.group(1)
        if bare(given) not in HONORIFICS | TITLE_NOUNS | TITLE_QUALIFIERS | {"the", "a"}:
            return f"{given} {surname}"
    return ""


def person_with_role(sentence: str, start: int) -> str:
    """ "Nadia Frost, the authority's chief executive" -> "Nadia Frost"."""
    match = re.search(
        rf"({NAME})(?:,|\s+(?:is|was|became))\s+(?:the|a|an)\s+[\w'’ -]*$", sentence[:start]
    )
    return match.group(1) if match else ""


def person_after(sentence: str, end: int) -> str:
    """ "Deputy Mayor Tom Green said" -> "Tom Green": the name just after a title."""
    match = re.match(rf"\s+({NAME})", sentence[end:])
    if not match:
        return ""
    words = [w.strip(",;:") for w in match.group(1).split()]
    return " ".join(words[:3])


def role_after(sentence: str, end: int) -> str:
    """ "Ellen Jonson, the city's chief planner," -> "the city's chief planner"."""
    match = re.match(r",\s+((?:the|a|an)\s+[^,.;]{2,60}?)(?:[,.;]|$)", sentence[end:])
    if not match:
        return ""
    role = match.group(1)
    return role if len(role.split()) <= 6 and bare(role.split()[-1]) in TITLE_NOUNS else ""


def role_before(sentence: str, start: int) -> str:
    """ "Board chair Linda Park" -> "the board chair"; "defenceman Ali Haddad" ->
    "the defenceman": the role words right before a name."""
    words = sentence[:start].split()
    taken: list[str] = []
    while words and len(taken) < 3:
        key = bare(words[-1])
        if words[-1][-1:] in ",;:" or key in _DETERMINERS:
            break
        if key in TITLE_NOUNS or key in TITLE_QUALIFIERS or (taken and len(words) == 1):
            taken.insert(0, words.pop().lower())
        else:
            break
    if not taken or bare(taken[-1]) not in TITLE_NOUNS:
        return ""
    return "the " + " ".join(taken)


def speaker(sentence: str, quote_start: int, quote_end: int) -> str:
    """Who is quoted: the name next to "said" before or after the quotation."""
    after = sentence[quote_end:]
    before = sentence[:quote_start]
    match = re.match(rf"\s*,?\s*(?:{SPEECH.pattern})\s+({NAME}|the [a-z]+)", after)
    if match:
        return match.group(2).rstrip(".,")
    match = re.match(rf"\s*,?\s*({NAME}|the [a-z]+)\s+(?:{SPEECH.pattern})", after)
    if match:
        return match.group(1).rstrip(".,")
    # "..., dit Zoë O'Neill": a name right after the quotation and one word.
    match = re.match(rf"\s*,?\s*[a-z]+\s+({NAME})[.,]?\s*$", after)
    if match:
        return match.group(1)
    match = re.search(
        rf"({NAME})\s+(?:{SPEECH.pattern})(?:\s+(?:that|it|the\s+\w+))?(?:\s+\w+){{0,3}}\s*,?\s*$",
        before,
    )
    if match:
        return match.group(1)
    return ""


def short_name(person: str, context: str) -> str:
    """How a later sentence refers to a person: "She"/"He" when the article itself says
    "Ms. Marsh"/"Mr. Marsh", else the title and surname ("Mayor Marsh") or the surname."""
    words = person.split()
    if not words:
        return ""
    surname = words[-1]
    if any(f"{title} {surname}" in context for title in ("Ms.", "Mrs.", "Miss", "Ms", "Mrs")):
        return "She"
    if any(f"{title} {surname}" in context for title in ("Mr.", "Mr")):
        return "He"
    titles = [w for w in words[:-1] if bare(w) in TITLE_NOUNS | TITLE_QUALIFIERS]
    if titles and words[0][:1].isupper():
        return " ".join([*titles, surname])
    if words[0] == "the":
        return person[0].upper() + person[1:]
    return surname
