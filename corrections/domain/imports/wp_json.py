"""WordPress REST API posts, as saved from ``/wp-json/wp/v2/posts`` (with ``?_embed`` for
the authors' names and the categories)."""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from typing import Any

from corrections.domain.errors import BadInput
from corrections.domain.imports.markup import html_to_text, inline_text
from corrections.domain.imports.model import (
    BadItem,
    Candidate,
    ParsedSource,
    checked,
    clean_body,
    clean_line,
    digest_of,
    parse_date,
    safe_slug,
)


def load_json(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadInput(f"{name}: not valid UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"{name}:{error.lineno}: not valid JSON ({error.msg})") from None


def parse_wp_json(name: str, data: bytes) -> ParsedSource:
    value = load_json(name, data)
    posts = value if isinstance(value, list) else [value]
    parsed = ParsedSource(name, "wp-json")
    for position, post in enumerate(posts, start=1):
        if not isinstance(post, dict):
            parsed.bad.append(BadItem(position, "", "not a JSON object"))
            continue
        title = _rendered(post.get("title"))
        where = clean_line(inline_text(title))
        skip = (
            f"a {post.get('type')}, not a post"
            if post.get("type", "post") != "post"
            else f"not published ({post.get('status')})"
            if post.get("status", "publish") != "publish"
            else None
        )
        parsed.take(position, where, skip, partial(_candidate, position, post, title))
    return parsed


def _candidate(position: int, post: dict[str, Any], title: str) -> Candidate:
    content = _rendered(post.get("content"))
    link = _string(post.get("link"))
    headline = clean_line(inline_text(title))
    embedded = _mapping(post.get("_embedded"))
    terms = [
        t
        for group in embedded.get("wp:term", []) or []
        if isinstance(group, list)
        for t in group
        if isinstance(t, dict)
    ]
    section = next((t.get("name") for t in terms if t.get("taxonomy") == "category"), None)
    tags = tuple(clean_line(str(t.get("name"))) for t in terms if t.get("taxonomy") == "post_tag")
    post_id = post.get("id")
    return checked(
        Candidate(
            position=position,
            source_id=_guid(post) or link or f"post-{post_id}",
            slug=safe_slug(str(post.get("slug") or ""), headline),
            headline=headline,
            published=_published(post),
            body=clean_body(html_to_text(content)),
            digest=digest_of(
                title, content, post.get("date_gmt"), post.get("date"), link, post.get("author")
            ),
            byline=clean_line(_author(embedded)) or None,
            url=link if link.startswith(("https://", "http://")) else None,
            section=clean_line(str(section)) if section else None,
            tags=tags,
        )
    )


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def _published(post: dict[str, Any]) -> dt.datetime | dt.date:
    gmt = post.get("date_gmt")
    if isinstance(gmt, str) and gmt:
        when = parse_date(gmt, "date_gmt")
        if isinstance(when, dt.datetime) and when.tzinfo is None:
            return when.replace(tzinfo=dt.UTC)
        return when
    date = post.get("date")
    return parse_date(date if isinstance(date, str) else None, "date")


def _author(embedded: dict[str, Any]) -> str | None:
    authors = embedded.get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = authors[0].get("name")
        return name if isinstance(name, str) else None
    return None


def _guid(post: dict[str, Any]) -> str:
    guid = post.get("guid")
    return _rendered(guid) if isinstance(guid, dict) else ""


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
