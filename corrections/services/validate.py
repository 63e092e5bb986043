"""`corrections validate`: no published text changes without a record and a note.

Reads the store in bulk (one ``ls-tree``, one ``cat-file --batch`` per core, one ``git log``)
and caches what it learnt: each correction folder by its git tree id, each article by its
blob id, the history by commit, so a CI run after one new correction re-reads only what
changed. The history half lives in ``validate_history``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corrections.domain.article import parse_front_matter_only, split_front_matter, split_notes
from corrections.domain.catalog import article_path, slug_of_path
from corrections.domain.config import Policy, StoreConfig
from corrections.domain.errors import CorrectionsError
from corrections.domain.events import (
    PUBLISHED_FILE,
    Event,
    PublicationEvent,
    parse_event,
)
from corrections.domain.fold import actor, fold
from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind, has_public_note
from corrections.domain.notes import HouseStyle
from corrections.domain.notes import house_style as style_of_house
from corrections.domain.public_notes import notes_block
from corrections.domain.records import CorrectionRecord
from corrections.domain.slugs import validate_revision
from corrections.domain.strict import from_data, to_data
from corrections.domain.validation import (
    Finding,
    check_note,
    check_notes_block,
    check_paths,
    check_unique_ids,
    sort_findings,
)
from corrections.services.ci import ci_findings
from corrections.services.config import load_config
from corrections.services.validate_history import check_history
from corrections.services.validate_steps import check_steps
from corrections.store import bulk, caches, record_rows
from corrections.store.git_store import GitStore
from corrections.store.history import tree_modes
from corrections.store.objects import read_objects

PARALLEL_FROM = 400  # below this many files to parse, a second process costs more than it saves


@frozen
class CorrectionFacts:
    """What validation needs of one correction folder, small enough to cache by the
    folder's git tree id (which changes whenever an event is added)."""

    folder: str
    id: str
    article: str
    kind: Kind
    note: str | None
    note_date: dt.date | None
    published_at: dt.datetime | None
    findings: tuple[Finding, ...]  # unreadable events and what the fold found illegal
    # (event file name, the person who took its step): each step is proven by its commit
    actors: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["note_date"] = self.note_date.isoformat() if self.note_date else None
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CorrectionFacts:
        return cls(
            data["folder"],
            data["id"],
            data["article"],
            Kind(data["kind"]),
            data["note"],
            dt.date.fromisoformat(data["note_date"]) if data["note_date"] else None,
            dt.datetime.fromisoformat(data["published_at"]) if data["published_at"] else None,
            tuple(Finding(**f) for f in data["findings"]),
            tuple((name, person) for name, person in data["actors"]),
        )


@frozen
class ArticleFacts:
    published: str | None
    top: str
    bottom: str
    problem: str | None
    problem_line: int | None = None


@dataclass
class Report:
    head: str | None
    findings: list[Finding] = field(default_factory=list)
    records: int = 0
    articles: int = 0
    commits: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings


# ---------------------------------------------------------------------- parsing (cached)


def _fold_folder(folder: str, contents: dict[str, bytes], policy: Policy) -> CorrectionFacts | None:
    events: dict[str, Event] = {}
    findings: list[Finding] = []
    for path, data in contents.items():
        try:
            events[path] = parse_event(data, path)
        except CorrectionsError as error:
            findings.append(Finding(path, error.line, "record-invalid", str(error)))
    folded = fold(folder, events, policy)
    findings += folded.problems
    record = folded.record
    actors = tuple((path.rsplit("/", 1)[1], actor(event)) for path, event in sorted(events.items()))
    if record is None:
        return CorrectionFacts(
            folder, "", "", Kind.correction, None, None, None, tuple(findings), actors
        )
    for path, event in events.items():
        if isinstance(event, PublicationEvent) and record.published is not None:
            findings += _note_findings_at(path, record)
    return CorrectionFacts(
        folder,
        record.id,
        record.article,
        record.kind,
        record.note,
        record.note_date,
        record.published_at,
        tuple(findings),
        actors,
    )


def _note_findings_at(path: str, record: CorrectionRecord) -> list[Finding]:
    # Kept with the correction: the article's publication date is checked later.
    return (
        []
        if record.note or not has_public_note(record.kind)
        else [
            Finding(
                path, None, "note-missing", f"{path}: a published {record.kind.value} has no note"
            )
        ]
    )


