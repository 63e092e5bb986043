"""The top line of every screen: its title on the left, the remote's state on the right.

The app holds the remote's state (``remote_view``, attributes down); each screen's badge
watches it and says it in words from :func:`corrections.tui.remote_state.header`, again
every little while so that "synced 2 min ago" stays true. Without a remote the badge is
not shown at all.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from corrections.tui.remote_state import RemoteView, header

TICK_SECONDS = 20.0


class RemoteBadge(Static):
    """The remote's state in one short line; hidden for a store without a remote."""

    def __init__(self) -> None:
        super().__init__(Content(""), id="remote-state", markup=False)
        self.view: RemoteView | None = None
        self._ticker: Timer | None = None

    def on_mount(self) -> None:
        self.display = False
        if hasattr(self.app, "remote_view"):
            self.watch(self.app, "remote_view", self.show_view)

    def show_view(self, view: RemoteView | None) -> None:
        self.view = view
        self.display = view is not None
        if view is not None and self._ticker is None:
            self._ticker = self.set_interval(TICK_SECONDS, self._tick)
        self._tick()

    def _tick(self) -> None:
        self.update(header(self.view, self.now()))

    def now(self) -> dt.datetime:
        clock = getattr(self.app, "clock", None)
        moment = clock() if callable(clock) else None
        return moment if isinstance(moment, dt.datetime) else dt.datetime.now(dt.UTC)


class TitleBar(Horizontal):
    """A screen's title (a ``Static`` with ``title_id``, for the screen to update) and the
    remote's state."""

    def __init__(self, title: Content, *, title_id: str | None = None) -> None:
        super().__init__(classes="title-bar")
        self.title_content = title
        self.title_id = title_id

    def compose(self) -> ComposeResult:
        yield Static(self.title_content, id=self.title_id, classes="screen-title")
        yield RemoteBadge()
