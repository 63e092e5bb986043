"""A crash report: what a maintainer needs when the tool itself failed, and nothing more.

Every front end writes one when an exception nobody expected reaches it (a bug, or a broken
installation): the version, what was being done, where it failed, Python's and git's
versions. Nothing of the store's content: exception messages can quote article text,
so the traceback keeps only the exception types and the code that ran, and the front end
describes the command without its values.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from corrections import __version__


def write_report(error: BaseException, doing: str) -> Path:
    """Write the report of ``error`` (raised while ``doing``); return where it is.

    In the user's cache directory (``$XDG_CACHE_HOME/corrections``), else in the temporary
    directory; OSError if neither can be written."""
    text = report_text(error, doing)
    name = f"crash-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.txt"
    last: OSError | None = None
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
    assert last is not None
    raise last


def crash_directory() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "corrections"


def report_text(error: BaseException, doing: str) -> str:
    lines = ["corrections crash report", ""]
    lines += [f"{what}: {value}" for what, value in versions().items()]
    lines += [f"doing: {doing}", "", *traceback_without_messages(error)]
    return "\n".join(lines) + "\n"


def versions() -> dict[str, str]:
    return {
        "corrections": __version__,
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "platform": platform.platform(),
        "git": git_version(),
    }


def git_version() -> str:
    """``git --version``, or why it could not be asked (the crash may come from git)."""
    from corrections.store.gitcmd import run_git

    try:
        result = run_git(None, ["--version"], check=False, timeout=10)
    except Exception as error:  # the report is written whatever git does
        return f"unknown ({type(error).__name__})"
    if result.returncode:
        return f"unknown (git exited {result.returncode})"
    return result.stdout.decode("utf-8", "replace").strip()


def traceback_without_messages(error: BaseException) -> list[str]:
    """Where it failed, innermost last, for the error and what led to it; the exception
    types only, never their messages."""
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
        frames = traceback.format_list(traceback.extract_tb(exc.__traceback__))
        lines += [frame.rstrip("\n") for frame in frames]
        kind = type(exc)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message left out)")
    return lines
