"""The app: screens in two modes (articles, queue), navigation, the one error path, and the
store's remote: its state in every screen's header, and syncs in the background."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from corrections.domain.catalog import ArticleSummary
from corrections.domain.errors import Conflict, CorrectionsError
from corrections.domain.records import CorrectionRecord
from corrections.tui import css_cache, headless, render
from corrections.tui.backend import Backend, Sent
from corrections.tui.commands import ArticleCommands, CorrectionCommands
from corrections.tui.messages import (
    ArticlesImported,
    ArticlesLoaded,
    CorrectionsLoaded,
    Crashed,
    EditArticle,
    Failed,
    OpenArticle,
    OpenCorrection,
    Published,
    Recorded,
    RemoteChecked,
    ReviseCorrection,
    StoreChecked,
    Synced,
    crashed,
    deliver,
)
from corrections.tui.remote_state import (
    Connection,
    Problems,
    RemoteCheck,
    RemoteView,
    SyncReport,
    dropped_notices,
    hook_notices,
    kept_notice,
    sync_notices,
)
from corrections.tui.screens.article import ArticleScreen
from corrections.tui.screens.articles import ArticlesScreen
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.help import HelpScreen
from corrections.tui.screens.modals import ErrorModal, MessageModal, PathModal
from corrections.tui.screens.queue import QueueScreen
from corrections.tui.screens.review import ReviewScreen
from corrections.tui.screens.search import SearchScreen
from corrections.tui.store_health import health_notice, repaired_notice
from corrections.tui.widgets.diff_view import DiffView

SWITCH_INTERVAL = 0.001


class CorrectionsApp(App[None]):
    """Browse, propose, review and publish corrections in one store."""

    CSS_PATH = "corrections.tcss"
    TITLE = "corrections"
    DEFAULT_MODE = "articles"
    COMMANDS = App.COMMANDS | {ArticleCommands, CorrectionCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so that it stays in sight on a narrow footer; shown with a remote only.
        Binding("f5", "sync", "Sync", tooltip="sync with the remote now (a store with a remote)"),
        Binding("f1,question_mark", "help", "Help", tooltip="this help"),
        Binding("f2", "go('articles')", "Articles", tooltip="articles"),
        Binding("f3", "go('queue')", "Queue", tooltip="corrections queue"),
        Binding("f4", "search", "Search", tooltip="search the text of every article"),
    ]

    remote_view: reactive[RemoteView | None] = reactive(None)
    """The remote's state for every screen's header (None: no remote, or not known yet)."""
    store_version: reactive[int] = reactive(0)
    """Counts syncs that brought new commits: the lists watch it and load again."""

    draws_headless_frames: ClassVar[bool] = False
    """Render frames no terminal will show (headless, under Pilot): see ``tui/headless.py``."""

    def __init__(self, backend: Backend, *, offline: bool = False) -> None:
        css_cache.install()
        headless.install()
        super().__init__()
        self.backend = backend
        self.offline = offline  # --offline: steps stay here, no background syncs
        self.catalog: list[ArticleSummary] = []  # kept for the command palette
        self.records: list[CorrectionRecord] = []
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        self.has_remote: bool | None = None  # None: not known yet
        self.sync_runs = 0  # syncs started, for the curious (and the tests)
        self._switch_interval = sys.getswitchinterval()
        self._interval = 0
        self._timer: Timer | None = None
        self._syncing = False
        self._shown_syncing = False  # the header says "syncing…" (the user asked)
        self._sync_again = False  # the user asked while a sync was under way
        self._waiting: frozenset[str] | None = None  # corrections waiting for the user
        self._connection = Connection()
        self._problems = Problems()
        self.add_mode("articles", lambda: ArticlesScreen(backend))
        self.add_mode("queue", lambda: QueueScreen(backend))

    def on_mount(self) -> None:
        # Worker threads diff and read in Python; a shorter switch interval hands the GIL
        # back to the event loop sooner, so keys are answered while they work.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL))
        if self.backend.store.repaired:
            self.notify(repaired_notice(self.backend.store.repaired), timeout=12, markup=False)
        self.check_remote()

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
        self.push_screen(ArticleScreen(self.backend, message.slug, at=message.at))

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

    def on_crashed(self, message: Crashed) -> None:
        """A fault in the tool itself: said in a dialog, with the crash report to send."""
        where = (
            f"A crash report (without any article text) is in {message.report}."
            if message.report is not None
            else "No crash report could be written."
        )
        self.push_screen(
            ErrorModal(
                f"Could not {message.doing}: internal error ({message.kind})",
                render.plain(f"This is a fault in corrections, not in the store. {where}"),
            )
        )

    # ------------------------------------------------------------------ the remote

    @work(thread=True, exit_on_error=False, exclusive=True, group="remote-check")
    def check_remote(self) -> None:
        deliver(self, self.backend.check_remote, RemoteChecked, "read the remote's state")

    def on_remote_checked(self, message: RemoteChecked) -> None:
        first = self.has_remote is None
        self._apply(message.check)
        if first:
            self.refresh_bindings()
            if self._interval:
                self.start_sync(manual=False)

    def _apply(self, check: RemoteCheck) -> None:
        """Show the remote's state; (re)start the background syncs at its interval."""
        self.has_remote = check.view is not None
        view = check.view
        if view is not None:
            view = replace(view, by_choice=self.offline, syncing=self._shown_syncing)
        self.remote_view = view
        interval = 0 if self.offline or view is None else check.interval
        if interval != self._interval:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_interval(interval, self._tick) if interval else None
            self._interval = interval

    def _tick(self) -> None:
        if not self._syncing:
            self.start_sync(manual=False)

    def start_sync(self, *, manual: bool) -> None:
        """Sync in a worker; a sync asked for while one runs starts when it ends."""
        if self._syncing:
            self._sync_again = self._sync_again or manual
            return
        self._syncing = True
        self._shown_syncing = manual
        self.sync_runs += 1
        if manual and self.remote_view is not None:
            self.remote_view = replace(self.remote_view, syncing=True)
        self._sync(manual, self._waiting)

    # Never two at once (``_syncing``), so nothing here is cancelled: a thread cannot be
    # stopped anyway, and its push must be reported.
    @work(thread=True, exit_on_error=False, group="sync")
    def _sync(self, manual: bool, known: frozenset[str] | None) -> None:
        try:
            report = self.backend.sync(known)
        except CorrectionsError as error:  # the store could not even be opened
            report = SyncReport(None, None, str(error))
        except Exception as error:  # a fault in the tool: reported, the app keeps running
            crashed(self, error, "sync with the remote")
            return
        self.post_message(Synced(report, manual))

    def on_synced(self, message: Synced) -> None:
        self._syncing = self._shown_syncing = False
        report = message.report
        if report.check is not None:
            self._apply(report.check)
        elif self.remote_view is not None:
            self.remote_view = replace(self.remote_view, syncing=False)
        if report.waiting is not None:
            self._waiting = report.waiting
        if report.changed:
            self.store_version += 1
        for text, severity in sync_notices(
            report, message.manual, self._connection, self._problems
        ):
            self.notify(text, severity=severity, timeout=10, markup=False)
        if self._sync_again:
            self._sync_again = False
            self.start_sync(manual=True)

    def on_recorded(self, message: Recorded) -> None:
        self._sent(message.sent)

    def on_published(self, message: Published) -> None:
        self._sent(message.sent)

    def _sent(self, sent: Sent) -> None:
        """After a step: say if it stayed on this machine; the header counts it."""
        for text in dropped_notices(sent.dropped):
            self.notify(text, severity="warning", timeout=12, markup=False)
        for text in hook_notices(sent.hooks_failed):
            self.notify(text, severity="warning", timeout=12, markup=False)
        if sent.kept is not None:
            self.notify(kept_notice(sent.kept), severity="warning", timeout=12, markup=False)
            self._connection.after_kept_step()
        if self.has_remote:
            self.check_remote()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sync":
            return bool(self.has_remote)  # no key, and no palette entry, without a remote
        return True

    def action_sync(self) -> None:
        """Sync with the remote now."""
        if self.has_remote:
            self.start_sync(manual=True)

    def action_go(self, mode: str) -> None:
        """Show the list of a mode; pressed again there, go back to the list itself."""
        if self.current_mode != mode:
            self.switch_mode(mode)
            return
        for _ in range(len(self.screen_stack) - 1):
            self.pop_screen()

    @work(thread=True, exit_on_error=False, exclusive=True, group="store-check")
    def action_check_store(self) -> None:
        """Check the store for what killed processes left, and repair it."""
        deliver(self, self.backend.check_store, StoreChecked, "check the store")

    def on_store_checked(self, message: StoreChecked) -> None:
        text, severity = health_notice(message.health)
        self.notify(text, severity=severity, timeout=12, markup=False)
        if message.health.brought_up_to_date:
            self.store_version += 1

    def action_search(self, query: str = "") -> None:
        """Search the text of every article."""
        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.backend, query))

    def action_import(self) -> None:
        """Ask for the files to import, then import them in a worker."""
        self.push_screen(
            PathModal(
                "Import articles",
                "Files from the CMS (WXR, WordPress REST JSON, HTML pages, ninjs), "
                "separated by spaces; a pattern such as pages/*.html is expanded.",
            ),
            self._import_chosen,
        )

    def _import_chosen(self, text: str | None) -> None:
        if text is None:
            return
        try:
            sources = import_paths(text)
        except ValueError as error:
            self.notify(f"Could not import: {error}", severity="error", markup=False)
            return
        self.notify(f"Importing {len(sources)} file(s)…", markup=False)
        self._import(sources)

    @work(thread=True, exit_on_error=False, exclusive=True, group="import")
    def _import(self, sources: list[Path]) -> None:
        deliver(
            self,
            lambda: self.backend.import_articles(sources),
            lambda written: ArticlesImported(written.value, written.sent),
            "import articles",
        )

    def on_articles_imported(self, message: ArticlesImported) -> None:
        from corrections.services.importing import problem_lines, summary_line

        report = message.report
        lines = [summary_line(report), *problem_lines(report)]
        lines += [f"{a.slug}: {a.headline}" for a in report.added]
        self.push_screen(MessageModal("Import", render.plain("\n".join(lines))))
        if report.commit is not None:
            self.store_version += 1
            self._sent(message.sent)

    def _diff_commands(self, screen: Screen[object], view: DiffView) -> Iterable[SystemCommand]:
        """Moving between the changes of a diff shown on this screen, and unfolding it."""
        if not view.places:
            return
        count = len(view.places)

        def run(action: Callable[[], None]) -> None:
            if isinstance(screen, ArticleScreen):
                screen.action_tab("diff")  # the diff may be behind another tab
            action()

        where = f"n in the diff; {count} change{'s' if count > 1 else ''}"
        yield SystemCommand("Next change", where, partial(run, view.action_next_change))
        yield SystemCommand(
            "Previous change", "N in the diff", partial(run, view.action_previous_change)
        )
        if view.whole:
            yield SystemCommand(
                "Fold unchanged sentences", "f in the diff", partial(run, view.action_toggle_folds)
            )
        elif view.layout_shown.folded:
            yield SystemCommand(
                "Whole paragraphs",
                "f in the diff: show the folded sentences",
                partial(run, view.action_toggle_folds),
            )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's actions: the current screen's keys (those in the footer, and those
        its ``PALETTE_ACTIONS`` name), its diff's, then the app's own."""
        also = getattr(screen, "PALETTE_ACTIONS", ())
        for binding in screen.BINDINGS:
            if (
                isinstance(binding, Binding)
                and binding.description
                and (binding.show or binding.action in also)
            ):
                yield SystemCommand(
                    binding.description,
                    f"{binding.key.split(',')[0]} on this screen",
                    partial(screen.run_action, binding.action),
                )
        for view in screen.query(DiffView):
            yield from self._diff_commands(screen, view)
        yield SystemCommand("Articles", "Every article (F2)", partial(self.action_go, "articles"))
        yield SystemCommand("Queue", "Corrections by status (F3)", partial(self.action_go, "queue"))
        yield SystemCommand(
            "Search the articles' text",
            "Every sentence where a wording occurs, as you type (F4)",
            self.action_search,
        )
        if self.has_remote:
            yield SystemCommand(
                "Sync with the remote",
                "Fetch, send the steps kept here, bring in everyone else's (F5)",
                self.action_sync,
            )
        yield SystemCommand(
            "Import articles…",
            "From the CMS: a WordPress export (WXR), REST JSON, HTML pages or ninjs",
            self.action_import,
        )
        yield SystemCommand(
            "Check and repair the store",
            "Remove locks killed processes left; bring a lagging work tree up to date",
            self.action_check_store,
        )
        yield SystemCommand("Help", "Every key (F1)", self.action_help)
        yield from super().get_system_commands(screen)


def import_paths(text: str) -> list[Path]:
    """The files a line names: split as a shell would, ``~`` and patterns expanded.

    ValueError says why the line names no file."""
    import glob
    import shlex

    paths: list[Path] = []
    for word in shlex.split(text):
        word = str(Path(word).expanduser())
        if glob.has_magic(word):
            matched = sorted(glob.glob(word))
            if not matched:
                raise ValueError(f"no file matches {word}")
            paths.extend(Path(m) for m in matched)
        else:
            paths.append(Path(word))
    if not paths:
        raise ValueError("no file given")
    return paths
