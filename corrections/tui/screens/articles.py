"""Articles: every article in the store, filtered as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from corrections.domain.errors import CorrectionsError
from corrections.tui.messages import ArticlesLoaded, CountsLoaded, Failed, OpenArticle, crashed
from corrections.tui.screens.filtered_list import FilteredListScreen
from corrections.tui.tables import article_table, with_counts
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.row_table import RowTable
from corrections.tui.widgets.title_bar import TitleBar


class ArticlesScreen(FilteredListScreen):
    """Type to filter; arrows move, Enter opens the article."""

    TABLE_ID: ClassVar[str] = "articles"

    def compose(self) -> ComposeResult:
        yield TitleBar(Content("Articles"))
        yield Input(
            placeholder="Filter: type words from a headline or slug",
            id="filter",
            select_on_focus=False,
        )
        yield RowTable("No articles match the filter.", id=self.TABLE_ID)
        yield Static(Content("Loading articles…"), id="status", classes="status")
        yield KeyFooter()

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
        self.show_status()

    def on_counts_loaded(self, message: CountsLoaded) -> None:
        self.table.show(message.table)

    def show_status(self) -> None:
        table = self.table
        total = len(table.data)
        shown = table.row_count
        text = f"{total:,} articles" if shown == total else f"{shown:,} of {total:,} articles"
        self.query_one("#status", Static).update(
            Content(text + "  ·  Enter opens  ·  Tab moves to the table  ·  F1 help")
        )

    def open_key(self, key: str) -> None:
        self.post_message(OpenArticle(key))
