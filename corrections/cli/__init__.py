"""The command line: arguments in, results on stdout, diagnostics on stderr, exit codes.

Exit codes: 0 ok, 1 findings or refused, 2 bad input, 3 conflict, 70 the tool itself failed
(a crash report names the file), 75 locked (retry).

This package imports nothing heavy: ``corrections --version`` answers before any library is
loaded, and each command's module is imported only when it runs (see ``lazy``).
"""

import gc
import sys


def main() -> int:
    # Starting a command makes some hundred thousand objects that live as long as the
    # process (modules, classes, functions) and almost no garbage; the cyclic collector
    # walked them again and again, 4% of what `view` executes. It is off until the
    # command itself starts, which freezes what start-up made (never walked again) and
    # turns it back on (``lazy.LazyGroup.invoke``).
    gc.disable()
    from corrections.cli.launch import run

    return run(sys.argv[1:])
