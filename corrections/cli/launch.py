"""Running the command line: answers that need no library first, then the commands.

``corrections --version`` and ``corrections --help`` are answered here, before Typer or
anything else is imported: they are asked often and should cost little more than starting
Python.
"""

from __future__ import annotations

import sys

from corrections import __version__

# Not typing's: importing typing (and with it re, functools and enum) doubled what
# `--version` executes. Type checkers read any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typer._click import Command

# Global options that take a value: what follows them is that value, never a command.
_VALUED = ("--store", "--as")


def run(argv: list[str]) -> int:
    if asks_for_version(argv):
        sys.stdout.write(f"corrections {__version__}\n")
        return 0
    if argv in (["--help"], ["-h"], ["help"]):
        from corrections.cli.quick_help import top_level_help

        sys.stdout.write(top_level_help())
        return 0
    try:
        command_line().main(args=argv, prog_name="corrections")
    except SystemExit as done:
        return _exit_code(done)
    except Exception as error:
        from corrections.cli.crash import report_crash

        return report_crash(error, argv)
    return 0


_built: list[Command] = []  # the one command line of this process, once built


def command_line() -> Command:
    """The click command Typer makes of the application, built once per process.

    Typer builds it anew on every call of the application, with every command whose module
    is imported by then: a process that runs the command line more than once (the tests,
    which run it in process) would otherwise build dozens of commands for each run. The
    group then builds the commands it is asked for, once each (``cli/lazy.py``)."""
    if not _built:
        from typer.main import get_command

        from corrections.cli.app import app

        _built.append(get_command(app))
    return _built[0]


def asks_for_version(argv: list[str]) -> bool:
    """``--version`` among the global options before any command (as the full parser reads
    it; ``show SLUG --version 2`` is show's own option, and help comes first)."""
    position = 0
    while position < len(argv):
        word = argv[position]
        if word == "--version":
            return True
        if word in _VALUED:
            position += 2
        elif word == "--offline" or word.startswith(tuple(f"{o}=" for o in _VALUED)):
            position += 1
        else:
            return False
    return False


def _exit_code(done: SystemExit) -> int:
    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    sys.stderr.write(f"{done.code}\n")
    return 1
