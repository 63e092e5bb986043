"""Articles from a newsroom's CMS: each parser takes a file's bytes and returns candidates.

A candidate is one article as its source gave it, checked and cleaned, or the reason its
item cannot be imported (named by its position in the file). Nothing here reads files,
runs git or decides what the store already holds: ``services.importing`` does that.
"""

from __future__ import annotations

from corrections.domain.imports.model import (
    FORMATS,
    BadItem,
    Candidate,
    ParsedSource,
    SkippedItem,
    detect_format,
    parse_source,
)

__all__ = [
    "FORMATS",
    "BadItem",
    "Candidate",
    "ParsedSource",
    "SkippedItem",
    "detect_format",
    "parse_source",
]
