"""``corrections help [COMMAND...]``: the help of the tool or of one of its commands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer import _click as click
from typer.core import TyperGroup

from corrections.cli.app import app, fail
from corrections.cli.usage import suggestion
from corrections.domain.errors import EXIT_BAD_INPUT


@app.command("help")
def help_cmd(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None, typer.Argument(metavar="[COMMAND]...", help="A command, e.g. review.")
    ] = None,
) -> None:
    """Show the help of a command: corrections help COMMAND."""
    parent = ctx.parent
    assert parent is not None  # help always runs under the top-level group
    current, where = parent.command, parent
    for name in names or []:
        if not isinstance(current, TyperGroup):
            raise fail(f"'{where.command_path}' has no subcommands", EXIT_BAD_INPUT)
        found = current.get_command(where, name)
        if found is None:
            hint = suggestion(name, current.list_commands(where))
            raise fail(f"no command {name!r}{hint}", EXIT_BAD_INPUT)
        current = found
        where = click.Context(found, info_name=name, parent=where)
    sys.stdout.write(current.get_help(where) + "\n")
