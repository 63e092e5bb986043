"""A sentence-level account of a diff, the raw material for a correction note.

Each changed paragraph is split into sentences, sentences are aligned, and each change is
reported as an inserted, deleted or replaced sentence. For a replaced sentence the *phrase* is
the smallest stretch of whole words that changed ("$2.40" → "$1.40"), which is what a note
says ("…, not $2.40").

Changes a reader cannot see (whitespace, line endings, Unicode normalisation, zero-width and
bidi characters) are not sentence changes: they stay in ``invisible``, so a note is never
drafted for a CRLF conversion.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Literal, overload

from corrections.domain.frozen import frozen

from ..sanitize import BIDI_CONTROLS, ZERO_WIDTH
from .matcher import opcodes, pair_items, word_bag
from .model import InvisibleChange, Move, TextDiff
from .sentences import sentences
from .tokens import tokenize

SentenceKind = Literal["inserted", "deleted", "replaced"]

# Sentences in a rewritten stretch count as one replaced sentence above this word overlap.
SENTENCE_PAIR_THRESHOLD = 0.3

_HIDDEN = dict.fromkeys(map(ord, ZERO_WIDTH | BIDI_CONTROLS))
_CLOSERS = ".,;:!?\"'”’)]»"
_OPENERS = "\"'“‘([«"


@frozen(slots=True)
class SentenceChange:
    """One sentence inserted, deleted or replaced.

    ``paragraph`` is 1-based, counted in the new text for inserted and replaced sentences and
    in the old text for deleted ones. Sentences are given without surrounding whitespace. For
    an inserted sentence ``new_phrase`` is the whole sentence, for a deleted one
    ``old_phrase`` is.
    """

    kind: SentenceKind
    paragraph: int
    old_sentence: str
    new_sentence: str
    old_phrase: str
    new_phrase: str


@frozen
class ChangeSummary:
    """The sentence changes of a diff in reading order, with its moves and invisible changes.

    Iterating, indexing and ``len`` go over ``changes``.
    """

    changes: tuple[SentenceChange, ...]
    moves: tuple[Move, ...] = ()
    invisible: tuple[InvisibleChange, ...] = ()

    def __iter__(self) -> Iterator[SentenceChange]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    @overload
    def __getitem__(self, index: int) -> SentenceChange: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SentenceChange, ...]: ...

    def __getitem__(self, index: int | slice) -> SentenceChange | tuple[SentenceChange, ...]:
        return self.changes[index]

    @property
    def only_invisible(self) -> bool:
        """True when nothing a reader can see changed, yet something did."""
        return not self.changes and not self.moves and bool(self.invisible)


def summarize(diff: TextDiff) -> ChangeSummary:
    changes: list[SentenceChange] = []
    for block in diff.blocks:
        if block.kind == "insert" and block.new_paragraph is not None:
            changes += [_inserted(s, block.new_paragraph) for s in _sentences(block.new_text)]
        elif block.kind == "delete" and block.old_paragraph is not None:
            changes += [_deleted(s, block.old_paragraph) for s in _sentences(block.old_text)]
        elif block.kind == "replace" and block.new_paragraph is not None:
            changes += _replaced(block.old_text, block.new_text, block.new_paragraph)
    return ChangeSummary(tuple(changes), diff.moves, diff.invisible)


def _sentences(text: str) -> list[str]:
    return [s for s in (s.strip() for s in sentences(text)) if s]


def _visible_key(sentence: str) -> str:
    """What a reader sees of a sentence: NFC, no hidden characters, single spaces."""
    text = unicodedata.normalize("NFC", sentence.translate(_HIDDEN))
    return " ".join(text.split())


def _inserted(sentence: str, paragraph: int) -> SentenceChange:
    return SentenceChange("inserted", paragraph, "", sentence, "", sentence)


def _deleted(sentence: str, paragraph: int) -> SentenceChange:
    return SentenceChange("deleted", paragraph, sentence, "", sentence, "")


def _replaced(old: str, new: str, paragraph: int) -> list[SentenceChange]:
    old_s, new_s = _sentences(old), _sentences(new)
    keys_old = [_visible_key(s) for s in old_s]
    keys_new = [_visible_key(s) for s in new_s]
    out: list[SentenceChange] = []
    for tag, i1, i2, j1, j2 in opcodes(keys_old, keys_new):
        if tag == "equal":
            continue
        bags_old = [word_bag(k) for k in keys_old[i1:i2]]
        bags_new = [word_bag(k) for k in keys_new[j1:j2]]
        for i, j in pair_items(bags_old, bags_new, SENTENCE_PAIR_THRESHOLD):
            if i is not None and j is not None:
                a, b = old_s[i1 + i], new_s[j1 + j]
                old_phrase, new_phrase = minimal_phrase(a, b)
                out.append(SentenceChange("replaced", paragraph, a, b, old_phrase, new_phrase))
            elif i is not None:
                out.append(_deleted(old_s[i1 + i], paragraph))
            elif j is not None:
                out.append(_inserted(new_s[j1 + j], paragraph))
    return out


def minimal_phrase(old: str, new: str) -> tuple[str, str]:
    """The smallest stretch of whole words that differs between two versions of a sentence.

    Common words at both ends are dropped, a stretch that starts or ends inside a word grows
    to the whole word ("$2.40." rather than "2"), then punctuation both sides share at the ends
    is dropped again ("$2.40" rather than "$2.40.").
    """
    a, b = tokenize(old), tokenize(new)
    limit = min(len(a), len(b))
    lo = 0
    while lo < limit and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < limit - lo and a[-1 - hi] == b[-1 - hi]:
        hi += 1
    head = len("".join(a[:lo]))
    tail_a = len("".join(a[len(a) - hi :]))
    tail_b = len("".join(b[len(b) - hi :]))
    old_phrase = _widen(old, head, len(old) - tail_a)
    new_phrase = _widen(new, head, len(new) - tail_b)
    while old_phrase and new_phrase and old_phrase[-1] == new_phrase[-1] in _CLOSERS:
        old_phrase, new_phrase = old_phrase[:-1].rstrip(), new_phrase[:-1].rstrip()
    while old_phrase and new_phrase and old_phrase[0] == new_phrase[0] in _OPENERS:
        old_phrase, new_phrase = old_phrase[1:].lstrip(), new_phrase[1:].lstrip()
    return old_phrase, new_phrase


def _widen(text: str, start: int, end: int) -> str:
    """``text[start:end]`` grown to whole words at an end that cuts through one."""
    if start == end and not (
        0 < start < len(text) and not text[start - 1].isspace() and not text[start].isspace()
    ):
        return ""  # nothing here, and not in the middle of a word either
    if start < len(text) and not text[start].isspace():
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    if end > 0 and not text[end - 1].isspace():
        while end < len(text) and not text[end].isspace():
            end += 1
    return text[start:end].strip()
