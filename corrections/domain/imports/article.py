"""A candidate as an article file, and what an imported article's front matter says of
where it came from."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from corrections.domain.article import FENCE
from corrections.domain.frozen import frozen
from corrections.domain.imports.model import Candidate

IMPORTED = "imported"  # the front matter field recording an article's source
SOURCES_DIR = "sources"  # published pages, kept as they were fetched, beside the articles


def page_path(slug: str) -> str:
    return f"{SOURCES_DIR}/{slug}.html"


@frozen
class Origin:
    """Where an article came from, as its front matter records it."""

    format: str
    id: str
    sha256: str


def article_fields(candidate: Candidate, fmt: str, file_name: str) -> dict[str, Any]:
    """The front matter of ``candidate``'s article, with its origin."""
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
    return fields


def article_text(fields: Mapping[str, Any], body: str) -> str:
    """The article file: the front matter, then the body."""
    return f"{FENCE}\n{front_matter(fields)}{FENCE}\n{body}"


# A character YAML would not take as it is inside a double-quoted scalar (a lone
# surrogate from a JSON escape is replaced before, as it cannot be written as UTF-8).
_UNPRINTABLE = re.compile(
    r"[^\t\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _scalar(value: str) -> str:
    """A string as a YAML 1.2 double-quoted scalar: JSON's escapes are YAML's too."""
    quoted = json.dumps(_SURROGATE.sub("\ufffd", value), ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def front_matter(fields: Mapping[str, Any], indent: str = "") -> str:
    """Front matter for text, lists of text and mappings of them, every string quoted.

    Many articles are written at once by an import: this is a few microseconds where a
    general YAML writer takes milliseconds, and what it writes reads back identically."""
    lines: list[str] = []
    for key, value in fields.items():
        if isinstance(value, Mapping):
            lines.append(f"{indent}{key}:\n{front_matter(value, indent + '  ')}")
        elif isinstance(value, list):
            items = ", ".join(_scalar(str(item)) for item in value)
            lines.append(f"{indent}{key}: [{items}]\n")
        else:
            lines.append(f"{indent}{key}: {_scalar(str(value))}\n")
    return "".join(lines)


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
