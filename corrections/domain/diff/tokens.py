"""Word tokens and the word-level diff of one paragraph.

Tokens are lossless: whitespace runs, words (with the punctuation *inside* them, so "2.40",
"U.S", "don't" and "co-operation" stay whole, and "$2.40" and "13.5%" too) and single other
characters. Combining marks
and zero-width joiners count as word characters, so "e" + U+0301 stays one word with its
base letter and an NFC/NFD change is seen as one changed word.
"""

from __future__ import annotations

import re

from .matcher import opcodes, pair_items, word_bag
from .model import Segment
from .sentences import sentences

_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff"
    "\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f"
)
_W = rf"[\w{_MARKS}]"
# A currency sign before a number and a per cent sign after it belong to it: a reviewer
# should read "[-$4-]{+$4.2+}", not "$[-4-]{+4.2+}".
_TOKEN = re.compile(rf"\s+|[$€£¥]?{_W}+(?:[.,'’\-]{_W}+)*%?|.", re.DOTALL)


def tokenize(text: str) -> list[str]:
    """Split into tokens whose concatenation is ``text``."""
    return _TOKEN.findall(text)


def _sentence_key(sentence: str) -> str:
    # Sentences align on their words: the whitespace (and CRs) around them may differ and
    # still be the same sentence, so "…defence." stays matched when a sentence is appended.
    return sentence.strip().replace("\r", "")


def word_segments(old: str, new: str) -> tuple[Segment, ...]:
    """The word-level diff of two versions of a paragraph (or any short text).

    Hierarchical to stay fast on huge paragraphs: sentences are aligned first, and only the
    runs of sentences that differ are tokenised and diffed word by word.
    """
    if old == new:
        return (Segment("equal", old),) if old else ()
    if not old:
        return (Segment("insert", new),)
    if not new:
        return (Segment("delete", old),)
    old_s, new_s = sentences(old), sentences(new)
    if len(old_s) == 1 or len(new_s) == 1:
        return normalize(_token_diff(old, new))
    raw: list[Segment] = []
    pending_old: list[str] = []
    pending_new: list[str] = []

    def flush() -> None:
        if pending_old or pending_new:
            raw.extend(_pending_diff(pending_old, pending_new))
            pending_old.clear()
            pending_new.clear()

    keys_old = [_sentence_key(s) for s in old_s]
    keys_new = [_sentence_key(s) for s in new_s]
    for tag, i1, i2, j1, j2 in opcodes(keys_old, keys_new):
        if tag != "equal":
            pending_old.extend(old_s[i1:i2])
            pending_new.extend(new_s[j1:j2])
            continue
        for a, b in zip(old_s[i1:i2], new_s[j1:j2], strict=True):
            if a == b:
                flush()
                raw.append(Segment("equal", a))
            else:
                pending_old.append(a)
                pending_new.append(b)
    flush()
    return normalize(raw)


# Above this many characters, a stretch of changed sentences is diffed sentence pair by
# sentence pair instead of as one token sequence: matching tokens is superlinear, and a
# rewritten 50,000-character paragraph would otherwise take seconds.
_WHOLE_STRETCH_LIMIT = 4000
SENTENCE_PAIR_THRESHOLD = 0.3


def _pending_diff(old: list[str], new: list[str]) -> list[Segment]:
    old_text, new_text = "".join(old), "".join(new)
    if len(old_text) + len(new_text) <= _WHOLE_STRETCH_LIMIT or len(old) < 2 or len(new) < 2:
        # Small stretches are diffed whole, which also shows merged or split sentences well.
        return _token_diff(old_text, new_text)
    out: list[Segment] = []
    steps = pair_items(
        [word_bag(s) for s in old], [word_bag(s) for s in new], SENTENCE_PAIR_THRESHOLD
    )
    for i, j in steps:
        if i is not None and j is not None:
            out.extend(_token_diff(old[i], new[j]))
        elif i is not None:
            out.append(Segment("delete", old[i]))
        elif j is not None:
            out.append(Segment("insert", new[j]))
    return out


def _token_diff(old: str, new: str) -> list[Segment]:
    a, b = tokenize(old), tokenize(new)
    # Common leading and trailing tokens are cheap to peel off and keep the matcher's
    # work proportional to the edited stretch.
    lo = 0
    limit = min(len(a), len(b))
    while lo < limit and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < limit - lo and a[-1 - hi] == b[-1 - hi]:
        hi += 1
    out: list[Segment] = []
    if lo:
        out.append(Segment("equal", "".join(a[:lo])))
    mid_a, mid_b = a[lo : len(a) - hi], b[lo : len(b) - hi]
    for tag, i1, i2, j1, j2 in opcodes(mid_a, mid_b):
        if tag == "equal":
            out.append(Segment("equal", "".join(mid_a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Segment("delete", "".join(mid_a[i1:i2])))
        if j2 > j1:
            out.append(Segment("insert", "".join(mid_b[j1:j2])))
    if hi:
        out.append(Segment("equal", "".join(a[len(a) - hi :])))
    return out


def normalize(segments: list[Segment]) -> tuple[Segment, ...]:
    """Merge neighbours, fold each run of changes into one deletion then one insertion, and
    absorb a lone whitespace gap between two changes ("[-a b-]{+x y+}" reads better than
    "[-a-]{+x+} [-b-]{+y+}"). The old and new texts the segments spell are unchanged."""
    runs: list[tuple[bool, list[str], list[str]]] = []  # (is_equal, old parts, new parts)
    for seg in segments:
        if not seg.text:
            continue
        equal = seg.kind == "equal"
        if not runs or runs[-1][0] != equal:
            runs.append((equal, [], []))
        if seg.kind != "insert":
            runs[-1][1].append(seg.text)
        if seg.kind != "delete":
            runs[-1][2].append(seg.text)
    merged: list[tuple[bool, list[str], list[str]]] = []
    k = 0
    while k < len(runs):
        run = runs[k]
        gap = run[0] and "".join(run[1])
        if gap and gap.isspace() and merged and not merged[-1][0] and k + 1 < len(runs):
            nxt = runs[k + 1]
            merged[-1][1].extend([gap, *nxt[1]])
            merged[-1][2].extend([gap, *nxt[2]])
            k += 2
            continue
        merged.append(run)
        k += 1
    out: list[Segment] = []
    for equal, olds, news in merged:
        if equal:
            out.append(Segment("equal", "".join(olds)))
            continue
        if olds:
            out.append(Segment("delete", "".join(olds)))
        if news:
            out.append(Segment("insert", "".join(news)))
    return tuple(out)
