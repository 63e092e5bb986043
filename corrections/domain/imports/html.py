"""A published HTML page: its main text by trafilatura, its date by htmldate.

Both libraries (and lxml under them) load here, when a page is imported, never at start-up.
They only read the bytes given: nothing is fetched. The page itself is kept beside the
article (``sources/<slug>.html``) so that an editor can check what was extracted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from corrections.domain.imports.model import (
    BadItem,
    Candidate,
    ItemError,
    ParsedSource,
    checked,
    clean_body,
    clean_line,
    digest_of,
    parse_date,
    safe_slug,
)

_HEADING = re.compile(r"^#{1,6} +")


def parse_html(name: str, data: bytes) -> ParsedSource:
    parsed = ParsedSource(name, "html")
    title = None
    try:
        document, text, date = _extract(data)
        title = _attr(document, "title")
        parsed.candidates.append(_candidate(name, data, document, text, date))
    except ItemError as error:
        parsed.bad.append(BadItem(1, clean_line(title), str(error)))
    return parsed


def _extract(data: bytes) -> tuple[Any, str, str | None]:
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None:
        raise ItemError("no main text found in the page")
    text = trafilatura.extract(
        data,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        with_metadata=False,
    )
    date = htmldate.find_date(data, original_date=True, extensive_search=True)
    return document, text or "", date


def _attr(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _candidate(name: str, data: bytes, document: Any, text: str, date: str | None) -> Candidate:
    headline = clean_line(_attr(document, "title"))
    url = _attr(document, "url")
    if url is not None and not url.startswith(("https://", "http://")):
        url = None
    published: dt.datetime | dt.date = parse_date(
        date or _attr(document, "date"), "publication date"
    )
    categories = getattr(document, "categories", None) or []
    tags = getattr(document, "tags", None) or []
    body = clean_body(_without_furniture(text, headline, _attr(document, "author")))
    byline = clean_line(_attr(document, "author")) or None
    return checked(
        Candidate(
            position=1,
            source_id=url or f"page:{_file_name(name)}",
            slug=safe_slug(_url_slug(url), _stem(name), headline),
            headline=headline,
            published=published,
            body=body,
            # What was extracted, not the page's bytes: a page saved again with other
            # advertising or a fresh token is not a changed article.
            digest=digest_of(headline, body, published, byline, url),
            byline=byline,
            url=url,
            section=clean_line(str(categories[0])) if categories else None,
            tags=tuple(clean_line(str(t)) for t in tags if str(t).strip()),
            raw_page=data,
        )
    )


def _without_furniture(text: str, headline: str, author: str | None) -> str:
    """The page's own headline is the article's headline, and a short credit line naming
    the author ("By Rosa Chen · May 3") is its byline: neither is a paragraph of it."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if paragraphs and clean_line(_HEADING.sub("", paragraphs[0])) == headline:
        paragraphs = paragraphs[1:]
    if paragraphs and author and len(paragraphs[0]) <= 120 and author in paragraphs[0]:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _url_slug(url: str | None) -> str | None:
    if url is None:
        return None
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if not parts:
        return None
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", parts[-1])
    return None if last.isdigit() else last


def _file_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _stem(name: str) -> str:
    return re.sub(r"\.[A-Za-z0-9]+$", "", _file_name(name))
