"""Articles: adding articles, listing, showing, history and diffs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from corrections.domain.article import (
    ArticleDocument,
    article_from_plain_text,
    decode,
    parse_article,
    split_front_matter,
    to_lf,
)
from corrections.domain.catalog import (
    ARTICLES_DIR,
    ArticleSummary,
    Version,
    article_path,
)
from corrections.domain.errors import BadInput, NotFound, Refused
from corrections.domain.frozen import frozen
from corrections.domain.slugs import slugify, validate_slug
from corrections.services.inputs import read_capped
from corrections.services.opening import commit_date
from corrections.store import bulk, catalog
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.setup import init_store

# Loaded by the commands that use them, not by every command at start-up.
if TYPE_CHECKING:
    from corrections.domain.article_diff import ArticleDiff
    from corrections.domain.ci.settings import CiSettings
    from corrections.domain.style_names import StyleName


def init(path: Path, style: StyleName, author: Identity, ci: CiSettings | None = None) -> GitStore:
    return init_store(path, style, author, commit_date(), ci)


# ---------------------------------------------------------------------- adding


@frozen
class AddedArticle:
    slug: str
    headline: str
    path: str
    # The file had CRLF or CR line endings, stored as LF (the store's .gitattributes).
    converted_line_endings: bool = False


def prepare_article(data: bytes, source: str, now: dt.datetime) -> ArticleDocument:
    """An input file as an article: kept byte for byte if it has front matter, else the
    first line becomes the headline and the publication time is now. Line endings become LF,
    as the store's .gitattributes asks, or git would see every line as changed."""
    text = to_lf(decode(data, source))
    if split_front_matter(text, source) is None:
        text = article_from_plain_text(text, source, now)
    return parse_article(text.encode("utf-8"), source)


def add_articles(
    store: GitStore,
    sources: Sequence[Path],
    author: Identity,
    slug: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[list[AddedArticle], str]:
    """Add files as first published versions, all in one commit. Returns what and the commit."""
    if slug is not None and len(sources) != 1:
        raise BadInput("--slug names one article: pass exactly one FILE with it")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    files: dict[str, bytes] = {}
    added: list[AddedArticle] = []
    for number, source in enumerate(sources, start=1):
        if on_progress is not None and (number % 100 == 0 or number == len(sources)):
            on_progress(number, len(sources))
        data = _read_input(source)
        document = prepare_article(data, str(source), now)
        article_slug = validate_slug(slug) if slug is not None else slugify(source.stem)
        path = article_path(article_slug)
        if path in files:
            raise BadInput(f"{source}: slug {article_slug!r} is given twice in this import")
        files[path] = document.to_bytes()
        converted = b"\r" in data and b"\r" not in document.to_bytes()
        added.append(AddedArticle(article_slug, document.meta.headline, path, converted))

    def plan(snapshot: Snapshot) -> PlannedCommit:
        if len(added) <= 16:  # a few look-ups beat listing a directory of thousands
            existing = {a.path for a in added if snapshot.read(a.path) is not None}
        else:
            existing = (
                set(bulk.ls_tree(store.git_dir, snapshot.head, ARTICLES_DIR))
                if snapshot.head
                else set()
            )
        for article in added:
            if article.path in existing:
                raise Refused(
                    f"article {article.slug!r} already exists: propose a correction instead"
                )
        subject = (
            f"Publish {added[0].slug}" if len(added) == 1 else f"Publish {len(added)} articles"
        )
        body = "\n".join(f"- {a.slug}" for a in added) if len(added) > 1 else ""
        return PlannedCommit(dict(files), subject, author, body=body)

    from corrections.services.sync import write_step

    commit = write_step(store, plan, when=commit_date())
    return added, commit


def _read_input(source: Path) -> bytes:
    return read_capped(source)


# ---------------------------------------------------------------------- reading


def list_articles(store: GitStore) -> list[ArticleSummary]:
    return catalog.list_articles(store)


def history(store: GitStore, slug: str) -> list[Version]:
    """The versions of an article, oldest first: the commits on main that changed its file."""
    path = article_path(validate_slug(slug))
    head = store.head()
    entries = bulk.log(store.git_dir, [head], [path]) if head else []
    if not entries:
        raise NotFound(f"no article {slug!r} in {store.root}")
    return [
        Version(number, e.commit, e.date, e.author, e.email, e.subject)
        for number, e in enumerate(reversed(entries), start=1)
    ]


def version_text(store: GitStore, slug: str, version: int | None) -> tuple[Version, bytes]:
    versions = history(store, slug)
    chosen = _pick(versions, slug, version)
    data = store.read_file(chosen.commit, article_path(slug))
    if data is None:  # pragma: no cover - history only lists commits holding the file
        raise NotFound(f"{article_path(slug)} is missing at {chosen.commit[:12]}")
    return chosen, data


def _published_bytes(store: GitStore, slug: str) -> tuple[bytes, str]:
    """The article's file at the head, and its path: one read, no history walk."""
    path = article_path(validate_slug(slug))
    head = store.head()
    data = store.read_file(head, path) if head else None
    if data is None:
        raise NotFound(f"no article {slug!r} in {store.root}")
    return data, path


def current(store: GitStore, slug: str) -> ArticleDocument:
    """The article as published now."""
    return parse_article(*_published_bytes(store, slug))


def published_text(store: GitStore, slug: str, version: int | None = None) -> str:
    """The article's file as readers got it (now, or at ``version``), as text.

    For printing: the text is not parsed, so no model or YAML parser is loaded for it."""
    if version is None:
        return decode(*_published_bytes(store, slug))
    chosen, data = version_text(store, slug, version)
    return decode(data, f"{article_path(slug)}@{chosen.number}")


def show(store: GitStore, slug: str, version: int | None = None) -> tuple[Version, ArticleDocument]:
    chosen, data = version_text(store, slug, version)
    return chosen, parse_article(data, f"{article_path(slug)}@{chosen.number}")


def _pick(versions: list[Version], slug: str, number: int | None) -> Version:
    if number is None:
        return versions[-1]
    if not 1 <= number <= len(versions):
        raise BadInput(
            f"article {slug!r} has {len(versions)} version(s); there is no version {number}"
        )
    return versions[number - 1]


def diff_versions(
    store: GitStore, slug: str, old: int | None = None, new: int | None = None
) -> ArticleDiff:
    """Diff two versions of an article; by default the last two (or the only one with itself)."""
    versions = history(store, slug)
    if new is None:
        new = len(versions)
    if old is None:
        old = max(1, new - 1)
    old_version, new_version = _pick(versions, slug, old), _pick(versions, slug, new)
    path = article_path(slug)
    old_data = store.read_file(old_version.commit, path) or b""
    new_data = store.read_file(new_version.commit, path) or b""
    from corrections.domain.article_diff import diff_articles

    return diff_articles(old_data, new_data, f"{path}@{old}", f"{path}@{new}")


def diff_files(old: Path, new: Path) -> ArticleDiff:
    from corrections.domain.article_diff import diff_articles

    return diff_articles(_read_input(old), _read_input(new), str(old), str(new))


def editable_text(store: GitStore, slug: str) -> str:
    """The article as an editor edits it: front matter and body, without the notes block."""
    from corrections.domain.article import without_notes

    return without_notes(current(store, slug).to_text(), article_path(slug))
