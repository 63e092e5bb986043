"""Front-matter changes, field by field.

A headline change is the one a correction note must name, so ``headline`` sorts first
whatever order the fields are in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from corrections.domain.frozen import frozen

from .model import Segment
from .tokens import word_segments

FieldKind = Literal["added", "removed", "changed"]

# Fields a reader sees first, most prominent first; the rest follow alphabetically.
FIELD_ORDER = ("headline", "title", "subheadline", "dek", "deck", "summary", "byline", "author")
_RANK = {name: rank for rank, name in enumerate(FIELD_ORDER)}


@frozen
class FieldChange:
    """One front-matter field added, removed or changed.

    ``segments`` is the word diff when both values are strings (or one side is absent and
    the other is a string); empty for other values.
    """

    name: str
    kind: FieldKind
    old: object
    new: object
    segments: tuple[Segment, ...] = ()


def diff_fields(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    for name in {**old, **new}:
        if name not in new:
            changes.append(
                FieldChange(name, "removed", old[name], None, _whole("delete", old[name]))
            )
        elif name not in old:
            changes.append(FieldChange(name, "added", None, new[name], _whole("insert", new[name])))
        elif not _same(old[name], new[name]):
            before, after = old[name], new[name]
            segs: tuple[Segment, ...] = ()
            if isinstance(before, str) and isinstance(after, str):
                segs = word_segments(before, after)
            changes.append(FieldChange(name, "changed", before, after, segs))
    changes.sort(key=lambda c: (_RANK.get(c.name, len(FIELD_ORDER)), c.name))
    return tuple(changes)


def _whole(kind: Literal["delete", "insert"], value: object) -> tuple[Segment, ...]:
    return (Segment(kind, value),) if isinstance(value, str) and value else ()


def _same(a: object, b: object) -> bool:
    # 1 == True and 1 == 1.0 in Python, but a YAML value turning from 1 into true is a change.
    return type(a) is type(b) and a == b
