"""Corrections that travel together: one change, carried to other articles as the same
word-level replacements.

A wrong figure copied into a follow-up is corrected there with the same words: each phrase
the first article's change replaces (widened as the search for it is, "7-2" to "voted
7-2") is replaced in the other article's body, wherever it stands as whole words. An article
that does not carry the old wording is refused by name; nothing else of the change (added
or removed sentences) travels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from corrections.domain.article import split_front_matter
from corrections.domain.errors import Refused
from corrections.domain.search import SentenceChangeLike, widened


class ReplacedChange(SentenceChangeLike, Protocol):
    """What :func:`replacements` reads of a sentence change, with the new phrase."""

    @property
    def new_phrase(self) -> str: ...


def replacements(changes: Iterable[ReplacedChange]) -> list[tuple[str, str]]:
    """(old wording, new wording) of each phrase a change replaces, in reading order."""
    found: list[tuple[str, str]] = []
    for change in changes:
        old, new = change.old_phrase.strip(), change.new_phrase.strip()
        if change.kind != "replaced" or not old or not new:
            continue
        wording = widened(change.old_sentence, old)
        pair = (wording, wording.replace(old, new, 1))
        if pair[0] != pair[1] and pair not in found:
            found.append(pair)
    return found


def apply_replacements(text: str, slug: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` (an article without its notes block) with every pair's old wording
    replaced in the body, as whole words; Refused, naming ``slug``, when one is not there."""
    if not pairs:
        raise Refused("the change replaces no wording: there is nothing to carry to other articles")
    parts = split_front_matter(text, slug)
    head, body = (parts[0], parts[2]) if parts is not None else ("", text)
    for old, new in pairs:
        pattern = re.compile(r"(?<!\w)" + re.escape(old) + r"(?!\w)")
        # In a replacement string only the backslash is special.
        body, count = pattern.subn(new.replace("\\", "\\\\"), body)
        if not count:
            raise Refused(f"{slug}: the old wording {old!r} is not in the article")
    return head + body
