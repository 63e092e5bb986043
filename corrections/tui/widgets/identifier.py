"""Identifiers (slugs, correction ids) on one line each: never broken mid-word.

A narrow pane cuts them with "…"; focused (Tab), they are shown whole, and the whole value
is the tooltip too. (The command palette shows them whole as well.)
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Identifier(Static, can_focus=True):
    """``label  value`` rows of identifiers, cut with "…" rather than wrapped."""

    def show(self, content: Content) -> None:
        self.update(content)
        self.tooltip = content.plain

    # Wrapped when focused (see the .tcss): the height changes with it.
    def on_focus(self) -> None:
        self._relayout()

    def on_blur(self) -> None:
        self._relayout()

    def _relayout(self) -> None:
        self.clear_cached_dimensions()
        self.refresh(layout=True)
