"""The footer of key bindings every screen shows: Textual's own, without the wasted work.

Textual's footer composes itself anew whenever the bindings may have changed: on every
screen switch and every focus move (a table and its filter, each modal), removing its keys
and mounting new ones even when they are the very same. Each key it makes also starts out
compact (``FooterKey.compact`` defaults to True) and is then told the footer's setting, so
it is restyled twice (when mounted, and when the setting reaches it). Restyling and
remounting the footer was the largest part of a screen switch. Here the footer composes
again only when what it shows has changed, and makes each key in its final style; it looks
the same.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer

# Not exported by textual.widgets; Textual is pinned (pyproject.toml), and
# tests/tui/test_key_footer.py compares this footer's keys with Textual's own.
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    _shown: Any = None  # what the keys on screen were made from

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # The command palette's key is not bound to the footer's setting: it stays
                # compact, as a key starts out.
                compact = widget.has_class("-command-palette") or self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        shown = self._what_is_shown()
        if shown == self._shown:
            return
        await super().recompose()
        self._shown = shown

    def _what_is_shown(self) -> Any:
        """Everything ``compose`` reads: the same value, the same keys."""
        if not self.is_attached or not self._bindings_ready:
            return None
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple(
            (key, active.binding, active.enabled, active.tooltip)
            for key, active in self.screen.active_bindings.items()
            if active.binding.show or key == palette
        )
        return (bindings, self.compact, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)
