"""When the tool itself fails: a crash report file and one line, exit 70.

An unexpected exception is a bug (or a broken installation), never a finding: CI must be
able to tell it from ``validate``'s exit 1. The report says what a maintainer needs (the
version, the command, where it failed, Python's and git's versions) and nothing of the
store's content: argument values and exception messages can quote article text, so the
command keeps only command and option names, and the traceback only the exception types
and the code that ran.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

from corrections.cli.commands import COMMANDS
from corrections.domain.errors import EXIT_CRASH

SUBCOMMANDS = {"write"}  # of `ci`


def report_crash(error: BaseException, argv: list[str]) -> int:
    """Write the crash report, say where in one line on stderr, and return exit code 70."""
    text = crash_report(error, argv)
    name = f"crash-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.txt"
    try:
        path = _write(name, text)
    except OSError as problem:
        where = f"no crash report could be written ({problem.strerror or problem})"
    else:
        where = f"crash report: {path}"
    sys.stderr.write(
        f"corrections: internal error ({type(error).__name__}), not a problem in the store; "
        f"{where}\n"
    )
    return EXIT_CRASH


def crash_report(error: BaseException, argv: list[str]) -> str:
    from corrections.services.diagnostics import versions

    lines = ["corrections crash report", ""]
    lines += [f"{what}: {value}" for what, value in versions().items()]
    lines.append(f"command: {' '.join(['corrections', *redacted(argv)])}")
    lines += ["", *traceback_without_messages(error)]
    return "\n".join(lines) + "\n"


def redacted(argv: list[str]) -> list[str]:
    """Command and option names kept; every value (a slug, a name, a comment) left out."""
    kept = []
    for token in argv:
        if token.startswith("-"):
            kept.append(token.split("=", 1)[0] + ("=…" if "=" in token else ""))
        elif token in COMMANDS or token in SUBCOMMANDS:
            kept.append(token)
        else:
            kept.append("…")
    return kept


def traceback_without_messages(error: BaseException) -> list[str]:
    """Where it failed, innermost last, for the error and what caused it; the exception
    types only (their messages may quote the article being worked on)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    lines: list[str] = []
    for exc in reversed(chain):
        if lines:
            lines += ["", "which led to:", ""]
        lines.append("Traceback (most recent call last):")
        lines += [
            entry.rstrip("\n")
            for entry in traceback.format_list(traceback.extract_tb(exc.__traceback__))
        ]
        kind = type(exc)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message left out)")
    return lines


def crash_directory() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "corrections"


def _write(name: str, text: str) -> Path:
    """In the user's cache directory; in the temporary directory if that cannot be written."""
    for directory in (crash_directory(), Path(tempfile.gettempdir()) / "corrections"):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / name
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as problem:
            last = problem
            continue
        return path
    raise last
