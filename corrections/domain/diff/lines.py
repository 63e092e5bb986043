"""Lines and paragraphs, split losslessly.

Lines are split the way git splits them: on "\\n" only. ``str.splitlines`` would also break on
U+2028, form feeds, "\\r" and the ASCII separators \\x1c-\\x1e, so a patch built from it would
not match what ``git apply`` sees.

A paragraph is a run of non-blank lines. Each :class:`Chunk` owns its paragraph *and* the
blank lines after it (the first chunk also owns any blank lines before it), so the chunks of a
text concatenate back to exactly that text.
"""

from __future__ import annotations

import re

from corrections.domain.frozen import frozen

# Blank lines: only spaces, tabs and CRs before the "\n". Other invisible characters (form
# feeds, zero-width spaces) are content a reviewer must see, so they keep a paragraph alive.
_LEADING_BLANK = re.compile(r"(?:[ \t\r]*\n)+")
# A line end followed by blank lines, or the text's final line end. The pattern starts with
# "\n" so the regex engine can skip ahead to newlines instead of trying every space; the
# spaces before that first "\n" are taken in by hand (see split_paragraphs).
_SEPARATOR = re.compile(r"\n(?:[ \t\r]*\n)+|\n\Z")


def split_lines(text: str) -> list[str]:
    """Split on "\\n" only, keeping the line ends: ``"a\\nb"`` gives ``["a\\n", "b"]``."""
    if not text:
        return []
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


@frozen(slots=True)
class Chunk:
    """One paragraph of a text: ``text[start:end]``, of which ``text[body_start:body_end]``
    is the paragraph itself and the rest is blank lines around it."""

    start: int
    body_start: int
    body_end: int
    end: int


def split_paragraphs(text: str) -> list[Chunk]:
    """The paragraph chunks of ``text``; they tile it exactly. ``""`` has none.

    A text made only of blank lines is one chunk with an empty body, so that even a change
    to such a text lands in a paragraph.
    """
    if not text:
        return []
    chunks: list[Chunk] = []
    lead = _LEADING_BLANK.match(text)
    start = 0
    body_start = lead.end() if lead else 0
    for sep in _SEPARATOR.finditer(text, body_start):
        body_end = sep.start()
        while body_end > body_start and text[body_end - 1] in " \t\r":
            body_end -= 1
        chunks.append(Chunk(start, body_start, body_end, sep.end()))
        start = body_start = sep.end()
    if start < len(text) or not chunks:
        chunks.append(Chunk(start, body_start, len(text), len(text)))
    return chunks


def paragraph_key(body: str) -> str:
    """What paragraphs are aligned on: the body with CRs dropped.

    Ignoring CR lets a text converted from CRLF to LF still line up paragraph by paragraph;
    the CRs then show as line-ending changes inside each paragraph.
    """
    return body.replace("\r", "") if "\r" in body else body


def normalized_key(body: str) -> str:
    """Whitespace-insensitive form of a paragraph, used to recognise moved paragraphs."""
    return " ".join(body.split())
