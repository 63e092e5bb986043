"""When the tool itself fails: one line naming a crash report, and exit 70.

An unexpected exception is a bug (or a broken installation), never a finding: CI must be
able to tell it from ``validate``'s exit 1, and a person gets a file to send instead of a
traceback. The report names the command with its command and option names only: values
(a slug, a name, a comment) are left out, as everything else of the store's content is.
"""

from __future__ import annotations

import sys

from corrections.cli.commands import COMMANDS
from corrections.domain.errors import EXIT_CRASH

SUBCOMMANDS = {"write"}  # of `ci`


def report_crash(error: BaseException, argv: list[str]) -> int:
    """Write the crash report, say where in one line on stderr, and return exit code 70."""
    from corrections.services.crash_report import write_report

    try:
        path = write_report(error, " ".join(["corrections", *redacted(argv)]))
    except OSError as problem:
        where = f"no crash report could be written ({problem.strerror or problem})"
    else:
        where = f"crash report: {path}"
    sys.stderr.write(f"corrections: internal error ({type(error).__name__}); {where}\n")
    return EXIT_CRASH


def redacted(argv: list[str]) -> list[str]:
    """Command and option names kept; every value replaced by an ellipsis."""
    kept = []
    for word in argv:
        if word.startswith("-"):
            kept.append(word.split("=", 1)[0] + ("=…" if "=" in word else ""))
        elif word in COMMANDS or word in SUBCOMMANDS:
            kept.append(word)
        else:
            kept.append("…")
    return kept
