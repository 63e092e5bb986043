"""The same wording elsewhere: the other articles that still carry what a correction fixes.

Given a diff, the panel takes the old wording of each fact being corrected and searches
every other article at ``main`` for it, in a worker (``git grep`` in a process of its own,
so no other read waits). A newer diff replaces an older search; the same wordings are not
searched again.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from corrections import services
from corrections.domain.article_diff import ArticleDiff
from corrections.services import WordingUse
from corrections.tui import render
from corrections.tui.backend import Backend
from corrections.tui.messages import deliver


@dataclass
class WordingsFound(Message):
    """Where the old wordings of a change stand in other articles."""

    asked: int
    wordings: list[str]
    uses: list[WordingUse]


class ElsewherePanel(Static):
    """“The same wording elsewhere”, for the article ``slug``."""

    def __init__(
        self,
        backend: Backend,
        *,
        idle: str = "Looking for the same wording elsewhere…",
        id: str | None = None,
    ) -> None:
        super().__init__(Content(idle), id=id)
        self.backend = backend
        self.idle_text = idle
        self.asked = 0  # counts requests: an answer to an older one is dropped
        self.wordings: list[str] | None = None  # what was last searched for
        self.uses: list[WordingUse] = []

    def reset(self) -> None:
        """Nothing to look for (no change yet)."""
        self.asked += 1
        self.wordings = None
        self.uses = []
        self.update(Content(self.idle_text))

    def look(self, slug: str, diff: ArticleDiff) -> None:
        """Search the other articles for the wording ``diff`` replaces (in a worker)."""
        self.asked += 1
        self._search(self.asked, slug, diff, self.wordings)

    @work(thread=True, exit_on_error=False, exclusive=True, group="elsewhere")
    def _search(self, asked: int, slug: str, diff: ArticleDiff, shown: list[str] | None) -> None:
        wordings = services.wordings_replaced(diff)
        if wordings == shown:
            return
        deliver(
            self,
            lambda: self.backend.same_wording(slug, wordings),
            lambda uses: WordingsFound(asked, wordings, uses),
            "look for the same wording elsewhere",
        )

    def on_wordings_found(self, message: WordingsFound) -> None:
        message.stop()
        if message.asked != self.asked:
            return
        self.wordings = message.wordings
        self.uses = message.uses
        self.update(render.elsewhere(message.wordings, message.uses))
