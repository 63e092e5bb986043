"""Articles in from the CMS: every new article of a run in one commit, nothing overwritten.

The parsers (``corrections.domain.imports``) turn each file into candidates; this use case
decides against the store what each candidate is: new (added), already imported from the
same source and unchanged (nothing to do), imported but changed at the source since
(reported: a changed published article is what a correction is for), or a slug another
article holds (reported). New articles, and the raw pages of imported HTML, are written in
one commit through the store's write path; a dry run stops before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corrections.domain.article import parse_article
from corrections.domain.catalog import article_path
from corrections.domain.errors import CorrectionsError, Refused
from corrections.domain.frozen import frozen
from corrections.domain.imports import BadItem, Candidate, ParsedSource, detect_format, parse_source
from corrections.domain.imports.article import (
    article_fields,
    article_text,
    origin_of,
    page_path,
)
from corrections.domain.imports.model import label
from corrections.services.inputs import read_capped
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.objects import read_objects

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""The limit for one file given to ``import``: a WordPress export holds a whole site."""

Progress = Callable[[int, int], None]


@frozen
class ImportItem:
    """One item of a source file and what became of it."""

    source: str  # the file, as given
    position: int
    slug: str | None
    headline: str
    reason: str = ""  # why it was not added, for everything but an added article


@dataclass
class ImportReport:
    added: list[ImportItem] = field(default_factory=list)
    unchanged: list[ImportItem] = field(default_factory=list)
    changed: list[ImportItem] = field(default_factory=list)  # changed at the source since
    taken: list[ImportItem] = field(default_factory=list)  # slug held by another article
    bad: list[ImportItem] = field(default_factory=list)  # malformed: skipped
    skipped: list[ImportItem] = field(default_factory=list)  # drafts, pages, attachments
    commit: str | None = None
    dry_run: bool = False

    @property
    def findings(self) -> bool:
        """Something an editor must look at: exit 1."""
        return bool(self.changed or self.taken or self.bad)


@frozen
class _Planned:
    source: str
    fmt: str
    candidate: Candidate
    data: bytes  # the article file


