"""Atom and RSS 2.0 with feedgen. Dates come from the log, never from the clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corrections.domain.errors import BadInput
from corrections.outputs.model import CorrectionsLog, LogEntry

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

GENERATOR = "corrections"


def entry_title(entry: LogEntry) -> str:
    return f"{entry.label}: {entry.note.article.headline}"


def _generator(log: CorrectionsLog) -> FeedGenerator:
    from feedgen.feed import FeedGenerator  # lxml loads only when a feed is built

    feed = FeedGenerator()
    feed.id(log.id)
    feed.title(log.title)
    feed.subtitle(log.description)  # also the RSS channel description
    feed.author({"name": log.house})
    feed.generator(GENERATOR)
    feed.updated(log.updated)  # feedgen's default is now: the output must not depend on it
    feed.pubDate(log.updated)
    if log.base_url:
        feed.link(href=log.base_url, rel="alternate")
    for item in log.entries:
        _add(feed.add_entry(order="append"), item, log)
    return feed


def _add(fe: Any, entry: LogEntry, log: CorrectionsLog) -> None:
    note = entry.note
    fe.guid(entry.id, permalink=False)  # the Atom id too
    fe.title(entry_title(entry))
    fe.published(note.published)
    fe.updated(note.published)
    fe.pubDate(note.published)
    fe.content(note.note, type="text")  # Atom content and the RSS description
    fe.category(term=note.kind, label=entry.label)
    fe.author({"name": log.house})
    if entry.link:
        fe.link(href=entry.link, rel="alternate")


def render_atom(log: CorrectionsLog) -> str:
    data: bytes = _generator(log).atom_str(pretty=True, encoding="UTF-8")
    return data.decode("utf-8")


def render_rss(log: CorrectionsLog) -> str:
    if not log.base_url:
        raise BadInput(
            "an RSS channel needs a link: pass --base-url with the address of the "
            "corrections page (Atom and JSON Feed do without one)"
        )
    data: bytes = _generator(log).rss_str(pretty=True, encoding="UTF-8")
    return data.decode("utf-8")
