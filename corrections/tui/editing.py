"""Undo what a TextArea does to text by itself, so only the editor's own edits count.

A TextArea splits its text like ``str.splitlines`` (on CR, LF, CRLF, VT, FF, FS, GS, RS,
NEL, U+2028 and U+2029) and joins the lines with the first newline style it finds, so
opening an article with CRLF endings or a U+2028 inside and saving it untouched would
otherwise look like a change. :func:`restore` maps the edited lines back onto the
original: unchanged lines keep their original separators, only lines the editor touched
take the TextArea's. ``restore(original, as_text_area(original)) == original`` always.
"""

from __future__ import annotations

from difflib import SequenceMatcher

TEXT_AREA_NEWLINES = ("\r\n", "\n", "\r")


def newline_of(text: str) -> str:
    """The newline a TextArea picks for ``text``: CRLF if any, else LF, else CR, else LF."""
    for newline in TEXT_AREA_NEWLINES:
        if newline in text:
            return newline
    return "\n"


def _lines(text: str) -> tuple[list[str], list[str]]:
    """A TextArea's lines of ``text`` and, for each, the separator that followed it."""
    pieces = text.splitlines(keepends=True)
    lines = [piece.splitlines()[0] if piece.splitlines() else "" for piece in pieces]
    seps = [piece[len(content) :] for piece, content in zip(pieces, lines, strict=True)]
    if not text or text.endswith(TEXT_AREA_NEWLINES):
        lines.append("")
        seps.append("")
    return lines, seps


def as_text_area(text: str) -> str:
    """What a TextArea's ``text`` is after loading ``text``."""
    lines, _ = _lines(text)
    return newline_of(text).join(lines)


def restore(original: str, edited: str) -> str:
    """``edited`` (a TextArea's text, opened on ``original``) with the separators of every
    untouched line put back as they were in ``original``."""
    old_lines, old_seps = _lines(original)
    newline = newline_of(original)
    new_lines = edited.split(newline)
    out: list[tuple[str, str]] = []  # (line, separator), separator "" = decide below
    origin: list[int | None] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out.append((old_lines[i1 + k], old_seps[i1 + k]))
                origin.append(i1 + k)
        else:
            for j in range(j1, j2):
                out.append((new_lines[j], ""))
                origin.append(None)
    last_old = len(old_lines) - 1
    parts: list[str] = []
    for k, (text, sep) in enumerate(out):
        if k == len(out) - 1:
            parts.append(text + (sep if origin[k] == last_old else ""))
        else:
            parts.append(text + (sep or newline))
    restored = "".join(parts)
    # A kept separator that a TextArea does not count as a line end (a final U+2028, say)
    # can swallow an empty last line; then the editor's text stands as it is.
    return restored if _lines(restored)[0] == new_lines else edited
