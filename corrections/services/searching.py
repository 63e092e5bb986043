"""Search the published text of every article at ``main``: the wording wherever it is."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

from corrections.domain.article import parse_front_matter_only, split_front_matter
from corrections.domain.catalog import article_path
from corrections.domain.errors import CorrectionsError
from corrections.domain.frozen import frozen
from corrections.domain.search import (
    RawMatch,
    SearchHit,
    headline_of,
    locate_matches,
    old_wordings,
)
from corrections.store.git_store import GitStore
from corrections.store.search import SEARCH_TIMEOUT, GrepMatch, grep_articles

if TYPE_CHECKING:
    from corrections.domain.article_diff import ArticleDiff


@frozen
class SearchResult:
    pattern: str
    commit: str | None  # the commit searched (main); None in a store without articles
    hits: list[SearchHit] = field(default_factory=list)
    truncated: bool = False  # the limit was reached: there are more matches

    @property
    def articles(self) -> list[str]:
        """The slugs of the articles with a hit, in order."""
        return list(dict.fromkeys(hit.slug for hit in self.hits))


def search(
    store: GitStore,
    pattern: str,
    *,
    regex: bool = False,
    case_sensitive: bool = False,
    word: bool = False,
    include_notes: bool = False,
    limit: int | None = None,
    timeout: float = SEARCH_TIMEOUT,
) -> SearchResult:
    """Every sentence of the articles at ``main`` where ``pattern`` occurs.

    ``pattern`` is plain text unless ``regex`` (Perl-compatible); matching ignores case
    unless ``case_sensitive``; ``word`` matches whole words only. ``limit`` bounds the
    matches read from git. A pattern git cannot compile, or one that runs longer than
    ``timeout`` seconds, raises BadInput.
    """
    head = store.head()
    if head is None:
        return SearchResult(pattern, None)
    found = grep_articles(
        store.git_dir,
        head,
        pattern,
        mode="regex" if regex else "fixed",
        ignore_case=not case_sensitive,
        word=word,
        limit=limit,
        timeout=timeout,
    )
    by_slug: dict[str, list[GrepMatch]] = {}
    for match in found.matches:
        by_slug.setdefault(match.slug, []).append(match)
    hits: list[SearchHit] = []
    for slug, matches in by_slug.items():
        text = found.files[slug].decode("utf-8", "replace")
        raw = [RawMatch(m.line, m.column, len(m.text)) for m in matches]
        hits += locate_matches(slug, _headline(text, slug), text, raw, include_notes=include_notes)
    return SearchResult(pattern, head, hits, found.truncated)


def _headline(text: str, slug: str) -> str:
    parts = split_front_matter(text, article_path(slug))
    if parts is None:
        return ""
    quick = headline_of(parts[1])
    if quick is not None:
        return quick
    try:
        return parse_front_matter_only(text.encode("utf-8"), article_path(slug)).headline
    except CorrectionsError:
        return ""


# ---------------------------------------------------------------------- the same wording


@frozen
class WordingUse:
    """Where one old wording still stands in other articles."""

    wording: str
    hits: list[SearchHit]  # in articles other than the one being corrected
    truncated: bool = False

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(hit.slug for hit in self.hits))


def wordings_replaced(change: ArticleDiff) -> list[str]:
    """The old wording of each fact a change corrects (see ``old_wordings``)."""
    from corrections.domain.diff import summarize

    return old_wordings(summarize(change.body))


def same_wording_elsewhere(
    store: GitStore,
    slug: str,
    wordings: list[str],
    *,
    limit: int = 200,
    timeout: float = SEARCH_TIMEOUT,
) -> list[WordingUse]:
    """For each old wording, the other articles at ``main`` that still carry it: whole
    words, any case, the notes blocks left out (a note quotes the wording it corrects)."""
    uses = []
    for wording in wordings:
        found = search(store, wording, word=True, limit=limit, timeout=timeout)
        others = [hit for hit in found.hits if hit.slug != slug]
        uses.append(WordingUse(wording, others, found.truncated))
    return uses
