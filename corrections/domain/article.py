"""The article file: YAML front matter, then the body, byte for byte.

``articles/<slug>.md`` is exactly what readers see. The front matter is split here by hand
(not by a front-matter library) so that the body keeps its exact bytes: a BOM, CRLF line
endings and the presence or absence of a final newline all survive a round trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from corrections.domain.errors import MalformedArticle
from corrections.domain.frozen import frozen
from corrections.domain.notes_markers import NOTES_END, NOTES_START

# The model and the YAML parser load when an article is first parsed: listing articles
# from the catalogue's cache, or printing one, never needs them.
if TYPE_CHECKING:
    from corrections.domain.front_matter import FrontMatter

BOM = "\ufeff"
FENCE = "---"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # an article larger than this is a mistake, not news


@frozen
class ArticleDocument:
    """A parsed article file. ``to_bytes()`` gives back the exact bytes it was read from."""

    head: str  # everything before the body, fences and BOM included, exactly as read
    front_matter_text: str
    fields: Mapping[str, Any]
    meta: FrontMatter
    body: str

    def to_bytes(self) -> bytes:
        return self.to_text().encode("utf-8")

    def to_text(self) -> str:
        return self.head + self.body

    def with_body(self, body: str) -> ArticleDocument:
        return ArticleDocument(self.head, self.front_matter_text, self.fields, self.meta, body)


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_ARTICLE_BYTES:
        raise MalformedArticle(
            f"{name}: {len(data):,} bytes is larger than the {MAX_ARTICLE_BYTES:,}-byte limit"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise MalformedArticle.at(name, line, "not valid UTF-8 text") from None


def to_lf(text: str) -> str:
    """Line endings as the store keeps them: LF (its .gitattributes says ``eol=lf``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, name: str) -> tuple[str, str, str] | None:
    """Return (head, front matter, body), or None if the text has no front matter.

    ``head`` is the exact text before the body (BOM, fences, line endings) so that
    ``head + body == text`` always holds.
    """
    start = 1 if text.startswith(BOM) else 0
    first_end = text.find("\n", start)
    if first_end < 0 or text[start:first_end].rstrip("\r") != FENCE:
        return None
    pos = first_end + 1
    while True:
        newline_at = text.find("\n", pos)
        line_end = len(text) if newline_at < 0 else newline_at
        if text[pos:line_end].rstrip("\r") == FENCE:
            body_start = line_end if newline_at < 0 else newline_at + 1
            return text[:body_start], text[first_end + 1 : pos], text[body_start:]
        if newline_at < 0:
            raise MalformedArticle.at(name, 1, "front matter is not closed by a '---' line")
        pos = newline_at + 1


def parse_article(data: bytes, name: str) -> ArticleDocument:
    """Parse an article file's bytes; every error names ``name`` and the line."""
    text = decode(data, name)
    parts = split_front_matter(text, name)
    if parts is None:
        raise _no_front_matter(text, name)
    head, front, body = parts
    return ArticleDocument(head, front, *_parse_fields(front, name), body)


def parse_front_matter_only(data: bytes, name: str) -> FrontMatter:
    """The front matter of an article file, without decoding the rest of a long body."""
    head = data[:65536]
    end = head.find(b"\n---", 3)
    text = decode(head[: end + 5] if end >= 0 else data, name)
    parts = split_front_matter(text, name)
    if parts is None:
        raise _no_front_matter(text, name)
    return _parse_fields(parts[1], name)[1]


def _no_front_matter(text: str, name: str) -> MalformedArticle:
    if text.lstrip(BOM).startswith(FENCE + "\r"):
        return MalformedArticle.at(
            name,
            1,
            "the front matter ends its lines with CR alone; "
            "use LF line endings ('corrections add' converts them)",
        )
    return MalformedArticle.at(name, 1, "an article starts with a '---' front matter line")


def _parse_fields(front: str, name: str) -> tuple[Mapping[str, Any], FrontMatter]:
    from pydantic import ValidationError

    from corrections.domain import yamlsafe
    from corrections.domain.front_matter import FrontMatter

    # The front matter starts on the file's second line.
    try:
        fields = yamlsafe.load(front) if front.strip() else {}
    except yamlsafe.YamlError as error:
        line = (error.line or 0) + 1
        raise MalformedArticle.at(name, line, f"front matter: {error.reason}") from None
    if not isinstance(fields, dict):
        raise MalformedArticle.at(name, 2, "front matter must be a mapping of field: value")
    try:
        meta = FrontMatter.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "front matter"
        line = _line_of_key(front, str(first["loc"][0])) if first["loc"] else 2
        message = str(first["msg"]).removeprefix("Value error, ")
        raise MalformedArticle.at(name, line, f"{field}: {message}") from None
    return fields, meta


def _line_of_key(front: str, key: str) -> int:
    for number, line in enumerate(front.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 2


def new_article_text(fields: Mapping[str, Any], body: str) -> str:
    """Render a fresh article file from fields and a body (used when adding plain text)."""
    from corrections.domain.yamlwrite import dump_mapping

    return f"{FENCE}\n{dump_mapping(fields)}{FENCE}\n{body}"


def article_from_plain_text(text: str, name: str, published: dt.datetime) -> str:
    """Plain text whose first non-empty line is the headline becomes an article file."""
    lines = text.lstrip(BOM).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise MalformedArticle.at(name, 1, "the file is empty")
    headline = lines[0].strip().lstrip("#").strip()
    rest = lines[1:]
    while rest and not rest[0].strip():
        rest.pop(0)
    body = "\n".join(rest)
    if body and not body.endswith("\n"):
        body += "\n"
    return new_article_text({"headline": headline, "published": published.isoformat()}, body)


# ---------------------------------------------------------------------- the notes block


def split_notes(body: str) -> tuple[str, str, str]:
    """Split a body into (top block, text, bottom block); blocks are "" when absent.

    The blocks are the tool's own: a block at the very start of the body, followed by a
    blank line, and one at the very end, preceded by a blank line.
    """
    start, end = NOTES_START, NOTES_END
    top = bottom = ""
    text = body
    if text.startswith(start + "\n"):
        close = text.find("\n" + end + "\n")
        if close >= 0 and text.startswith("\n", close + len(end) + 2):
            cut = close + len(end) + 2
            top, text = text[:cut], text[cut + 1 :]
    if text.endswith("\n" + end + "\n"):
        open_at = text.rfind("\n\n" + start + "\n")
        if open_at >= 0:
            bottom, text = text[open_at + 2 :], text[: open_at + 1]
    return top, text, bottom


def join_notes(top: str, text: str, bottom: str) -> str:
    """The inverse of ``split_notes`` (a text gains a final newline when a bottom block
    follows it)."""
    if bottom and not text.endswith("\n"):
        text += "\n"
    return (top + "\n" if top else "") + text + ("\n" + bottom if bottom else "")


def without_notes(article_text: str, name: str) -> str:
    """The article file's text with its notes blocks taken out: what editors edit."""
    parts = split_front_matter(article_text, name)
    if parts is None:
        return article_text
    head, _, body = parts
    _, text, _ = split_notes(body)
    return head + text


def with_notes(article_text: str, name: str, top: str, bottom: str) -> str:
    """An article text (without notes) with the given notes blocks put in place."""
    parts = split_front_matter(article_text, name)
    if parts is None:
        raise MalformedArticle.at(name, 1, "an article starts with a '---' front matter line")
    head, _, body = parts
    return head + join_notes(top, body, bottom)
