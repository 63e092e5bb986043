"""The value types of a text diff.

Everything here is frozen and made of plain strings, ints and tuples so a diff can be cached,
compared, serialised and handed between threads without copying.
"""

from __future__ import annotations

from typing import Literal

from corrections.domain.frozen import frozen

SegmentKind = Literal["equal", "delete", "insert"]
BlockKind = Literal["equal", "delete", "insert", "replace", "move"]
MoveSide = Literal["from", "to"]
InvisibleKind = Literal["whitespace", "line-ending", "unicode-normalization", "zero-width", "bidi"]


@frozen(slots=True)
class Segment:
    """A run of text that is unchanged, removed from the old text or added in the new one."""

    kind: SegmentKind
    text: str


@frozen
class Move:
    """A paragraph that left one place and reappeared, unchanged but for whitespace, elsewhere.

    Paragraph numbers are 1-based: ``from_paragraph`` counts in the old text, ``to_paragraph``
    in the new text.
    """

    from_paragraph: int
    to_paragraph: int
    text: str


@frozen(slots=True)
class Block:
    """One paragraph-level operation; a diff is the sequence of these in reading order.

    Every block covers at most one paragraph (with the blank lines that follow it) on each
    side, so paragraph numbers stay exact and renderers can elide unchanged paragraphs
    one by one.

    - ``equal``: ``old_text == new_text``.
    - ``delete`` / ``insert``: one side is empty.
    - ``replace``: the same paragraph, edited; ``segments`` is its word-level diff.
    - ``move``: two blocks per move share one :class:`Move`. The ``from`` block sits where
      the paragraph was (it consumes ``old_text`` and produces nothing); the ``to`` block sits
      where it now is and produces ``new_text`` from the *source* paragraph, whose number is
      its ``old_paragraph``. Its ``segments`` turn the source into the destination (they
      differ at most in whitespace).

    ``old_start`` / ``new_start`` are character offsets of ``old_text`` / ``new_text`` in the
    whole old / new text (for a ``to`` block, ``old_start`` points at the source).
    """

    kind: BlockKind
    old_text: str
    new_text: str
    old_paragraph: int | None
    new_paragraph: int | None
    old_start: int
    new_start: int
    segments: tuple[Segment, ...]
    move: Move | None = None
    move_side: MoveSide | None = None


@frozen
class InvisibleChange:
    """A change a reader could not see in plain rendering.

    ``paragraph`` is 1-based, counted in the new text (in the old text for removed text).
    Changes of one kind in one paragraph share a record; ``description`` says how many.
    """

    kind: InvisibleKind
    paragraph: int
    description: str


@frozen
class TextDiff:
    """The diff of two texts: paragraph blocks, word segments, moves and invisible changes."""

    old: str
    new: str
    blocks: tuple[Block, ...]
    invisible: tuple[InvisibleChange, ...] = ()
    moves: tuple[Move, ...] = ()

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def segments(self) -> list[Segment]:
        """The inline word diff of the whole text.

        Joining the ``equal`` and ``delete`` texts gives ``old``; joining ``equal`` and
        ``insert`` gives ``new``. A moved paragraph shows as deleted where it was and
        inserted where it is (``moves`` says which deletions and insertions are moves).
        """
        # Gather pieces per run and join once: repeated string concatenation would copy
        # the whole article once per paragraph.
        runs: list[tuple[SegmentKind, list[str]]] = []
        for block in self.blocks:
            if block.kind == "move":
                if block.move_side == "from":
                    parts: tuple[Segment, ...] = (Segment("delete", block.old_text),)
                else:
                    parts = (Segment("insert", block.new_text),)
            else:
                parts = block.segments
            for seg in parts:
                if not seg.text:
                    continue
                if runs and runs[-1][0] == seg.kind:
                    runs[-1][1].append(seg.text)
                else:
                    runs.append((seg.kind, [seg.text]))
        return [Segment(kind, "".join(pieces)) for kind, pieces in runs]
