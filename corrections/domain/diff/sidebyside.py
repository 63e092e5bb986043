"""Side-by-side view: structured rows for coloured front ends, and a plain-text rendering.

Rows hold *display* text: control characters already replaced by placeholders, invisible
changes spelled out, paragraph-separating blank lines dropped. A front end only colours the
segments (``delete`` on the left, ``insert`` on the right) and never needs to look at raw
article text.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import zip_longest
from typing import Literal

from corrections.domain.frozen import frozen

from ..sanitize import revealed, visible
from .context import Folded, trim_context
from .invisible import change_runs, classify, show_hidden, show_run, spelled_out
from .model import Block, Segment, TextDiff
from .render import MOVED_FROM, MOVED_TO, shown_blocks, split_blank_lines, split_trailing_space

RowKind = Literal["equal", "delete", "insert", "replace", "move", "elided"]


@frozen(slots=True)
class SideBySideRow:
    """One paragraph in two columns; ``left`` is the old text, ``right`` the new.

    ``left`` holds only ``equal`` and ``delete`` segments, ``right`` only ``equal`` and
    ``insert``. An ``elided`` row stands for unchanged paragraphs left out; ``note`` then says
    how many, and for moves says where the paragraph went or came from.
    """

    kind: RowKind
    old_paragraph: int | None
    new_paragraph: int | None
    left: tuple[Segment, ...]
    right: tuple[Segment, ...]
    note: str = ""


def side_by_side_rows(
    diff: TextDiff, *, context_paragraphs: int | None = None
) -> list[SideBySideRow]:
    """One row per paragraph block; with ``context_paragraphs``, runs of unchanged
    paragraphs far from any change become one ``elided`` row."""
    shown = shown_blocks(diff.blocks, context_paragraphs)
    rows: list[SideBySideRow] = []
    hidden = 0
    for k, block in enumerate(diff.blocks):
        if not shown[k]:
            hidden += 1
            continue
        if hidden:
            rows.append(_elided(hidden, block))
            hidden = 0
        rows.append(_row(block))
    if hidden:
        rows.append(_elided(hidden, None))
    return rows


def _elided(count: int, following: Block | None) -> SideBySideRow:
    plural = "s" if count > 1 else ""
    return SideBySideRow("elided", None, None, (), (), f"{count} unchanged paragraph{plural}")


def _plain(kind: Literal["equal", "delete", "insert"], text: str) -> tuple[Segment, ...]:
    _head, body, _tail = split_blank_lines(text)
    shown = visible(body) if kind == "equal" else show_hidden(body)
    return (Segment(kind, shown),) if shown else ()


def _row(block: Block) -> SideBySideRow:
    old_p, new_p = block.old_paragraph, block.new_paragraph
    if block.kind == "equal":
        segs = _plain("equal", block.new_text)
        return SideBySideRow("equal", old_p, new_p, segs, segs)
    if block.kind == "move":
        if block.move_side == "from":
            to = block.move.to_paragraph if block.move else None
            left = _plain("delete", block.old_text)
            return SideBySideRow("move", old_p, None, left, (), MOVED_TO.format(to))
        right = _plain("insert", block.new_text)
        return SideBySideRow("move", old_p, new_p, (), right, MOVED_FROM.format(old_p))
    if block.kind == "delete" and split_blank_lines(block.old_text)[1]:
        return SideBySideRow("delete", old_p, None, _plain("delete", block.old_text), ())
    if block.kind == "insert" and split_blank_lines(block.new_text)[1]:
        return SideBySideRow("insert", None, new_p, (), _plain("insert", block.new_text))
    left, right = _replace_sides(block)
    return SideBySideRow(block.kind, old_p, new_p, left, right)


def _replace_sides(block: Block) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    left: list[Segment] = []
    right: list[Segment] = []
    runs = change_runs(block.segments)
    in_run = False
    for seg in block.segments:
        if seg.kind == "equal":
            left.append(Segment("equal", visible(seg.text)))
            right.append(Segment("equal", visible(seg.text)))
            in_run = False
            continue
        if in_run:
            continue
        in_run = True
        old, new = next(runs)
        kinds = classify(old, new)
        shown_old, shown_new = show_run(old, new, kinds)
        if old:
            left.append(Segment("delete", shown_old))
        if new:
            right.append(Segment("insert", shown_new))
        if spelled_out(kinds):
            # The marks stand for the line breaks; keep each side's real layout after them.
            left.append(Segment("equal", "\n" * old.count("\n")))
            right.append(Segment("equal", "\n" * new.count("\n")))
    return _trim(left), _trim(right)


def _trim(segments: list[Segment]) -> tuple[Segment, ...]:
    """Drop the blank lines that close the paragraph (layout, not content) and empty pieces."""
    while segments and segments[-1].kind == "equal":
        body, _tail = split_trailing_space(segments[-1].text)
        if body:
            segments[-1] = Segment("equal", body)
            break
        segments.pop()
    return tuple(seg for seg in segments if seg.text)


def render_side_by_side(
    diff: TextDiff,
    *,
    width: int = 120,
    context_paragraphs: int | None = 1,
    context_sentences: int | None = None,
) -> str:
    """Two columns, old on the left and new on the right, for a terminal ``width`` wide.

    A "-" in the left gutter marks removed text, a "+" in the right gutter added text; inside
    an edited paragraph the changed words are also wrapped in ``[-…-]`` / ``{+…+}``. With
    ``context_sentences``, each column of an edited paragraph shows only that many unchanged
    sentences around each change, the others as "…".
    """
    if not diff.changed:
        return ""
    col = max(8, (width - 7) // 2)
    lines: list[str] = []
    for row in side_by_side_rows(diff, context_paragraphs=context_paragraphs):
        if lines:
            lines.append(_line(" ", "", " ", "", col))
        if row.kind == "elided":
            lines.append(f"  ⋯ {row.note} ⋯")
            continue
        marked = row.kind == "replace"
        left_segs: tuple[Segment | Folded, ...] = row.left
        right_segs: tuple[Segment | Folded, ...] = row.right
        if marked and context_sentences is not None:
            left_segs = trim_context(row.left, context_sentences)
            right_segs = trim_context(row.right, context_sentences)
        left, left_changed = _cell(left_segs, marked)
        right, right_changed = _cell(right_segs, marked)
        if row.note and row.left:
            left += " " + row.note
            left_changed += [True] * (len(row.note) + 1)
        elif row.note:
            right += " " + row.note
            right_changed += [True] * (len(row.note) + 1)
        l_spans, r_spans = wrap_spans(left, col), wrap_spans(right, col)
        for l_span, r_span in zip_longest(l_spans, r_spans):
            lmark = "-" if l_span and any(left_changed[l_span[0] : l_span[1]]) else " "
            rmark = "+" if r_span and any(right_changed[r_span[0] : r_span[1]]) else " "
            l_text = left[l_span[0] : l_span[1]] if l_span else ""
            r_text = right[r_span[0] : r_span[1]] if r_span else ""
            lines.append(_line(lmark, l_text, rmark, r_text, col))
    return "\n".join(lines) + "\n"


def _cell(segments: tuple[Segment | Folded, ...], marked: bool) -> tuple[str, list[bool]]:
    """A column's text and, per character, whether it belongs to a change (for the gutter)."""
    parts: list[str] = []
    changed: list[bool] = []
    for seg in segments:
        if isinstance(seg, Folded):
            shown = revealed(seg.shown, keep_tabs=False)
            parts.append(shown)
            changed += [False] * len(shown)
            continue
        # Tabs would break the columns: show them as placeholders like other controls,
        # and invisible characters too (the rows keep them for coloured front ends).
        text = revealed(seg.text, keep_tabs=False)
        if marked and seg.kind == "delete":
            text = f"[-{text}-]"
        elif marked and seg.kind == "insert":
            text = f"{{+{text}+}}"
        parts.append(text)
        changed += [seg.kind != "equal"] * len(text)
    return "".join(parts), changed


