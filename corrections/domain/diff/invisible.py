"""Changes a reader cannot see, found and made visible.

A changed span (one deletion and/or insertion between unchanged text) is *invisible* when the
old and new parts become equal once line endings, whitespace, Unicode normalisation, zero-width
characters or bidi controls are set aside. Such a span would render as an empty or identical
change, so it gets a description and a visible spelling ("⏎CRLF", "·", "<U+200B>", "(NFD)").
Zero-width and bidi characters added or removed alongside a visible edit are reported too:
they are how hidden text and Trojan-Source reorderings get in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from ..sanitize import BIDI_CONTROLS, ZERO_WIDTH, placeholder, visible
from .model import InvisibleKind, Segment

_ZW_TABLE = dict.fromkeys(map(ord, ZERO_WIDTH))
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def _eol(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _no_space(text: str) -> str:
    return "".join(text.split())


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _no_zw(text: str) -> str:
    return text.translate(_ZW_TABLE)


def _no_bidi(text: str) -> str:
    return text.translate(_BIDI_TABLE)


_NORMALIZERS: tuple[tuple[InvisibleKind, Callable[[str], str]], ...] = (
    ("line-ending", _eol),
    ("whitespace", _no_space),
    ("unicode-normalization", _nfc),
    ("zero-width", _no_zw),
    ("bidi", _no_bidi),
)


def classify(old: str, new: str) -> list[InvisibleKind]:
    """The invisible kinds of one changed span; empty when the change is plainly visible."""
    if old == new:
        return []
    if old.isascii() and new.isascii():
        # Fast path for the common case: ASCII holds no zero-width, bidi or combining
        # characters, so only line endings and whitespace can hide a change.
        if _eol(old) == _eol(new):
            return ["line-ending"]
        return ["whitespace"] if _no_space(old) == _no_space(new) else []
    for kind, norm in _NORMALIZERS:
        if norm(old) == norm(new):
            return [kind]
    a, b = old, new
    for _kind, norm in _NORMALIZERS:
        a, b = norm(a), norm(b)
    if a == b:
        # Several invisible changes at once: name each one that is involved.
        return [kind for kind, _norm in _NORMALIZERS if _involved(kind, old, new)]
    # A visible edit that also smuggles in (or takes out) hidden characters.
    return [kind for kind in ("zero-width", "bidi") if _involved(kind, old, new)]


def _involved(kind: InvisibleKind, old: str, new: str) -> bool:
    if kind == "line-ending":
        return old.count("\r") != new.count("\r")
    if kind == "whitespace":
        return [c for c in _eol(old) if c.isspace()] != [c for c in _eol(new) if c.isspace()]
    if kind == "unicode-normalization":
        return _nfc(old) != old or _nfc(new) != new
    members = ZERO_WIDTH if kind == "zero-width" else BIDI_CONTROLS
    return sorted(c for c in old if c in members) != sorted(c for c in new if c in members)


def change_runs(segments: tuple[Segment, ...]) -> Iterator[tuple[str, str]]:
    """(old part, new part) of each run of changes in normalised segments."""
    old: list[str] = []
    new: list[str] = []
    for seg in segments:
        if seg.kind == "equal":
            if old or new:
                yield "".join(old), "".join(new)
                old, new = [], []
        elif seg.kind == "delete":
            old.append(seg.text)
        else:
            new.append(seg.text)
    if old or new:
        yield "".join(old), "".join(new)


def _codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


def _names(chars: str) -> str:
    seen = dict.fromkeys(chars)
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in seen)


def _form(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return "NFC"
    if unicodedata.is_normalized("NFD", text):
        return "NFD"
    return "mixed"


def _added_removed(old: str, new: str, members: frozenset[str]) -> str:
    gone = "".join(c for c in old if c in members and c not in new)
    came = "".join(c for c in new if c in members and c not in old)
    parts = []
    if came:
        parts.append("inserted " + _names(came))
    if gone:
        parts.append("removed " + _names(gone))
    return "; ".join(parts) or "moved " + _names("".join(c for c in new if c in members))


def describe(kind: InvisibleKind, old: str, new: str) -> str:
    """One line saying what changed, for the change list and the JSON output."""
    if kind == "line-ending":
        before = "CRLF" if "\r\n" in old else ("CR" if "\r" in old else "LF")
        after = "CRLF" if "\r\n" in new else ("CR" if "\r" in new else "LF")
        return f"line ending {before} → {after}"
    if kind == "whitespace":
        if not old:
            return f"whitespace added: “{show_space(new)}”"
        if not new:
            return f"whitespace removed: “{show_space(old)}”"
        return f"whitespace “{show_space(old)}” → “{show_space(new)}”"
    if kind == "unicode-normalization":
        return (
            f"Unicode normalisation {_form(old)} → {_form(new)}: "
            f"“{_nfc(old).strip()}” ({_codepoints(old.strip())} → {_codepoints(new.strip())})"
        )
    if kind == "zero-width":
        return _added_removed(old, new, ZERO_WIDTH)
    return _added_removed(old, new, BIDI_CONTROLS)


_SPACE_MARKS = {" ": "·", "\t": "⇥", "\n": "⏎", "\r": "␍", "\u00a0": "⍽"}


def show_space(text: str) -> str:
    """Whitespace spelled out: "·" space, "⇥" tab, "⏎" newline, <U+…> for the rarer ones."""
    out = []
    for ch in text:
        if ch in _SPACE_MARKS:
            out.append(_SPACE_MARKS[ch])
        elif ch.isspace():
            out.append(placeholder(ch) if ord(ch) < 0x20 else f"<U+{ord(ch):04X}>")
        else:
            out.append(show_hidden(ch))
    return "".join(out)


_EOL = re.compile(r"\r\n|\n|\r")
_EOL_MARKS = {"\r\n": "⏎CRLF", "\n": "⏎LF", "\r": "⏎CR"}


def show_line_endings(text: str) -> str:
    """Line endings named ("⏎CRLF", "⏎LF", "⏎CR"), other whitespace spelled out."""
    out = []
    pos = 0
    for m in _EOL.finditer(text):
        out.append(show_space(text[pos : m.start()]))
        out.append(_EOL_MARKS[m.group()])
        pos = m.end()
    out.append(show_space(text[pos:]))
    return "".join(out)


def show_hidden(text: str) -> str:
    """Control, bidi and zero-width characters as visible placeholders."""
    text = visible(text)
    if any(c in ZERO_WIDTH for c in text):
        text = "".join(placeholder(c) if c in ZERO_WIDTH else c for c in text)
    return text


def show_run(old: str, new: str, kinds: list[InvisibleKind]) -> tuple[str, str]:
    """Visible spellings of the two sides of a changed span.

    Whitespace and line-ending changes are spelled out with marks; a caller that wants the
    text to keep its shape emits the real line breaks (``old.count("\\n")`` or
    ``new.count("\\n")``) after the markers.
    """
    if kinds == ["line-ending"]:
        return show_line_endings(old), show_line_endings(new)
    if "whitespace" in kinds or "line-ending" in kinds:
        return show_space(old), show_space(new)
    if kinds == ["unicode-normalization"]:
        return f"{show_hidden(old)} ({_form(old)})", f"{show_hidden(new)} ({_form(new)})"
    return show_hidden(old), show_hidden(new)


def spelled_out(kinds: list[InvisibleKind]) -> bool:
    """True when a run's markers replace its line breaks (so the caller re-emits them)."""
    return "whitespace" in kinds or "line-ending" in kinds