def article_facts(path: str, data: bytes) -> ArticleFacts:
    try:
        published = parse_front_matter_only(data, path).published
        text = data.decode("utf-8")
        parts = split_front_matter(text, path)
        top, _, bottom = split_notes(parts[2] if parts else text)
    except CorrectionsError as error:
        return ArticleFacts(None, "", "", str(error), error.line)
    except UnicodeDecodeError as error:
        return ArticleFacts(None, "", "", str(error))
    day = published.date() if isinstance(published, dt.datetime) else published
    return ArticleFacts(day.isoformat(), top, bottom, None)


def _parse_chunk(
    git_dir: str,
    policy: dict[str, Any],
    folders: list[tuple[str, dict[str, str]]],
    articles: list[tuple[str, str]],
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """Read, parse and fold one share of the folders, and parse a share of the articles
    (runs in a worker process)."""
    checked = from_data(Policy, policy)
    wanted = {oid for _, files in folders for oid in files.values()} | {o for _, o in articles}
    blobs = dict(read_objects(Path(git_dir), wanted))
    folded = []
    for folder, files in folders:
        facts = _fold_folder(folder, {p: blobs[o] for p, o in files.items()}, checked)
        if facts is not None:
            folded.append((folder, facts.to_json()))
    parsed = [
        (_blob_key(path, oid), asdict(article_facts(path, blobs[oid]))) for path, oid in articles
    ]
    return folded, parsed


def _parse_all(
    store: GitStore,
    policy: Policy,
    folders: list[tuple[str, dict[str, str]]],
    articles: list[tuple[str, str]],
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    files = sum(len(f) for _, f in folders) + len(articles)
    policy_data = to_data(policy)
    if files < PARALLEL_FROM:
        return _parse_chunk(str(store.git_dir), policy_data, folders, articles)
    workers = min(2, os.cpu_count() or 1)
    from concurrent.futures import ProcessPoolExecutor  # for big stores only

    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(
            _parse_chunk,
            [str(store.git_dir)] * workers,
            [policy_data] * workers,
            [folders[i::workers] for i in range(workers)],
            [articles[i::workers] for i in range(workers)],
        )
        done = list(results)
    return [f for chunk in done for f in chunk[0]], [a for chunk in done for a in chunk[1]]


# ---------------------------------------------------------------------- the checks


def validate(store: GitStore, since: str | None = None) -> Report:
    """Check everything; ``since`` (a revision name) limits the history check to later
    commits."""
    start = store.resolve(validate_revision(since)) if since is not None else None
    head = store.head()
    report = Report(head)
    if head is None:
        return report
    try:
        config = load_config(store, head)
    except CorrectionsError as error:
        report.findings.append(Finding("corrections.toml", None, "config-invalid", str(error)))
        return report
    # The cache is read and written by store/; this store's other threads wait meanwhile.
    with caches.updating(store, caches.VALIDATE):
        cache = caches.load_validation(store)
        _check(store, head, start, config, report, cache)
        caches.save_validation(store, cache)
    return report


def _check(
    store: GitStore,
    head: str,
    start: str | None,
    config: StoreConfig,
    report: Report,
    cache: dict[str, Any],
) -> None:
    """Fill ``report`` with every finding at ``head``, through ``cache`` (updated)."""
    modes = tree_modes(store, head, ["articles", "corrections"])
    report.findings += check_paths(modes)
    policy_json = json.dumps(to_data(config.policy), separators=(",", ":"))
    policy_key = hashlib.sha256(policy_json.encode()).hexdigest()[:16]
    layout = record_rows.read_layout(store, head)
    folder_trees = layout.folder_trees
    folder_files = {folder: layout.files.get(folder, {}) for folder in folder_trees}
    cached_folders: dict[str, Any] = cache.setdefault("folders", {})
    article_blobs = {
        p: oid
        for p, oid in bulk.ls_tree(store.git_dir, head, "articles").items()
        if slug_of_path(p)
    }
    todo_folders = [
        (folder, folder_files[folder])
        for folder, tree in folder_trees.items()
        if _folder_key(folder, tree, policy_key) not in cached_folders
    ]
    todo_articles = [
        (p, oid) for p, oid in article_blobs.items() if _blob_key(p, oid) not in cache["blobs"]
    ]
    folded, parsed = _parse_all(store, config.policy, todo_folders, todo_articles)
    for folder, folded_facts in folded:
        cached_folders[_folder_key(folder, folder_trees[folder], policy_key)] = folded_facts
    cache["blobs"].update(parsed)
    corrections = [
        CorrectionFacts.from_json(cached_folders[_folder_key(folder, tree, policy_key)])
        for folder, tree in folder_trees.items()
    ]
    articles = {
        p: ArticleFacts(**cache["blobs"][_blob_key(p, oid)]) for p, oid in article_blobs.items()
    }
    report.records, report.articles = len(corrections), len(articles)
    for facts in corrections:
        report.findings += facts.findings
    report.findings += check_unique_ids((f.folder, f.id) for f in corrections if f.id)
    report.findings += _notes(corrections, articles, config)
    report.findings += ci_findings(store, head, config)
    history = check_history(store, head, start, cache)
    report.findings += history.findings
    report.commits = history.commits
    actors = [
        (f"{facts.folder}/{name}", facts.folder.rsplit("/", 1)[1], person)
        for facts in corrections
        for name, person in facts.actors
    ]
    report.findings += check_steps(store, head, actors, history, config.policy, cache)
    report.findings = sort_findings(report.findings)
    _prune_cache(cache, folder_trees, policy_key)


def _folder_key(folder: str, tree: str, policy_key: str) -> str:
    # The folder's own path is part of the key: two folders holding the same (broken)
    # files share a tree id, and each must be reported under its own name.
    return f"{folder}:{tree}:{policy_key}"


def _blob_key(path: str, oid: str) -> str:
    return f"{path}:{oid}"  # likewise: findings name the file


def _prune_cache(cache: dict[str, Any], trees: dict[str, str], policy_key: str) -> None:
    """Keep the cache the size of the store: drop folders that no longer exist as cached."""
    live = {_folder_key(folder, tree, policy_key) for folder, tree in trees.items()}
    folders: dict[str, Any] = cache["folders"]
    if len(folders) > 2 * len(live) + 100:
        cache["folders"] = {key: folders[key] for key in live if key in folders}


def _note_artefacts(where: str, note: str | None, style: HouseStyle) -> list[Finding]:
    """The draft linter's artefact rules, on a published note: a placeholder, escaped
    markup, unbalanced quotation marks or doubled punctuation reached readers."""
    from corrections.domain.notes.lint import artefacts

    if not note:
        return []
    return [
        Finding(where, None, "note-artefact", f"{where}: the published note needs editing: {p}")
        for p in artefacts(note, style.quotes)
    ]


def _notes(
    corrections: list[CorrectionFacts], articles: dict[str, ArticleFacts], config: StoreConfig
) -> list[Finding]:
    style = style_of_house(config.house.style, config.house.templates)
    findings: list[Finding] = []
    by_article: dict[str, list[CorrectionFacts]] = {}
    for facts in corrections:
        if facts.published_at is None:
            continue
        by_article.setdefault(facts.article, []).append(facts)
        article = articles.get(article_path(facts.article))
        label = style.for_kind(facts.kind).label if has_public_note(facts.kind) else None
        published = (
            dt.date.fromisoformat(article.published) if article and article.published else None
        )
        where = f"{facts.folder}/{PUBLISHED_FILE}"
        findings += check_note(where, facts.kind, facts.note, facts.note_date, label, published)
        findings += _note_artefacts(where, facts.note, style)
    for path, article in articles.items():
        if article.problem:
            findings.append(Finding(path, article.problem_line, "article-invalid", article.problem))
            continue
        expected = notes_block(by_article.get(slug_of_path(path) or "", []), style)
        findings += check_notes_block(path, (article.top, article.bottom), expected, None)
    for slug in by_article:
        if article_path(slug) not in articles:
            findings.append(
                Finding(
                    article_path(slug),
                    None,
                    "article-missing",
                    f"{article_path(slug)} has published corrections but does not exist",
                )
            )
    return findings
