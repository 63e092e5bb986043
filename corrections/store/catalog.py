"""The article catalog: every article with its headline, version count and last change.

Built from three bulk reads (``ls-tree``, ``cat-file --batch``, one ``git log --name-only``
running in the background on the other core) and cached by commit in the git directory.
When ``main`` moved forward since the cache was written, only the new commits are read and
only changed files are parsed again, so listing after a write stays about as fast as warm.

A clone has no cache yet, and building one walks the whole history. So a catalog can be
stored in git too, as a blob that ``refs/corrections/catalog`` names: ``sync`` shares the
clone's catalog when the remote has none, ``doctor --optimize`` shares it afresh, and
every fetch and clone brings the remote's back (as
``refs/remotes/origin/corrections/catalog``). A clone
without a cache of its own starts from that catalog and reads only the commits made since
it was shared. It is used only when its commit is in ``main``'s history and the blob id it
gives each article is the one git holds at that commit; the headlines and counts in it
are taken as the teammate who shared it found them, as the shared ``main`` itself is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from corrections.domain.article import parse_front_matter_only
from corrections.domain.catalog import ARTICLES_DIR, ArticleSummary, slug_of_path
from corrections.domain.errors import CorrectionsError
from corrections.store import bulk, caches
from corrections.store.git_store import GitStore
from corrections.store.gitcmd import run_git
from corrections.store.objects import read_objects

CACHE_FORMAT = 2
CACHE_NAME = f"catalog-v{CACHE_FORMAT}"
SHARED_REF = "refs/corrections/catalog"  # this clone's catalog, as it shares it
FETCHED_REF = "refs/remotes/origin/corrections/catalog"  # the remote's, as last fetched
SPLIT_FROM = 2000  # commits; below this one git log is quicker than two


def cache_path(store: GitStore) -> Path:
    return caches.cache_path(store, CACHE_NAME)


def list_articles(store: GitStore) -> list[ArticleSummary]:
    """Every article on ``main``, sorted by slug."""
    # Threads sharing the store take turns: the second finds the catalog the first saved.
    with caches.updating(store, CACHE_NAME):
        return _list(store)


def _list(store: GitStore) -> list[ArticleSummary]:
    head = store.head()
    if head is None:
        return []
    cached = _load(store)
    if cached is not None and cached[0] == head:
        return cached[1]
    if cached is None:
        cached = _shared(store, head)
        if cached is not None and cached[0] == head:
            _save(store, head, cached[1])
            return cached[1]
    summaries = None
    if cached is not None:
        summaries = _update_from(store, cached[0], head, {s.slug: s for s in cached[1]})
    if summaries is None:
        summaries = _build(store, head)
    _save(store, head, summaries)
    return summaries


def share(store: GitStore, *, build: bool = True) -> str | None:
    """Store the catalog of ``main`` for the team (``refs/corrections/catalog``); the blob
    id, or None for an empty store. ``build=False``: only a catalog this clone already
    has is shared (brought to main first), none is built for it."""
    if store.head() is None or (not build and _load(store) is None):
        return None
    list_articles(store)  # the cache, brought to main
    with caches.updating(store, CACHE_NAME):
        return _share(store)


def _share(store: GitStore) -> str | None:
    try:
        data = caches.cache_path(store, CACHE_NAME).read_bytes()
        blob = run_git(store.git_dir, ["hash-object", "-w", "--stdin"], input=data)
        oid = blob.stdout.decode().strip()
        run_git(
            store.git_dir, ["update-ref", "-m", "corrections: share the catalog", SHARED_REF, oid]
        )
    except (OSError, CorrectionsError):
        return None  # sharing only saves a teammate time; it never fails a listing
    return oid


def _shared(store: GitStore, head: str) -> tuple[str, list[ArticleSummary]] | None:
    """The catalog a teammate shared (or this clone shared before), if it is one of
    ``main``'s commits and names the articles git holds there."""
    for ref in (FETCHED_REF, SHARED_REF):
        oid = store.repository.ref(ref)
        data = store.read_object(oid) if oid else None
        found = _parse(data) if data else None
        if found is None or not store.is_ancestor(found[0], head):
            continue
        files = _article_files(store, found[0])
        if {slug: blob for slug, blob in files.values()} == {s.slug: s.blob for s in found[1]}:
            return found
    return None


def _update_from(
    store: GitStore, old: str, head: str, known: dict[str, ArticleSummary]
) -> list[ArticleSummary] | None:
    """The catalog at ``head`` from the one at ``old``, reading only the commits between
    them. ``main`` usually moved forward; after a sync replayed local steps onto the
    remote's, it moved sideways: the catalog goes back to where the two histories meet
    and forward from there. None when they share no history."""
    if store.is_ancestor(old, head):
        return _update(store, old, head, known)
    meet = run_git(
        store.git_dir, ["merge-base", "--end-of-options", old, head], check=False
    ).stdout.decode()
    if not meet.strip():
        return None
    base = meet.split()[0]
    reread: dict[str, tuple[str, str]] = {}
    rewound = _rewind(store, base, old, head, known, reread)
    return None if rewound is None else _update(store, base, head, rewound, reread)


