"""The public corrections log as plain data: what every renderer draws from.

Built by ``build_log`` from what the store knows; every piece of untrusted text is cleaned
here once, and the renderers escape for their own format on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum

from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.outputs.text import multi_line, one_line, public_url

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# How each kind is named to readers. A typo has no public note and is never listed.
KIND_LABELS: dict[str, str] = {
    "correction": "Correction",
    "clarification": "Clarification",
    "update": "Update",
    "editors_note": "Editor's note",
    "retraction": "Retraction",
}


class FeedFormat(StrEnum):
    atom = "atom"
    rss = "rss"
    json = "json"
    html = "html"


def feed_format(value: str) -> FeedFormat:
    try:
        return FeedFormat(value)
    except ValueError:
        known = ", ".join(f.value for f in FeedFormat)
        raise BadInput(f"unknown feed format {value!r} (known: {known})") from None


@frozen
class ArticleRef:
    """The corrected article, as readers know it."""

    slug: str
    headline: str
    url: str | None  # only an absolute http(s) address, else None
    published: dt.date | None
    section: str | None = None


@frozen
class PublishedNote:
    """One published correction as the store gives it, before it becomes an entry."""

    correction_id: str
    kind: str
    note: str  # reader-facing plain text, dated the house's way; lines split on "\n"
    note_date: dt.date
    date_text: str  # the note's date written the house's way
    published: dt.datetime  # when the correction was published (time-zone aware)
    article: ArticleRef


@frozen
class LogEntry:
    id: str  # stable: the same correction has the same id on every run and machine
    anchor: str  # the entry's fragment id on the HTML page
    link: str | None  # the article's address, else the entry on the page, else None
    label: str
    note: PublishedNote


@frozen
class CorrectionsLog:
    id: str
    title: str
    house: str
    description: str
    base_url: str | None
    updated: dt.datetime  # the newest entry's date, so the same store gives the same feed
    entries: tuple[LogEntry, ...]

    def articles(self) -> list[tuple[ArticleRef, list[LogEntry]]]:
        """Each corrected article once, in the order it first appears, with its entries."""
        grouped: dict[str, tuple[ArticleRef, list[LogEntry]]] = {}
        for entry in self.entries:
            article = entry.note.article
            grouped.setdefault(article.slug, (article, []))[1].append(entry)
        return list(grouped.values())


def log_id(house_slug: str) -> str:
    return f"urn:corrections:{house_slug}"


def entry_id(house_slug: str, correction_id: str) -> str:
    """A permanent URI for one correction: its house and its id, nothing that changes."""
    return f"{log_id(house_slug)}:{correction_id}"


def clean_article(article: ArticleRef) -> ArticleRef:
    return ArticleRef(
        slug=article.slug,
        headline=one_line(article.headline) or article.slug,
        url=public_url(article.url),
        published=article.published,
        section=(one_line(article.section) or None) if article.section else None,
    )


def clean_note(note: PublishedNote) -> PublishedNote:
    return PublishedNote(
        correction_id=note.correction_id,
        kind=note.kind,
        note=multi_line(note.note),
        note_date=note.note_date,
        date_text=one_line(note.date_text),
        published=note.published,
        article=clean_article(note.article),
    )


def newest_first(notes: Iterable[PublishedNote]) -> list[PublishedNote]:
    return sorted(notes, key=lambda n: (n.published, n.correction_id), reverse=True)


def build_log(
    house: str,
    house_slug: str,
    notes: Sequence[PublishedNote],
    base_url: str | None = None,
    *,
    updated_if_empty: dt.datetime = EPOCH,
) -> CorrectionsLog:
    """The log of ``notes``, newest first, every text cleaned; typos are left out."""
    house = one_line(house) or "Newsroom"
    entries = []
    for note in newest_first(n for n in notes if n.kind in KIND_LABELS):
        anchor = f"c-{note.correction_id}"
        cleaned = clean_note(note)
        page_link = f"{base_url}#{anchor}" if base_url else None
        entries.append(
            LogEntry(
                id=entry_id(house_slug, note.correction_id),
                anchor=anchor,
                link=cleaned.article.url or page_link,
                label=KIND_LABELS[note.kind],
                note=cleaned,
            )
        )
    return CorrectionsLog(
        id=log_id(house_slug),
        title=f"{house}: corrections",
        house=house,
        description=f"Corrections, clarifications and updates to articles published by {house}.",
        base_url=base_url,
        updated=entries[0].note.published if entries else updated_if_empty,
        entries=tuple(entries),
    )
