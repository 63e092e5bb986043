"""Queue: corrections by status, filtered as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Select, Static

from corrections.domain.statuses import Status
from corrections.tui import render
from corrections.tui.backend import Backend, Corrections
from corrections.tui.messages import CorrectionsLoaded, OpenCorrection, deliver
from corrections.tui.screens.filtered_list import FilteredListScreen
from corrections.tui.tables import OPEN, queue_table
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.row_table import RowTable
from corrections.tui.widgets.title_bar import TitleBar

STATUS_CHOICES = [
    ("Open", OPEN),
    *[(s.label.capitalize(), s.value) for s in Status],
    ("All", "all"),
]


class QueueScreen(FilteredListScreen):
    """The corrections of one status (open ones first), filtered as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "open", "Review", show=False)]
    TABLE_ID: ClassVar[str] = "queue"

    def __init__(self, backend: Backend) -> None:
        super().__init__(backend)
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
        yield RowTable("No corrections here.", id=self.TABLE_ID)
        yield Static(Content("Loading corrections…"), id="status", classes="status")
        yield KeyFooter()

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
        self.loaded = True
        self.corrections = message.corrections
        self.table.show(message.table)
        self.show_status()
        for problem in message.corrections.problems[:3]:
            self.notify(render.line(problem), severity="warning", markup=False)

    @on(Select.Changed, "#status-choice")
    def status_changed(self) -> None:
        if self.corrections is not None:
            self.table.show(queue_table(self.corrections.records, self.status))
            self.show_status()

    def show_status(self) -> None:
        shown, total = self.table.row_count, len(self.table.data)
        count = f"{total}" if shown == total else f"{shown} of {total}"
        problems = len(self.corrections.problems) if self.corrections else 0
        unreadable = f"  ·  {problems} record file(s) could not be read" if problems else ""
        self.query_one("#status", Static).update(
            Content(f"{count} corrections  ·  Enter reviews{unreadable}")
        )

    def open_key(self, key: str) -> None:
        self.post_message(OpenCorrection(key))