def _rewind(
    store: GitStore,
    base: str,
    old: str,
    head: str,
    known: dict[str, ArticleSummary],
    reread: dict[str, tuple[str, str]],
) -> dict[str, ArticleSummary] | None:
    """Take the commits ``base..old`` back out of ``known``; the files they changed are
    added to ``reread`` with their blob at ``base``."""
    differences = _differences(store, base, old)
    if any(status == "D" for status, _, _, _ in differences):
        return None  # an article removed on the way: its history is not in the catalog
    counts: dict[str, int] = {}
    for entry in bulk.log(store.git_dir, [f"{base}..{old}"], [f"{ARTICLES_DIR}/"], with_paths=True):
        for path in entry.paths:
            counts[path] = counts.get(path, 0) + 1
    if not counts and not differences:
        return known
    again = {
        path
        for entry in bulk.log(
            store.git_dir, [f"{base}..{head}"], [f"{ARTICLES_DIR}/"], with_paths=True
        )
        for path in entry.paths
    }
    # The last change of an article the new commits do not touch again is before ``base``.
    earlier = _last_changes(store, base, sorted(set(counts) - again))
    rewound = dict(known)
    for status, path, at_base, _ in differences:
        slug = slug_of_path(path)
        if slug is None:
            continue
        if status == "A":  # added on the way: not there where the histories meet
            rewound.pop(slug, None)
        else:  # read again as it was there
            reread[path] = (slug, at_base)
    for path, count in counts.items():
        slug = slug_of_path(path)
        before = rewound.get(slug) if slug is not None else None
        if slug is None or before is None:
            continue
        rewound[slug] = replace(
            before, versions=before.versions - count, updated=earlier.get(path, before.updated)
        )
    return rewound


def _last_changes(store: GitStore, commit: str, paths: list[str]) -> dict[str, dt.datetime]:
    """When each of ``paths`` last changed in ``commit``'s history: one ``git log`` of
    those paths, read until every one is found."""
    found: dict[str, dt.datetime] = {}
    if not paths:
        return found
    process = bulk.start_log(store.git_dir, [commit], paths)
    try:
        for entry in bulk.stream_log(process):
            for path in entry.paths:
                found.setdefault(path, entry.date)
            if len(found) == len(paths):
                break
    finally:
        bulk.stop(process)
    return found


def _build(store: GitStore, head: str) -> list[ArticleSummary]:
    # No pathspec: with one, git matches it against every entry of every tree it diffs,
    # which is three times slower on a large flat articles/ directory than filtering here.
    # The history is walked in two halves at once, one per core, while this process reads
    # the front matter.
    logs = [bulk.start_log(store.git_dir, revisions, []) for revisions in _halves(store, head)]
    try:
        files = _article_files(store, head)
        meta = _read_meta(store, files.items())
    finally:
        entries = [entry for log in bulk.finish_logs(logs) for entry in log]
    counts: dict[str, int] = {}
    updated: dict[str, dt.datetime] = {}
    for entry in entries:  # newest first
        for path in entry.paths:
            if path in files:
                counts[path] = counts.get(path, 0) + 1
                updated.setdefault(path, entry.date)
    return [
        _summary(slug, oid, meta[oid], counts.get(path, 1), updated.get(path))
        for path, (slug, oid) in sorted(files.items(), key=lambda item: item[1][0])
    ]


def _halves(store: GitStore, head: str) -> list[list[str]]:
    """Two disjoint revision ranges covering all of ``head``'s history: ``mid..head`` and
    ``mid``, split along the first-parent chain."""
    chain = bulk.first_parent_chain(store.git_dir, head)
    if len(chain) < SPLIT_FROM:  # a short history: one process is quicker than two
        return [[head]]
    # Newer commits cost more (their trees are bigger), so the newer range gets fewer.
    mid = chain[int(len(chain) * 0.4)]
    return [[head, f"^{mid}"], [mid]]


