"""A note as drafted and stored, and the sentence changes it is drafted from."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind, Placement, has_public_note
from corrections.domain.notes.clean import clean_note_text


class SentenceChangeLike(Protocol):
    """One sentence inserted, deleted or replaced, as the diff's change summary gives it.

    Structural, so the diff engine's own objects fit without this package importing it.
    """

    @property
    def kind(self) -> str: ...  # "inserted" | "deleted" | "replaced"

    @property
    def paragraph(self) -> int: ...  # 1-based

    @property
    def old_sentence(self) -> str: ...  # "" for inserted

    @property
    def new_sentence(self) -> str: ...  # "" for deleted

    @property
    def old_phrase(self) -> str: ...  # minimal changed span in the old sentence, whole words

    @property
    def new_phrase(self) -> str: ...  # minimal changed span in the new sentence


@frozen(kw_only=True)
class Note:
    """A public correction note. ``text`` holds the sentence(s) without the date, which is
    kept apart in ``date`` so a record can store both and a house can place the date its
    own way when the note is rendered.

    ``text`` and ``label`` are always inert plain text: cleaning them is part of building a
    Note, so an editor's own wording is made as safe as a drafted one.
    """

    kind: Kind
    text: str
    date: dt.date
    label: str | None = None
    placement: Placement = "bottom"
    needs_editing: bool = False  # the draft has a gap or a flaw only the editor can fix
    problems: tuple[str, ...] = ()  # why it needs editing, in words for the editor

    def __post_init__(self) -> None:
        if not has_public_note(self.kind):
            raise ValueError("a typo fix has no public note")
        text = clean_note_text(self.text)
        if not text:
            raise ValueError("a note's text cannot be empty")
        object.__setattr__(self, "text", text)
        if self.label is not None:
            object.__setattr__(self, "label", clean_note_text(self.label) or None)
