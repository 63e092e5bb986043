"""schema.org JSON-LD for the HTML page: each article a NewsArticle with its corrections."""

from __future__ import annotations

import json
from typing import Any

from corrections.outputs.model import ArticleRef, CorrectionsLog, LogEntry


def news_article(log: CorrectionsLog, article: ArticleRef, entries: list[LogEntry]) -> Any:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
    }
    if article.url:
        data["url"] = article.url
    if article.published:
        data["datePublished"] = article.published.isoformat()
    if article.section:
        data["articleSection"] = article.section
    data["publisher"] = {"@type": "NewsMediaOrganization", "name": log.house}
    data["correction"] = [correction_comment(log, entry) for entry in entries]
    return data


def correction_comment(log: CorrectionsLog, entry: LogEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "CorrectionComment",
        "text": entry.note.note,
        "datePublished": entry.note.note_date.isoformat(),
    }
    if log.base_url:
        data["url"] = f"{log.base_url}#{entry.anchor}"
    return data


def script_json(data: Any) -> str:
    """JSON for inside ``<script type="application/ld+json">``: text can never close the
    element (``</`` is written ``<\\/``) nor open an HTML comment that would hide its end."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
