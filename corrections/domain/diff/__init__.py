"""The pure diff engine for article text.

Paragraphs are aligned first, then sentences and words inside changed paragraphs only, so
long articles diff in milliseconds. Everything here is pure (stdlib and cydifflib).

Public API:
- :func:`diff_texts` / :func:`apply_diff`: compute a :class:`TextDiff`, replay it.
- :func:`render_words`, :func:`render_side_by_side`, :func:`side_by_side_rows`: renderings.
- :func:`unified_patch`: a patch ``git apply`` accepts. :func:`diff_to_json`: JSON data.
- :func:`summarize`: sentence-level changes for the note drafter.
- :func:`trim_context`, :func:`change_places`: fold unchanged sentences, find the changes.
- :func:`diff_fields`: front-matter changes. :func:`sentences`, :func:`split_lines`: splitters.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .context import (
    ChangePlace,
    Folded,
    change_places,
    describe_places,
    folded_segments,
    trim_context,
)
from .engine import apply_diff, diff_texts
from .fields import FieldChange, diff_fields
from .lines import split_lines, split_paragraphs
from .model import (
    Block,
    BlockKind,
    InvisibleChange,
    InvisibleKind,
    Move,
    Segment,
    SegmentKind,
    TextDiff,
)
from .render import render_words
from .sentences import sentences
from .tokens import tokenize, word_segments

# The other renderings and the sentence summary load when first asked for: showing a
# correction (words) needs none of them.
_LATER = {
    "diff_to_json": "jsonout",
    "field_changes_to_json": "jsonout",
    "Hunk": "patch",
    "line_hunks": "patch",
    "unified_patch": "patch",
    "SideBySideRow": "sidebyside",
    "render_side_by_side": "sidebyside",
    "side_by_side_rows": "sidebyside",
    "ChangeSummary": "summary",
    "SentenceChange": "summary",
    "minimal_phrase": "summary",
    "summarize": "summary",
}

if TYPE_CHECKING:
    from .jsonout import diff_to_json, field_changes_to_json
    from .patch import Hunk, line_hunks, unified_patch
    from .sidebyside import SideBySideRow, render_side_by_side, side_by_side_rows
    from .summary import ChangeSummary, SentenceChange, minimal_phrase, summarize


def __getattr__(name: str) -> object:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Block",
    "BlockKind",
    "ChangePlace",
    "ChangeSummary",
    "FieldChange",
    "Folded",
    "Hunk",
    "InvisibleChange",
    "InvisibleKind",
    "Move",
    "Segment",
    "SegmentKind",
    "SentenceChange",
    "SideBySideRow",
    "TextDiff",
    "apply_diff",
    "change_places",
    "describe_places",
    "diff_fields",
    "diff_texts",
    "diff_to_json",
    "field_changes_to_json",
    "folded_segments",
    "line_hunks",
    "minimal_phrase",
    "render_side_by_side",
    "render_words",
    "sentences",
    "side_by_side_rows",
    "split_lines",
    "split_paragraphs",
    "summarize",
    "tokenize",
    "trim_context",
    "unified_patch",
    "word_segments",
]
