"""`corrections validate` for CI, and `corrections schema`."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corrections.cli.app import app, emit_json, reported, with_store
from corrections.cli.progress import progress
from corrections.domain.errors import EXIT_FINDINGS
from corrections.domain.sanitize import one_line
from corrections.domain.validation import Finding

if TYPE_CHECKING:
    from corrections.services import GitStore
    from corrections.services.validate import Report


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def github_data(value: str) -> str:
    """Escape a workflow-command message the way GitHub's toolkit does (``escapeData``):
    a note containing a newline or ``::`` cannot start a command of its own."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(value: str) -> str:
    """``escapeProperty``: property values also escape ``:`` and ``,``."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    props = [f"file={github_property(finding.path)}"]
    if finding.line:
        props.append(f"line={finding.line}")
    props.append(f"title={github_property(finding.code)}")
    return f"::error {','.join(props)}::{github_data(finding.message)}"


def text_line(finding: Finding) -> str:
    """``path:line: message``, without repeating a path the message already starts with."""
    if finding.message.startswith(finding.path):
        return finding.message
    return f"{finding.location()}: {finding.message}"


def job_summary(findings: list[Finding], checked: dict[str, int]) -> str:
    def cell(text: str) -> str:
        return one_line(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")

    lines = ["## corrections validate", ""]
    counts = ", ".join(f"{n} {what}" for what, n in checked.items())
    if not findings:
        lines.append(f"No problems ({counts}).")
    else:
        lines += [f"{len(findings)} problem(s) ({counts}).", "", "| where | what |", "|---|---|"]
        lines += [f"| {cell(f.location())} | {cell(f.message)} |" for f in findings]
    return "\n".join(lines) + "\n"


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Check only these record and article files (for a pre-commit "
            "hook); default: the whole store and its history."
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github (annotations) or gitlab (a Code Quality report on "
            "stdout; the findings as text on stderr).",
        ),
    ] = Format.text,
    since: Annotated[
        str | None, typer.Option("--since", help="Check only the history after this commit.")
    ] = None,
) -> None:
    """Check the whole store: records, notes, and that no text changed without a correction."""
    from corrections.services.validate import validate as run
    from corrections.services.validate_files import validate_files

    if files:
        with reported():
            code = _emit(validate_files(files), fmt)
    else:

        def action(store: GitStore) -> int:
            with progress("Validating the store"):
                report = run(store, since)
            return _emit(report, fmt)

        code = with_store(action)
    if code:
        raise typer.Exit(code)


def _emit(report: Report, fmt: Format) -> int:
    checked = {"records": report.records, "articles": report.articles, "commits": report.commits}
    if fmt is Format.json:
        emit_json(
            {
                "ok": report.ok,
                "head": report.head,
                "checked": checked,
                "findings": [asdict(f) for f in report.findings],
            }
        )
    elif fmt is Format.github:
        for finding in report.findings:
            sys.stdout.write(github_line(finding) + "\n")
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(job_summary(report.findings, checked))
    elif fmt is Format.gitlab:
        from corrections.outputs.codequality import code_quality

        emit_json(code_quality(report.findings))
        # stdout goes to the report file, so the job log gets the findings from stderr.
        for finding in report.findings:
            sys.stderr.write(one_line(text_line(finding)) + "\n")
    else:
        for finding in report.findings:
            sys.stdout.write(one_line(text_line(finding)) + "\n")
    word = "problem" if len(report.findings) == 1 else "problems"
    sys.stderr.write(
        f"{len(report.findings)} {word}; checked {report.records} records, "
        f"{report.articles} articles, {report.commits} commits\n"
    )
    return EXIT_FINDINGS if report.findings else 0


@app.command()
def schema() -> None:
    """Print the JSON Schema of correction events (every event type)."""
    from corrections.schema import record_schema

    sys.stdout.write(json.dumps(record_schema(), indent=2, ensure_ascii=False) + "\n")
