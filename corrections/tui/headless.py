"""A headless app draws no frames.

Textual renders every frame of a headless app (under Pilot, in a script) the way it renders
one for a terminal, and then throws it away unwritten (``App._display`` writes nothing
without a terminal): in the app's own tests that was about a third of their processor time.
Here the current screen of a headless ``CorrectionsApp`` marks its changed regions as drawn
without rendering them. Layout, focus, the mouse and every message run as before; whatever
reads the screen renders what it reads itself, as it always did: a screenshot
(``App.export_screenshot``) renders the whole screen, ``Widget.render_lines`` a widget's
lines. An app whose ``draws_headless_frames`` is true (the start-up benchmark, which times
when a frame is drawn) renders them as Textual does.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

_textual_compositor_refresh = Screen._compositor_refresh


def _compositor_refresh(self: Screen[Any]) -> None:
    app = self.app
    if (
        app.is_headless
        and not app.is_inline
        and self is app.screen
        and not getattr(app, "draws_headless_frames", True)
    ):
        # What Textual's refresh does for the top screen, less rendering the update.
        self._compositor._dirty_regions.clear()
        self._dirty_widgets.clear()
        app._update_mouse_over(self)
        return
    _textual_compositor_refresh(self)


def install() -> None:
    """Leave frames undrawn in headless apps that ask it (Textual is pinned: pyproject.toml)."""
    Screen._compositor_refresh = _compositor_refresh  # type: ignore[method-assign]
