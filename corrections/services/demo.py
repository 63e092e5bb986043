"""The demo newsroom: the bundled articles as first published, and corrections in flight."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from corrections.domain.article import without_notes
from corrections.domain.catalog import article_path
from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord
from corrections.services.articles import AddedArticle, add_articles, init
from corrections.services.opening import open_store
from corrections.services.workflow import propose
from corrections.store.git_store import GitStore, Identity
from corrections.store.setup import DEMO_MARKER, bundled_articles, remove_demo_store

SEED_SLUG = "globe-and-mail-putin-xi-2024"
EDITOR = Identity("Maya Editor", "maya.editor@newsroom.invalid")
REVIEWER = "Sam Reviewer"
ARCHIVE = Identity("Archive Desk", "archive@newsroom.invalid")


@frozen
class DemoStore:
    path: Path
    created: bool
    articles: list[AddedArticle] = field(default_factory=list)
    proposals: list[CorrectionRecord] = field(default_factory=list)


def build_demo(path: Path, fresh: bool = False) -> DemoStore:
    """A demo store: the bundled articles as first published, the seed clarification
    proposed and waiting for a reviewer, and two other proposals on the fictional stories.

    An existing demo store is reused unless ``fresh``; only a store this function made (it
    leaves a marker in the git directory) is ever deleted and rebuilt.
    """
    if path.exists() and any(path.iterdir()):
        if not fresh:
            open_store(path).close()
            return DemoStore(path, False)
        remove_demo_store(path)
    store = init(path, "globe", ARCHIVE)
    try:
        added, _ = add_articles(store, bundled_articles(), ARCHIVE)
        (store.git_dir / DEMO_MARKER).write_text("built by corrections demo\n")
        proposals = _propose_demo_corrections(store)
    finally:
        store.close()
    return DemoStore(path, True, added, proposals)


def _text(store: GitStore, slug: str) -> str:
    head = store.head() or ""
    data = store.read_file(head, article_path(slug)) or b""
    return without_notes(data.decode("utf-8"), article_path(slug))


def _propose_demo_corrections(store: GitStore) -> list[CorrectionRecord]:
    made = []
    seed = _text(store, SEED_SLUG)
    anchor = "which focuses on defence."
    if anchor in seed:
        made.append(
            propose(
                store,
                SEED_SLUG,
                seed.replace(
                    anchor, anchor + " (Argentina withdrew its candidacy in December.)", 1
                ),
                Kind.clarification,
                EDITOR,
                summary="Readers asked whether Argentina joined BRICS: it withdrew in December.",
            )
        )
    library = _text(store, "riverton-library-expansion")
    if "voted 7-2" in library:
        made.append(
            propose(
                store,
                "riverton-library-expansion",
                library.replace("voted 7-2", "voted 6-3", 1),
                Kind.correction,
                EDITOR,
                summary="The clerk's minutes show the vote was 6-3.",
            )
        )
    hawks = _text(store, "harbourview-hawks-regional-final")
    if hawks:
        made.append(
            propose(
                store,
                "harbourview-hawks-regional-final",
                hawks.rstrip("\n")
                + "\n\nThe club said tickets for the championship's home games go on sale "
                "Friday at the Centennial Arena box office.\n",
                Kind.update,
                EDITOR,
                summary="Add the ticket information the club announced.",
            )
        )
    return made
