"""How CLI results look: tables and colour on a terminal, plain text when piped.

Every piece of article text passes through ``sanitize.revealed`` before it is written, so an
escape sequence inside an article is shown as a placeholder and never reaches the terminal,
and a zero-width or other invisible character is shown as ``<U+XXXX>``. The one exception
is a unified patch written to a pipe: it stays byte for byte what ``git apply`` needs.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from corrections.domain.sanitize import one_line, revealed
from corrections.domain.strict import to_data

# The diff engine and the models load only for the commands that print them: a listing
# should not pay for them at start-up.
if TYPE_CHECKING:
    from corrections.domain.article_diff import ArticleDiff
    from corrections.domain.catalog import ArticleSummary, Version
    from corrections.domain.records import CorrectionRecord
    from corrections.services import CorrectionView


def is_terminal() -> bool:
    return sys.stdout.isatty()


def summary_json(summary: ArticleSummary) -> dict[str, Any]:
    return {
        "slug": summary.slug,
        "headline": summary.headline,
        "section": summary.section,
        "published": summary.published,
        "versions": summary.versions,
        "updated": summary.updated.isoformat() if summary.updated else None,
        "problem": summary.problem,
    }


def version_json(version: Version) -> dict[str, Any]:
    return {
        "version": version.number,
        "commit": version.commit,
        "date": version.date.isoformat(),
        "author": version.author,
        "message": version.message,
    }


def print_summaries(summaries: Sequence[ArticleSummary]) -> None:
    rows = [
        (
            s.slug,
            str(s.versions),
            s.updated.strftime("%Y-%m-%d %H:%M") if s.updated else "",
            one_line(s.problem or s.headline),
        )
        for s in summaries
    ]
    if not is_terminal():
        sys.stdout.write("".join("\t".join(row) + "\n" for row in rows))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("slug", "versions", "updated", "headline", box=None, header_style="bold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console().print(table)


def print_versions(versions: Sequence[Version]) -> None:
    for v in versions:
        sys.stdout.write(
            f"{v.number}\t{v.commit[:12]}\t{v.date.isoformat()}\t{one_line(v.author)}\t"
            f"{one_line(v.message)}\n"
        )


def print_article(text: str) -> None:
    sys.stdout.write(revealed(text))
    if text and not text.endswith("\n"):
        sys.stdout.write("\n")


def _field_value(value: object) -> str:
    return one_line(value if isinstance(value, str) else json.dumps(value, default=str))


def print_diff(
    result: ArticleDiff, fmt: str, width: int | None, sentences: int | None = None
) -> None:
    """``sentences``: in an edited paragraph, show only that many unchanged sentences
    around each change (the others as "…"); None shows edited paragraphs whole."""
    # Each format loads only its own renderer.
    if fmt == "unified":
        from corrections.domain.diff import unified_patch

        patch = unified_patch(
            result.old_text,
            result.new_text,
            old_path=f"a/{result.old_name}",
            new_path=f"b/{result.new_name}",
        )
        # Piped, the patch goes out exactly, so `git apply` takes it; on a terminal, control
        # characters inside the article are shown as placeholders instead of obeyed.
        sys.stdout.write(revealed(patch) if is_terminal() else patch)
        return
    if fmt == "json":
        from corrections.domain.diff import diff_to_json

        data = diff_to_json(result.body)
        data["old"] = result.old_name
        data["new"] = result.new_name
        data["fields"] = [
            {"name": f.name, "kind": f.kind, "old": f.old, "new": f.new} for f in result.fields
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    colour = is_terminal()
    out: list[str] = []
    for change in result.fields:
        label = "headline changed" if change.name == "headline" else f"{change.name} {change.kind}"
        out.append(f"{one_line(label)}: {_field_value(change.old)} -> {_field_value(change.new)}")
    if out:
        out.append("")
    if fmt == "side-by-side":
        from corrections.domain.diff import render_side_by_side

        columns = width or (shutil.get_terminal_size().columns if colour else 120)
        out.append(render_side_by_side(result.body, width=columns, context_sentences=sentences))
        sys.stdout.write("\n".join(out))
        return
    if not colour:
        from corrections.domain.diff import render_words

        out.append(render_words(result.body, context_sentences=sentences))
        sys.stdout.write("\n".join(out))
        return
    _print_coloured(out, result, sentences)


def _print_coloured(header: list[str], result: ArticleDiff, sentences: int | None) -> None:
    from rich.console import Console
    from rich.text import Text

    from corrections.domain.diff import Folded, folded_segments

    text = Text("\n".join(header) + ("\n" if header else ""))
    styles = {"delete": "red strike", "insert": "green underline"}
    body = result.body
    pieces = body.segments() if sentences is None else folded_segments(body, sentences)
    for segment in _elide(pieces):
        if isinstance(segment, Folded):
            text.append(revealed(segment.shown), style="bold")
            continue
        text.append(revealed(segment.text), style=styles.get(segment.kind, ""))
    Console(highlight=False, soft_wrap=True).print(text, end="")


def _elide(segments: Sequence[Any], context: int = 2) -> list[Any]:
    """Keep changed segments and a few lines around them; fold long unchanged runs."""
    from corrections.domain.diff import Segment

    kept: list[Any] = []
    for index, segment in enumerate(segments):
        if getattr(segment, "kind", None) != "equal":  # a change, or a fold ("…")
            kept.append(segment)
            continue
        lines = segment.text.split("\n")
        if len(lines) <= 2 * context + 2:
            kept.append(segment)
            continue
        first = index == 0
        last = index == len(segments) - 1
        head = "" if first else "\n".join(lines[: context + 1])
        tail = "" if last else "\n".join(lines[-context - 1 :])
        kept.append(Segment("equal", head + ("\n" if head else "")))
        kept.append(Segment("equal", "⋮\n"))
        kept.append(Segment("equal", tail))
    return kept


# ---------------------------------------------------------------------- corrections


def record_json(record: CorrectionRecord, *, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = to_data(record, exclude=() if full else ("proposed_text",))
    return data


def with_note_check(data: dict[str, Any], problems: Sequence[str]) -> dict[str, Any]:
    """A record's JSON with whether its note needs editing, and why."""
    data["needs_editing"] = bool(problems)
    data["note_problems"] = list(problems)
    return data


