"""`corrections ci write`: the store's CI workflow, written again from corrections.toml."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from corrections.cli.app import Options, app, emit_json, with_store

ci_app = typer.Typer(
    name="ci",
    help="The store's CI: the workflow that installs corrections and runs validate.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(ci_app)


@ci_app.command("write")
def write(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Write the workflow for [ci] host from the committed corrections.toml, in one commit
    (and remove the ones written for other hosts)."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        author = services.identity(store, Options.user)
        done = services.write_ci(store, author)
        if as_json:
            emit_json(
                {
                    "commit": done.commit,
                    "host": done.host,
                    "install": done.install,
                    "written": list(done.written),
                    "removed": list(done.removed),
                }
            )
        for path in done.written:
            sys.stderr.write(f"wrote {path}\n")
        for path in done.removed:
            sys.stderr.write(f"removed {path}\n")
        if done.commit is None:
            sys.stderr.write(f"The CI workflow ({done.host}) already installs {done.install}\n")
        else:
            sys.stderr.write(
                f"CI on {done.host} installs {done.install}: commit {done.commit[:12]}\n"
            )

    with_store(action)
