"""Command palette entries: open any article or correction by typing part of its name.

Hits are displayed as ``Content`` made by :mod:`corrections.tui.render` (the palette would
parse a plain str as markup), and matched by substring on lowercase text made once, so a
palette over 100,000 articles stays quick.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from corrections.domain.errors import CorrectionsError
from corrections.tui import render
from corrections.tui.messages import OpenArticle, OpenCorrection

if TYPE_CHECKING:
    from corrections.tui.app import CorrectionsApp

MAX_HITS = 40


def _score(text: str, query: str) -> float:
    """Earlier matches score higher; a match at the start best of all."""
    at = text.find(query)
    return 0.0 if at < 0 else 1.0 / (1 + at / 8)


class ArticleCommands(Provider):
    """Open an article: matches headlines and slugs."""

    @property
    def _app(self) -> CorrectionsApp:
        return cast("CorrectionsApp", self.app)

    async def startup(self) -> None:
        app = self._app
        if not app.catalog:
            try:
                app.catalog = await asyncio.to_thread(app.backend.articles)
            except CorrectionsError:
                app.catalog = []
        self.keys = [f"{s.headline} {s.slug}".lower() for s in app.catalog]

    def _open(self, slug: str) -> None:
        self._app.post_message(OpenArticle(slug))

    async def discover(self) -> Hits:
        for summary in self._app.catalog[:10]:
            yield DiscoveryHit(
                render.highlighted(summary.headline, "", summary.slug),
                partial(self._open, summary.slug),
                text=render.line(summary.headline),
                help="Open this article",
            )

    async def search(self, query: str) -> Hits:
        wanted = query.lower().strip()
        if not wanted:
            return
        found = 0
        for summary, key in zip(self._app.catalog, self.keys, strict=False):
            if wanted not in key:
                continue
            yield Hit(
                _score(key, wanted),
                render.highlighted(summary.headline, wanted, summary.slug),
                partial(self._open, summary.slug),
                text=render.line(summary.headline),
                help="Open this article",
            )
            found += 1
            if found >= MAX_HITS:
                return


class CorrectionCommands(Provider):
    """Open a correction: matches id, article, kind, status, proposer and summary."""

    @property
    def _app(self) -> CorrectionsApp:
        return cast("CorrectionsApp", self.app)

    async def startup(self) -> None:
        app = self._app
        if not app.records:
            try:
                app.records = (await asyncio.to_thread(app.backend.corrections)).records
            except CorrectionsError:
                app.records = []

    def _open(self, record_id: str) -> None:
        self._app.post_message(OpenCorrection(record_id))

    async def search(self, query: str) -> Hits:
        wanted = query.lower().strip()
        if not wanted:
            return
        found = 0
        for record in self._app.records:
            label = (
                f"{record.kind.value} to {record.article}: {record.summary or record.id}"
                f" ({record.status.value})"
            )
            key = f"{label} {record.id} {record.proposer} correction".lower()
            if wanted not in key:
                continue
            yield Hit(
                _score(key, wanted),
                render.highlighted(label, wanted, record.id),
                partial(self._open, record.id),
                text=render.line(label),
                help="Review this correction",
            )
            found += 1
            if found >= MAX_HITS:
                return