def _update(
    store: GitStore,
    old: str,
    head: str,
    known: dict[str, ArticleSummary],
    reread: dict[str, tuple[str, str]] | None = None,
) -> list[ArticleSummary]:
    """The catalog at ``head`` from ``known``, the one at ``old`` (an ancestor): only the
    files that differ between the two are listed and read, never the whole folder.
    ``reread``: more files to read again, path -> (slug, blob id)."""
    current = dict(known)
    changed: dict[str, tuple[str, str]] = dict(reread or {})
    for status, path, _, oid in _differences(store, old, head):
        slug = slug_of_path(path)
        if slug is None:
            continue
        if status == "D":
            current.pop(slug, None)
            changed.pop(path, None)
        else:
            changed[path] = (slug, oid)
    meta = _read_meta(store, changed.items())
    new_counts: dict[str, int] = {}
    new_updated: dict[str, dt.datetime] = {}
    for entry in bulk.log(store.git_dir, [f"{old}..{head}"], [f"{ARTICLES_DIR}/"], with_paths=True):
        for path in entry.paths:
            new_counts[path] = new_counts.get(path, 0) + 1
            new_updated.setdefault(path, entry.date)
    for path, (slug, oid) in changed.items():
        before = current.get(slug)
        versions = (before.versions if before else 0) + new_counts.pop(path, 0)
        when = new_updated.get(path) or (before.updated if before else None)
        current[slug] = _summary(slug, oid, meta[oid], max(versions, 1), when)
    # Files changed and changed back: new versions, the same content.
    for path, count in new_counts.items():
        slug = slug_of_path(path)
        before = current.get(slug) if slug is not None else None
        if before is not None and slug is not None:
            current[slug] = replace(
                before, versions=before.versions + count, updated=new_updated[path]
            )
    return sorted(current.values(), key=lambda summary: summary.slug)


def _differences(
    store: GitStore, old: str, new: str, only: str = ""
) -> list[tuple[str, str, str, str]]:
    """(status letter, path, blob id at ``old``, at ``new``) of every article file that
    differs."""
    args = ["diff-tree", "-r", "-z", "--no-renames"]
    if only:
        args.append(f"--diff-filter={only}")
    args += ["--end-of-options", old, new, "--", f"{ARTICLES_DIR}/"]
    fields = run_git(store.git_dir, args).stdout.decode("utf-8", "surrogateescape").split("\0")
    found = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = meta.split()
        if len(parts) == 5:  # ":old-mode new-mode old-id new-id status"
            found.append((parts[4][:1], path, parts[2], parts[3]))
    return found


def _article_files(store: GitStore, head: str) -> dict[str, tuple[str, str]]:
    files = {}
    for path, oid in bulk.ls_tree(store.git_dir, head, ARTICLES_DIR).items():
        slug = slug_of_path(path)
        if slug is not None:
            files[path] = (slug, oid)
    return files


def _read_meta(
    store: GitStore, files: Iterable[tuple[str, tuple[str, str]]]
) -> dict[str, dict[str, Any]]:
    names = {oid: path for path, (_, oid) in files}
    meta: dict[str, dict[str, Any]] = {}
    for oid, data in read_objects(store.git_dir, names):
        try:
            front = parse_front_matter_only(data, names[oid])
        except CorrectionsError as error:
            meta[oid] = {"headline": "", "problem": str(error)}
            continue
        meta[oid] = {
            "headline": front.headline,
            "section": front.section,
            "published": front.published.isoformat(),
        }
    return meta


def _summary(
    slug: str, oid: str, meta: dict[str, Any], versions: int, updated: dt.datetime | None
) -> ArticleSummary:
    return ArticleSummary(
        slug=slug,
        headline=meta["headline"],
        section=meta.get("section"),
        published=meta.get("published"),
        versions=versions,
        updated=updated,
        blob=oid,
        problem=meta.get("problem"),
    )


def _load(store: GitStore) -> tuple[str, list[ArticleSummary]] | None:
    return _parse_data(caches.load_json(store, CACHE_NAME))


def _parse(raw: bytes) -> tuple[str, list[ArticleSummary]] | None:
    try:
        return _parse_data(json.loads(raw))
    except ValueError:
        return None


def _parse_data(data: Any) -> tuple[str, list[ArticleSummary]] | None:
    try:
        parse = dt.datetime.fromisoformat
        # One list per article, in the fields' order (a dict each would double the load).
        summaries = [
            ArticleSummary(
                slug,
                headline,
                section,
                published,
                versions,
                parse(updated) if updated else None,
                blob,
                problem,
            )
            for slug, headline, section, published, versions, updated, blob, problem in data[
                "articles"
            ]
        ]
        return str(data["head"]), summaries
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # no cache, or one from another version: rebuild


def _save(store: GitStore, head: str, summaries: list[ArticleSummary]) -> None:
    rows = [
        (
            s.slug,
            s.headline,
            s.section,
            s.published,
            s.versions,
            s.updated.isoformat() if s.updated else None,
            s.blob,
            s.problem,
        )
        for s in summaries
    ]
    caches.save_json(store, CACHE_NAME, {"head": head, "articles": rows})
    with contextlib.suppress(OSError):
        caches.cache_path(store, "catalog-v1").unlink(missing_ok=True)  # the earlier format
