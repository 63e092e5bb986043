"""What every parser returns, and the choice of parser for a file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corrections.domain.errors import BadInput, InvalidSlug
from corrections.domain.frozen import frozen
from corrections.domain.sanitize import typed_text
from corrections.domain.slugs import SLUG_MAX, slugify

FORMATS = ("wxr", "wp-json", "html", "ninjs")


@frozen
class Candidate:
    """One article as its source gave it, ready to become an article file."""

    position: int  # 1-based: the item's place among the items of its file
    source_id: str  # the item's own id at the source: a guid, a post id, a ninjs uri, a URL
    slug: str  # safe: matches the store's slug rule
    headline: str
    published: dt.datetime | dt.date
    body: str  # Markdown-ish text, paragraphs separated by a blank line, ending in "\n"
    digest: str  # sha256 of the item as the source gave it: tells a changed source apart
    byline: str | None = None
    url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    raw_page: bytes | None = None  # a published HTML page, kept beside the article


@frozen
class BadItem:
    """An item that cannot become an article; it is skipped, never half imported."""

    position: int
    title: str  # as far as it could be read ("" if not at all)
    reason: str


@frozen
class SkippedItem:
    """An item that is not a published article (a draft, an attachment, a page)."""

    position: int
    title: str
    reason: str


@dataclass
class ParsedSource:
    name: str  # the file's name, as the user gave it
    format: str
    candidates: list[Candidate] = field(default_factory=list)
    bad: list[BadItem] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)

    def take(
        self, position: int, where: str, skip: str | None, make: Callable[[], Candidate]
    ) -> None:
        """File one item: skipped (``skip`` says why), else the candidate ``make`` builds,
        else, when ``make`` raises ``ItemError``, a bad item named by its position."""
        if skip is not None:
            self.skipped.append(SkippedItem(position, where, skip))
            return
        try:
            self.candidates.append(make())
        except ItemError as error:
            self.bad.append(BadItem(position, where, str(error)))


class ItemError(ValueError):
    """Raised inside a parser for one item; the parser turns it into a BadItem."""


def detect_format(name: str, data: bytes) -> str:
    """The format of a file, from its name and its first bytes; BadInput if unclear."""
    lower = name.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lower.endswith((".html", ".htm")) or head[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if lower.endswith((".xml", ".wxr")) or head.startswith(b"<?xml") or head.startswith(b"<rss"):
        return "wxr"
    if head.startswith((b"[", b"{")):
        try:
            value = json.loads(data)
        except ValueError:
            raise BadInput(f"{name}: not valid JSON") from None
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, dict):
            if isinstance(first.get("title"), dict) or isinstance(first.get("content"), dict):
                return "wp-json"
            if "uri" in first or "headlines" in first or "bodies" in first:
                return "ninjs"
    raise BadInput(f"{name}: cannot tell its format; pass --format ({', '.join(FORMATS)})")


def parse_source(name: str, data: bytes, fmt: str) -> ParsedSource:
    """Parse one file of ``fmt``. A file that cannot be read at all raises BadInput."""
    if fmt == "wxr":
        from corrections.domain.imports.wxr import parse_wxr

        return parse_wxr(name, data)
    if fmt == "wp-json":
        from corrections.domain.imports.wp_json import parse_wp_json

        return parse_wp_json(name, data)
    if fmt == "ninjs":
        from corrections.domain.imports.ninjs import parse_ninjs

        return parse_ninjs(name, data)
    if fmt == "html":
        from corrections.domain.imports.html import parse_html

        return parse_html(name, data)
    raise BadInput(f"unknown import format {fmt!r} (known: {', '.join(FORMATS)})")


# ---------------------------------------------------------------------- shared helpers


def digest_of(*parts: Any) -> str:
    """A stable hash of an item's fields as the source gave them."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(text: str) -> str:
    """Controls as placeholders; a lone surrogate (from a JSON escape) as U+FFFD."""
    return typed_text(_SURROGATE.sub("\ufffd", text))


def clean_line(text: str | None) -> str:
    """A headline, byline or section: one line, controls shown as placeholders."""
    if text is None:
        return ""
    return " ".join(_text(text).split())


def clean_body(text: str) -> str:
    """A body: controls as placeholders (newlines stay), paragraphs kept, a final newline."""
    paragraphs = [p.strip() for p in _text(text).split("\n\n")]
    body = "\n\n".join(p for p in paragraphs if p)
    return body + "\n" if body else ""


def safe_slug(*choices: str | None) -> str:
    """The first choice that makes a slug (the source's own slug first, then its title)."""
    for choice in choices:
        if not choice:
            continue
        try:
            slug = slugify(choice)
        except InvalidSlug:
            continue
        return slug[:SLUG_MAX].rstrip("-")
    raise ItemError("no slug can be made from its slug or title")


def parse_date(text: str | None, what: str = "date") -> dt.datetime | dt.date:
    """An ISO 8601 date or date-time (``2024-05-16 12:00:00`` too); ItemError if not."""
    value = (text or "").strip()
    if not value:
        raise ItemError(f"no {what}")
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ItemError(f"{what} {value[:40]!r} is not a date") from None


def checked(candidate: Candidate) -> Candidate:
    """The rules every candidate meets, whatever its format."""
    if not candidate.headline:
        raise ItemError("no title")
    if len(candidate.headline) > 500:
        raise ItemError("its title is longer than 500 characters")
    if not candidate.body.strip():
        raise ItemError("no body text")
    return candidate


def label(position: int, title: str | None) -> str:
    """How an item is named in a report: "item 7 ('Its title')"."""
    shown = clean_line(title)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"item {position}" + (f" ({shown!r})" if shown else "")
