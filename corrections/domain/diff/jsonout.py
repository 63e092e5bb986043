"""The diff as plain JSON data, for ``--json`` output and for records on disk."""

from __future__ import annotations

from .fields import FieldChange
from .model import Block, Move, Segment, TextDiff
from .summary import summarize


def _segments(segments: tuple[Segment, ...] | list[Segment]) -> list[dict[str, object]]:
    return [{"kind": s.kind, "text": s.text} for s in segments]


def _move(move: Move) -> dict[str, object]:
    return {
        "from_paragraph": move.from_paragraph,
        "to_paragraph": move.to_paragraph,
        "text": move.text,
    }


def _block(block: Block) -> dict[str, object]:
    return {
        "kind": block.kind,
        "old_paragraph": block.old_paragraph,
        "new_paragraph": block.new_paragraph,
        "old_start": block.old_start,
        "new_start": block.new_start,
        "old_text": block.old_text,
        "new_text": block.new_text,
        "segments": _segments(block.segments),
        "move": _move(block.move) if block.move else None,
        "move_side": block.move_side,
    }


def diff_to_json(diff: TextDiff) -> dict[str, object]:
    """Blocks, whole-text segments, sentence summary, invisible changes and moves."""
    summary = summarize(diff)
    return {
        "changed": diff.changed,
        "blocks": [_block(b) for b in diff.blocks],
        "segments": _segments(diff.segments()),
        "summary": [
            {
                "kind": c.kind,
                "paragraph": c.paragraph,
                "old_sentence": c.old_sentence,
                "new_sentence": c.new_sentence,
                "old_phrase": c.old_phrase,
                "new_phrase": c.new_phrase,
            }
            for c in summary.changes
        ],
        "invisible": [
            {"kind": i.kind, "paragraph": i.paragraph, "description": i.description}
            for i in diff.invisible
        ],
        "moves": [_move(m) for m in diff.moves],
    }


def field_changes_to_json(changes: tuple[FieldChange, ...]) -> list[dict[str, object]]:
    """Field changes as JSON data; values that JSON cannot hold (dates) become strings."""
    return [
        {
            "name": c.name,
            "kind": c.kind,
            "old": _plain(c.old),
            "new": _plain(c.new),
            "segments": _segments(c.segments),
        }
        for c in changes
    ]


def _plain(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
