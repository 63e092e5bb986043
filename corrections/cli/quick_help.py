"""``corrections --help`` written without loading Typer, the way Typer would write it.

The overview of the tool is the help people ask for most, and loading Typer costs more than
everything else it needs. It is made from the same table of commands and options, laid
out as click lays out help; a test checks that it is exactly what Typer writes.
"""

from __future__ import annotations

import shutil
import textwrap

from corrections.cli.commands import COMMANDS, DESCRIPTION, GLOBAL_OPTIONS

COL_MAX = 30
COL_SPACING = 2


def top_level_help() -> str:
    # As click's HelpFormatter: the terminal's width, at most 80 columns, less 2.
    width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
    lines = ["Usage: corrections [OPTIONS] COMMAND [ARGS]...", ""]
    lines += _wrapped(DESCRIPTION, width, "  ")
    lines += ["", "Options:", *_definitions(GLOBAL_OPTIONS, width)]
    limit = width - 6 - max(len(name) for name in COMMANDS)
    commands = [(name, short_help(entry.summary, limit)) for name, entry in COMMANDS.items()]
    lines += ["", "Commands:", *_definitions(commands, width)]
    return "\n".join(lines) + "\n"


def _definitions(
    rows: tuple[tuple[str, str], ...] | list[tuple[str, str]], width: int
) -> list[str]:
    """click's ``write_dl`` at an indent of 2."""
    first_col = min(max(len(first) for first, _ in rows), COL_MAX) + COL_SPACING
    text_width = max(width - first_col - 2, 10)
    out = []
    for first, second in rows:
        wrapped = _wrapped(second, text_width, "")
        if len(first) <= first_col - COL_SPACING:
            out.append(f"  {first:<{first_col}}{wrapped[0]}")
        else:
            out += [f"  {first}", f"  {'':<{first_col}}{wrapped[0]}"]
        out += [f"  {'':<{first_col}}{line}" for line in wrapped[1:]]
    return out


def _wrapped(text: str, width: int, indent: str) -> list[str]:
    wrapper = textwrap.TextWrapper(
        width, initial_indent=indent, subsequent_indent=indent, replace_whitespace=False
    )
    return wrapper.wrap(text)


def short_help(text: str, limit: int) -> str:
    """click's ``make_default_short_help``: the first sentence, or words up to ``limit``
    characters and an ellipsis."""
    words = text.split()
    total = 0
    for i, word in enumerate(words):
        total += len(word) + (i > 0)
        if total > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
        if total == limit and i != len(words) - 1:
            break
    else:
        return " ".join(words)
    total += len("...")
    while i > 0:
        total -= len(words[i]) + (i > 0)
        if total <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."
