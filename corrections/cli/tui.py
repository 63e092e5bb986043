"""``corrections tui``: open the terminal UI on the store."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from corrections.cli.app import Options, app, fail, reported
from corrections.domain.errors import EXIT_BAD_INPUT

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def interactive() -> bool:
    """Both ends are a terminal: the app can run."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def store_found(store_path: Path | None) -> bool:
    """Whether ``--store``, $CORRECTIONS_STORE or a directory above names a store."""
    from corrections import services
    from corrections.domain.errors import CorrectionsError

    try:
        services.open_store(store_path).close()
    except CorrectionsError:
        return False
    return True


def open_app(store_path: Path | None, user: str | None) -> int:
    """Open the store and run the app until the user quits; errors exit as elsewhere."""
    from corrections import services
    from corrections.tui import run

    with reported():
        store = services.open_store(store_path)
        if user is not None:
            try:  # a name given but not valid is refused now, not at the first step taken
                services.identity(store, user)
            except BaseException:
                store.close()
                raise
    try:
        return run(store, user, offline=Options.offline)
    finally:
        store.close()


@app.command()
def tui(
    user: Annotated[
        str | None,
        typer.Option(
            "--as", help="Who is acting (default: $CORRECTIONS_USER, then git's user.name)."
        ),
    ] = None,
) -> None:
    """Open the terminal UI: browse articles, propose, review and publish corrections."""
    # `corrections serve` runs the app for a browser, through textual-serve's web driver.
    served = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not (interactive() or served):
        raise fail("the terminal UI needs a terminal on stdin and stdout", EXIT_BAD_INPUT)
    code = open_app(Options.store, user if user is not None else Options.user)
    if code:
        raise typer.Exit(code)
