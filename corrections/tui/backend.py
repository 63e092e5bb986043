"""The app's one door to the services: an open store and who is acting.

Every method blocks and runs in a worker thread, never on the event loop. Workers share
the one open ``GitStore``, which is safe to read from several threads at once (see
:class:`~corrections.store.git_store.GitStore`), so reads need no lock here. Steps may talk
to the remote; they hold ``network``, which background syncs (:mod:`corrections.tui.syncing`,
in a store of their own) take as well, so two steps or a step and a sync never push at
once. Nothing here runs git itself: it calls :mod:`corrections.services` and returns domain
values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from corrections import services
from corrections.domain.article import ArticleDocument
from corrections.domain.article_diff import ArticleDiff
from corrections.domain.catalog import ArticleSummary, Version
from corrections.domain.config import StoreConfig
from corrections.domain.errors import CorrectionsError
from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord, Verdict
from corrections.services import (
    CorrectionView,
    GitStore,
    Identity,
    Preview,
    PublishResult,
    SearchResult,
    WordingUse,
    maintenance,
)
from corrections.services.maintenance import Health
from corrections.tui import syncing
from corrections.tui.remote_state import RemoteCheck, SyncReport

if TYPE_CHECKING:
    from corrections.services.exporting import ExportOutput
    from corrections.services.importing import ImportReport

T = TypeVar("T")


@frozen
class ArticlePage:
    """What the article screen shows: the text as published and every version."""

    slug: str
    document: ArticleDocument
    versions: list[Version]


@frozen
class EditorStart:
    """What the editor opens with: the text to edit, the text it is compared with, and
    for a revision the record being revised."""

    slug: str
    base: str
    text: str
    config: StoreConfig
    record: CorrectionRecord | None = None


@frozen
class Corrections:
    records: list[CorrectionRecord]
    problems: list[str]


@frozen
class Revision:
    """What a revision changes; None leaves that part as it is."""

    text: str | None = None
    kind: Kind | None = None
    summary: str | None = None
    note: str | None = None

    @property
    def empty(self) -> bool:
        return self == Revision()


@frozen
class SearchOptions:
    """How the search screen matches: a pattern or plain text, case, whole words."""

    regex: bool = False
    case_sensitive: bool = False
    word: bool = False

    def toggled(self, name: str) -> SearchOptions:
        return replace(self, **{name: not getattr(self, name)})


@frozen
class Sent:
    """How a step reached the remote: ``kept`` says why it is still only on this machine,
    ``dropped`` names local steps that could not be replayed onto the remote's tip."""

    kept: str | None = None
    dropped: tuple[str, ...] = ()
    hooks_failed: tuple[str, ...] = ()  # hooks that failed after the step (it stands)


@frozen
class Written(Generic[T]):
    """A step's result, and how it reached the remote."""

    value: T
    sent: Sent