def print_note_problems(problems: Sequence[str]) -> None:
    """Why the note needs editing, on stderr: a diagnostic, not the result."""
    for problem in problems:
        sys.stderr.write(f"note needs editing: {one_line(problem)}\n")


def diff_json(result: ArticleDiff) -> dict[str, Any]:
    from corrections.domain.diff import diff_to_json

    data = diff_to_json(result.body)
    data["fields"] = [
        {"name": f.name, "kind": f.kind, "old": f.old, "new": f.new} for f in result.fields
    ]
    return data


def print_note(record: CorrectionRecord) -> None:
    if record.note is None:
        sys.stdout.write("(no public note: typo fixes are recorded and reviewed only)\n")
        return
    sys.stdout.write(revealed(record.note) + "\n")


def print_records(records: Sequence[CorrectionRecord]) -> None:
    print_rows([{k: v for k, v in to_data(r).items() if k in _ROW_FIELDS} for r in records])


_ROW_FIELDS = {"id", "status", "kind", "article", "proposer", "summary"}


def print_rows(rows: Sequence[Mapping[str, Any]]) -> None:
    """One line per correction, tab-separated, from the records' JSON rows."""
    for r in rows:
        sys.stdout.write(
            f"{r['id']}\t{r['status']}\t{r['kind']}\t{r['article']}\t{one_line(r['proposer'])}\t"
            f"{one_line(r['summary'])}\n"
        )


def print_view(shown: CorrectionView) -> None:
    record = shown.record
    lines = [
        f"correction {record.id}",
        f"article    {record.article}",
        f"kind       {record.kind.value}",
        f"status     {record.status.value} (revision {record.revision})",
        f"proposer   {one_line(record.proposer)}, {record.proposed_at.isoformat()}",
        f"approvals  {len(shown.approvers)} of {shown.approvals_needed}"
        + (f": {', '.join(one_line(a) for a in shown.approvers)}" if shown.approvers else ""),
    ]
    if record.summary:
        lines.append(f"summary    {one_line(record.summary)}")
    if record.published:
        lines.append(
            f"published  by {one_line(record.published.publisher)}, "
            f"{record.published.at.isoformat()}"
        )
    for review in record.reviews:
        void = "" if review in record.current_reviews() else " (earlier revision)"
        comment = f": {one_line(review.comment)}" if review.comment else ""
        lines.append(
            f"review     {one_line(review.reviewer)} {review.verdict.value}{void}{comment}"
        )
    sys.stdout.write("\n".join(lines) + "\n\n")
    if record.note is not None:
        label = "note" if record.note == record.draft_note else "note (edited; the draft was: "
        label += "" if record.note == record.draft_note else f"{one_line(record.draft_note or '')})"
        sys.stdout.write(f"{label}\n  {revealed(record.note)}\n")
        for problem in shown.note_problems:
            sys.stdout.write(f"  needs editing: {one_line(problem)}\n")
        sys.stdout.write("\n")
    else:
        sys.stdout.write("note       none (typo)\n\n")
    print_diff(shown.diff, "words", None)
