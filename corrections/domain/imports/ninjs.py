"""ninjs (IPTC's news in JSON), versions 1.x (``headline``, ``body_html``) and 2.x
(``headlines``, ``bodies``): one item, a list of items, or ``{"items": [...]}``."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from corrections.domain.imports.markup import html_to_text
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
from corrections.domain.imports.wp_json import load_json


def parse_ninjs(name: str, data: bytes) -> ParsedSource:
    value = load_json(name, data)
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        value = value["items"]
    items = value if isinstance(value, list) else [value]
    parsed = ParsedSource(name, "ninjs")
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            parsed.bad.append(BadItem(position, "", "not a JSON object"))
            continue
        title = _headline(item)
        where = clean_line(title)
        skip = (
            f"a {item.get('type')} item, not text"
            if item.get("type", "text") != "text"
            else f"not usable ({item.get('pubstatus')})"
            if item.get("pubstatus", "usable") != "usable"
            else None
        )
        parsed.take(position, where, skip, partial(_candidate, position, item, title))
    return parsed


def _candidate(position: int, item: dict[str, Any], title: str) -> Candidate:
    uri = item.get("uri")
    if not isinstance(uri, str) or not uri:
        raise ItemError("no uri")
    headline = clean_line(title)
    body = _body(item)
    when = item.get("firstcreated") or item.get("versioncreated")
    published = parse_date(when if isinstance(when, str) else None, "firstcreated")
    if isinstance(published, dt.datetime) and published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    subjects = _list(item.get("subjects")) + _list(item.get("subject"))
    tags = tuple(
        clean_line(str(s.get("name"))) for s in subjects if isinstance(s, dict) and s.get("name")
    )
    url = _web_url(item)
    return checked(
        Candidate(
            position=position,
            source_id=uri,
            slug=safe_slug(_text(item.get("slugline")), headline),
            headline=headline,
            published=published,
            body=clean_body(body),
            digest=digest_of(item),
            byline=clean_line(_byline(item)) or None,
            url=url,
            tags=tags,
        )
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _headline(item: dict[str, Any]) -> str:
    headlines = item.get("headlines")
    if isinstance(headlines, list):
        for entry in headlines:
            if isinstance(entry, dict) and isinstance(entry.get("value"), str):
                return str(entry["value"])
    return _text(item.get("headline"))


def _body(item: dict[str, Any]) -> str:
    bodies = item.get("bodies")
    if isinstance(bodies, list):
        by_type = {
            str(b.get("contenttype") or b.get("contentType") or ""): _text(b.get("value"))
            for b in bodies
            if isinstance(b, dict)
        }
        if by_type.get("text/html"):
            return html_to_text(by_type["text/html"])
        if by_type.get("text/plain"):
            return by_type["text/plain"]
    if _text(item.get("body_html")):
        return html_to_text(item["body_html"])
    return _text(item.get("body_text"))


def _byline(item: dict[str, Any]) -> str:
    if _text(item.get("byline")):
        return str(item["byline"])
    people = item.get("by")
    if isinstance(people, list):
        names = [str(p.get("name")) for p in people if isinstance(p, dict) and p.get("name")]
        return " and ".join(names)
    return _text(people)


def _web_url(item: dict[str, Any]) -> str | None:
    for key in ("url", "uri"):
        value = item.get(key)
        if isinstance(value, str) and value.startswith(("https://", "http://")):
            return value
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
