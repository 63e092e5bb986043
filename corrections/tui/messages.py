"""Messages that carry results from worker threads back to the screens.

Workers never touch widgets: they post one of these, and the screen that asked updates
itself on the event loop. ``Failed`` bubbles up to the app, which shows the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from corrections.domain.article_diff import ArticleDiff
from corrections.domain.catalog import ArticleSummary
from corrections.domain.errors import CorrectionsError
from corrections.domain.records import CorrectionRecord
from corrections.domain.search import SearchHit
from corrections.services import CorrectionView, Preview, PublishResult
from corrections.services.maintenance import Health
from corrections.tui.backend import ArticlePage, Corrections, EditorStart, Sent
from corrections.tui.remote_state import RemoteCheck, SyncReport
from corrections.tui.tables import TableData

if TYPE_CHECKING:
    from corrections.services.exporting import ExportOutput
    from corrections.services.importing import ImportReport

T = TypeVar("T")


@dataclass
class Failed(Message):
    """A store or diff operation failed; ``doing`` names it for the notification."""

    error: CorrectionsError
    doing: str


@dataclass
class Crashed(Message):
    """Something nobody expected failed while ``doing``: a fault in the tool, not the store.

    ``report`` is the crash report written for it (None if none could be written)."""

    kind: str
    doing: str
    report: Path | None


def crashed(target: MessagePump, error: Exception, doing: str) -> None:
    """Write the crash report of ``error`` and tell the app, which shows it in a dialog."""
    from corrections.services.crash_report import write_report

    try:
        report: Path | None = write_report(error, f"corrections tui: {doing}")
    except OSError:
        report = None
    target.post_message(Crashed(type(error).__name__, doing, report))


@dataclass
class ArticlesLoaded(Message):
    """The article list, sorted and ready for the table."""

    summaries: list[ArticleSummary]
    table: TableData


@dataclass
class CountsLoaded(Message):
    """Corrections in flight per article, for the table's last column."""

    table: TableData


@dataclass
class ArticleLoaded(Message):
    page: ArticlePage


@dataclass
class VersionsDiffed(Message):
    """The diff of two versions of the article on screen."""

    old: int
    new: int
    diff: ArticleDiff


@dataclass
class CorrectionsLoaded(Message):
    corrections: Corrections
    table: TableData


@dataclass
class CorrectionLoaded(Message):
    view: CorrectionView
    me: str | None  # who is acting, when known


@dataclass
class GroupLoaded(Message):
    """The corrections of a group, published together."""

    members: list[CorrectionRecord]


@dataclass
class EditorLoaded(Message):
    start: EditorStart


@dataclass
class PreviewReady(Message):
    """A live preview for the editor; ``sequence`` tells a stale one from the latest."""

    sequence: int
    preview: Preview


@dataclass
class Recorded(Message):
    """A workflow step was committed: propose, revise, review or withdraw.

    The screen that asked shows the result; the app says how it reached the remote."""

    record: CorrectionRecord
    step: str
    sent: Sent


@dataclass
class Published(Message):
    result: PublishResult
    sent: Sent


# ---------------------------------------------------------------------- the remote


@dataclass
class RemoteChecked(Message):
    """The remote as last seen (no network): for the header, and whether to sync at all."""

    check: RemoteCheck


@dataclass
class Synced(Message):
    """A sync finished (or failed: ``report.error``); ``manual``: the user asked for it."""

    report: SyncReport
    manual: bool


@dataclass
class StoreChecked(Message):
    """The store was checked for locks and a lagging work tree, and repaired."""

    health: Health


# ---------------------------------------------------------------------- navigation


@dataclass
class ArticlesImported(Message):
    """An import finished: what it added, found unchanged, changed or bad."""

    report: ImportReport
    sent: Sent


@dataclass
class ArticleExported(Message):
    """An article was written to a file."""

    output: ExportOutput
    path: Path


@dataclass
class OpenArticle(Message):
    """Show an article (its text, history and diffs); ``at``: a search hit to show."""

    slug: str
    at: SearchHit | None = None


@dataclass
class OpenCorrection(Message):
    """Show a correction for review (``replace``: instead of the screen that asks)."""

    record_id: str
    replace: bool = False


@dataclass
class EditArticle(Message):
    """Open the editor to propose a correction to an article."""

    slug: str


@dataclass
class ReviseCorrection(Message):
    """Open the editor on a proposed correction, to revise it."""

    record_id: str


def deliver(
    target: MessagePump, action: Callable[[], T], wrap: Callable[[T], Message], doing: str
) -> None:
    """Run ``action`` in a worker thread; post its result wrapped, or why it failed.

    A worker that was cancelled meanwhile (a newer one replaced it) posts nothing.
    """
    try:
        result = action()
    except CorrectionsError as error:
        target.post_message(Failed(error, doing))
        return
    except Exception as error:  # a fault in the tool: reported, and the app keeps running
        crashed(target, error, doing)
        return
    if not get_current_worker().is_cancelled:
        target.post_message(wrap(result))