def _line(lmark: str, left: str, rmark: str, right: str, col: int) -> str:
    pad = " " * (col - text_width(left))
    return f"{lmark} {left}{pad} │ {rmark} {right}".rstrip()


def char_width(ch: str) -> int:
    """Terminal cells taken by one character: 0 for marks, 2 for wide East Asian ones."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


_PIECES = re.compile(r"\S+|[^\S\n]+|\n")


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where to break ``text`` into lines of at most ``width`` cells, as (start, end) offsets.

    Breaks at "\\n" and at spaces; a word longer than a line is cut. Spaces at a break are
    dropped from the line.
    """
    spans: list[tuple[int, int]] = []
    start = end = 0  # the current line is text[start:end]
    used = 0
    for m in _PIECES.finditer(text):
        piece = m.group()
        if piece == "\n":
            spans.append((start, end))
            start = end = m.end()
            used = 0
            continue
        w = text_width(piece)
        if used + w <= width:
            used += w
            if not piece.isspace():
                end = m.end()
            continue
        if piece.isspace():
            spans.append((start, end))
            start = end = m.end()
            used = 0
            continue
        if end > start:
            spans.append((start, end))
        pos = m.start()
        while text_width(text[pos : m.end()]) > width:
            cut = pos + _fit(text[pos : m.end()], width)
            spans.append((pos, cut))
            pos = cut
        start, end, used = pos, m.end(), text_width(text[pos : m.end()])
    spans.append((start, end))
    return spans


def wrap(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_spans(text, width)]


def _fit(piece: str, width: int) -> int:
    """How many leading characters of ``piece`` fit in ``width`` cells (at least one)."""
    used = 0
    for k, ch in enumerate(piece):
        used += char_width(ch)
        if used > width:
            return max(k, 1)
    return len(piece)
