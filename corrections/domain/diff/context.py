"""Where a diff's changes are, and how much unchanged text to show around them.

Code review tools fold unchanged lines around a hunk; news prose has long paragraphs, so an
edited paragraph is folded at the sentence level: the sentences that hold a change are kept
with ``context`` sentences on each side, and every other run of unchanged sentences becomes
one :class:`Folded` piece (shown as "…", expanded on request). Nothing changed is ever folded.
"""

from __future__ import annotations

from collections.abc import Sequence

from corrections.domain.frozen import frozen

from .model import Segment, TextDiff
from .sentences import sentences


@frozen
class Folded:
    """Unchanged text left out of an edited paragraph: ``count`` sentences of ``text``."""

    text: str
    count: int

    @property
    def shown(self) -> str:
        """What stands for it: "…" followed by the whitespace that ended the folded text
        (a paragraph's closing blank lines stay, so the layout does not change)."""
        body = self.text.rstrip()
        return "…" + self.text[len(body) :]


Piece = Segment | Folded


def trim_context(segments: Sequence[Segment], context: int = 1) -> tuple[Piece, ...]:
    """An edited paragraph's segments with unchanged sentences far from a change folded.

    Sentences are found in the paragraph as the segments spell it (old and new words
    together), so a sentence holding any changed character is kept whole, and with it
    ``context`` sentences before and after. Joining ``Segment`` texts and ``Folded`` texts
    in order gives back the segments' texts exactly.
    """
    segments = _merged(segments)
    text = "".join(seg.text for seg in segments)
    # Per character: does it belong to a change?
    changed = bytearray(len(text))
    at = 0
    for seg in segments:
        if seg.kind != "equal":
            changed[at : at + len(seg.text)] = b"\x01" * len(seg.text)
        at += len(seg.text)
    spans: list[tuple[int, int]] = []
    at = 0
    for sentence in sentences(text):
        spans.append((at, at + len(sentence)))
        at += len(sentence)
    # A sentence is "hot" when a change is in its words. A change in the spaces after
    # a sentence (" (Argentina withdrew…)" inserted after "defence.") belongs to the
    # sentence that follows; the sentence holding it is kept all the same.
    hot = [False] * len(spans)
    keep = [False] * len(spans)
    for k, (a, b) in enumerate(spans):
        body_end = a + len(text[a:b].rstrip())
        in_tail = any(changed[body_end:b])
        if any(changed[a:body_end]) or (in_tail and k + 1 == len(spans)):
            hot[k] = True
        if in_tail:
            keep[k] = True
            if k + 1 < len(spans):
                hot[k + 1] = True
    for k, is_hot in enumerate(hot):
        if is_hot:
            for n in range(max(0, k - context), min(len(spans), k + context + 1)):
                keep[n] = True
    if all(keep) or not any(hot):
        return tuple(segments)
    # Fold ranges: runs of sentences not kept, as character offsets.
    folds: list[tuple[int, int, int]] = []
    for k, (a, b) in enumerate(spans):
        if keep[k]:
            continue
        if folds and folds[-1][1] == a:
            start, _, count = folds[-1]
            folds[-1] = (start, b, count + 1)
        else:
            folds.append((a, b, 1))
    return _cut(segments, folds)


def _merged(segments: Sequence[Segment]) -> list[Segment]:
    """Adjacent unchanged segments as one, empty ones dropped."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and seg.kind == "equal" and out[-1].kind == "equal":
            out[-1] = Segment("equal", out[-1].text + seg.text)
        else:
            out.append(seg)
    return out


def _cut(segments: Sequence[Segment], folds: list[tuple[int, int, int]]) -> tuple[Piece, ...]:
    """Replace the character ranges ``folds`` (only ever unchanged text) with Folded pieces."""
    out: list[Piece] = []
    at = 0
    f = 0
    for seg in segments:
        start, end = at, at + len(seg.text)
        at = end
        if seg.kind != "equal":
            out.append(seg)
            continue
        pos = start
        while f < len(folds) and folds[f][0] < end:
            a, b, count = folds[f]
            if a > pos:
                out.append(Segment("equal", seg.text[pos - start : a - start]))
            # A fold lies inside one unchanged segment: changes are never folded, and a
            # fold's sentences hold no change, so no segment boundary falls inside it.
            out.append(Folded(seg.text[a - start : b - start], count))
            pos = b
            f += 1
        if pos < end:
            out.append(Segment("equal", seg.text[pos - start :]))
    return tuple(out)


def folded_segments(diff: TextDiff, context: int = 1) -> list[Piece]:
    """:meth:`TextDiff.segments` with each edited paragraph trimmed by :func:`trim_context`."""
    out: list[Piece] = []
    for block in diff.blocks:
        if block.kind == "replace":
            out += trim_context(block.segments, context)
        elif block.kind == "move":
            text = block.old_text if block.move_side == "from" else block.new_text
            out.append(Segment("delete" if block.move_side == "from" else "insert", text))
        else:
            out += block.segments
    return [piece for piece in out if piece.text]


@frozen
class ChangePlace:
    """One changed paragraph: its number (in the new text, or the old one for a paragraph
    that was removed) and the index of its block in ``TextDiff.blocks``."""

    paragraph: int
    block: int


def change_places(diff: TextDiff) -> tuple[ChangePlace, ...]:
    """Every changed paragraph in reading order (a moved paragraph counts where it went)."""
    places: list[ChangePlace] = []
    for k, block in enumerate(diff.blocks):
        if block.kind == "equal" or (block.kind == "move" and block.move_side == "from"):
            continue
        number = block.new_paragraph or block.old_paragraph
        if number is None:
            continue
        places.append(ChangePlace(number, k))
    return tuple(places)


MAX_NAMED = 6


def describe_places(labels: Sequence[str], current: int | None = None) -> str:
    """ "2 changes · paragraphs 18, 21 · change 1 of 2" for places labelled "paragraph 18"
    and "paragraph 21" (or "headline"); ``current`` is 0-based."""
    if not labels:
        return "No change."
    count = len(labels)
    shown = list(labels[:MAX_NAMED])
    if all(label.startswith("paragraph ") for label in shown):
        numbers = [label.removeprefix("paragraph ") for label in shown]
        where = ("paragraphs " if count > 1 else "paragraph ") + ", ".join(numbers)
    else:
        where = ", ".join(shown)
    if count > MAX_NAMED:
        where += ", …"
    head = f"{count} change{'s' if count > 1 else ''} · {where}"
    if current is None:
        return head
    return f"{head} · change {current + 1} of {count}"
