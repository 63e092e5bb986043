"""Notes in the workflow: drafting from a diff, and the article's notes block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from corrections.domain.article import with_notes
from corrections.domain.article_diff import ArticleDiff
from corrections.domain.config import StoreConfig
from corrections.domain.diff import summarize
from corrections.domain.kinds import Kind
from corrections.domain.notes import (
    HouseStyle,
    Note,
    clean_note_text,
    draft_note,
    get_style,
    note_for,
    render_notes_block,
    styles_from_config,
)
from corrections.domain.records import CorrectionRecord


def house_style(config: StoreConfig) -> HouseStyle:
    if config.house.templates:
        return styles_from_config({"base": config.house.style, **config.house.templates})
    return get_style(config.house.style)


def draft(kind: Kind, change: ArticleDiff, config: StoreConfig, when: dt.datetime) -> str | None:
    """The note the tool proposes for this change, without its date (kept apart)."""
    summary = summarize(change.body)
    fields = tuple((f.name, f.old, f.new) for f in change.fields)
    # The article's own text tells names from ordinary words at the start of a clause.
    note = draft_note(
        kind.value,
        summary.changes,
        house_style(config),
        when.date(),
        field_changes=fields,
        context=change.new_text,
    )
    return None if note is None else note.text


def clean(text: str) -> str:
    """An editor's own note, made safe the same way drafted notes are."""
    return clean_note_text(text)


def notes_of(records: Sequence[CorrectionRecord], style: HouseStyle) -> list[Note]:
    published = sorted(
        (r for r in records if r.note is not None and r.published is not None),
        key=lambda r: (r.published.at if r.published else dt.datetime.min, r.id),
    )
    return [
        note_for(r.kind.value, r.note or "", r.note_date or r.published.at.date(), style)
        for r in published
        if r.published is not None
    ]


def with_notes_block(
    text: str, name: str, published: Sequence[CorrectionRecord], config: StoreConfig
) -> str:
    """The article text with the notes block of every published correction in place."""
    style = house_style(config)
    top, bottom = render_notes_block(notes_of(published, style), style)
    return with_notes(text, name, top, bottom)
