"""Article: the published text with its notes, the version history, diffs of any two."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from corrections.domain.article import ArticleDocument
from corrections.domain.search import SearchHit
from corrections.tui import render
from corrections.tui.backend import ArticlePage, Backend
from corrections.tui.messages import (
    ArticleExported,
    ArticleLoaded,
    EditArticle,
    Failed,
    VersionsDiffed,
    deliver,
)
from corrections.tui.screens.modals import PathModal
from corrections.tui.tables import history_table
from corrections.tui.widgets.diff_view import DiffView
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.row_table import RowTable
from corrections.tui.widgets.title_bar import TitleBar


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back"),
        Binding("p", "propose", "Propose correction", tooltip="propose a correction"),
        Binding("t", "tab('text')", "Text", tooltip="the text as published"),
        Binding("h", "tab('history')", "History", tooltip="its versions"),
        Binding(
            "m",
            "mark",
            "Mark version",
            tooltip="mark a version, then diff it with the highlighted one (d)",
        ),
        Binding(
            "d",
            "diff",
            "Diff",
            tooltip="diff the highlighted version with the one before (or the marked one)",
        ),
        Binding("s", "toggle_side", "Side by side", tooltip="side by side or inline"),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="export it with its notes to a file (.html, .ninjs.json or .json)",
        ),
    ]

    def __init__(self, backend: Backend, slug: str, at: SearchHit | None = None) -> None:
        super().__init__()
        self.backend = backend
        self.slug = slug
        self.at = at  # a search hit: shown highlighted, scrolled into view
        self.page: ArticlePage | None = None
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(Content(self.slug), title_id="title")
        yield Static(Content("Loading…"), id="meta", classes="meta")
        with TabbedContent(initial="text", id="tabs"):
            with TabPane("Text", id="text"), VerticalScroll(id="text-scroll"):
                yield Static(Content(""), id="body")
            with TabPane("History", id="history"):
                yield RowTable("No versions.", id="versions")
            with TabPane("Diff", id="diff"):
                yield Static(Content(""), id="diff-title", classes="meta")
                yield DiffView("Pick a version in History, then press d.", id="diff-view")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#text-scroll").focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.page is not None:
            self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="article")
    def load(self) -> None:
        deliver(self, lambda: self.backend.article(self.slug), ArticleLoaded, "open the article")

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        message.stop()
        page = self.page = message.page
        meta = page.document.meta
        self.query_one("#title", Static).update(render.plain(render.line(meta.headline)))
        last = page.versions[-1]
        self.query_one("#meta", Static).update(
            render.labelled(
                [
                    ("slug", page.slug),
                    ("published", render.line(str(meta.published))),
                    (
                        "versions",
                        f"{len(page.versions)}, last {render.when(last.date)} by "
                        f"{render.line(last.author)}",
                    ),
                ]
            )
        )
        mark = _mark_in_body(page.document, self.at) if self.at is not None else None
        body, mark_at = render.article_body_marked(page.document.body, mark)
        self.query_one("#body", Static).update(body)
        if mark is not None:
            self.call_after_refresh(self._scroll_to_mark, body, mark_at)
        self.query_one("#versions", RowTable).show(history_table(page.versions))
        if len(page.versions) >= 2 and self.query_one(DiffView).diff is None:
            count = len(page.versions)
            self.diff_versions(count - 1, count)

    @work(thread=True, exit_on_error=False, exclusive=True, group="diff")
    def diff_versions(self, old: int, new: int) -> None:
        deliver(
            self,
            lambda: self.backend.diff(self.slug, old, new),
            lambda diff: VersionsDiffed(old, new, diff),
            "diff the versions",
        )

    def on_versions_diffed(self, message: VersionsDiffed) -> None:
        message.stop()
        self.query_one("#diff-title", Static).update(
            Content(f"Version {message.old} → version {message.new}")
        )
        self.query_one(DiffView).show(message.diff)

    def on_failed(self, message: Failed) -> None:
        if self.page is None:
            self.query_one("#meta", Static).update(Content("Could not open this article."))

    def _scroll_to_mark(self, body: Content, mark_at: int) -> None:
        """Scroll the text so the marked sentence is in sight, a few lines from the top."""
        self.at = None  # once: coming back to the screen keeps the reader's place
        shown = self.query_one("#body", Static)
        width = shown.content_region.width or shown.size.width
        if width <= 0:
            return
        lines_before = len(body[:mark_at].wrap(width)) - 1
        self.query_one("#text-scroll", VerticalScroll).scroll_to(
            y=max(0, lines_before - 3), animate=False
        )

    # ------------------------------------------------------------------ actions

    def _highlighted_version(self) -> int | None:
        key = self.query_one("#versions", RowTable).current_key
        return int(key) if key is not None else None

    def action_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab
        focus = {"text": "#text-scroll", "history": "#versions", "diff": "#diff-view"}
        self.query_one(focus[tab]).focus()

    def action_mark(self) -> None:
        version = self._highlighted_version()
        if version is None:
            return
        self.marked = version
        self.notify(f"Marked version {version}: pick another and press d.", markup=False)

    def action_diff(self) -> None:
        version = self._highlighted_version()
        if version is None or self.page is None:
            return
        if self.marked is not None and self.marked != version:
            old, new = sorted((self.marked, version))
        else:
            old, new = max(1, version - 1), version
        self.marked = None
        self.action_tab("diff")
        self.diff_versions(old, new)

    def action_toggle_side(self) -> None:
        view = self.query_one(DiffView)
        view.side_by_side = not view.side_by_side

    def action_export(self) -> None:
        """Ask where to write the article with its notes, then write it."""
        self.app.push_screen(
            PathModal(
                "Export article",
                "The article with its correction notes, for the CMS: a name ending in "
                ".html writes a page, .ninjs.json IPTC ninjs, .json JSON.",
                f"{self.slug}.html",
            ),
            self._export_chosen,
        )

    def _export_chosen(self, text: str | None) -> None:
        if text is not None:
            self.export(Path(text).expanduser())

    @work(thread=True, exit_on_error=False, exclusive=True, group="export")
    def export(self, path: Path) -> None:
        deliver(
            self,
            lambda: self.backend.export_article(self.slug, path),
            lambda done: ArticleExported(done[0], done[1]),
            "export the article",
        )

    def on_article_exported(self, message: ArticleExported) -> None:
        message.stop()
        notes = message.output.notes
        self.notify(
            f"Exported {self.slug} ({notes} note{'s' if notes != 1 else ''}) "
            f"as {message.output.format} to {message.path}",
            timeout=12,
            markup=False,
        )

    def action_propose(self) -> None:
        self.post_message(EditArticle(self.slug))

    def on_row_table_chosen(self, message: RowTable.Chosen) -> None:
        message.stop()
        self.action_diff()


def _mark_in_body(document: ArticleDocument, hit: SearchHit) -> tuple[int, int] | None:
    """Where a search hit's first match is in the body (offsets in the body), if its
    sentence is still there: the article may have changed since the search."""
    start = hit.start - len(document.head)
    end = start + len(hit.sentence)
    body = document.body
    if start < 0 or body[start:end].replace("\n", " ") != hit.sentence:
        found = body.replace("\n", " ").find(hit.sentence)
        if found < 0:
            return None
        start = found
    first, last = hit.spans[0] if hit.spans else (0, len(hit.sentence))
    return start + first, start + last
