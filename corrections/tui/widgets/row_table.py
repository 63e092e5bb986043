"""A virtual table: only the rows on screen are rendered, however many there are.

A ``DataTable`` builds every row up front (about 0.9 s for 10,000 rows, 7 to 8 s for
100,000). This one is a ``ScrollView`` using the Line API: ``render_line`` formats the one
row it is asked for, and filtering scans a list of lowercase strings made once per load.
Cells arrive sanitised from :mod:`corrections.tui.tables`; they become plain segments here,
never markup.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corrections.tui.tables import EMPTY, Column, TableData

PAD = 1
MIN_FLEX = 12
WANTED_FLEX = 36


class RowTable(ScrollView, can_focus=True):
    """Rows of :class:`TableData` with a fixed header, a cursor and a filter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--cursor",
        "row-table--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Open"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to the row with ``key`` (None: no rows)."""

        table: RowTable
        key: str | None

    @dataclass
    class Chosen(Message):
        """Enter (or a double click) on the row with ``key``."""

        table: RowTable
        key: str

    @dataclass
    class TypedAhead(Message):
        """A printable key no binding wants: the screen may hand it to its filter."""

        table: RowTable
        character: str

    def __init__(
        self,
        empty: str = "Nothing to show.",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.empty_text = empty
        self.data: TableData = EMPTY
        self.shown: Sequence[int] = range(0)
        self.query_text = ""
        self.cursor = 0

    # ------------------------------------------------------------------ data

    def show(self, data: TableData, *, keep_key: bool = True) -> None:
        """Show new rows, keeping the filter and, when it is still there, the current row."""
        key = self.current_key if keep_key else None
        self.data = data
        self._apply_filter(self.query_text, previous=None)
        row = _find(data.keys, key) if key is not None else None
        self._move_to(self._position_of(row), announce=True)

    def filter(self, query: str) -> None:
        """Keep the rows whose search text holds every word of ``query`` (any case)."""
        query = query.strip().lower()
        if query == self.query_text:
            return
        row = self.shown[self.cursor] if self.shown else None
        previous = self.query_text
        self.query_text = query
        self._apply_filter(query, previous=previous)
        self._move_to(self._position_of(row), announce=True)

    def _position_of(self, row: int | None) -> int:
        """Where data row ``row`` is among the shown rows (they stay in data order), or 0."""
        if row is None:
            return 0
        position = bisect_left(self.shown, row)
        return position if position < len(self.shown) and self.shown[position] == row else 0

    def _apply_filter(self, query: str, previous: str | None) -> None:
        search = self.data.search
        words = query.split()
        if not words:
            self.shown = range(len(search))
        else:
            # Typing narrows: only rows that matched the shorter query can match this one.
            narrowing = previous is not None and previous and query.startswith(previous)
            pool: Sequence[int] = self.shown if narrowing else range(len(search))
            for word in words:
                # compress/map keep the loop in C: about 5 ms for 100,000 rows.
                texts: Iterable[str] = (
                    search if isinstance(pool, range) else map(search.__getitem__, pool)
                )
                pool = list(compress(pool, map(contains, texts, repeat(word))))
            self.shown = pool
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.shown) + 1)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.shown)

    @property
    def current_key(self) -> str | None:
        if not self.shown or not 0 <= self.cursor < len(self.shown):
            return None
        return self.data.keys[self.shown[self.cursor]]

    # ------------------------------------------------------------------ cursor

    def _move_to(self, index: int, *, announce: bool = True) -> None:
        index = max(0, min(index, len(self.shown) - 1)) if self.shown else 0
        self.cursor = index
        body = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + body:
            self.scroll_to(y=index - body + 1, animate=False, immediate=True)
        self.refresh()
        if announce:
            self.post_message(self.Highlighted(self, self.current_key))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, end: int) -> None:
        self._move_to(len(self.shown) - 1 if end else 0)

    def action_choose(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self.shown):
            self._move_to(index)
            if event.chain >= 2:
                self.action_choose()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.key not in self.screen.active_bindings:
            event.stop()
            self.post_message(self.TypedAhead(self, event.character))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.shown) + 1)

    # ------------------------------------------------------------------ rendering

    def _widths(self, width: int) -> list[int]:
        """Fixed columns keep their width unless the flexible one would drop below
        ``WANTED_FLEX``; then shrinkable columns give width away, down to their minimum."""
        columns = self.data.columns
        widths = [c.width or 0 for c in columns]
        short = WANTED_FLEX - (width - sum(widths) - PAD * (len(columns) + 1))
        for k, column in enumerate(columns):
            if short <= 0:
                break
            if column.width is not None and column.shrink_to is not None:
                give = min(short, column.width - column.shrink_to)
                widths[k] -= give
                short -= give
        flex = max(MIN_FLEX, width - sum(widths) - PAD * (len(columns) + 1))
        return [flex if c.width is None else w for c, w in zip(columns, widths, strict=True)]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("row-table--header")
            return self._strip([c.title for c in self.data.columns], width, style)
        position = round(self.scroll_y) + y - 1
        if not self.shown:
            if y == 1:
                style = base + self.get_component_rich_style("row-table--empty")
                return Strip([Segment(set_cell_size(" " + self.empty_text, width), style)])
            return Strip.blank(width, base)
        if position >= len(self.shown):
            return Strip.blank(width, base)
        item = self.data.items[self.shown[position]]
        style = base
        if position == self.cursor:
            style = base + self.get_component_rich_style("row-table--cursor")
        return self._strip(self.data.cells(item), width, style)

    def _strip(self, cells: Sequence[str], width: int, style: Style) -> Strip:
        parts = [" " * PAD]
        for column, size, text in zip(self.data.columns, self._widths(width), cells, strict=False):
            parts.append(_fit(text, size, column) + " " * PAD)
        return Strip([Segment(set_cell_size("".join(parts), width), style)], width)


def _find(keys: Sequence[str], key: str) -> int | None:
    try:
        return keys.index(key)  # a C loop: about 1 ms in 100,000 keys
    except ValueError:
        return None


def _fit(text: str, width: int, column: Column) -> str:
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, max(0, width - 1)) + "…" if width else ""
    if column.align == "right":
        return " " * (width - size) + text
    return text + " " * (width - size)
