"""A candidate as an article file, and what an imported article's front matter says of
where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corrections.domain.article import new_article_text
from corrections.domain.imports.model import Candidate

IMPORTED = "imported"  # the front matter field recording an article's source
SOURCES_DIR = "sources"  # published pages, kept as they were fetched, beside the articles


def page_path(slug: str) -> str:
    return f"{SOURCES_DIR}/{slug}.html"


@dataclass(frozen=True)
class Origin:
    """Where an article came from, as its front matter records it."""

    format: str
    id: str
    sha256: str


def article_text(candidate: Candidate, fmt: str, file_name: str) -> str:
    """The article file for ``candidate``: front matter with its origin, then the body."""
    fields: dict[str, Any] = {
        "headline": candidate.headline,
        "published": candidate.published.isoformat(),
    }
    if candidate.byline:
        fields["byline"] = candidate.byline
    if candidate.url:
        fields["url"] = candidate.url
    if candidate.section:
        fields["section"] = candidate.section
    if candidate.tags:
        fields["tags"] = list(candidate.tags)
    origin: dict[str, Any] = {
        "format": fmt,
        "file": file_name.replace("\\", "/").rsplit("/", 1)[-1],
        "id": candidate.source_id,
        "sha256": candidate.digest,
    }
    if candidate.raw_page is not None:
        origin["page"] = page_path(candidate.slug)
    fields[IMPORTED] = origin
    return new_article_text(fields, candidate.body)


def origin_of(fields: Mapping[str, Any]) -> Origin | None:
    """The recorded origin of an article, or None if it was not imported (or the record
    is not one this tool wrote)."""
    value = fields.get(IMPORTED)
    if not isinstance(value, Mapping):
        return None
    parts = (value.get("format"), value.get("id"), value.get("sha256"))
    if not all(isinstance(part, str) for part in parts):
        return None
    return Origin(str(parts[0]), str(parts[1]), str(parts[2]))
