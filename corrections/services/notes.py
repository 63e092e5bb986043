"""Notes in the workflow: drafting from a diff, and the article's notes block."""

from __future__ import annotations

import datetime as dt

from corrections.domain.article_diff import ArticleDiff
from corrections.domain.config import StoreConfig
from corrections.domain.diff import summarize
from corrections.domain.kinds import Kind
from corrections.domain.notes import (
    HouseStyle,
    Note,
    clean_note_text,
    draft_note,
)
from corrections.domain.notes import house_style as style_of_house
from corrections.domain.notes.lint import lint_text, unescaped


def house_style(config: StoreConfig) -> HouseStyle:
    return style_of_house(config.house.style, config.house.templates)


def draft(
    kind: Kind, change: ArticleDiff, config: StoreConfig, when: dt.datetime, reason: str = ""
) -> str | None:
    """The note the tool proposes for this change, without its date (kept apart)."""
    note = drafted(kind, change, config, when, reason)
    return None if note is None else note.text


def drafted(
    kind: Kind, change: ArticleDiff, config: StoreConfig, when: dt.datetime, reason: str = ""
) -> Note | None:
    """The drafted note with what the editor must look at (``problems``).

    ``reason`` is the proposer's summary: a retraction or an editor's note says why in
    those words, and a draft without one is flagged rather than given a placeholder.
    """
    summary = summarize(change.body)
    fields = tuple((f.name, f.old, f.new) for f in change.fields)
    # The article's own text tells names from ordinary words and says "Ms." or "Mr.".
    return draft_note(
        kind.value,
        summary.changes,
        house_style(config),
        when.date(),
        field_changes=fields,
        context=change.new_text,
        reason=reason,
    )


def problems(note: str | None, draft: Note | None, config: StoreConfig) -> tuple[str, ...]:
    """Why a proposal's note needs editing: the draft's own flags while the note is the
    draft, and the linter's findings on whatever text it holds."""
    if note is None:
        return ()
    found = list(draft.problems) if draft is not None and draft.text == note else []
    # A stored note is kept Markdown-escaped ("\\[" for "["): judge the words readers see.
    found += lint_text(unescaped(note), house_style(config).quotes)
    return tuple(dict.fromkeys(found))


def clean(text: str) -> str:
    """An editor's own note, made safe the same way drafted notes are."""
    return clean_note_text(text)
