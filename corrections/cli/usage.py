"""Mistakes in how a command was typed: one line on stderr, with a suggestion, exit 2.

Click prints a usage block of four lines and offers "Possible options"; people who mistype
``--aprove`` want to read "did you mean --approve?" and the way to the command's help.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches
from typing import IO, Any

from typer._click.exceptions import NoSuchOption, UsageError

from corrections.domain.sanitize import one_line


class TypingMistake(UsageError):
    """A usage error shown as one line: what was wrong, what was probably meant, where the
    help is."""

    def show(self, file: IO[Any] | None = None) -> None:
        import sys

        # The message starts with the command it is about, e.g. "corrections review: ".
        (file or sys.stderr).write(f"{one_line(self.message)}\n")


def suggestion(typed: str, known: Iterable[str]) -> str:
    close = get_close_matches(typed, list(known), n=3)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def explained(error: UsageError) -> TypingMistake:
    """``error`` as one line naming the command, a likely meaning and the help to read."""
    if isinstance(error, TypingMistake):
        return error
    ctx = error.ctx
    path = ctx.command_path if ctx is not None else "corrections"
    if isinstance(error, NoSuchOption):
        known: list[str] = []
        if ctx is not None:
            for param in ctx.command.get_params(ctx):
                known += [o for o in getattr(param, "opts", ()) if o.startswith("--")]
        message = f"no such option {error.option_name}{suggestion(error.option_name, known)}"
    else:
        message = error.format_message().rstrip(".")
    helper = "corrections help " + " ".join(path.split()[1:]) if " " in path else "corrections -h"
    return TypingMistake(f"{path}: {message} (see '{helper.rstrip()}')", ctx)
