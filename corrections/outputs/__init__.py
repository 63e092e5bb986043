"""Public outputs of the corrections log: Atom, RSS, JSON Feed and a static HTML page.

Pure renderers: plain data in, text out. No git, no file system, no terminal.
"""

from __future__ import annotations

from corrections.outputs.model import (
    EPOCH,
    KIND_LABELS,
    ArticleRef,
    CorrectionsLog,
    FeedFormat,
    LogEntry,
    PublishedNote,
    build_log,
    entry_id,
    feed_format,
)
from corrections.outputs.text import base_url, public_url, remove_controls, unescape_markdown


def render(log: CorrectionsLog, fmt: FeedFormat) -> str:
    """The log in one format. Atom and RSS load feedgen (and lxml) only when asked for."""
    if fmt is FeedFormat.atom or fmt is FeedFormat.rss:
        from corrections.outputs.feeds import render_atom, render_rss

        return render_atom(log) if fmt is FeedFormat.atom else render_rss(log)
    if fmt is FeedFormat.json:
        from corrections.outputs.jsonfeed import render_json

        return render_json(log)
    from corrections.outputs.html import render_html

    return render_html(log)


__all__ = [
    "EPOCH",
    "KIND_LABELS",
    "ArticleRef",
    "CorrectionsLog",
    "FeedFormat",
    "LogEntry",
    "PublishedNote",
    "base_url",
    "build_log",
    "entry_id",
    "feed_format",
    "public_url",
    "remove_controls",
    "render",
    "unescape_markdown",
]
