"""The Typer application, its global options and the one error path every command shares."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from corrections import __version__
from corrections.cli.commands import AS_HELP, DESCRIPTION, OFFLINE_HELP, STORE_HELP, VERSION_HELP
from corrections.cli.lazy import LazyGroup
from corrections.domain.errors import EXIT_LOCKED, CorrectionsError
from corrections.domain.sanitize import one_line

T = TypeVar("T")

app = typer.Typer(
    name="corrections",
    help=DESCRIPTION,
    cls=LazyGroup,
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Options:
    """Global options, set once by the callback."""

    store: Path | None = None
    user: str | None = None
    offline: bool = False


class DiffFormat(StrEnum):
    words = "words"
    side_by_side = "side-by-side"
    unified = "unified"
    json = "json"


def fail(message: str, code: int) -> typer.Exit:
    sys.stderr.write(f"corrections: {one_line(message)}\n")
    return typer.Exit(code)


@contextmanager
def reported() -> Iterator[None]:
    """Every user-facing error becomes one line on stderr and its exit code."""
    try:
        yield
    except CorrectionsError as error:
        raise fail(str(error), error.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def with_store(action: Callable[[Any], T]) -> T:
    from corrections import services

    with reported():
        store = services.open_store(Options.store)
        try:
            _report_repaired(store.repaired)
            if Options.offline:
                services.work_offline(store)
            result = action(store)
            _report_hooks(store)
            _report_delivery(store)
            return result
        finally:
            store.close()


def _report_repaired(paths: list[str]) -> None:
    """What an interrupted command had left behind ``main``, finished on opening."""
    if paths:
        from corrections.services.maintenance import named_paths

        sys.stderr.write(
            f"corrections: brought {named_paths(paths)} up to date with main (an "
            "interrupted command had left the work tree behind)\n"
        )


def _report_hooks(store: Any) -> None:
    """A hook that failed after a step: one line each; the step stands (exit 0)."""
    hooks = sys.modules.get("corrections.services.hooks")
    if hooks is None:
        return
    for line in hooks.failed_hooks(store):
        sys.stderr.write(f"corrections: hook failed: {one_line(line)}\n")


def _report_delivery(store: Any) -> None:
    """A step kept on this machine is said in one line: exit 75 (retry), or 0 offline."""
    # Only a step written through services.sync (or a sync) can have a delivery to report:
    # a command that wrote nothing never loaded it, and is spared loading it (and asking
    # git for the remote's address) just to hear there is nothing to say; nor does one run
    # in a process that loaded it for an earlier command.
    sync = sys.modules.get("corrections.services.sync")
    state = None if sync is None else sync.delivery_so_far(store)
    if state is None:
        return
    for line in state.dropped:
        sys.stderr.write(f"corrections: not replayed: {one_line(line)}\n")
    if state.undelivered is None:
        return
    if Options.offline:
        sys.stderr.write("corrections: kept on this machine; 'corrections sync' delivers it\n")
        return
    raise fail(
        f"kept on this machine, not yet on the remote ({state.undelivered}); "
        "'corrections sync' delivers it",
        EXIT_LOCKED,
    )


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"corrections {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help=STORE_HELP,
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--as", help=AS_HELP),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option("--offline", help=OFFLINE_HELP),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help=VERSION_HELP),
    ] = False,
) -> None:
    Options.store = store
    Options.user = user
    Options.offline = offline or bool(os.environ.get("CORRECTIONS_OFFLINE"))
    if ctx.invoked_subcommand is None:
        no_command(ctx)


def no_command(ctx: typer.Context) -> None:
    """Plain ``corrections``: the app in a terminal inside a store, else the help (exit 2)."""
    from corrections.cli.tui import interactive, open_app, store_found

    if interactive() and store_found(Options.store):
        code = open_app(Options.store, Options.user)
        raise typer.Exit(code)
    sys.stderr.write(ctx.get_help() + "\n")
    raise typer.Exit(2)
