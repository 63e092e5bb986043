"""Working as a team around one git remote: `clone`, `sync`, `status`."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from corrections.cli.app import app, emit_json, reported, with_store
from corrections.domain.sanitize import one_line

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
# Hook failures `status` shows (the newest); --json lists all of them.
HOOKS_SHOWN = 10


@app.command()
def clone(
    url: Annotated[str, typer.Argument(help="The newsroom's remote: any URL git accepts.")],
    directory: Annotated[Path | None, typer.Argument(help="Where (default: from the URL).")] = None,
) -> None:
    """Join a newsroom: clone its store from the shared remote."""
    from corrections.services.sync import clone_store

    target = directory or Path(url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git") or "store")
    with reported():
        store = clone_store(url, target)
        store.close()
    sys.stderr.write(f"Cloned the newsroom's store into {target}\n")


@app.command()
def sync(as_json: Json = False) -> None:
    """Fetch, replay local steps onto the remote's tip, push: nothing lost or applied twice."""
    from corrections import services
    from corrections.services.sync import sync as run

    def action(store: services.GitStore) -> None:
        result = run(store)
        if as_json:
            emit_json(
                {
                    "remote": result.remote,
                    "head": result.head,
                    "remote_head": result.remote_head,
                    "delivered": result.delivered,
                    "dropped": list(result.dropped),
                    "pushed": result.pushed,
                }
            )
            return
        for line in result.dropped:
            sys.stderr.write(f"corrections: not replayed: {line}\n")
        sys.stderr.write(
            f"In sync with {result.remote}: {result.delivered} local step(s) delivered, "
            f"main at {(result.head or '')[:12]}\n"
        )

    with_store(action)


@app.command()
def status(
    as_json: Json = False,
    fetch: Annotated[bool, typer.Option("--fetch", help="Ask the remote first.")] = False,
    clear_hooks: Annotated[
        bool,
        typer.Option("--clear-hooks", help="Forget the hook failures recorded on this machine."),
    ] = False,
) -> None:
    """The store, its remote, ahead and behind, unpushed steps, the last sync, failed hooks."""
    from corrections import services
    from corrections.services.hooks import clear_recorded_failures, recorded_failures
    from corrections.services.sync import status as run

    def action(store: services.GitStore) -> None:
        if clear_hooks:
            cleared = clear_recorded_failures(store)
            sys.stderr.write(f"Forgot {cleared} hook failure(s)\n")
        found = run(store, fetch=fetch)
        failed = recorded_failures(store)
        data = {
            "store": found.store,
            "remote": found.remote,
            "head": found.head,
            "remote_head": found.remote_head,
            "ahead": found.ahead,
            "behind": found.behind,
            "unpushed": list(found.unpushed),
            "last_sync": found.last_sync.isoformat() if found.last_sync else None,
            "last_error": found.last_error,
            "hooks_failed": [asdict(f) for f in failed],
        }
        if as_json:
            emit_json(data)
            return
        out = sys.stdout.write
        out(f"store      {found.store}\n")
        for f in failed[-HOOKS_SHOWN:]:
            out(f"hook       {one_line(f'{f.at} {f.hook} after {f.event} {f.id}: {f.error}')}\n")
        if len(failed) > HOOKS_SHOWN:
            out(f"hook       … and {len(failed) - HOOKS_SHOWN} earlier (--json lists them all)\n")
        if found.remote is None:
            out("remote     none: this store works on this machine only\n")
            return
        out(f"remote     {found.remote}\n")
        out(f"ahead      {found.ahead} (local steps not on the remote yet)\n")
        out(f"behind     {found.behind} (as of the last fetch)\n")
        when = found.last_sync.strftime("%Y-%m-%d %H:%M UTC") if found.last_sync else "never"
        out(f"last sync  {when}\n")
        if found.last_error:
            out(f"problem    {found.last_error}\n")
        for subject in found.unpushed:
            out(f"unpushed   {subject}\n")

    with_store(action)
