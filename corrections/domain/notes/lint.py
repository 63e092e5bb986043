"""The draft linter: what a standards editor would send back before publishing a note.

Shared by the drafter (a draft that fails is flagged for editing) and by ``validate`` (a
stored note that fails is reported). Each rule returns a short reason in the editor's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# Past this many words a side of "X, not Y" is a pasted clause rather than a value.
MAX_CONTRAST_WORDS = 12
_ESCAPED = re.compile(r"\\[\\`*_\[\]<>~!#(){}.+-]")
_PLACEHOLDER = re.compile(r"\{[^{}]{0,60}\}|\$[A-Za-z_]\w*|\x00")
# "a.m.," and "U.S.," end in an abbreviation's own stop, which a comma may follow.
_DOUBLED = re.compile(
    r"(?<![.])\.\.(?![.])|[,;:]\s*[.,;:]|(?<![A-Z])(?<!\.[a-z])[.!?][”\"’]?\s*[,;](?!\d)"
)
_PASTED = re.compile(
    r"(?:[,;] |\bthat |\band |\bnot )(The|A|An|It|He|She|They|This|That|These|Those|We|In|"
    r"On|At|But|And|Its|His|Her|Their)\b"
)
_CATEGORY = re.compile(r"\b(?:a|one) (?:detail|figure|name|date|title|remark|quote)\b")
ESCAPED_MARKUP = "the note holds escaped markup (a backslash before a symbol)"
PLACEHOLDER = "the note holds a placeholder: write the missing words"
UNBALANCED = "the note's quotation marks are not balanced"
DOUBLED = "the note has doubled punctuation"
_ARTEFACTS = frozenset({ESCAPED_MARKUP, PLACEHOLDER, UNBALANCED, DOUBLED})
_CONTRAST = re.compile(r",\s+not\s+")
_LEAD = re.compile(r".*\b(?:is|was|are|were|said|that|to|as)\s+", re.DOTALL)


class FactLike(Protocol):
    """What the linter reads of a fact: the values a note must show."""

    @property
    def change(self) -> str: ...

    @property
    def old(self) -> str: ...

    @property
    def new(self) -> str: ...

    @property
    def thing(self) -> str: ...


def lint_draft(
    text: str, kind: str, facts: Sequence[FactLike], quotes: tuple[str, str] = ("“", "”")
) -> list[str]:
    """Reasons the note cannot be published as it stands; empty when it can."""
    problems = lint_text(text, quotes)
    for fact in facts:
        if fact.change != "replaced" or not fact.thing:
            continue
        if fact.new and fact.new not in text:
            problems.append(f"the note does not give the right value ({fact.new})")
        if kind == "correction" and fact.old and fact.old not in text:
            problems.append(f"the correction does not say what was wrong ({fact.old})")
    return problems


def artefacts(text: str, quotes: tuple[str, str] = ("“", "”")) -> list[str]:
    """Defects no published note may carry, whoever wrote it: what ``validate`` reports.

    A stored note is kept Markdown-escaped ("\\[" for "["), so one level of escaping is
    read back first; what is left is a real artefact."""
    return [p for p in lint_text(unescaped(text), quotes) if p in _ARTEFACTS]


def unescaped(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>~!#(){}.+-])", r"\1", text)


def lint_text(text: str, quotes: tuple[str, str] = ("“", "”")) -> list[str]:
    """The rules that need only the note's own words (used on stored notes too)."""
    problems: list[str] = []
    if _ESCAPED.search(text):
        problems.append(ESCAPED_MARKUP)
    if _PLACEHOLDER.search(text):
        problems.append(PLACEHOLDER)
    open_, close = quotes
    if open_ != close and text.count(open_) != text.count(close):
        problems.append(UNBALANCED)
    if text.count('"') % 2:
        problems.append(UNBALANCED)
    if _DOUBLED.search(_without_quotations(text, quotes)):
        problems.append(DOUBLED)
    pasted = _PASTED.search(_without_quotations(text, quotes))
    if pasted:
        problems.append(f"a capital letter mid-sentence (“{pasted.group(1)}”): a pasted clause?")
    if _CATEGORY.search(text):
        problems.append("the note names a category (“a figure”, “a detail”), not the thing")
    for side in _contrast_sides(text):
        if len(side.split()) > MAX_CONTRAST_WORDS:
            problems.append(f"a side of “X, not Y” is over {MAX_CONTRAST_WORDS} words")
            break
    return list(dict.fromkeys(problems))


def _without_quotations(text: str, quotes: tuple[str, str]) -> str:
    """Quoted words are the article's own: their capitals and stops are not ours to judge."""
    open_, close = quotes
    text = re.sub(
        re.escape(open_) + r"[^" + re.escape(close) + r"]*" + re.escape(close), "“q”", text
    )
    return re.sub(r'"[^"]*"', '"q"', text)


def _contrast_sides(text: str) -> list[str]:
    sides: list[str] = []
    for match in _CONTRAST.finditer(text):
        before = re.split(r"[.;:(]\s", text[: match.start()])[-1]
        lead = _LEAD.match(before)
        sides.append(before[lead.end() :] if lead else before)
        after = re.split(r"[.;)](?:\s|$)|, and ", text[match.end() :] + " ")[0]
        sides.append(after)
    return sides
