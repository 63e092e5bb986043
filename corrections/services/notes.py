"""Notes in the workflow: drafting from a diff, and the article's notes block."""

from __future__ import annotations

import datetime as dt

from corrections.domain.article_diff import ArticleDiff
from corrections.domain.config import StoreConfig
from corrections.domain.diff import summarize
from corrections.domain.kinds import Kind
from corrections.domain.notes import (
    HouseStyle,
    clean_note_text,
    draft_note,
    get_style,
    styles_from_config,
)


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
