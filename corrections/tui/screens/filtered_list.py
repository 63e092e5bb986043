"""A list filtered as you type: what the Articles and Queue screens have in common.

Typing goes to the filter (a key typed in the table moves there too), arrows move, Enter
opens the highlighted row, Escape clears the filter, Ctrl+R reloads; the list loads again
when the screen comes back and when a sync brings others' steps. A screen that specialises
it composes its widgets (a ``#filter`` input and a ``RowTable`` with the id ``TABLE_ID``),
loads its rows in a worker, says what it shows in ``show_status`` and opens a row's key.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from corrections.tui.backend import Backend
from corrections.tui.widgets.row_table import RowTable


class FilteredListScreen(Screen[None]):
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
    TABLE_ID: ClassVar[str]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.loaded = False  # the first load has arrived

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
        return self.query_one(f"#{self.TABLE_ID}", RowTable)

    def load(self) -> object:
        """Load the rows (in a worker, which it returns) and show them."""
        raise NotImplementedError

    def show_status(self) -> None:
        """Say what the list shows."""
        raise NotImplementedError

    def open_key(self, key: str) -> None:
        """Open the row whose key is ``key``."""
        raise NotImplementedError

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.table.filter(event.value)
        self.show_status()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.action_open()

    def on_row_table_chosen(self, message: RowTable.Chosen) -> None:
        message.stop()
        self.open_key(message.key)

    def on_row_table_typed_ahead(self, message: RowTable.TypedAhead) -> None:
        message.stop()
        field = self.query_one("#filter", Input)
        field.focus()
        field.insert_text_at_cursor(message.character)

    def action_move(self, step: int) -> None:
        self.table.action_move(step)

    def action_page(self, direction: int) -> None:
        self.table.action_page(direction)

    def action_open(self) -> None:
        key = self.table.current_key
        if key is not None:
            self.open_key(key)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#filter", Input).focus()

    def action_reload(self) -> None:
        self.load()
