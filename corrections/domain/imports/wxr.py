"""WordPress's export file (WXR, an RSS 2.0 document with WordPress's own elements).

Read with defusedxml: a file with a document type declaration (where entities such as
the "billion laughs" or an external entity are declared), or that declares or refers to
entities otherwise, is refused whole, before anything in it is used. Nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial

from corrections.domain.errors import BadInput
from corrections.domain.imports.markup import html_to_text, inline_text
from corrections.domain.imports.model import (
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


def parse_wxr(name: str, data: bytes) -> ParsedSource:
    root = _parse_xml(name, data)
    channel = _first(root, "channel")
    if root.tag != "rss" or channel is None:
        raise BadInput(f"{name}: not a WordPress export (no <rss><channel>)")
    authors = {
        _text(a, "author_login"): _text(a, "author_display_name")
        for a in _children(channel, "author")
    }
    parsed = ParsedSource(name, "wxr")
    for position, item in enumerate(_children(channel, "item"), start=1):
        title = _text(item, "title")
        post_type = _text(item, "post_type") or "post"
        status = _text(item, "status") or "publish"
        skip = (
            f"a {post_type}, not a post"
            if post_type != "post"
            else f"not published ({status})"
            if status != "publish"
            else None
        )
        parsed.take(
            position,
            clean_line(title),
            skip,
            partial(_candidate, position, item, title, authors),
        )
    return parsed


def _parse_xml(name: str, data: bytes) -> ET.Element:
    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden:
        raise BadInput(
            f"{name}: refused: it has a document type declaration (<!DOCTYPE>), where "
            "XML entities are declared; a WordPress export has none"
        ) from None
    except defusedxml.EntitiesForbidden:
        raise BadInput(
            f"{name}: refused: it declares XML entities (entity expansion is not allowed)"
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise BadInput(f"{name}: refused: it refers to an external entity or DTD") from None
    except defusedxml.DefusedXmlException as error:
        raise BadInput(f"{name}: refused: {error}") from None
    except ET.ParseError as error:
        line, column = error.position
        raise BadInput(f"{name}:{line}: not well-formed XML (column {column})") from None
    return root


def _candidate(position: int, item: ET.Element, title: str, authors: dict[str, str]) -> Candidate:
    content = _text(item, "encoded", namespace_hint="content")
    creator = _text(item, "creator")
    link = _text(item, "link")
    guid = _text(item, "guid")
    post_id = _text(item, "post_id")
    date_gmt = _text(item, "post_date_gmt")
    pub_date = _text(item, "pubDate")
    post_date = _text(item, "post_date")
    categories = [c for c in _children(item, "category")]
    section = next((c.text or "" for c in categories if c.get("domain") == "category"), "")
    tags = tuple(clean_line(c.text) for c in categories if c.get("domain") == "post_tag" and c.text)
    headline = clean_line(inline_text(title))
    return checked(
        Candidate(
            position=position,
            source_id=guid or link or f"post-{post_id}",
            slug=safe_slug(_text(item, "post_name"), headline),
            headline=headline,
            published=_published(date_gmt, pub_date, post_date),
            body=clean_body(html_to_text(content)),
            digest=digest_of(title, creator, date_gmt, pub_date, post_date, link, content),
            byline=clean_line(authors.get(creator) or creator) or None,
            url=link if link.startswith(("https://", "http://")) else None,
            section=clean_line(section) or None,
            tags=tags,
        )
    )


def _published(date_gmt: str, pub_date: str, post_date: str) -> dt.datetime | dt.date:
    if date_gmt and not date_gmt.startswith("0000"):
        when = parse_date(date_gmt, "post_date_gmt")
        if isinstance(when, dt.datetime) and when.tzinfo is None:
            return when.replace(tzinfo=dt.UTC)
        return when
    if pub_date:
        try:
            return email.utils.parsedate_to_datetime(pub_date)
        except (TypeError, ValueError):
            raise ItemError(f"pubDate {pub_date[:40]!r} is not a date") from None
    return parse_date(post_date, "publication date")


# Elements are matched by local name: WXR's namespace URIs change with its version
# (export/1.0, 1.1, 1.2) and every element we read has a name of its own.


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in element if _local(child.tag) == name)


def _first(element: ET.Element, name: str) -> ET.Element | None:
    return next(_children(element, name), None)


def _text(element: ET.Element, name: str, namespace_hint: str = "") -> str:
    for child in _children(element, name):
        if namespace_hint and namespace_hint not in child.tag:
            continue
        return (child.text or "").strip()
    return ""
