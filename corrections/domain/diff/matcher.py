"""Sequence matching and pairing of replaced items.

``cydifflib`` is a C build of ``difflib`` with the same API and results; it is used when
installed and plain ``difflib`` otherwise. ``autojunk`` is always off: its heuristic treats any
item seen in more than 1% of a long sequence as junk, which in prose means "the" and "," stop
anchoring the alignment and diffs of long texts fall apart.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Literal, Protocol, cast

Opcode = tuple[Literal["equal", "delete", "insert", "replace"], int, int, int, int]


class _Matcher(Protocol):
    def get_opcodes(self) -> list[tuple[str, int, int, int, int]]: ...

    def get_grouped_opcodes(
        self, n: int = ...
    ) -> Sequence[list[tuple[str, int, int, int, int]]]: ...


try:
    from cydifflib import SequenceMatcher as _SequenceMatcher
except ImportError:  # pragma: no cover - the pure-Python fallback gives the same results
    from difflib import SequenceMatcher as _SequenceMatcher


def matcher(a: Sequence[Hashable], b: Sequence[Hashable]) -> _Matcher:
    return cast(_Matcher, _SequenceMatcher(None, a, b, autojunk=False))


# difflib finds matches one at a time, each by a scan of what is left, so two long sequences
# that agree in many short stretches (a paragraph of thousands of sentences, every other one
# edited) take time in the square of their length. Longer than this on both sides, they are
# first cut at anchors: items found exactly once on each side, kept in the longest run both
# sides have in the same order (as "patience diff" does); only the stretches between two
# anchors go to difflib. Shorter ones, every real article's paragraph among them, are
# matched as before.
ANCHOR_ABOVE = 1000


def opcodes(
    a: Sequence[Hashable], b: Sequence[Hashable], *, anchor_above: int = ANCHOR_ABOVE
) -> list[Opcode]:
    if min(len(a), len(b)) <= anchor_above:
        return cast(list[Opcode], matcher(a, b).get_opcodes())
    anchors = _anchors(a, b)
    if not anchors:
        # Nothing found once on each side: a long run of repeated items (spaces, "the",
        # full stops). Here difflib's own heuristic is the lesser evil: items in more than
        # 1% of the run stop anchoring, which keeps the work near linear.
        junked = _SequenceMatcher(None, a, b, autojunk=True)
        return cast(list[Opcode], junked.get_opcodes())
    out: list[Opcode] = []
    i0 = j0 = 0
    for i, j in [*anchors, (len(a), len(b))]:
        if i0 < i or j0 < j:
            gap = opcodes(a[i0:i], b[j0:j], anchor_above=anchor_above)
            for tag, a1, a2, b1, b2 in gap:
                _append(out, (tag, a1 + i0, a2 + i0, b1 + j0, b2 + j0))
        if i < len(a):
            _append(out, ("equal", i, i + 1, j, j + 1))
        i0, j0 = i + 1, j + 1
    return out


def _anchors(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs (i, j), both increasing, of items found exactly once in ``a`` and in ``b``:
    the longest such run (a longest increasing subsequence, in n log n)."""
    in_a, in_b = Counter(a), Counter(b)
    where_b = {item: j for j, item in enumerate(b) if in_b[item] == 1}
    pairs = [(i, where_b[x]) for i, x in enumerate(a) if in_a[x] == 1 and x in where_b]
    tails: list[int] = []  # tails[n]: the pair ending the best run of length n + 1 so far
    tail_js: list[int] = []  # its j, for bisecting
    before = [-1] * len(pairs)  # the pair before each one in its run
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tail_js, j)
        if at:
            before[k] = tails[at - 1]
        if at == len(tails):
            tails.append(k)
            tail_js.append(j)
        else:
            tails[at] = k
            tail_js[at] = j
    run: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        run.append(pairs[k])
        k = before[k]
    return run[::-1]


def _append(out: list[Opcode], op: Opcode) -> None:
    """Add an opcode, joining it to the last one when both are equal stretches that meet."""
    if out and out[-1][0] == op[0] == "equal" and out[-1][2] == op[1] and out[-1][4] == op[3]:
        out[-1] = ("equal", out[-1][1], op[2], out[-1][3], op[4])
    else:
        out.append(op)


_WORD = re.compile(r"\w+")


def word_bag(text: str) -> Counter[str]:
    """The words of a text, case-folded and NFC-normalised so that a paragraph whose only
    change is invisible still pairs with its old version."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return Counter(_WORD.findall(text.lower()))


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two word bags: cheap, order-blind, good enough to pair paragraphs."""
    total = a.total() + b.total()
    if not total:
        return 1.0
    return 2 * (a & b).total() / total


# Above this many candidate pairs the exact alignment would cost more than the diff itself.
_DP_LIMIT = 4096


def pair_items(
    old: Sequence[Counter[str]], new: Sequence[Counter[str]], threshold: float
) -> list[tuple[int | None, int | None]]:
    """Align two runs of replaced items in order, pairing those that look alike.

    Returns steps ``(i, j)`` (a pair), ``(i, None)`` (old item removed) or ``(None, j)`` (new
    item added), covering every item once, both indexes increasing. Pairs need a similarity of
    at least ``threshold``. Small runs are aligned exactly (the order-preserving pairing with
    the greatest total similarity); long runs greedily, so the cost stays linear.
    """
    n, m = len(old), len(new)
    if n == m == 1:
        # One paragraph became one paragraph: however much it changed, it is an edit.
        return [(0, 0)]
    if n * m > _DP_LIMIT:
        return _pair_greedy(old, new, threshold)
    sim = [[similarity(a, b) for b in new] for a in old]
    # best[i][j]: the best total for old[i:], new[j:].
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            score = max(below[j], row[j + 1])
            s = sim[i][j]
            if s >= threshold:
                score = max(score, s + below[j + 1])
            row[j] = score
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        s = sim[i][j]
        if s >= threshold and best[i][j] == s + best[i + 1][j + 1]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps.extend((k, None) for k in range(i, n))
    steps.extend((None, k) for k in range(j, m))
    return _deletes_first(steps)


def _pair_greedy(
    old: Sequence[Counter[str]], new: Sequence[Counter[str]], threshold: float
) -> list[tuple[int | None, int | None]]:
    n, m = len(old), len(new)
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if similarity(old[i], new[j]) >= threshold:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif j + 1 < m and similarity(old[i], new[j + 1]) >= threshold:
            steps.append((None, j))
            j += 1
        elif i + 1 < n and similarity(old[i + 1], new[j]) >= threshold:
            steps.append((i, None))
            i += 1
        else:
            steps.append((i, None))
            steps.append((None, j))
            i, j = i + 1, j + 1
    steps.extend((k, None) for k in range(i, n))
    steps.extend((None, k) for k in range(j, m))
    return _deletes_first(steps)


def _deletes_first(
    steps: list[tuple[int | None, int | None]],
) -> list[tuple[int | None, int | None]]:
    """Between two pairs, list removals before additions, as ``git diff`` does."""
    out: list[tuple[int | None, int | None]] = []
    dels: list[tuple[int | None, int | None]] = []
    ins: list[tuple[int | None, int | None]] = []
    for step in steps:
        if step[0] is not None and step[1] is not None:
            out += dels + ins + [step]
            dels, ins = [], []
        elif step[0] is not None:
            dels.append(step)
        else:
            ins.append(step)
    return out + dels + ins
