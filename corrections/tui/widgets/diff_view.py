"""A word diff, inline or side by side, in a scrolling pane.

Insertions and deletions read without colour: ``{+added+}`` underlined and ``[-removed-]``
struck through, and side by side a ``-`` / ``+`` gutter marks every line with a change.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from corrections.domain.article_diff import ArticleDiff
from corrections.tui import render


class DiffView(VerticalScroll):
    """Shows one :class:`ArticleDiff`; ``side_by_side`` switches the layout."""

    side_by_side: reactive[bool] = reactive(False)

    def __init__(self, placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diff: ArticleDiff | None = None
        self.placeholder = placeholder
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(Content(self.placeholder), classes="diff-body")

    def show(self, diff: ArticleDiff | None, placeholder: str | None = None) -> None:
        self.diff = diff
        if placeholder is not None:
            self.placeholder = placeholder
        self._render_diff()

    def watch_side_by_side(self, side_by_side: bool) -> None:
        self.set_class(side_by_side, "-side-by-side")
        self._render_diff()

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if self.side_by_side and width != self._width:
            self._render_diff()

    def _render_diff(self) -> None:
        if not self.is_mounted:
            return
        body = self.query_one(".diff-body", Static)
        if self.diff is None:
            body.update(Content(self.placeholder))
            return
        self._width = self.scrollable_content_region.width
        if self.side_by_side:
            body.update(render.side_by_side(self.diff, max(40, self._width)))
        else:
            body.update(render.inline_diff(self.diff))
