"""Make untrusted text safe to show: control characters become visible placeholders.

Article text comes from outside. Terminal control sequences (ESC, CSI, OSC, C1) inside it
could move the cursor, retitle the window or forge hyperlinks, and bidi overrides can make
text read differently from what it is. Nothing is removed: each character is replaced by a
visible stand-in so a reviewer sees that it is there.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embedding/override/isolate controls (Trojan Source) and other invisible format marks.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def placeholder(char: str) -> str:
    """The visible stand-in for one control character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str, *, keep_tabs: bool = True) -> str:
    """Replace terminal control characters and bidi controls with visible placeholders.

    Newlines always survive; tabs survive unless ``keep_tabs`` is false; carriage returns
    are shown (a bare CR would let later text overwrite earlier text on a terminal).
    """
    out = _CONTROL_RE.sub(lambda m: placeholder(m.group()), text)
    if not keep_tabs:
        out = out.replace("\t", placeholder("\t"))
    return out


LINE_SEPARATORS = frozenset("\u2028\u2029")


def revealed(text: str, *, keep_tabs: bool = True) -> str:
    """:func:`visible`, and every invisible character shown too: zero-width spaces and
    joiners, word joiner, BOM, soft hyphen and any other format character (Unicode Cf),
    and the line and paragraph separators U+2028/U+2029, each as ``<U+XXXX>``.

    For printing text a reader must see all of (an article in the CLI, a name): a
    zero-width space between "Maya" and "Editor" is there, so it is shown.
    """
    out = visible(text, keep_tabs=keep_tabs)
    if out.isascii():
        return out
    return "".join(
        placeholder(c) if c in LINE_SEPARATORS or unicodedata.category(c) == "Cf" else c
        for c in out
    )


def typed_text(text: str) -> str:
    """Free text a person typed (a summary, a review comment) as it is kept in an event and
    a commit message: control characters, bidi controls and line separators become visible
    placeholders; newlines and tabs stay, CRLF becomes a newline."""
    out = visible(text.replace("\r\n", "\n"))
    if any(c in LINE_SEPARATORS for c in out):
        out = "".join(placeholder(c) if c in LINE_SEPARATORS else c for c in out)
    return out


# Control characters (Unicode Cc: C0, DEL, C1) and the line and paragraph separators.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same, except the newline and the tab that multi-line text may hold.
CONTROLS_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Text folded onto one line with everything invisible shown, for table cells, names
    and error messages."""
    return revealed(" ".join(text.split()), keep_tabs=False)
