"""One article as published, with its correction notes, for a CMS that pulls it.

``json`` is this tool's own shape; ``ninjs`` is IPTC ninjs 2.0 (the notes are in the bodies
where readers see them, and each is also a description with the role ``correction``);
``html`` is a self-contained page (no scripts run, nothing loaded from elsewhere) with the
article marked up as a schema.org ``NewsArticle`` with its ``CorrectionComment``s.
Every text is cleaned here once and escaped for its format.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from html import escape
from typing import Any

from corrections.domain.frozen import frozen
from corrections.outputs.html import POLICY, STYLE
from corrections.outputs.jsonld import news_article, script_json
from corrections.outputs.model import ArticleRef, CorrectionsLog, LogEntry, build_log
from corrections.outputs.text import multi_line, one_line, public_url, remove_controls

EXPORT_FORMATS = ("ninjs", "html", "json")
ARTICLE_STYLE = ".correction { border-left: 3px solid var(--accent); padding-left: .75rem; }"


@frozen
class ExportedNote:
    entry: LogEntry
    placement: str  # "top" or "bottom": where the house places the kind's note


@frozen
class ExportedArticle:
    slug: str
    headline: str
    byline: str | None
    published: dt.datetime | dt.date
    updated: dt.datetime | None  # the last commit that changed it
    url: str | None
    section: str | None
    language: str | None
    tags: tuple[str, ...]
    text: str  # the body without the notes block: Markdown-ish paragraphs
    version: int
    commit: str
    log: CorrectionsLog  # this article's published notes, newest first
    placements: Mapping[str, str]  # correction id -> "top" | "bottom"

    @property
    def notes(self) -> list[ExportedNote]:
        """Oldest first, as the article shows them."""
        return [
            ExportedNote(e, self.placements.get(e.note.correction_id, "bottom"))
            for e in reversed(self.log.entries)
        ]


def exported(
    house: str,
    house_slug: str,
    article: ArticleRef,
    *,
    byline: str | None,
    published: dt.datetime | dt.date,
    updated: dt.datetime | None,
    language: str | None,
    tags: tuple[str, ...],
    text: str,
    version: int,
    commit: str,
    notes: list[Any],
    placements: Mapping[str, str],
) -> ExportedArticle:
    log = build_log(house, house_slug, notes)
    return ExportedArticle(
        slug=article.slug,
        headline=one_line(article.headline) or article.slug,
        byline=one_line(byline) or None if byline else None,
        published=published,
        updated=updated,
        url=public_url(article.url),
        section=one_line(article.section) or None if article.section else None,
        language=one_line(language) or None if language else None,
        tags=tuple(t for t in (one_line(t) for t in tags) if t),
        text=_paragraphs_text(text),
        version=version,
        commit=commit,
        log=log,
        placements=placements,
    )


def render_export(article: ExportedArticle, fmt: str) -> str:
    if fmt == "ninjs":
        return _dump(ninjs(article))
    if fmt == "html":
        return html_page(article)
    return _dump(as_json(article))


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _paragraphs_text(text: str) -> str:
    paragraphs = [multi_line(p) for p in remove_controls(text).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _notes_text(article: ExportedArticle, placement: str) -> list[str]:
    return [n.entry.note.note for n in article.notes if n.placement == placement]


def reader_text(article: ExportedArticle) -> str:
    """The article as readers see it: top notes, the text, bottom notes."""
    parts = [*_notes_text(article, "top"), article.text, *_notes_text(article, "bottom")]
    return "\n\n".join(p for p in parts if p) + "\n"


def _notes_json(article: ExportedArticle) -> list[dict[str, Any]]:
    return [
        {
            "id": n.entry.note.correction_id,
            "kind": n.entry.note.kind,
            "label": n.entry.label,
            "date": n.entry.note.note_date.isoformat(),
            "date_text": n.entry.note.date_text,
            "published": n.entry.note.published.isoformat(),
            "placement": n.placement,
            "text": n.entry.note.note,
        }
        for n in article.notes
    ]


def as_json(article: ExportedArticle) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "headline": article.headline,
        "byline": article.byline,
        "published": article.published.isoformat(),
        "updated": article.updated.isoformat() if article.updated else None,
        "url": article.url,
        "section": article.section,
        "language": article.language,
        "tags": list(article.tags),
        "version": article.version,
        "commit": article.commit,
        "text": article.text,
        "text_with_notes": reader_text(article),
        "corrections": _notes_json(article),
    }


def ninjs(article: ExportedArticle) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uri": article.url or f"{article.log.id}:article:{article.slug}",
        "type": "text",
        "version": str(article.version),
        "firstcreated": _date_time(article.published),
    }
    if article.updated is not None:
        data["versioncreated"] = article.updated.isoformat()
    data["pubstatus"] = "usable"
    if article.language:
        data["language"] = article.language
    data["slugline"] = article.slug
    data["headlines"] = [{"role": "main", "value": article.headline}]
    if article.byline:
        data["by"] = article.byline
    data["bodies"] = [
        {"role": "main", "contenttype": "text/plain", "value": reader_text(article)},
        {"role": "main", "contenttype": "text/html", "value": body_html(article)},
    ]
    if article.notes:
        data["descriptions"] = [
            {"role": "correction", "contenttype": "text/plain", "value": n.entry.note.note}
            for n in article.notes
        ]
    return data


def _date_time(value: dt.datetime | dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC).isoformat()


def _note_html(note: ExportedNote) -> str:
    entry = note.entry
    lines = "<br>\n".join(escape(line) for line in entry.note.note.split("\n"))
    return (
        f'<aside class="correction" id="{escape(entry.anchor, quote=True)}">'
        f'<p class="note">{lines}</p></aside>'
    )


def body_html(article: ExportedArticle) -> str:
    """The body as HTML: notes where the house places them, paragraphs escaped."""
    top = [_note_html(n) for n in article.notes if n.placement == "top"]
    bottom = [_note_html(n) for n in article.notes if n.placement != "top"]
    paragraphs = [
        "<p>" + "<br>\n".join(escape(line) for line in p.split("\n")) + "</p>"
        for p in article.text.split("\n\n")
        if p
    ]
    return "\n".join([*top, *paragraphs, *bottom])


def html_page(article: ExportedArticle) -> str:
    ref = ArticleRef(
        article.slug, article.headline, article.url, _day(article.published), article.section
    )
    data = news_article(article.log, ref, list(reversed(article.log.entries)))
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.updated is not None:
        data["dateModified"] = article.updated.isoformat()
    byline = f'<p class="meta">{escape(article.byline)}</p>\n' if article.byline else ""
    lang = escape(article.language or "en", quote=True)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(POLICY, quote=True)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(article.headline)}</title>\n"
        f"<style>\n{STYLE}\n{ARTICLE_STYLE}\n</style>\n"
        "</head>\n<body>\n<main>\n<article>\n"
        f"<h1>{escape(article.headline)}</h1>\n{byline}"
        f'<p class="meta"><time datetime="{escape(article.published.isoformat(), quote=True)}">'
        f"{escape(_day(article.published).isoformat())}</time></p>\n"
        f"{body_html(article)}\n"
        f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
        "</article>\n</main>\n</body>\n</html>\n"
    )


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
