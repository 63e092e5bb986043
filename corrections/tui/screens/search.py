"""Search: the published text of every article, results as you type; Enter opens the
article at the match.

Typing restarts a short timer; when it runs out the search starts in a worker thread
(``git grep`` in a process of its own), so keys are never kept waiting. A newer search
replaces an older one, and a result that arrives for an older query is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from corrections.domain.search import SearchHit
from corrections.services import SearchResult
from corrections.tui import render
from corrections.tui.backend import Backend, SearchOptions
from corrections.tui.messages import Failed, OpenArticle, deliver
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.title_bar import TitleBar

DEBOUNCE = 0.25
"""Seconds after the last key before a search starts."""
MAX_RESULTS = 500


@dataclass
class Searched(Message):
    """A search finished."""

    query: str
    options: SearchOptions
    result: SearchResult


class SearchScreen(Screen[None]):
    """Type words (or a pattern): every sentence of every article where they occur."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back"),
        Binding("f6", "switch('regex')", "Regex", tooltip="regular expression, on or off"),
        Binding("f7", "switch('case_sensitive')", "Match case", tooltip="match case, on or off"),
        Binding("f8", "switch('word')", "Whole words", tooltip="whole words, on or off"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, backend: Backend, query: str = "") -> None:
        super().__init__()
        self.backend = backend
        self.initial = query
        self.options = SearchOptions()
        self.hits: list[SearchHit] = []
        self.searches = 0  # searches started, for the curious (and the tests)
        self._timer: Timer | None = None
        self._asked: tuple[str, SearchOptions] | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(Content("Search the articles"))
        yield Input(
            self.initial,
            placeholder="Search: words from any article's text (F6 regex, F7 case, F8 words)",
            id="filter",
            select_on_focus=False,
        )
        yield Static(Content(""), id="search-options", classes="dim")
        yield OptionList(id="results")
        yield Static(Content("Type to search."), id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self._show_options()
        if self.initial:
            self._start()

    @property
    def query_text(self) -> str:
        return self.query_one("#filter", Input).value

    @on(Input.Changed, "#filter")
    def query_changed(self) -> None:
        self._restart_timer()

    @on(Input.Submitted, "#filter")
    def query_submitted(self) -> None:
        if self.hits:
            self.action_to_results()

    def _restart_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._start)

    def _start(self) -> None:
        self._timer = None
        query = self.query_text
        if not query.strip():
            self._asked = None
            self._show([], "Type to search.")
            return
        self._asked = (query, self.options)
        self.searches += 1
        self.query_one("#status", Static).update(Content("Searching…"))
        self.run_search(query, self.options)

    @work(thread=True, exit_on_error=False, exclusive=True, group="search")
    def run_search(self, query: str, options: SearchOptions) -> None:
        deliver(
            self,
            lambda: self.backend.search(query, options, MAX_RESULTS),
            lambda result: Searched(query, options, result),
            "search",
        )

    def on_searched(self, message: Searched) -> None:
        message.stop()
        if self._asked != (message.query, message.options):
            return  # an older search; a newer one is on its way
        result = message.result
        count = len(result.hits)
        articles = len(result.articles)
        text = (
            f"{count} sentence{'s' if count != 1 else ''} in "
            f"{articles} article{'s' if articles != 1 else ''}"
            + (f" (the first {MAX_RESULTS} matches)" if result.truncated else "")
            + ("  ·  ↓ to the results, Enter opens the article there" if count else "")
        )
        self._show(result.hits, text)

    def on_failed(self, message: Failed) -> None:
        # A bad pattern is said where the results would be, not in a notification.
        message.stop()
        self._show([], render.line(str(message.error)))

    def _show(self, hits: list[SearchHit], status: str) -> None:
        self.hits = hits
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options(
            Option(render.search_hit(hit), id=str(number)) for number, hit in enumerate(hits)
        )
        self.query_one("#status", Static).update(Content(status))

    def _show_options(self) -> None:
        on = [
            label
            for label, value in (
                ("regex", self.options.regex),
                ("match case", self.options.case_sensitive),
                ("whole words", self.options.word),
            )
            if value
        ]
        text = "plain text, any case" if not on else ", ".join(on)
        self.query_one("#search-options", Static).update(Content(f" Searching as: {text}"))

    # ------------------------------------------------------------------ actions

    def action_switch(self, name: str) -> None:
        self.options = self.options.toggled(name)
        self._show_options()
        self._restart_timer()

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.hits:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @on(OptionList.OptionSelected, "#results")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is None:
            return
        hit = self.hits[int(event.option_id)]
        self.post_message(OpenArticle(hit.slug, hit))
