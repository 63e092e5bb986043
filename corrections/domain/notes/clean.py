"""Untrusted text made into inert plain text for a note.

Phrases in a note come from the article, which comes from outside. A note ends up in the
article's Markdown body, in records, in terminals and in feeds, so what we emit must carry
no terminal control sequences, no invisible or bidi characters, and nothing that Markdown
or HTML would turn into markup. Unlike ``sanitize.visible`` (which shows such characters to
a reviewer) a published note simply drops them: readers must never see placeholders.
"""

from __future__ import annotations

import re
import unicodedata

from corrections.domain.sanitize import BIDI_CONTROLS, ZERO_WIDTH

# Whole escape sequences go, not only the ESC: "\x1b[31m" must not leave "[31m" behind.
# CSI (ESC [ or C1 0x9b), then OSC/DCS/SOS/PM/APC strings up to their terminator (or the end
# of the text, as a terminal would swallow it), then any other two-character ESC sequence.
_ESCAPES = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]?"
)
_INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH

# Characters Markdown or HTML could act on anywhere in a line. Escaping them all keeps the
# rule simple: "[x](javascript:y)", "<script>", "`code`", "*em*" and "~~del~~" stay text.
_MUST_ESCAPE = frozenset("\\`*_[]<>~")
# CommonMark lets a backslash escape any ASCII punctuation; such pairs are kept as they are,
# which makes escaping idempotent (a note's text can be cleaned again without doubling).
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# At the start of a line these begin a heading, list, quote or setext underline.
_LINE_START = re.compile(r"^(?:([#>+=*-])|(\d{1,9})([.)]))")


def strip_controls(text: str) -> str:
    """Drop escape sequences, C0/C1 controls, bidi, zero-width and other format characters.

    Whitespace-like controls (newline, tab, ...) become spaces so words are not glued.
    """
    text = _ESCAPES.sub("", text)
    out: list[str] = []
    for char in text:
        if char.isspace():
            out.append(" ")
        elif char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            continue
        else:
            out.append(char)
    return "".join(out)


def plain(text: str) -> str:
    """Controls removed and all whitespace collapsed to single spaces, trimmed."""
    joined = " ".join(text.split())
    # Fast path for ordinary text (a whole article is read per draft): once whitespace is
    # single spaces, text with no control, format or unassigned character is printable.
    if joined.isprintable():
        return joined
    return " ".join(strip_controls(text).split())


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown/HTML specials; already escaped pairs are left alone."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if char == "\\" and nxt in _ESCAPABLE and nxt:
            out.append(char + nxt)
            i += 2
            continue
        if char in _MUST_ESCAPE or (char == "!" and out and out[-1] == "\\<"):
            # "!" after "<" is escaped too so "<!--" (and so our own block markers)
            # can never appear, not even as "\<!--".
            out.append("\\" + char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def clean_note_text(text: str) -> str:
    """A note's text as it is stored and published: one line of inert plain text.

    Used for drafted notes and for an editor's own wording alike; idempotent.
    """
    return escape_markdown(plain(text))


def safe_line(line: str) -> str:
    """One rendered line for the Markdown body: clean, and unable to start a block."""
    line = clean_note_text(line)
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1):
        return "\\" + line
    digits = match.group(2)
    return digits + "\\" + line[len(digits) :]
