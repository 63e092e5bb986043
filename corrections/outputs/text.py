"""Text made fit for a public feed: controls removed, Markdown escapes undone, URLs checked.

Unlike ``sanitize.visible`` (which shows a reviewer that a control character is there), a
feed drops them: readers must never see placeholders, and XML 1.0 forbids most of them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from corrections.domain.errors import BadInput

# Whole terminal escape sequences go, not only the ESC: "\x1b[31m" must not leave "[31m".
# CSI (ESC [ or C1 0x9b), then OSC/DCS/SOS/PM/APC strings up to their terminator, then any
# other two-character ESC sequence.
_ESCAPES = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]?"
)
# C0 controls except tab and newline, DEL and C1, bidi embedding/override/isolate marks,
# lone surrogates (not encodable) and the two non-characters XML 1.0 excludes.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
# CommonMark's backslash escapes: a backslash before any ASCII punctuation.
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

MAX_URL = 2000


def remove_controls(text: str) -> str:
    """``text`` without escape sequences, control characters or bidi controls.

    Tabs and newlines stay (a carriage return does not); everything else is kept as is.
    """
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """Controls removed and whitespace folded: for titles, headlines and labels."""
    return " ".join(remove_controls(text).split())


def multi_line(text: str) -> str:
    """Controls removed; lines kept, each with its whitespace folded; no blank lines."""
    lines = (" ".join(line.split()) for line in remove_controls(text).split("\n"))
    return "\n".join(line for line in lines if line)


def unescape_markdown(text: str) -> str:
    """Stored note text is Markdown-escaped (``\\<``, ``\\*``): a feed wants the characters."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def public_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) address fit to link to, else None.

    An article's ``url`` comes from its front matter: a ``javascript:`` or ``data:`` link,
    or one with spaces or controls in it, is never linked.
    """
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > MAX_URL or remove_controls(value) != value:
        return None
    if any(char.isspace() or char in "<>\"'`" for char in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return value


def base_url(value: str) -> str:
    """The public address of the corrections log, checked; BadInput (exit 2) if unfit."""
    url = public_url(value)
    if url is None:
        raise BadInput(
            f"--base-url {one_line(value)[:80]!r} is not an absolute http(s) address, "
            "e.g. https://news.example/corrections/"
        )
    parts = urlsplit(url)
    if parts.fragment:
        raise BadInput("--base-url must not have a #fragment: entries link to fragments of it")
    if parts.username is not None or parts.password is not None:
        raise BadInput("--base-url must not carry a user name or password")
    return url
