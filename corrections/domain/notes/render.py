"""Notes as readers see them: dated the house's way, and the article's notes block."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corrections.domain.notes.clean import plain, safe_line
from corrections.domain.notes.model import Note
from corrections.domain.notes.styles import HouseStyle
from corrections.domain.notes.templates import fill
from corrections.domain.notes_markers import NOTES_END, NOTES_START


def render_note(note: Note, style: HouseStyle) -> str:
    """The note's reader-facing line(s): label, text and date placed as the house does.

    "dateline": a header line "Correction: Dec. 6, 2021", then the text;
    "inline": "This article was amended on 6 December 2021 to ..." (the date goes after
    the first of ``style.inline_after`` in the text; if an editor's wording has none of
    those words, the date is added at the end instead);
    "suffix": the text, then " (Dec. 6, 2021)"; no date at all when ``dates`` is false.
    Every line is inert: no controls, no markup, never a notes block marker.
    """
    date = style.format_date(note.date)
    label = note.label or ""
    text = note.text
    lines: list[str]
    placement = style.date_placement if style.dates else "none"
    if placement == "dateline":
        lines = [fill(style.dateline, {"label": label, "date": date}), text]
    else:
        if placement == "inline":
            dated = _inline(text, fill(style.inline_date, {"date": date}), style.inline_after)
            text = dated if dated is not None else text + fill(style.suffix, {"date": date})
        elif placement == "suffix":
            text = text + fill(style.suffix, {"date": date})
        lines = [f"{label} {text}" if label else text]
    out = [safe_line(line) for line in lines]
    return "\n".join(line for line in out if line)


def _inline(text: str, dated: str, anchors: Sequence[str]) -> str | None:
    found = [m for word in anchors for m in [re.search(rf"\b{re.escape(word)}\b", text)] if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return text[: first.end()] + " " + plain(dated) + text[first.end() :]


def render_notes_block(notes: Sequence[Note], style: HouseStyle) -> tuple[str, str]:
    """(top block, bottom block) for the article body; each "" or exactly

        <!-- corrections:notes -->
        <note>
        (blank line between notes)
        <!-- /corrections:notes -->

    with a final newline. The caller puts a blank line after the top block and before
    the bottom one. Notes keep the order given (publication order), oldest first when
    their dates say so.
    """
    ordered = sorted(notes, key=lambda n: n.date)  # stable: same-day notes keep their order
    top = [render_note(n, style) for n in ordered if n.placement == "top"]
    bottom = [render_note(n, style) for n in ordered if n.placement == "bottom"]
    return _block(top), _block(bottom)


def _block(rendered: list[str]) -> str:
    if not rendered:
        return ""
    return NOTES_START + "\n" + "\n\n".join(rendered) + "\n" + NOTES_END + "\n"
