"""Queue: corrections by status, filtered as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, Static

from corrections.domain.records import Status
from corrections.tui import render
from corrections.tui.backend import Backend, Corrections
from corrections.tui.messages import CorrectionsLoaded, OpenCorrection, deliver
from corrections.tui.tables import OPEN, queue_table
from corrections.tui.widgets.row_table import RowTable
from corrections.tui.widgets.title_bar import TitleBar

STATUS_CHOICES = [
    ("Open", OPEN),
    *[(s.label.capitalize(), s.value) for s in Status],
    ("All", "all"),
]


class QueueScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("enter", "open", "Review", show=False),
        Binding("slash", "focus_filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.corrections: Corrections | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(Content("Corrections"))
        with Horizontal(id="queue-bar"):
            yield Select(STATUS_CHOICES, value=OPEN, allow_blank=False, id="status-choice")
            yield Input(
                placeholder="Filter: article, proposer, summary, id",
                id="filter",
                select_on_focus=False,
            )
        yield RowTable("No corrections here.", id="queue")
        yield Static(Content("Loading corrections…"), id="status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self.load()
        # A sync that brought others' steps changes the store under the list.
        self.watch(self.app, "store_version", self._store_changed, init=False)

    def on_screen_resume(self) -> None:
        if self.corrections is not None:
            self.load()

    def _store_changed(self) -> None:
        if self.corrections is not None:
            self.load()

    @property
    def table(self) -> RowTable:
        return self.query_one("#queue", RowTable)

    @property
    def status(self) -> str:
        value = self.query_one("#status-choice", Select).value
        return value if isinstance(value, str) else OPEN

    @work(thread=True, exit_on_error=False, exclusive=True, group="queue")
    def load(self) -> None:
        status = self.status
        deliver(
            self,
            self.backend.corrections,
            lambda found: CorrectionsLoaded(found, queue_table(found.records, status)),
            "list the corrections",
        )

    def on_corrections_loaded(self, message: CorrectionsLoaded) -> None:
        # Not stopped: the app keeps the list for the command palette.
        self.corrections = message.corrections
        self.table.show(message.table)
        self._status()
        for problem in message.corrections.problems[:3]:
            self.notify(render.line(problem), severity="warning", markup=False)

    @on(Select.Changed, "#status-choice")
    def status_changed(self) -> None:
        if self.corrections is not None:
            self.table.show(queue_table(self.corrections.records, self.status))
            self._status()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.table.filter(event.value)
        self._status()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.action_open()

    def on_row_table_chosen(self, message: RowTable.Chosen) -> None:
        message.stop()
        self.post_message(OpenCorrection(message.key))

    def _status(self) -> None:
        shown, total = self.table.row_count, len(self.table.data)
        count = f"{total}" if shown == total else f"{shown} of {total}"
        problems = len(self.corrections.problems) if self.corrections else 0
        unreadable = f"  ·  {problems} record file(s) could not be read" if problems else ""
        self.query_one("#status", Static).update(
            Content(f"{count} corrections  ·  Enter reviews{unreadable}")
        )

    def action_move(self, step: int) -> None:
        self.table.action_move(step)

    def action_open(self) -> None:
        key = self.table.current_key
        if key is not None:
            self.post_message(OpenCorrection(key))

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
