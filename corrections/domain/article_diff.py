"""Diff of two article files: front-matter fields one by one, then the body word by word."""

from __future__ import annotations

from typing import Any

from corrections.domain.article import decode, split_front_matter
from corrections.domain.diff import FieldChange, TextDiff, diff_fields, diff_texts
from corrections.domain.frozen import frozen


@frozen
class ArticleDiff:
    """One article file before and after a change, with the word diff of its text."""

    old_name: str
    new_name: str
    old_text: str  # the whole files, for a patch that applies to them
    new_text: str
    fields: tuple[FieldChange, ...]
    body: TextDiff

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text


def _fields_and_body(text: str, name: str) -> tuple[dict[str, Any], str] | None:
    from corrections.domain import yamlsafe

    parts = split_front_matter(text, name)
    if parts is None:
        return None
    try:
        fields = yamlsafe.load(parts[1]) if parts[1].strip() else {}
    except yamlsafe.YamlError:
        return None
    return (fields, parts[2]) if isinstance(fields, dict) else None


def diff_articles(old: bytes, new: bytes, old_name: str, new_name: str) -> ArticleDiff:
    """Fields are compared when both sides have readable front matter; otherwise the whole
    files are compared as text, so a diff is always possible, even of a broken file."""
    old_text, new_text = decode(old, old_name), decode(new, new_name)
    try:
        old_split = split_front_matter(old_text, old_name)
        new_split = split_front_matter(new_text, new_name)
    except Exception:
        old_split = new_split = None
    if old_split is not None and new_split is not None and old_split[:2] == new_split[:2]:
        # The same front matter on both sides, byte for byte: no field changed, whatever it
        # holds, and the YAML parser is not needed (most corrections change only the body).
        return ArticleDiff(
            old_name, new_name, old_text, new_text, (), diff_texts(old_split[2], new_split[2])
        )
    try:
        old_parts = _fields_and_body(old_text, old_name)
        new_parts = _fields_and_body(new_text, new_name)
    except Exception:
        old_parts = new_parts = None
    if old_parts is not None and new_parts is not None:
        fields = diff_fields(old_parts[0], new_parts[0])
        body = diff_texts(old_parts[1], new_parts[1])
        # Changes to the front matter's layout alone (comments, quoting) still show up.
        if not fields and not body.changed and old_text != new_text:
            body = diff_texts(old_text, new_text)
    else:
        fields, body = (), diff_texts(old_text, new_text)
    return ArticleDiff(old_name, new_name, old_text, new_text, fields, body)
