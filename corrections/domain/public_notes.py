"""Which corrections readers see a note for, in which order, with which date.

The one place this rule lives: publishing renders the notes block from it, ``validate``
checks the notes block against it, and the public feed lists it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar

from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind, has_public_note
from corrections.domain.notes import HouseStyle, Note, note_for, render_notes_block


class NoteSource(Protocol):
    """What the rule needs of a correction (a folded record, or validate's cached facts)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def note(self) -> str | None: ...
    @property
    def note_date(self) -> dt.date | None: ...
    @property
    def published_at(self) -> dt.datetime | None: ...


S = TypeVar("S", bound=NoteSource)


@frozen
class PublicNote(Generic[S]):
    source: S
    text: str
    date: dt.date  # the date the note carries: the publication's own, or the day published
    published_at: dt.datetime


def public_notes(sources: Iterable[S]) -> list[PublicNote[S]]:
    """The notes readers see, oldest publication first (ties by correction id)."""
    notes = [
        PublicNote(s, s.note, s.note_date or s.published_at.date(), s.published_at)
        for s in sources
        if s.published_at is not None and s.note and has_public_note(s.kind)
    ]
    notes.sort(key=lambda n: (n.published_at, n.source.id))
    return notes


def styled_notes(sources: Iterable[NoteSource], style: HouseStyle) -> list[Note]:
    """The public notes, labelled and placed the house's way."""
    return [note_for(n.source.kind, n.text, n.date, style) for n in public_notes(sources)]


def notes_block(sources: Iterable[NoteSource], style: HouseStyle) -> tuple[str, str]:
    """(top, bottom) notes blocks an article with these corrections must show."""
    notes = styled_notes(sources, style)
    return render_notes_block(notes, style) if notes else ("", "")
