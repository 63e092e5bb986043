"""The command line: arguments in, results on stdout, diagnostics on stderr, exit codes.

Exit codes: 0 ok, 1 findings or refused, 2 bad input, 3 conflict, 75 locked (retry).
"""

from corrections.cli import (  # noqa: F401 - registers commands
    articles,
    ci,
    corrections,
    feed,
    sync,
    tui,
    validate,
)
from corrections.cli.app import app


def main() -> None:
    app()
