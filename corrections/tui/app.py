"""The app: screens in two modes (articles, queue), navigation, and the one error path."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from corrections.domain.catalog import ArticleSummary
from corrections.domain.errors import Conflict
from corrections.domain.records import CorrectionRecord
from corrections.tui import render
from corrections.tui.backend import Backend
from corrections.tui.commands import ArticleCommands, CorrectionCommands
from corrections.tui.messages import (
    ArticlesLoaded,
    CorrectionsLoaded,
    EditArticle,
    Failed,
    OpenArticle,
    OpenCorrection,
    ReviseCorrection,
)
from corrections.tui.screens.article import ArticleScreen
from corrections.tui.screens.articles import ArticlesScreen
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.help import HelpScreen
from corrections.tui.screens.modals import ErrorModal
from corrections.tui.screens.queue import QueueScreen
from corrections.tui.screens.review import ReviewScreen

SWITCH_INTERVAL = 0.001


class CorrectionsApp(App[None]):
    """Browse, propose, review and publish corrections in one store."""

    CSS_PATH = "corrections.tcss"
    TITLE = "corrections"
    DEFAULT_MODE = "articles"
    COMMANDS = App.COMMANDS | {ArticleCommands, CorrectionCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("f2", "go('articles')", "Articles"),
        Binding("f3", "go('queue')", "Queue"),
    ]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.catalog: list[ArticleSummary] = []  # kept for the command palette
        self.records: list[CorrectionRecord] = []
        self._switch_interval = sys.getswitchinterval()
        self.add_mode("articles", lambda: ArticlesScreen(backend))
        self.add_mode("queue", lambda: QueueScreen(backend))

    def on_mount(self) -> None:
        # Worker threads diff and read in Python; a shorter switch interval hands the GIL
        # back to the event loop sooner, so keys are answered while they work.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL))

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._switch_interval)

    # ------------------------------------------------------------------ messages up

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        self.catalog = message.summaries
        # A big catalog is long-lived: keep the cyclic collector from walking it again
        # and again (a full collection over 100,000 summaries pauses the UI ~70 ms).
        gc.freeze()

    def on_corrections_loaded(self, message: CorrectionsLoaded) -> None:
        self.records = message.corrections.records

    def on_open_article(self, message: OpenArticle) -> None:
        self.push_screen(ArticleScreen(self.backend, message.slug))

    def on_open_correction(self, message: OpenCorrection) -> None:
        screen = ReviewScreen(self.backend, message.record_id)
        if message.replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_edit_article(self, message: EditArticle) -> None:
        self.push_screen(EditorScreen(self.backend, slug=message.slug))

    def on_revise_correction(self, message: ReviseCorrection) -> None:
        self.push_screen(EditorScreen(self.backend, record_id=message.record_id))

    def on_failed(self, message: Failed) -> None:
        """The one error path: the one-line reason, in a modal for a conflict."""
        reason = render.line(str(message.error))
        if isinstance(message.error, Conflict):
            title = f"Could not {message.doing}: the article changed and the edits conflict"
            self.push_screen(ErrorModal(title, render.plain(reason)))
            return
        self.notify(
            f"Could not {message.doing}: {reason}", severity="error", timeout=12, markup=False
        )

    # ------------------------------------------------------------------ actions

    def action_go(self, mode: str) -> None:
        """Show the list of a mode; pressed again there, go back to the list itself."""
        if self.current_mode != mode:
            self.switch_mode(mode)
            return
        for _ in range(len(self.screen_stack) - 1):
            self.pop_screen()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's actions: the current screen's keys, then the app's own."""
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.show and binding.description:
                yield SystemCommand(
                    binding.description,
                    f"{binding.key.split(',')[0]} on this screen",
                    partial(screen.run_action, binding.action),
                )
        yield SystemCommand("Articles", "Every article (F2)", partial(self.action_go, "articles"))
        yield SystemCommand("Queue", "Corrections by status (F3)", partial(self.action_go, "queue"))
        yield SystemCommand("Help", "Every key (F1)", self.action_help)
        yield from super().get_system_commands(screen)