def import_articles(
    store: GitStore,
    sources: Sequence[Path],
    author: Identity,
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Import every source file; all new articles in one commit (none on a dry run)."""
    report = ImportReport(dry_run=dry_run)
    parsed = []
    for number, path in enumerate(sources, start=1):
        parsed.append(_parse(path, fmt))  # a page's extraction takes a while: say so
        if on_progress is not None:
            on_progress(number, len(sources))
    planned = _planned(parsed, report, on_progress)

    def classify(snapshot: Snapshot) -> tuple[list[_Planned], ImportReport]:
        outcome = ImportReport(bad=list(report.bad), skipped=list(report.skipped), dry_run=dry_run)
        existing = _existing(store, snapshot, planned)
        new: list[_Planned] = []
        for item in planned:
            candidate = item.candidate
            entry = ImportItem(item.source, candidate.position, candidate.slug, candidate.headline)
            path = article_path(candidate.slug)
            if path not in existing:
                new.append(item)
                outcome.added.append(entry)
                continue
            _judge(existing[path], path, item, entry, outcome)
        return new, outcome

    from corrections.store.git_store import Snapshot as _Snapshot

    new, outcome = classify(_Snapshot(store, store.head()))
    if dry_run or not new:
        return outcome

    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, ImportReport]:
        new, outcome = classify(snapshot)
        if not new:
            raise Refused("every article of this import was added meanwhile by someone else")
        files: dict[str, bytes | None] = {}
        for item in new:
            files[article_path(item.candidate.slug)] = item.data
            if item.candidate.raw_page is not None:
                files[page_path(item.candidate.slug)] = item.candidate.raw_page
        names = sorted({Path(item.source).name for item in new})
        subject = (
            f"Import {new[0].candidate.slug}"
            if len(new) == 1
            else f"Import {len(new)} articles from {', '.join(names)}"[:200]
        )
        body = "\n".join(f"- {item.candidate.slug}" for item in new) if len(new) > 1 else ""
        return PlannedCommit(files, subject, author, body=body), outcome

    from corrections.services.opening import commit_date
    from corrections.services.sync import write_step_with_result

    commit, written = write_step_with_result(store, plan, when=commit_date())
    written.commit = commit
    return written


def _parse(path: Path, fmt: str | None) -> ParsedSource:
    data = read_capped(path, MAX_IMPORT_BYTES)
    name = str(path)
    return parse_source(name, data, fmt or detect_format(name, data))


def _planned(
    parsed: list[ParsedSource], report: ImportReport, on_progress: Progress | None
) -> list[_Planned]:
    """Every candidate as an article file, checked the way the store reads it; a candidate
    that does not make a valid article, or repeats a slug of this run, is a bad item."""
    total = sum(len(p.candidates) for p in parsed)
    done = 0
    planned: list[_Planned] = []
    seen: dict[str, tuple[str, int, str]] = {}
    for source in parsed:
        for bad in source.bad:
            report.bad.append(_bad(source.name, bad))
        for skipped in source.skipped:
            report.skipped.append(
                ImportItem(source.name, skipped.position, None, skipped.title, skipped.reason)
            )
        for candidate in source.candidates:
            done += 1
            if on_progress is not None and (done % 50 == 0 or done == total):
                on_progress(done, total)
            entry = ImportItem(source.name, candidate.position, candidate.slug, candidate.headline)
            earlier = seen.get(candidate.slug)
            if earlier is not None:
                if earlier[2] != candidate.source_id:
                    report.bad.append(
                        _with_reason(
                            entry,
                            f"slug {candidate.slug!r} is also the slug of item "
                            f"{earlier[1]} of {earlier[0]}",
                        )
                    )
                continue  # the same item twice in one run: once is enough
            fields = article_fields(candidate, source.format, source.name)
            problem = _front_matter_problem(fields)
            if problem is not None:
                report.bad.append(_with_reason(entry, problem))
                continue
            data = article_text(fields, candidate.body).encode("utf-8")
            seen[candidate.slug] = (source.name, candidate.position, candidate.source_id)
            planned.append(_Planned(source.name, source.format, candidate, data))
    return planned


def _front_matter_problem(fields: dict[str, object]) -> str | None:
    """Why these fields are not an article's front matter (the store's own model), or None."""
    from pydantic import ValidationError

    from corrections.domain.front_matter import FrontMatter

    try:
        FrontMatter.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "front matter"
        return f"{field}: {str(first['msg']).removeprefix('Value error, ')}"
    return None


def _existing(store: GitStore, snapshot: Snapshot, planned: list[_Planned]) -> dict[str, bytes]:
    """The articles at the head that have a slug of this import, by path."""
    if snapshot.head is None:
        return {}
    paths = [article_path(p.candidate.slug) for p in planned]
    if len(paths) <= 16:  # a few look-ups through the store's reader
        found = [snapshot.read(path) for path in paths]
    else:  # one cat-file for all of them
        names = [f"{snapshot.head}:{path}" for path in paths]
        found = [data for _, data in read_objects(store.git_dir, names, missing_ok=True)]
    return {path: data for path, data in zip(paths, found, strict=True) if data is not None}


def _judge(
    existing: bytes, path: str, item: _Planned, entry: ImportItem, outcome: ImportReport
) -> None:
    """An article of this slug exists: the same source (unchanged or changed), or not."""
    if existing == item.data:  # as imported, byte for byte
        outcome.unchanged.append(_with_reason(entry, "imported before, unchanged"))
        return
    try:
        origin = origin_of(parse_article(existing, path).fields)
    except CorrectionsError:
        origin = None
    candidate = item.candidate
    if origin is None or origin.id != candidate.source_id:
        outcome.taken.append(
            _with_reason(entry, f"{path} exists and was not imported from this item")
        )
    elif origin.sha256 == candidate.digest:
        outcome.unchanged.append(_with_reason(entry, "imported before, unchanged"))
    else:
        outcome.changed.append(
            _with_reason(
                entry,
                f"changed at the source since it was imported; {path} is left as it is "
                "(propose a correction to change it)",
            )
        )


def _bad(source: str, bad: BadItem) -> ImportItem:
    return ImportItem(source, bad.position, None, bad.title, bad.reason)


def _with_reason(entry: ImportItem, reason: str) -> ImportItem:
    return ImportItem(entry.source, entry.position, entry.slug, entry.headline, reason)


def item_name(item: ImportItem) -> str:
    """How an item is named in a report: its file and position, with its title."""
    return f"{item.source}: {label(item.position, item.headline)}"


def summary_line(report: ImportReport) -> str:
    """What an import did, in one line: how many added, and what else it met."""
    if report.dry_run:
        parts = [f"Would import {len(report.added)} article(s) (dry run: nothing written)"]
    elif report.commit is not None:
        parts = [f"Imported {len(report.added)} article(s) in commit {report.commit[:12]}"]
    else:
        parts = ["Imported nothing new"]
    for count, what in (
        (len(report.unchanged), "already imported"),
        (len(report.changed), "changed at the source (not overwritten)"),
        (len(report.taken), "slug held by another article"),
        (len(report.bad), "bad item(s) skipped"),
        (len(report.skipped), "not published posts, left out"),
    ):
        if count:
            parts.append(f"{count} {what}")
    return "; ".join(parts)


def problem_lines(report: ImportReport) -> list[str]:
    """Every item an editor must look at, one line each, naming its file and position."""
    lines = [f"{item_name(e)}: {e.reason}" for e in (*report.changed, *report.taken)]
    lines += [f"{item_name(e)}: {e.reason}; skipped" for e in report.bad]
    return lines
