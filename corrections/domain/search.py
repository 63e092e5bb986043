"""Where a search match is in an article: front-matter field, or paragraph and sentence.

The search itself runs in git (``git grep``), which knows lines and byte columns only. This
module turns each match into what an editor reads: the article's headline, the paragraph
number (1-based, counted in the body as editors edit it: without the notes block, as
correction notes count them) and the sentence holding the match, with the match's span in it.
Matches inside the notes block are left out unless asked for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from corrections.domain.article import split_front_matter, split_notes
from corrections.domain.diff.lines import split_paragraphs
from corrections.domain.diff.sentences import sentences
from corrections.domain.frozen import frozen

# Where a match can be, besides a front-matter field's name.
BODY = "body"
NOTES = "notes"

_FIELD_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")
_HEADLINE = re.compile(r"^headline:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


class SentenceChangeLike(Protocol):
    """What :func:`old_wordings` reads of a sentence change (diff's SentenceChange)."""

    @property
    def kind(self) -> str: ...
    @property
    def old_sentence(self) -> str: ...
    @property
    def old_phrase(self) -> str: ...


@frozen(slots=True)
class RawMatch:
    """A match as git reports it: 1-based line, 1-based byte column, the bytes matched."""

    line: int
    column: int
    length: int  # in bytes


@frozen(slots=True)  # made by the thousand
class SearchHit:
    slug: str
    headline: str
    where: str  # BODY, NOTES, or the name of the front-matter field
    paragraph: int | None  # 1-based paragraph of the body; None outside it
    line: int  # 1-based line of the article file
    sentence: str  # the sentence (or front-matter line) holding the match, on one line
    spans: tuple[tuple[int, int], ...]  # (start, end) of each match within ``sentence``
    start: int = 0  # where ``sentence`` starts in the article file's text

    def marked(self, before: str = "{+", after: str = "+}") -> str:
        """The sentence with every match wrapped in markers: ``{+match+}``."""
        out, at = [], 0
        for start, end in self.spans:
            out += [self.sentence[at:start], before, self.sentence[start:end], after]
            at = end
        out.append(self.sentence[at:])
        return "".join(out)


def headline_of(front_matter: str) -> str | None:
    """The headline of a front matter written plainly (``headline: Text`` or quoted), or
    None when it is written some other way and the YAML parser must read it."""
    match = _HEADLINE.search(front_matter)
    if match is None:
        return None
    value = match.group(1)
    if not value or value[0] in "|>&*!%@`[{#":
        return None
    if value[0] == '"':
        inner = value[1:-1]
        if len(value) < 2 or not value.endswith('"') or "\\" in inner or '"' in inner:
            return None
        return inner
    if value[0] == "'":
        inner = value[1:-1]
        if len(value) < 2 or not value.endswith("'") or "'" in inner.replace("''", ""):
            return None
        return inner.replace("''", "'")
    if " #" in value or ": " in value:
        return None
    return value


def locate_matches(
    slug: str,
    headline: str,
    text: str,
    matches: Iterable[RawMatch],
    *,
    include_notes: bool = False,
) -> list[SearchHit]:
    """The hits of ``matches`` in one article's ``text``; matches in one sentence are one hit."""
    index = _ArticleIndex(text)
    hits: dict[tuple[int, int], SearchHit] = {}
    for match in matches:
        place = index.place(match)
        if place is None or (place.where == NOTES and not include_notes):
            continue
        key = (place.start, place.end)
        span = (place.match_start - place.start, place.match_end - place.start)
        previous = hits.get(key)
        if previous is not None:
            if span[0] >= previous.spans[-1][1]:
                hits[key] = _with_span(previous, span)
            continue
        sentence = text[place.start : place.end]
        hits[key] = SearchHit(
            slug, headline, place.where, place.paragraph, match.line, sentence, (span,), place.start
        )
    return [_tidy(hit) for _, hit in sorted(hits.items())]


def _with_span(hit: SearchHit, span: tuple[int, int]) -> SearchHit:
    return SearchHit(
        hit.slug,
        hit.headline,
        hit.where,
        hit.paragraph,
        hit.line,
        hit.sentence,
        (*hit.spans, span),
        hit.start,
    )


def _tidy(hit: SearchHit) -> SearchHit:
    """One line of text: surrounding whitespace dropped, line breaks shown as spaces."""
    lead = len(hit.sentence) - len(hit.sentence.lstrip())
    sentence = hit.sentence.strip().replace("\r", " ").replace("\n", " ")
    size = len(sentence)
    spans = tuple((min(max(s - lead, 0), size), min(max(e - lead, 0), size)) for s, e in hit.spans)
    return SearchHit(
        hit.slug,
        hit.headline,
        hit.where,
        hit.paragraph,
        hit.line,
        sentence,
        spans,
        hit.start + lead,
    )


@frozen(slots=True)
class _Place:
    where: str
    paragraph: int | None
    start: int  # the sentence (or line) in the text
    end: int
    match_start: int
    match_end: int


class _ArticleIndex:
    """Line starts, front matter, notes blocks and paragraphs of one article's text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0]
        parts = split_front_matter(text, "article")
        head, body = (parts[0], parts[2]) if parts is not None else ("", text)
        self.head_end = len(head)
        top, main, _bottom = split_notes(body)
        self.main_start = self.head_end + (len(top) + 1 if top else 0)
        self.main_end = self.main_start + len(main)
        self.main = main
        self.chunks = split_paragraphs(main)
        self.chunk_starts = [chunk.start for chunk in self.chunks]

    def line_start(self, number: int) -> int | None:
        """Where 1-based line ``number`` starts; lines are found as far as asked for."""
        starts = self._line_starts
        while len(starts) < number:
            newline = self.text.find("\n", starts[-1])
            if newline < 0:
                return None
            starts.append(newline + 1)
        return starts[number - 1]

    def place(self, match: RawMatch) -> _Place | None:
        line_start = self.line_start(match.line) if match.line >= 1 else None
        if line_start is None:
            return None
        line_end = self.text.find("\n", line_start)
        line_end = len(self.text) if line_end < 0 else line_end
        line = self.text[line_start:line_end].encode("utf-8", "surrogatepass")
        column = match.column - 1
        if column < 0 or column + match.length > len(line):
            return None
        start = line_start + len(line[:column].decode("utf-8", "replace"))
        end = start + len(line[column : column + match.length].decode("utf-8", "replace"))
        if start < self.head_end:
            return self._in_front_matter(match.line, start, end)
        if not self.main_start <= start < self.main_end:
            return _Place(NOTES, None, line_start, line_end, start, end)
        return self._in_body(start, end)

    def _in_front_matter(self, line: int, start: int, end: int) -> _Place:
        field = "front matter"
        for number in range(line, 0, -1):
            at = self.line_start(number) or 0
            found = _FIELD_LINE.match(self.text, at)
            if found is not None:
                field = found.group(1)
                break
        line_start = self.line_start(line) or 0
        line_end = self.text.find("\n", line_start)
        line_end = self.head_end if line_end < 0 else line_end
        return _Place(field, None, line_start, line_end, start, min(end, line_end))

    def _in_body(self, start: int, end: int) -> _Place:
        offset = start - self.main_start
        number = bisect.bisect_right(self.chunk_starts, offset) - 1
        chunk = self.chunks[max(number, 0)]
        base = self.main_start + chunk.body_start
        paragraph = self.main[chunk.body_start : chunk.body_end]
        bounds = _sentence_bounds(sentences(paragraph))
        first = _index_of(bounds, start - base)
        last = _index_of(bounds, max(end - 1, start) - base)
        s_start = base + bounds[first][0]
        s_end = base + bounds[last][1]
        return _Place(BODY, max(number, 0) + 1, s_start, s_end, start, min(end, s_end))


def _sentence_bounds(parts: Sequence[str]) -> list[tuple[int, int]]:
    bounds, at = [], 0
    for part in parts:
        bounds.append((at, at + len(part)))
        at += len(part)
    return bounds or [(0, 0)]


def _index_of(bounds: list[tuple[int, int]], offset: int) -> int:
    for number, (_, end) in enumerate(bounds):
        if offset < end:
            return number
    return len(bounds) - 1


# ---------------------------------------------------------------------- old wordings

MAX_WORDING_WORDS = 8
MIN_WORDING_CHARS = 4
_UNITS = frozenset(
    [
        "million",
        "billion",
        "trillion",
        "thousand",
        "hundred",
        "percent",
        "per",
        "cent",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "people",
        "votes",
        "kilometres",
        "km",
        "miles",
        "metres",
        "dollars",
    ]
)


def old_wordings(changes: Iterable[SentenceChangeLike]) -> list[str]:
    """The wording a correction replaces or removes, one per changed sentence, to look
    for in other articles: the old phrase, widened by the word before it (or after it)
    when it is a single short word or a bare number ("7-2" becomes "voted 7-2"), at most
    eight words. Inserted sentences replace nothing and give none."""
    found: list[str] = []
    for change in changes:
        if change.kind == "inserted" or not change.old_phrase.strip():
            continue
        wording = widened(change.old_sentence, change.old_phrase.strip())
        words = wording.split()
        wording = " ".join(words[:MAX_WORDING_WORDS])
        if len(wording) >= MIN_WORDING_CHARS and wording not in found:
            found.append(wording)
    return found


def widened(sentence: str, phrase: str) -> str:
    if len(phrase.split()) > 1 and len(phrase) >= 8:
        return phrase
    at = sentence.find(phrase)
    if at < 0:
        return phrase
    before = sentence[:at].split()
    rest = sentence[at + len(phrase) :]
    after = rest.split()
    next_word = after[0].rstrip(".,;:!?)") if after and rest[:1].isspace() else ""
    previous = before[-1] if before and sentence[at - 1 : at].isspace() else ""
    previous = previous if previous[-1:].isalnum() else ""
    if phrase.isalpha():
        # A name goes with the rest of the name ("John Smith"); a word stands alone.
        if next_word[:1].isupper() and next_word.isalpha():
            return f"{phrase} {next_word}"
        if previous[:1].isupper() and previous.isalpha() and before[:-1]:
            return f"{previous} {phrase}"
        return phrase
    # "$4.5 million", "16 months": an amount reads best with its unit.
    if next_word.lower() in _UNITS:
        return f"{phrase} {next_word}"
    if previous:
        return f"{previous} {phrase}"
    return f"{phrase} {next_word}" if next_word.isalpha() else phrase
