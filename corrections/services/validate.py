"""`corrections validate`: no published text changes without a record and a note.

Reads the store in bulk (one ``ls-tree``, one ``cat-file --batch`` per core, one ``git log``)
and caches what it learnt by git blob id and by commit, so a CI run after one new
correction re-reads only what changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corrections.domain.article import parse_front_matter_only, split_front_matter, split_notes
from corrections.domain.catalog import article_path, slug_of_path
from corrections.domain.config import StoreConfig
from corrections.domain.errors import CorrectionsError, StoreError
from corrections.domain.notes import Kind, note_for, render_notes_block
from corrections.domain.records import Status, parse_record
from corrections.domain.slugs import validate_revision
from corrections.domain.validation import (
    Finding,
    check_note,
    check_notes_block,
    check_paths,
    check_record,
    check_unique_ids,
    sort_findings,
)
from corrections.services.ci import ci_findings
from corrections.services.notes import house_style
from corrections.services.workflow import load_config
from corrections.store import bulk
from corrections.store.git_store import GitStore
from corrections.store.history import CommitChanges, commits_with_changes, tree_modes

CACHE_FORMAT = 1
PARALLEL_FROM = 400  # below this many files to parse, a second process costs more than it saves


@dataclass(frozen=True)
class RecordFacts:
    """What validation needs of one record, small enough to cache by blob id."""

    id: str
    article: str
    kind: str
    status: str
    note: str | None
    note_date: str | None
    published_at: str | None
    published_parent: str | None
    approvers: tuple[str, ...]
    findings: tuple[tuple[str, str], ...]  # (code, message) from the record's own checks


@dataclass(frozen=True)
class ArticleFacts:
    published: str | None
    top: str
    bottom: str
    problem: str | None


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


def _record_facts(path: str, data: bytes) -> RecordFacts | str:
    try:
        record = parse_record(data, path)
    except CorrectionsError as error:
        return str(error)
    findings = [(f.code, f.message) for f in check_record(record, path)]
    if record.path != path:
        findings.append(("path-mismatch", f"{path}: the record says it is {record.path}"))
    published = record.published
    return RecordFacts(
        record.id,
        record.article,
        record.kind.value,
        record.status.value,
        record.note,
        record.note_date.isoformat() if record.note_date else None,
        published.at.isoformat() if published else None,
        published.parent if published else None,
        tuple(record.approvers()),
        tuple(findings),
    )


def _article_facts(path: str, data: bytes) -> ArticleFacts:
    try:
        published = parse_front_matter_only(data, path).published
        text = data.decode("utf-8")
        parts = split_front_matter(text, path)
        top, _, bottom = split_notes(parts[2] if parts else text)
    except (CorrectionsError, UnicodeDecodeError) as error:
        return ArticleFacts(None, "", "", str(error))
    day = published.date() if isinstance(published, dt.datetime) else published
    return ArticleFacts(day.isoformat(), top, bottom, None)


def _parse_chunk(git_dir: str, items: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    """Read and parse one share of the files (runs in a worker process)."""
    paths = dict((oid, path) for path, oid in items)
    out: list[tuple[str, Any]] = []
    for oid, data in bulk.read_blobs(Path(git_dir), paths):
        path = paths[oid]
        facts = (
            _record_facts(path, data)
            if path.startswith("corrections/")
            else (_article_facts(path, data))
        )
        out.append((oid, facts if isinstance(facts, str) else asdict(facts)))
    return out


def _parse_all(store: GitStore, items: list[tuple[str, str]]) -> dict[str, Any]:
    if len(items) < PARALLEL_FROM:
        return dict(_parse_chunk(str(store.git_dir), items))
    workers = min(2, os.cpu_count() or 1)
    chunks = [items[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_parse_chunk, [str(store.git_dir)] * workers, chunks)
        return {oid: facts for chunk in results for oid, facts in chunk}


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
    cache = _load_cache(store)
    modes = tree_modes(store, head, ["articles", "corrections"])
    report.findings += check_paths(modes)
    blobs = bulk.ls_tree(store.git_dir, head, "articles") | bulk.ls_tree(
        store.git_dir, head, "corrections"
    )
    wanted = [
        (p, oid)
        for p, oid in blobs.items()
        if (p.endswith(".yaml") and p.startswith("corrections/")) or slug_of_path(p)
    ]
    fresh = _parse_all(store, [(p, oid) for p, oid in wanted if oid not in cache["blobs"]])
    cache["blobs"].update(fresh)
    records: dict[str, RecordFacts] = {}
    articles: dict[str, ArticleFacts] = {}
    for path, oid in wanted:
        facts = cache["blobs"][oid]
        if path.startswith("corrections/"):
            if isinstance(facts, str):
                line = _line_in(facts)
                report.findings.append(Finding(path, line, "record-invalid", facts))
            else:
                records[path] = RecordFacts(
                    **{
                        **facts,
                        "approvers": tuple(facts["approvers"]),
                        "findings": tuple(map(tuple, facts["findings"])),
                    }
                )
        else:
            articles[path] = ArticleFacts(**facts)
    report.records, report.articles = len(records), len(articles)
    for path, facts in records.items():
        report.findings += [Finding(path, None, code, message) for code, message in facts.findings]
    report.findings += check_unique_ids((path, f.id) for path, f in records.items())
    report.findings += _notes(records, articles, config)
    report.findings += ci_findings(store, head, config)
    history, commits = _history(store, head, start, cache)
    report.findings += history
    report.commits = commits
    report.findings = sort_findings(report.findings)
    _save_cache(store, cache)
    return report


def _line_in(message: str) -> int | None:
    head = message.split(": ", 1)[0]
    number = head.rsplit(":", 1)[-1]
    return int(number) if number.isdigit() else None


def _notes(
    records: dict[str, RecordFacts], articles: dict[str, ArticleFacts], config: StoreConfig
) -> list[Finding]:
    style = house_style(config)
    findings: list[Finding] = []
    by_article: dict[str, list[RecordFacts]] = {}
    for path, facts in records.items():
        if facts.status != Status.published.value:
            continue
        by_article.setdefault(facts.article, []).append(facts)
        article = articles.get(article_path(facts.article))
        label = style.for_kind(facts.kind).label if facts.kind != Kind.typo.value else None
        published = (
            dt.date.fromisoformat(article.published) if article and article.published else None
        )
        note_date = dt.date.fromisoformat(facts.note_date) if facts.note_date else None
        findings += check_note(path, Kind(facts.kind), facts.note, note_date, label, published)
    for path, article in articles.items():
        if article.problem:
            findings.append(
                Finding(path, _line_in(article.problem), "article-invalid", article.problem)
            )
            continue
        slug = slug_of_path(path) or ""
        published_notes = sorted(
            (f for f in by_article.get(slug, []) if f.note and f.published_at),
            key=lambda f: (f.published_at or "", f.id),
        )
        notes = [
            note_for(
                f.kind,
                f.note or "",
                dt.date.fromisoformat(f.note_date or (f.published_at or "")[:10]),
                style,
            )
            for f in published_notes
        ]
        expected = render_notes_block(notes, style) if notes else ("", "")
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


def _history(
    store: GitStore, head: str, since: str | None, cache: dict[str, Any]
) -> tuple[list[Finding], int]:
    """Every commit that changed an article is its first add or the publish commit of a
    correction that names it; a published record is never changed again.

    A publish commit is judged by the record as it was in that commit, so a record broken
    or edited later cannot hide (or excuse) what happened then.
    """
    start = since
    cached = cache.get("history") or {}
    reuse = since is None and cached.get("head") and store.is_ancestor(cached["head"], head)
    if reuse:
        start = cached["head"]
    try:
        commits = commits_with_changes(store, head, start)
    except StoreError as error:
        return [Finding("main", None, "history-unreadable", str(error))], 0
    existing = set(bulk.ls_tree(store.git_dir, start, "articles")) if start else set()
    state = _HistoryState(
        set(cached.get("seen", [])) if reuse else existing,
        dict(cached.get("publish_commits", {})) if reuse else {},
        _records_at_commits(store, commits, cache),
    )
    findings = [Finding(**f) for f in cached.get("findings", [])] if reuse else []
    for commit in commits:
        findings += state.check(commit)
    if since is None:
        cache["history"] = {
            "head": head,
            "seen": sorted(state.seen),
            "publish_commits": state.publish_commits,
            "findings": [asdict(f) for f in findings],
        }
    return findings, len(commits)


def _records_at_commits(
    store: GitStore, commits: list[CommitChanges], cache: dict[str, Any]
) -> dict[str, RecordFacts]:
    """The records that commits with a Correction-Id trailer wrote, as of those commits."""
    names = [
        f"{c.commit}:{path}"
        for c in commits
        for status, path in c.changes
        if status != "D"
        and path.startswith("corrections/")
        and path.rsplit("/", 1)[-1].removesuffix(".yaml") in c.correction_ids
    ]
    known: dict[str, Any] = cache.setdefault("at_commits", {})
    missing = [n for n in names if n not in known]
    for name, data in zip(missing, bulk.read_named(store.git_dir, missing), strict=True):
        facts = _record_facts(name.split(":", 1)[1], data) if data is not None else "missing"
        known[name] = facts if isinstance(facts, str) else asdict(facts)
    return {name: _facts(known[name]) for name in names if not isinstance(known[name], str)}


def _facts(data: dict[str, Any]) -> RecordFacts:
    return RecordFacts(
        **{
            **data,
            "approvers": tuple(data["approvers"]),
            "findings": tuple(map(tuple, data["findings"])),
        }
    )


@dataclass
class _HistoryState:
    seen: set[str]
    publish_commits: dict[str, str]
    written: dict[str, RecordFacts]  # "commit:path" → the record that commit wrote

    def check(self, commit: CommitChanges) -> list[Finding]:
        findings = []
        parent = commit.parents[0] if commit.parents else None
        publishes = [
            facts
            for status, path in commit.changes
            if (facts := self.written.get(f"{commit.commit}:{path}")) is not None
            and facts.status == Status.published.value
            and facts.published_parent == parent
        ]
        who = f"{commit.author} <{commit.email}>"
        for status, path in commit.changes:
            slug = slug_of_path(path)
            if slug is not None:
                findings += self._article_change(commit, status, path, slug, publishes, who)
            elif path.startswith("corrections/") and path.endswith(".yaml"):
                findings += self._record_change(commit, status, path, publishes, who)
        return findings

    def _article_change(
        self,
        commit: CommitChanges,
        status: str,
        path: str,
        slug: str,
        publishes: list[RecordFacts],
        who: str,
    ) -> list[Finding]:
        if status == "A" and path not in self.seen:
            self.seen.add(path)
            return []
        if status == "D":
            self.seen.discard(path)
            return [
                Finding(
                    path,
                    None,
                    "article-removed",
                    f"commit {commit.commit[:12]} by {who} removed {path} without a "
                    "correction record",
                    commit.commit,
                )
            ]
        mine = [p for p in publishes if p.article == slug]
        if not mine:
            return [
                Finding(
                    path,
                    None,
                    "stealth-edit",
                    f"commit {commit.commit[:12]} by {who} changed {path} without a "
                    "published correction (no record and note)",
                    commit.commit,
                )
            ]
        findings = []
        for facts in mine:
            if facts.kind not in commit.correction_kinds:
                findings.append(
                    Finding(
                        path,
                        None,
                        "trailer-mismatch",
                        f"commit {commit.commit[:12]}: Correction-Kind trailer "
                        f"does not say {facts.kind}",
                        commit.commit,
                    )
                )
            if sorted(commit.approved_by) != sorted(facts.approvers):
                findings.append(
                    Finding(
                        path,
                        None,
                        "trailer-mismatch",
                        f"commit {commit.commit[:12]}: Approved-by trailers "
                        f"{list(commit.approved_by)} differ from the record's "
                        f"approvers {list(facts.approvers)}",
                        commit.commit,
                    )
                )
        return findings

    def _record_change(
        self, commit: CommitChanges, status: str, path: str, publishes: list[RecordFacts], who: str
    ) -> list[Finding]:
        record_id = path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if any(p.id == record_id for p in publishes):
            self.publish_commits[record_id] = commit.commit
            return []
        if record_id in self.publish_commits:
            verb = "deleted" if status == "D" else "changed"
            return [
                Finding(
                    path,
                    None,
                    "published-record-changed",
                    f"commit {commit.commit[:12]} by {who} {verb} {path} after it was "
                    "published: published records and notes are append-only",
                    commit.commit,
                )
            ]
        return []


# ---------------------------------------------------------------------- cache


def _cache_file(store: GitStore) -> Path:
    return store.git_dir / "corrections" / f"validate-v{CACHE_FORMAT}.json"


def _load_cache(store: GitStore) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(_cache_file(store).read_bytes())
        if isinstance(data.get("blobs"), dict):
            return data
    except (OSError, ValueError):
        pass
    return {"blobs": {}}


def _save_cache(store: GitStore, cache: dict[str, Any]) -> None:
    target = _cache_file(store)
    with contextlib.suppress(OSError):
        target.parent.mkdir(exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache))
        os.replace(tmp, target)


def findings_json(report: Report) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "head": report.head,
        "checked": {
            "records": report.records,
            "articles": report.articles,
            "commits": report.commits,
        },
        "findings": [asdict(f) for f in report.findings],
    }


def describe(findings: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return counts


def validate_files(paths: Iterable[Path]) -> Report:
    """Check record and article files on disk, without a store (a pre-commit hook).

    Each file is judged by its own content: records strictly against the model and their
    own rules, articles for readable front matter. History checks need a store.
    """
    report = Report(None)
    for path in paths:
        name = path.as_posix()
        try:
            data = path.read_bytes()
        except OSError as error:
            report.findings.append(
                Finding(name, None, "file-unreadable", f"{name}: {error.strerror or error}")
            )
            continue
        if name.endswith(".yaml"):
            facts = _record_facts(name, data)
            report.records += 1
            if isinstance(facts, str):
                report.findings.append(Finding(name, _line_in(facts), "record-invalid", facts))
            else:
                report.findings += [
                    Finding(name, None, code, message)
                    for code, message in facts.findings
                    if code != "path-mismatch"
                ]
        elif name.endswith(".md"):
            article = _article_facts(name, data)
            report.articles += 1
            if article.problem:
                report.findings.append(
                    Finding(name, _line_in(article.problem), "article-invalid", article.problem)
                )
    report.findings = sort_findings(report.findings)
    return report
