"""Commands of the correction workflow: propose, list, view, review, revise, withdraw, publish."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from corrections.cli import render
from corrections.cli.app import Options, app, emit_json, fail, reported, with_store
from corrections.domain.errors import EXIT_BAD_INPUT, EXIT_FINDINGS
from corrections.domain.kinds import Kind
from corrections.domain.sanitize import one_line

KIND_HELP = "correction, clarification, update, editors_note, retraction or typo"


def _kind(value: str | None) -> Kind | None:
    if value is None:
        return None
    try:
        return Kind(value.replace("-", "_").replace("editors-note", "editors_note"))
    except ValueError:
        raise fail(f"unknown kind {value!r}: choose {KIND_HELP}", EXIT_BAD_INPUT) from None


def _read_text_file(source: Path) -> str:
    from corrections.services.inputs import STDIN, decode_text, read_capped

    with reported():
        data = read_capped(source)
        return decode_text(data, "standard input" if source == STDIN else str(source))


def edit_in_editor(text: str, slug: str) -> str:
    """Open ``$VISUAL``/``$EDITOR`` on ``text``; return what the user saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    import tempfile  # only editing in $EDITOR needs it

    with tempfile.TemporaryDirectory(prefix="corrections-") as tmp:
        path = Path(tmp) / f"{slug}.md"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            code = subprocess.run([*shlex.split(editor), str(path)], check=False).returncode
        except FileNotFoundError:
            raise fail(f"editor {editor!r} not found: set $EDITOR", EXIT_BAD_INPUT) from None
        if code != 0:
            raise fail(f"the editor exited with status {code}: nothing proposed", EXIT_FINDINGS)
        return _read_text_file(path)


def _new_text(store: Any, slug: str, text_file: Path | None, edit: bool, base: str | None) -> str:
    if text_file is not None and edit:
        raise fail("give --text-file or --edit, not both", EXIT_BAD_INPUT)
    if text_file is not None:
        return _read_text_file(text_file)
    if edit:
        from corrections import services

        current = base if base is not None else services.editable_text(store, slug)
        return edit_in_editor(current, slug)
    raise fail("give the new text with --text-file FILE (- for stdin) or --edit", EXIT_BAD_INPUT)


