"""Articles: every article in the store, filtered as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from corrections.domain.errors import CorrectionsError
from corrections.tui.backend import Backend
from corrections.tui.messages import ArticlesLoaded, CountsLoaded, Failed, OpenArticle, crashed
from corrections.tui.tables import article_table, with_counts
from corrections.tui.widgets.row_table import RowTable
from corrections.tui.widgets.title_bar import TitleBar


class ArticlesScreen(Screen[None]):
    """Type to filter; arrows move, Enter opens the article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("enter", "open", "Open", show=False),
        Binding(
            "slash", "focus_filter", "Filter", tooltip="filter the list (every word must match)"
        ),
        Binding("escape", "clear_filter", "Clear filter"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield TitleBar(Content("Articles"))
        yield Input(
            placeholder="Filter: type words from a headline or slug",
            id="filter",
            select_on_focus=False,
        )
        yield RowTable("No articles match the filter.", id="articles")
        yield Static(Content("Loading articles…"), id="status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self.load()
        # A sync that brought others' steps changes the store under the list.
        self.watch(self.app, "store_version", self._store_changed, init=False)

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()

    def _store_changed(self) -> None:
        if self.loaded:
            self.load()

    @property
    def table(self) -> RowTable:
        return self.query_one("#articles", RowTable)

    @work(thread=True, exit_on_error=False, exclusive=True, group="articles")
    def load(self) -> None:
        try:
            summaries = self.backend.articles()
            table = article_table(summaries)
            self.post_message(ArticlesLoaded(summaries, table))
            counts = self.backend.open_counts()
            self.post_message(CountsLoaded(with_counts(table, counts)))
        except CorrectionsError as error:
            self.post_message(Failed(error, "list the articles"))
        except Exception as error:  # a fault in the tool: reported, the app keeps running
            crashed(self, error, "list the articles")

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        # Not stopped: the app keeps the list for the command palette.
        self.loaded = True
        self.table.show(message.table)
        self._status()

    def on_counts_loaded(self, message: CountsLoaded) -> None:
        self.table.show(message.table)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.table.filter(event.value)
        self._status()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.action_open()

    def on_row_table_chosen(self, message: RowTable.Chosen) -> None:
        message.stop()
        self.post_message(OpenArticle(message.key))

    def _status(self) -> None:
        table = self.table
        total = len(table.data)
        shown = table.row_count
        text = f"{total:,} articles" if shown == total else f"{shown:,} of {total:,} articles"
        self.query_one("#status", Static).update(
            Content(text + "  ·  Enter opens  ·  Tab moves to the table  ·  F1 help")
        )

    def action_move(self, step: int) -> None:
        self.table.action_move(step)

    def action_page(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_open(self) -> None:
        key = self.table.current_key
        if key is not None:
            self.post_message(OpenArticle(key))

    def on_row_table_typed_ahead(self, message: RowTable.TypedAhead) -> None:
        message.stop()
        field = self.query_one("#filter", Input)
        field.focus()
        field.insert_text_at_cursor(message.character)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#filter", Input).focus()

    def action_reload(self) -> None:
        self.load()
