"""Plain-text inline word diff, for pipes, logs and review comments.

Markers follow ``git diff --word-diff=plain``: ``[-removed-]{+added+}``. All article text is
untrusted, so every piece passes through :func:`sanitize.revealed` (an ESC or OSC sequence in
an article shows as "␛]…", it never reaches the terminal; a zero-width space in unchanged text
shows as "<U+200B>") and invisible changes are spelled out.
"""

from __future__ import annotations

import re

from ..sanitize import revealed
from .context import Folded, trim_context
from .invisible import change_runs, classify, show_hidden, show_run, spelled_out
from .model import Block, Segment, TextDiff

MOVED_TO = "⟨moved to paragraph {}⟩"
MOVED_FROM = "⟨moved from paragraph {}⟩"


_LEAD = re.compile(r"(?:[ \t\r]*\n)*")


def split_trailing_space(text: str) -> tuple[str, str]:
    """(paragraph, trailing blank lines): markers close before the blank lines."""
    body = text.rstrip(" \t\r\n")
    return body, text[len(body) :]


def split_blank_lines(text: str) -> tuple[str, str, str]:
    """(leading blank lines, paragraph, trailing blank lines) of a whole added or removed
    paragraph: the blank lines are layout and stay outside the markers."""
    lead = _LEAD.match(text)
    head = lead.group() if lead else ""
    body, tail = split_trailing_space(text[len(head) :])
    # A CR among the blank lines is still a control character: show it like any other.
    return revealed(head), body, revealed(tail)


def shown_blocks(blocks: tuple[Block, ...], context: int | None) -> list[bool]:
    """Which blocks to show: every change and ``context`` unchanged paragraphs around each."""
    if context is None:
        return [True] * len(blocks)
    shown = [False] * len(blocks)
    for k, block in enumerate(blocks):
        if block.kind != "equal":
            for n in range(max(0, k - context), min(len(blocks), k + context + 1)):
                shown[n] = True
    return shown


def render_words(
    diff: TextDiff, *, context_paragraphs: int | None = 1, context_sentences: int | None = None
) -> str:
    """The inline word diff as plain text; "" when nothing changed.

    With ``context_paragraphs`` set, unchanged paragraphs further than that from a change
    are left out and each shown stretch starts with an ``@@ paragraph N @@`` line (N counted
    in the new text); with ``None`` the whole text is shown. With ``context_sentences``, an
    edited paragraph shows only that many unchanged sentences around each change, the
    others as "…" (see :func:`.context.trim_context`).
    """
    if not diff.changed:
        return ""
    shown = shown_blocks(diff.blocks, context_paragraphs)
    out: list[str] = []
    last_new = 0
    for k, block in enumerate(diff.blocks):
        if shown[k]:
            if context_paragraphs is not None and (k == 0 or not shown[k - 1]):
                if out and not out[-1].endswith("\n"):
                    out.append("\n")
                number = block.new_paragraph or last_new + 1
                out.append(f"@@ paragraph {number} @@\n")
            out.append(render_block(block, context_sentences))
        if block.new_paragraph is not None:
            last_new = block.new_paragraph
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"


def render_block(block: Block, context_sentences: int | None = None) -> str:
    """One paragraph of the inline diff."""
    if block.kind == "equal":
        return revealed(block.new_text)
    if block.kind == "move":
        if block.move_side == "from":
            head, body, tail = split_blank_lines(block.old_text)
            note = MOVED_TO.format(block.move.to_paragraph if block.move else "?")
            return f"{head}[-{show_hidden(body)}-] {note}{tail}"
        head, body, tail = split_blank_lines(block.new_text)
        note = MOVED_FROM.format(block.old_paragraph)
        return f"{head}{{+{show_hidden(body)}+}} {note}{tail}"
    if block.kind in ("delete", "insert"):
        head, body, tail = split_blank_lines(block.old_text or block.new_text)
        if not body:  # only blank lines were added or removed
            return _run(block.old_text, block.new_text)
        if block.kind == "delete":
            return f"{head}[-{show_hidden(body)}-]{tail}"
        return f"{head}{{+{show_hidden(body)}+}}{tail}"
    if context_sentences is not None:
        return _folded_block(trim_context(block.segments, context_sentences))
    out: list[str] = []
    runs = change_runs(block.segments)
    in_run = False
    for seg in block.segments:
        if seg.kind == "equal":
            out.append(revealed(seg.text))
            in_run = False
        elif not in_run:
            # The first segment of a run of changes renders the whole run.
            out.append(_run(*next(runs)))
            in_run = True
    return "".join(out)


def _folded_block(items: tuple[Segment | Folded, ...]) -> str:
    """An edited paragraph with folds: each run of changes as one [-old-]{+new+}."""
    out: list[str] = []
    old: list[str] = []
    new: list[str] = []
    for item in [*items, None]:
        if isinstance(item, Segment) and item.kind != "equal":
            (old if item.kind == "delete" else new).append(item.text)
            continue
        if old or new:
            out.append(_run("".join(old), "".join(new)))
            old, new = [], []
        if isinstance(item, Folded):
            out.append(revealed(item.shown))
        elif item is not None:
            out.append(revealed(item.text))
    return "".join(out)


def _run(old: str, new: str) -> str:
    kinds = classify(old, new)
    shown_old, shown_new = show_run(old, new, kinds)
    text = (f"[-{shown_old}-]" if old else "") + (f"{{+{shown_new}+}}" if new else "")
    if spelled_out(kinds):
        text += "\n" * new.count("\n")
    return text
