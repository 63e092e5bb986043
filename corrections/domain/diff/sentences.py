"""A sentence splitter for news prose that gives its input back exactly.

Each sentence keeps the whitespace that follows it, so ``"".join(sentences(p)) == p``.
It errs on the side of *not* splitting: a missed boundary only makes a summary sentence longer,
while a false one ("Mr." | "Putin said") would put half a sentence in a correction note.
"""

from __future__ import annotations

import re

from ..wordlists import BEFORE_NUMBER, HONORIFICS

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(\s+)")

# Upper-case initials and dotted acronyms: "J.", "U.S.", "U.K.", "J.R.R.".
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]\.?\Z")


def _continues(text: str, punct_start: int, next_char: str) -> bool:
    """True when the full stop at ``punct_start`` does not end a sentence."""
    if next_char.islower() or next_char in ",;:)]}—–":
        return True
    if text[punct_start] != ".":
        return False
    # The word before the full stop. Looking back from the stop (not searching from the
    # start of the paragraph) keeps a 50,000-character paragraph linear.
    start = punct_start
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    # Drop opening quotes/brackets: '(Mr.' and '“Mr.' are still "Mr".
    word = text[start:punct_start].lstrip("\"'“‘«([")
    if not word:
        return False
    if word.lower() in HONORIFICS:
        return True
    if word.lower() in BEFORE_NUMBER and next_char.isdigit():
        return True
    return bool(_INITIALS.match(word + "."))


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, each with its trailing whitespace.

    Handles titles ("Mr. Putin"), initials and acronyms ("U.S. tariffs", "J. Smith"), dates
    ("Sept. 16"), decimals ("13.5") and amounts ("US$240-billion"): a boundary needs
    whitespace after the punctuation and a next word that does not start in lower case.
    """
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end()
        if end >= len(paragraph):
            break
        if _continues(paragraph, m.start(), paragraph[end]):
            continue
        out.append(paragraph[start:end])
        start = end
    if start < len(paragraph):
        out.append(paragraph[start:])
    return out
