"""`corrections import` (articles in from the CMS) and `corrections export` (an article
with its corrections out, for a CMS that pulls)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corrections.cli.app import Options, app, emit_json, fail, with_store
from corrections.cli.progress import progress
from corrections.domain.errors import EXIT_BAD_INPUT, EXIT_FINDINGS
from corrections.domain.sanitize import one_line

if TYPE_CHECKING:
    from corrections.services import GitStore
    from corrections.services.exporting import ExportOutput
    from corrections.services.importing import ImportItem, ImportReport


class ImportFormat(StrEnum):
    wxr = "wxr"
    wp_json = "wp-json"
    html = "html"
    ninjs = "ninjs"


class ExportFormat(StrEnum):
    ninjs = "ninjs"
    html = "html"
    json = "json"


@app.command("import")
def import_cmd(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Files from the CMS: a WordPress export (WXR), WordPress REST JSON, "
            "published HTML pages, ninjs JSON.",
        ),
    ],
    fmt: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format", "-f", help="wxr, wp-json, html or ninjs (default: told by each file)."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be imported; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Import articles from the CMS (WordPress, HTML pages, ninjs): new ones in one commit."""
    from corrections import services
    from corrections.services.importing import import_articles

    def action(store: GitStore) -> ImportReport:
        author = services.identity(store, Options.user)
        with progress("Importing articles") as step:
            return import_articles(
                store,
                sources,
                author,
                fmt.value if fmt is not None else None,
                dry_run=dry_run,
                on_progress=step,
            )

    report = with_store(action)
    if as_json:
        emit_json(import_json(report))
    else:
        _print_import(report)
    if report.findings:
        raise typer.Exit(EXIT_FINDINGS)


def import_json(report: ImportReport) -> dict[str, Any]:
    def items(entries: list[ImportItem]) -> list[dict[str, Any]]:
        return [
            {
                "source": e.source,
                "position": e.position,
                "slug": e.slug,
                "headline": e.headline,
                **({"reason": e.reason} if e.reason else {}),
            }
            for e in entries
        ]

    return {
        "dry_run": report.dry_run,
        "commit": report.commit,
        "added": items(report.added),
        "unchanged": items(report.unchanged),
        "changed": items(report.changed),
        "slug_taken": items(report.taken),
        "bad": items(report.bad),
        "skipped": items(report.skipped),
    }


def _print_import(report: ImportReport) -> None:
    from corrections.services.importing import problem_lines, summary_line

    for entry in report.added:
        sys.stdout.write(f"{entry.slug}\t{one_line(entry.headline)}\n")
    for line in problem_lines(report):
        sys.stderr.write(f"corrections: {one_line(line)}\n")
    sys.stderr.write(summary_line(report) + "\n")


@app.command("export")
def export_cmd(
    slug: str,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="ninjs (IPTC ninjs 2.0), html (a page) or json."),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Export an article with its correction notes (ninjs, HTML or JSON) for a CMS."""
    from corrections.services.exporting import export_article, write_export

    def action(store: GitStore) -> ExportOutput:
        return export_article(store, slug, fmt.value)

    result = with_store(action)
    if output is None:
        sys.stdout.write(result.text)
        sys.stdout.flush()
        return
    try:
        write_export(output, result.text)
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror or error}", EXIT_BAD_INPUT) from None
    word = "note" if result.notes == 1 else "notes"
    sys.stderr.write(f"Exported {slug} ({result.notes} {word}) as {fmt.value} to {output}\n")
