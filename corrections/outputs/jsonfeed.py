"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with a ``_corrections`` extension."""

from __future__ import annotations

import json
from typing import Any

from corrections.outputs.feeds import entry_title
from corrections.outputs.model import ArticleRef, CorrectionsLog, LogEntry

VERSION = "https://jsonfeed.org/version/1.1"


def article_data(article: ArticleRef) -> dict[str, Any]:
    data: dict[str, Any] = {"slug": article.slug, "headline": article.headline}
    if article.url:
        data["url"] = article.url
    if article.published:
        data["published"] = article.published.isoformat()
    if article.section:
        data["section"] = article.section
    return data


def item(entry: LogEntry) -> dict[str, Any]:
    note = entry.note
    data: dict[str, Any] = {"id": entry.id}
    if entry.link:
        data["url"] = entry.link
    data |= {
        "title": entry_title(entry),
        "content_text": note.note,
        "date_published": note.published.isoformat(),
        "tags": [entry.label],
        "_corrections": {
            "correction_id": note.correction_id,
            "kind": note.kind,
            "label": entry.label,
            "note_date": note.note_date.isoformat(),
            "article": article_data(note.article),
        },
    }
    return data


def feed_data(log: CorrectionsLog) -> dict[str, Any]:
    data: dict[str, Any] = {"version": VERSION, "title": log.title}
    if log.base_url:
        data["home_page_url"] = log.base_url
    data |= {
        "description": log.description,
        "authors": [{"name": log.house}],
        "items": [item(entry) for entry in log.entries],
    }
    return data


def render_json(log: CorrectionsLog) -> str:
    return json.dumps(feed_data(log), ensure_ascii=False, indent=2) + "\n"
