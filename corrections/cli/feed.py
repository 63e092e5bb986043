"""`corrections feed`: the public corrections log as Atom, RSS, JSON Feed or an HTML page."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corrections.cli.app import app, fail, with_store
from corrections.cli.progress import progress
from corrections.domain.errors import EXIT_BAD_INPUT
from corrections.domain.sanitize import one_line

if TYPE_CHECKING:
    from corrections.services import GitStore
    from corrections.services.feed import FeedOutput


class Format(StrEnum):
    atom = "atom"
    rss = "rss"
    json = "json"
    html = "html"


@app.command()
def feed(
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="atom, rss, json (JSON Feed 1.1) or html.")
    ] = Format.atom,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="The public address of the corrections page; feeds link to it (RSS needs it).",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the newest N corrections.")
    ] = None,
) -> None:
    """The public, dated corrections log: every published correction, newest first."""
    from corrections.services.feed import build_feed

    def action(store: GitStore) -> FeedOutput:
        with progress("Building the corrections feed") as step:
            return build_feed(store, fmt.value, base_url, limit, on_progress=step)

    result = with_store(action)
    for problem in result.problems:
        sys.stderr.write(f"corrections: skipped {one_line(problem)}\n")
    if output is None:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    else:
        try:
            write_atomically(output, result.text.encode("utf-8"))
        except OSError as error:
            raise fail(
                f"cannot write {output}: {error.strerror or error}", EXIT_BAD_INPUT
            ) from None
    word = "correction" if result.entries == 1 else "corrections"
    where = f" to {output}" if output is not None else ""
    sys.stderr.write(f"{result.entries} {word} in the {fmt.value} feed{where}\n")


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename over it: readers see the old file or the new one,
    never half of one. A new file gets the usual permissions; an existing one keeps its."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
        dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
