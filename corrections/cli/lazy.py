"""The top-level command group, built one command at a time.

Importing every command's module (and through them the services and the models)
cost most of a second before any command ran. This group knows the commands from
``commands.COMMANDS`` and imports a command's module only when that command is asked for:
to run it, to show its help, or to complete its options in a shell.

Each command also accepts the global options (``--store``, ``--as``, ``--offline``) after its
name, as in ``corrections review ID --approve --as "Sam Reviewer"``: people who use git-like
tools type them there, and a later one wins over an earlier one.
"""

from __future__ import annotations

import copy
import gc
import importlib
from pathlib import Path
from typing import Any

from typer import _click as click
from typer._click.exceptions import UsageError
from typer._click.utils import make_default_short_help
from typer.core import TyperGroup
from typer.main import get_command_from_info, get_group_from_info

from corrections.cli.coercion import use_plain_conversion
from corrections.cli.commands import COMMANDS
from corrections.cli.usage import TypingMistake, explained, suggestion

GLOBAL_OPTIONS = ("store", "user", "offline")


class LazyGroup(TyperGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None:
            entry = COMMANDS.get(cmd_name)
            if entry is None:
                return None
            importlib.import_module(f"corrections.cli.{entry.module}")
            command = _built(cmd_name)
            if command is None:
                return None
            self.commands[cmd_name] = command
        # Typer builds the commands whose modules are already imported with the group (when
        # the command line runs a second time in one process): those need them too.
        if cmd_name not in self._with_global_options:
            _accept_global_options(command, self, ctx)
            self._with_global_options.add(cmd_name)
        return command

    @property
    def _with_global_options(self) -> set[str]:
        names: set[str] = self.__dict__.setdefault("_commands_with_global_options", set())
        return names

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Here, not when made: Typer adds the completion options and click the help option
        # to a group after making it.
        use_plain_conversion(self.get_params(ctx))
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise explained(error) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            hint = suggestion(name, COMMANDS)
            raise TypingMistake(
                f"corrections: no command {name!r}{hint} (see 'corrections -h')", ctx
            )
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        if not gc.isenabled():  # the console script's start-up is over (cli/__init__.py)
            gc.freeze()
            gc.enable()
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise explained(error) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table, without importing any command."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, make_default_short_help(e.summary, limit)) for name, e in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _built(name: str) -> click.Command | None:
    """The click command of a registered Typer command or sub-application called ``name``."""
    from corrections.cli.app import app

    settings: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    for info in app.registered_commands:
        if (info.name or info.callback.__name__.replace("_", "-")) == name:  # type: ignore[union-attr]
            return get_command_from_info(info, **settings)
    for group in app.registered_groups:
        built = get_group_from_info(group, suggest_commands=True, **settings)
        if built.name == name:
            return built
    return None


def _accept_global_options(
    command: click.Command, group: click.Command, ctx: click.Context
) -> None:
    """Give ``command`` (and its subcommands) the group's global options, unless it has an
    option of that name already (``tui --as`` is its own)."""
    taken = {opt for param in command.params for opt in getattr(param, "opts", ())}
    for param in group.params:
        if param.name not in GLOBAL_OPTIONS or taken.intersection(getattr(param, "opts", ())):
            continue
        option = copy.copy(param)
        option.expose_value = False
        option.callback = _remember
        command.params.append(option)
    use_plain_conversion(command.get_params(ctx))
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            _accept_global_options(sub, group, ctx)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A global option given after the command: it wins over one given before."""
    from corrections.cli.app import Options

    if param.name == "store" and value is not None:
        Options.store = Path(value)
    elif param.name == "user" and value is not None:
        Options.user = value
    elif param.name == "offline" and value:
        Options.offline = True
    return value
