"""diff_texts and apply_diff: the paragraph-level engine.

The work is hierarchical so it never goes quadratic on a long article: paragraphs are aligned
first (one hashable key per paragraph), and only paragraphs that changed are split into
sentences and words. An unchanged paragraph is never tokenised.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .invisible import change_runs, classify, describe
from .lines import Chunk, normalized_key, paragraph_key, split_paragraphs
from .matcher import opcodes, pair_items, word_bag
from .model import Block, InvisibleChange, InvisibleKind, Move, Segment, TextDiff
from .tokens import word_segments

# Two paragraphs in a rewritten stretch are shown as one edited paragraph when at least this
# share of their words is common; below it, as one removed and one added paragraph.
PAIR_THRESHOLD = 0.4


@dataclass(slots=True)
class _Side:
    """One text with its paragraph chunks."""

    text: str
    chunks: list[Chunk]

    def chunk(self, i: int) -> str:
        c = self.chunks[i]
        return self.text[c.start : c.end]

    def body(self, i: int) -> str:
        c = self.chunks[i]
        return self.text[c.body_start : c.body_end]


def diff_texts(old: str, new: str) -> TextDiff:
    """Diff two texts: paragraph blocks, word segments inside edited paragraphs, moved
    paragraphs and invisible changes."""
    a = _Side(old, split_paragraphs(old))
    b = _Side(new, split_paragraphs(new))
    blocks: list[Block] = []
    keys_a = [paragraph_key(a.body(i)) for i in range(len(a.chunks))]
    keys_b = [paragraph_key(b.body(j)) for j in range(len(b.chunks))]
    for tag, i1, i2, j1, j2 in opcodes(keys_a, keys_b):
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                blocks.append(_pair_block(a, b, i, j))
            continue
        steps: list[tuple[int | None, int | None]]
        if tag == "replace":
            bags_a = [word_bag(keys_a[i]) for i in range(i1, i2)]
            bags_b = [word_bag(keys_b[j]) for j in range(j1, j2)]
            steps = [
                (None if i is None else i1 + i, None if j is None else j1 + j)
                for i, j in pair_items(bags_a, bags_b, PAIR_THRESHOLD)
            ]
        else:
            steps = [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
        for si, sj in steps:
            if si is not None and sj is not None:
                blocks.append(_pair_block(a, b, si, sj))
            elif si is not None:
                blocks.append(_delete_block(a, si))
            elif sj is not None:
                blocks.append(_insert_block(b, sj))
    blocks, moves = _find_moves(blocks, a)
    result = _place(_shift_separators(blocks))
    return TextDiff(old, new, result, _invisible(result), moves)


def _pair_block(a: _Side, b: _Side, i: int, j: int) -> Block:
    old_text, new_text = a.chunk(i), b.chunk(j)
    start_a, start_b = a.chunks[i].start, b.chunks[j].start
    if old_text == new_text:
        same = (Segment("equal", old_text),)
        return Block("equal", old_text, new_text, i + 1, j + 1, start_a, start_b, same)
    segments = word_segments(old_text, new_text)
    return Block("replace", old_text, new_text, i + 1, j + 1, start_a, start_b, segments)


def _delete_block(a: _Side, i: int) -> Block:
    text = a.chunk(i)
    start = a.chunks[i].start
    return Block("delete", text, "", i + 1, None, start, -1, (Segment("delete", text),))


def _insert_block(b: _Side, j: int) -> Block:
    text = b.chunk(j)
    start = b.chunks[j].start
    return Block("insert", "", text, None, j + 1, -1, start, (Segment("insert", text),))


def _find_moves(blocks: list[Block], a: _Side) -> tuple[list[Block], tuple[Move, ...]]:
    """Turn a deleted paragraph that reappears (same words, maybe other whitespace) as an
    inserted one elsewhere into a pair of ``move`` blocks."""
    deleted: dict[str, list[int]] = {}
    for k, block in enumerate(blocks):
        if block.kind == "delete" and block.old_paragraph is not None:
            key = normalized_key(a.body(block.old_paragraph - 1))
            if key:
                deleted.setdefault(key, []).append(k)
    if not deleted:
        return blocks, ()
    moves: list[Move] = []
    out = list(blocks)
    for k, block in enumerate(blocks):
        if block.kind != "insert" or block.new_paragraph is None:
            continue
        candidates = deleted.get(normalized_key(block.new_text))
        if not candidates:
            continue
        src_index = candidates.pop(0)
        src = blocks[src_index]
        if src.old_paragraph is None:  # pragma: no cover - delete blocks always have one
            continue
        move = Move(src.old_paragraph, block.new_paragraph, block.new_text.strip())
        moves.append(move)
        out[src_index] = Block(
            "move", src.old_text, "", src.old_paragraph, None, src.old_start, -1,
            (Segment("delete", src.old_text),), move, "from",
        )  # fmt: skip
        out[k] = Block(
            "move", src.old_text, block.new_text, src.old_paragraph, block.new_paragraph,
            src.old_start, block.new_start, word_segments(src.old_text, block.new_text),
            move, "to",
        )  # fmt: skip
    moves.sort(key=lambda m: (m.to_paragraph, m.from_paragraph))
    return out, tuple(moves)


def _shift_separators(blocks: list[Block]) -> list[Block]:
    """Give the blank lines that appear or vanish with an added or removed paragraph to
    that paragraph.

    Blank lines belong to the paragraph before them, so appending a paragraph to a text
    ending in "B.\\n" turns that paragraph into "B.\\n\\n". Shown as is, "B." would look
    edited (a whitespace change); moving the extra "\\n" into the insertion keeps "B."
    unchanged and makes the insertion "\\nC.\\n", which is what happened.
    """
    out = list(blocks)
    for k in range(len(out) - 1):
        block, nxt = out[k], out[k + 1]
        if block.kind != "replace":
            continue
        old_sep, new_sep = _trailing_blank(block.old_text), _trailing_blank(block.new_text)
        adds = nxt.kind == "insert" or nxt.move_side == "to"
        drops = nxt.kind == "delete" or nxt.move_side == "from"
        if adds and len(new_sep) > len(old_sep) and new_sep.startswith(old_sep):
            extra = new_sep[len(old_sep) :]
            new_text = block.new_text[: len(block.new_text) - len(extra)]
            out[k] = _rediff(block, block.old_text, new_text)
            segments = (Segment("insert", extra), *nxt.segments)
            out[k + 1] = replace(nxt, new_text=extra + nxt.new_text, segments=segments)
        elif drops and len(old_sep) > len(new_sep) and old_sep.startswith(new_sep):
            extra = old_sep[len(new_sep) :]
            old_text = block.old_text[: len(block.old_text) - len(extra)]
            out[k] = _rediff(block, old_text, block.new_text)
            segments = (Segment("delete", extra), *nxt.segments)
            out[k + 1] = replace(nxt, old_text=extra + nxt.old_text, segments=segments)
    return out


def _trailing_blank(text: str) -> str:
    return text[len(text.rstrip(" \t\r\n")) :]


def _rediff(block: Block, old_text: str, new_text: str) -> Block:
    if old_text == new_text:
        segments: tuple[Segment, ...] = (Segment("equal", old_text),)
        return replace(block, kind="equal", old_text=old_text, new_text=new_text, segments=segments)
    segments = word_segments(old_text, new_text)
    return replace(block, old_text=old_text, new_text=new_text, segments=segments)


def _place(blocks: list[Block]) -> tuple[Block, ...]:
    """Set each block's offsets from the running position in the old and new texts.

    A ``to`` block keeps its ``old_start``: it points at the source of the move.
    """
    out = []
    old_pos = new_pos = 0
    for block in blocks:
        if block.move_side == "to":
            block = replace(block, new_start=new_pos)
        else:
            block = replace(block, old_start=old_pos, new_start=new_pos)
            old_pos += len(block.old_text)
        new_pos += len(block.new_text)
        out.append(block)
    return tuple(out)


def _invisible(blocks: tuple[Block, ...]) -> tuple[InvisibleChange, ...]:
    """Invisible changes, one record per paragraph and kind (a CRLF→LF conversion touches
    every line; one line per paragraph is enough to say so)."""
    found: dict[tuple[int, InvisibleKind], list[str]] = {}
    for block in blocks:
        # A moved paragraph's words are unchanged by definition; only its blank lines can
        # differ, and that follows from where it now sits.
        if block.kind in ("equal", "move"):
            continue
        paragraph = block.new_paragraph or block.old_paragraph or 1
        for old, new in change_runs(block.segments):
            for kind in classify(old, new):
                found.setdefault((paragraph, kind), []).append(describe(kind, old, new))
    out = []
    for (paragraph, kind), descriptions in found.items():
        unique = list(dict.fromkeys(descriptions))
        text = unique[0]
        if len(descriptions) > 1:
            text = (
                f"{text} ({len(descriptions)} places)"
                if len(unique) == 1
                else (f"{text} and {len(descriptions) - 1} more")
            )
        out.append(InvisibleChange(kind, paragraph, text))
    return tuple(out)


def apply_diff(old: str, diff: TextDiff) -> str:
    """Rebuild the new text from ``old`` and the diff's operations.

    Unchanged text is taken from ``old`` itself and each block's old side is checked against
    it; ``ValueError`` is raised when ``old`` is not the text the diff was made from.
    """
    out: list[str] = []
    pos = 0  # how much of ``old`` the blocks have consumed
    for block in diff.blocks:
        if block.move_side == "to":
            start = block.old_start
            src = old[start : start + len(block.old_text)]
            if start < 0 or src != block.old_text:
                raise ValueError(f"moved paragraph {block.old_paragraph} is not in the old text")
            out.append(_apply_segments(src, block.segments))
            continue
        src = old[pos : pos + len(block.old_text)]
        if src != block.old_text:
            where = f"paragraph {block.old_paragraph}" if block.old_paragraph else f"offset {pos}"
            raise ValueError(f"the old text differs from the diff's at {where}")
        pos += len(src)
        if block.kind == "equal":
            out.append(src)
        elif block.kind in ("replace", "insert"):
            out.append(_apply_segments(src, block.segments))
    if pos != len(old):
        raise ValueError("the old text is longer than the text the diff was made from")
    return "".join(out)


def _apply_segments(src: str, segments: tuple[Segment, ...]) -> str:
    out: list[str] = []
    pos = 0
    for seg in segments:
        end = pos + len(seg.text)
        if seg.kind == "insert":
            out.append(seg.text)
            continue
        if src[pos:end] != seg.text:
            raise ValueError("the old text does not match the diff")
        if seg.kind == "equal":
            out.append(src[pos:end])
        pos = end
    if pos != len(src):
        raise ValueError("the old text does not match the diff")
    return "".join(out)
