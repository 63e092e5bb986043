"""Correction notes: house styles as data, drafting from a diff, rendering for readers.

Pure: the standard library and the domain's own strict dataclasses. The diff's sentence
changes come in through the ``SentenceChangeLike`` protocol, so this package does not
depend on the diff engine.
"""

from corrections.domain.kinds import NOTE_KINDS, DatePlacement, Kind, Placement
from corrections.domain.notes.clean import clean_note_text
from corrections.domain.notes.config import (
    BUILTIN_STYLES,
    DEFAULT_STYLE,
    get_style,
    house_style,
    styles_from_config,
)
from corrections.domain.notes.draft import FieldChange, draft_note, note_for
from corrections.domain.notes.model import Note, SentenceChangeLike
from corrections.domain.notes.render import render_note, render_notes_block
from corrections.domain.notes.styles import CLASSES, HouseStyle, KindStyle
from corrections.domain.notes_markers import NOTES_END, NOTES_START

__all__ = [
    "BUILTIN_STYLES",
    "CLASSES",
    "DEFAULT_STYLE",
    "NOTES_END",
    "NOTES_START",
    "NOTE_KINDS",
    "DatePlacement",
    "FieldChange",
    "HouseStyle",
    "Kind",
    "KindStyle",
    "Note",
    "Placement",
    "SentenceChangeLike",
    "clean_note_text",
    "draft_note",
    "get_style",
    "house_style",
    "note_for",
    "render_note",
    "render_notes_block",
    "styles_from_config",
]