TextFile = Annotated[
    Path | None,
    typer.Option(
        "--text-file",
        help="The new body, or a whole article file with front matter (- reads standard input).",
    ),
]
Edit = Annotated[bool, typer.Option("--edit", help="Edit the current text in $EDITOR.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def propose(
    slug: str,
    kind: Annotated[str, typer.Option("--kind", help=KIND_HELP)],
    text_file: TextFile = None,
    edit: Edit = False,
    summary: Annotated[str, typer.Option("--summary", help="Why, for the reviewer.")] = "",
    note: Annotated[
        str | None, typer.Option("--note", help="Your own note instead of the drafted one.")
    ] = None,
    also: Annotated[
        list[str] | None,
        typer.Option(
            "--also",
            metavar="SLUG",
            help="Another article carrying the same wording: the same replacements are "
            "proposed to it too, as one group published together (repeatable).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Propose a correction to a published article; the note is drafted from the diff."""
    from corrections import services

    chosen = _kind(kind)
    assert chosen is not None

    def action(store: services.GitStore) -> None:
        author = services.identity(store, Options.user)
        text = _new_text(store, slug, text_file, edit, None)
        if also:
            _propose_group(store, text, author)
            return
        record = services.propose(store, slug, text, chosen, author, summary=summary, note=note)
        problems = services.note_problems(store, record)
        if as_json:
            emit_json(render.with_note_check(render.record_json(record), problems))
            return
        sys.stdout.write(f"{record.id}\n")
        render.print_note(record)
        render.print_note_problems(problems)
        sys.stderr.write(
            f"Proposed {record.kind.value} {record.id} to {record.article}; "
            "it needs a review by someone else.\n"
        )

    def _propose_group(store: services.GitStore, text: str, author: services.Identity) -> None:
        from corrections.services.grouping import propose_group

        assert chosen is not None
        records = propose_group(
            store, slug, text, chosen, author, also or [], summary=summary, note=note
        )
        if as_json:
            emit_json(
                [
                    render.with_note_check(
                        render.record_json(record), services.note_problems(store, record)
                    )
                    for record in records
                ]
            )
            return
        for record in records:
            sys.stdout.write(f"{record.id}\t{record.article}\n")
        sys.stderr.write(
            f"Proposed {chosen.value} to {len(records)} articles as one group "
            f"({records[0].id}): each needs a review; publishing one publishes them all.\n"
        )

    with_store(action)


@app.command("list")
def list_cmd(
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="proposed, changes_requested, approved, published, rejected or withdrawn",
        ),
    ] = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this article.")] = None,
    as_json: Json = False,
) -> None:
    """List corrections, newest last."""
    from corrections import services
    from corrections.domain.statuses import Status

    try:
        wanted = Status(status.replace("-", "_")) if status else None
    except ValueError:
        raise fail(f"unknown status {status!r}", EXIT_BAD_INPUT) from None

    def action(store: services.GitStore) -> int:
        rows, problems = services.list_correction_rows(store, wanted, article)
        for problem in problems:
            sys.stderr.write(f"corrections: {one_line(problem.message)}\n")
        if as_json:
            emit_json(rows)
        else:
            render.print_rows(rows)
        return EXIT_FINDINGS if problems else 0

    code = with_store(action)
    if code:
        raise typer.Exit(code)


@app.command()
def view(record_id: Annotated[str, typer.Argument(metavar="ID")], as_json: Json = False) -> None:
    """Show a correction: record, reviews, word diff and note."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        shown = services.view(store, record_id)
        if as_json:
            data = render.record_json(shown.record)
            data["approvers"] = list(shown.approvers)
            data["approvals_needed"] = shown.approvals_needed
            data["diff"] = render.diff_json(shown.diff)
            emit_json(render.with_note_check(data, shown.note_problems))
        else:
            render.print_view(shown)

    with_store(action)


@app.command()
def review(
    record_id: Annotated[str, typer.Argument(metavar="ID")],
    approve: Annotated[bool, typer.Option("--approve", help="Approve the exact diff.")] = False,
    request_changes: Annotated[
        bool, typer.Option("--request-changes", help="Send it back to the proposer.")
    ] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject it (final).")] = False,
    comment: Annotated[str, typer.Option("--comment", help="Why.")] = "",
    as_json: Json = False,
) -> None:
    """Approve, request changes or reject a proposed correction."""
    from corrections import services
    from corrections.domain.records import Verdict

    chosen = [
        v
        for v, on in (
            (Verdict.approve, approve),
            (Verdict.request_changes, request_changes),
            (Verdict.reject, reject),
        )
        if on
    ]
    if len(chosen) != 1:
        raise fail("give exactly one of --approve, --request-changes, --reject", EXIT_BAD_INPUT)

    def action(store: services.GitStore) -> None:
        reviewer = services.identity(store, Options.user)
        record = services.review(store, record_id, reviewer, chosen[0], comment)
        if as_json:
            emit_json(render.record_json(record, full=False))
        else:
            sys.stdout.write(f"{record.id}\t{record.status.value}\n")

    with_store(action)


@app.command()
def revise(
    record_id: Annotated[str, typer.Argument(metavar="ID")],
    text_file: TextFile = None,
    edit: Edit = False,
    kind: Annotated[str | None, typer.Option("--kind", help=KIND_HELP)] = None,
    note: Annotated[str | None, typer.Option("--note", help="A new note.")] = None,
    summary: Annotated[str | None, typer.Option("--summary")] = None,
    as_json: Json = False,
) -> None:
    """Revise a proposed correction (earlier approvals stop counting)."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        by = services.identity(store, Options.user)
        text = None
        if text_file is not None or edit:
            current = services.view(store, record_id).record
            text = _new_text(store, current.article, text_file, edit, current.proposed_text)
        record = services.revise(
            store, record_id, by, new_input=text, kind=_kind(kind), note=note, summary=summary
        )
        problems = services.note_problems(store, record)
        if as_json:
            emit_json(render.with_note_check(render.record_json(record), problems))
        else:
            sys.stdout.write(f"{record.id}\trevision {record.revision}\t{record.status.value}\n")
            render.print_note(record)
            render.print_note_problems(problems)

    with_store(action)


@app.command()
def withdraw(record_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Withdraw your own proposed correction (final)."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        record = services.withdraw(store, record_id, services.identity(store, Options.user))
        sys.stdout.write(f"{record.id}\t{record.status.value}\n")

    with_store(action)


@app.command()
def publish(
    record_id: Annotated[str, typer.Argument(metavar="ID")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the result; write nothing.")] = (
        False
    ),
    as_json: Json = False,
) -> None:
    """Publish an approved correction: article, note and record in one commit."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        publisher = services.identity(store, Options.user)
        result = services.publish(store, record_id, publisher, dry_run=dry_run)
        if as_json:
            data = render.record_json(result.record, full=False)
            data["commit"] = result.commit
            data["merged"] = result.merged
            data["approved_by"] = list(result.approvers)
            data["group"] = [
                {"id": other.record.id, "article": other.record.article, "merged": other.merged}
                for other in result.group
            ]
            emit_json(data)
        elif dry_run:
            render.print_article(result.article_text)
        else:
            sys.stdout.write(f"{result.commit}\n")
            sys.stderr.write(
                f"Published {result.record.kind.value} {result.record.id} to "
                f"{result.record.article}{' (merged with newer changes)' if result.merged else ''}"
                "\n"
            )
            for other in result.group:
                sys.stderr.write(
                    f"Published {other.record.kind.value} {other.record.id} to "
                    f"{other.record.article} with it (its group)"
                    f"{' (merged with newer changes)' if other.merged else ''}\n"
                )

    with reported():
        with_store(action)


@app.command()
def migrate(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count; write nothing.")] = False,
    as_json: Json = False,
) -> None:
    """Turn records of the old single-file layout into event folders, in one commit."""
    from corrections import services
    from corrections.services.migrate import migrate as run

    def action(store: services.GitStore) -> None:
        done = run(store, services.identity(store, Options.user), dry_run=dry_run)
        if as_json:
            emit_json(
                {"commit": done.commit, "corrections": done.corrections, "events": done.events}
            )
            return
        if done.commit:
            sys.stdout.write(f"{done.commit}\n")
        verb = "would migrate" if dry_run else "migrated"
        sys.stderr.write(
            f"{verb} {done.corrections} correction(s) into {done.events} event file(s)\n"
            if done.corrections
            else "nothing to migrate: every correction is already one folder of events\n"
        )

    with_store(action)