class Backend:
    def __init__(self, store: GitStore, user: str | None) -> None:
        self.store = store
        self.user = user
        self.network = threading.Lock()  # held while a step or a sync talks to the remote
        self._identity: Identity | None = None

    def me(self) -> Identity:
        """Who is acting: ``--as``, then $CORRECTIONS_USER, then git's user.name (two
        workers asking at once may both look it up: they find the same)."""
        if self._identity is None:
            self._identity = services.identity(self.store, self.user)
        return self._identity

    def who(self) -> str | None:
        """The acting person's name, or None when it is not known yet (no error)."""
        try:
            return self.me().name
        except CorrectionsError:
            return None

    # ------------------------------------------------------------------ reading

    def articles(self) -> list[ArticleSummary]:
        return services.list_articles(self.store)

    def open_counts(self) -> dict[str, int]:
        return services.open_corrections_by_article(self.store)

    def article(self, slug: str) -> ArticlePage:
        versions = services.history(self.store, slug)
        document = services.current(self.store, slug)
        return ArticlePage(slug, document, versions)

    def diff(self, slug: str, old: int, new: int) -> ArticleDiff:
        return services.diff_versions(self.store, slug, old, new)

    def search(self, query: str, options: SearchOptions, limit: int) -> SearchResult:
        """Search the articles at main: git grep and its one read of the files that
        matched run in processes of their own."""
        return services.search(
            self.store,
            query,
            regex=options.regex,
            case_sensitive=options.case_sensitive,
            word=options.word,
            limit=limit,
        )

    def same_wording(self, slug: str, wordings: list[str]) -> list[WordingUse]:
        """The other articles that still carry each old wording (as search does)."""
        return services.same_wording_elsewhere(self.store, slug, wordings)

    def corrections(self, article: str | None = None) -> Corrections:
        records, problems = services.list_corrections(self.store, article=article)
        return Corrections(records, [str(p) for p in problems])

    def correction(self, record_id: str) -> CorrectionView:
        return services.view(self.store, record_id)

    def editor_for_article(self, slug: str) -> EditorStart:
        text = services.editable_text(self.store, slug)
        config = services.load_config(self.store)
        return EditorStart(slug, text, text, config)

    def editor_for_record(self, record_id: str) -> EditorStart:
        shown = services.view(self.store, record_id)
        config = services.load_config(self.store)
        record = shown.record
        return EditorStart(
            record.article, shown.diff.old_text, record.proposed_text, config, record
        )

    @staticmethod
    def preview(start: EditorStart, text: str, kind: Kind, summary: str = "") -> Preview:
        """Pure: no store; safe to run while another worker writes."""
        return services.preview(start.base, text, start.slug, kind, start.config, summary)

    # ------------------------------------------------------------------ the remote

    def check_store(self) -> Health:
        """Remove stale locks and bring a work tree left behind ``main`` up to date."""
        return maintenance.check(self.store, repair=True)

    def check_remote(self) -> RemoteCheck:
        """The remote as last seen, read in a store of its own (no network)."""
        return syncing.check(self.store.root)

    def sync(self, known: frozenset[str] | None) -> SyncReport:
        """Sync in a store of its own; ``known``: the corrections already waiting for me."""
        return syncing.sync_once(self.store.root, self.user, known, self.network)

    # ------------------------------------------------------------------ writing

    def _step(self, action: Callable[[], T]) -> Written[T]:
        """Run one workflow step; say whether it reached the remote."""
        with self.network:
            delivery = services.delivery(self.store)
            failed = services.failed_hooks(self.store)
            seen, seen_hooks = len(delivery.dropped), len(failed)
            with services.hooks_sent_later(self.store) as send_hooks:
                value = action()
            sent = (delivery.undelivered, tuple(delivery.dropped[seen:]))
        # The step is done: its hooks run without holding the store.
        for send in send_hooks:
            send()
        return Written(value, Sent(*sent, tuple(failed[seen_hooks:])))

    def propose(
        self, slug: str, text: str, kind: Kind, summary: str, note: str | None
    ) -> Written[CorrectionRecord]:
        return self._step(
            lambda: services.propose(
                self.store, slug, text, kind, self.me(), summary=summary, note=note
            )
        )

    def revise(self, record_id: str, change: Revision) -> Written[CorrectionRecord]:
        return self._step(
            lambda: services.revise(
                self.store,
                record_id,
                self.me(),
                new_input=change.text,
                kind=change.kind,
                note=change.note,
                summary=change.summary,
            )
        )

    def propose_group(
        self, slug: str, text: str, kind: Kind, summary: str, note: str | None, also: list[str]
    ) -> Written[list[CorrectionRecord]]:
        """The same change proposed to ``slug`` and to each of ``also``, as one group."""
        from corrections.services.grouping import propose_group

        return self._step(
            lambda: propose_group(
                self.store, slug, text, kind, self.me(), also, summary=summary, note=note
            )
        )

    def group(self, record: CorrectionRecord) -> list[CorrectionRecord]:
        """The corrections of ``record``'s group (just ``record`` without a group)."""
        if record.group is None:
            return [record]
        records, _ = services.list_corrections(self.store)
        # The group's first correction (whose id the group has) first, then by id.
        return sorted(
            (r for r in records if r.group == record.group), key=lambda r: (r.id != r.group, r.id)
        )

    def review(self, record_id: str, verdict: Verdict, comment: str) -> Written[CorrectionRecord]:
        return self._step(
            lambda: services.review(self.store, record_id, self.me(), verdict, comment)
        )

    def withdraw(self, record_id: str) -> Written[CorrectionRecord]:
        return self._step(lambda: services.withdraw(self.store, record_id, self.me()))

    def publish(self, record_id: str) -> Written[PublishResult]:
        return self._step(lambda: services.publish(self.store, record_id, self.me()))

    def import_articles(self, sources: list[Path]) -> Written[ImportReport]:
        """Import files from the CMS: every new article in one commit."""
        from corrections.services.importing import import_articles

        return self._step(lambda: import_articles(self.store, sources, self.me()))

    def export_article(self, slug: str, path: Path) -> tuple[ExportOutput, Path]:
        """Write the article with its notes to ``path``, in the format its name asks for."""
        from corrections.services.exporting import export_to_file

        return export_to_file(self.store, slug, path)
