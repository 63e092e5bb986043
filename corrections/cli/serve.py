"""``corrections serve``: the terminal UI in a browser, for one person, behind a token."""

from __future__ import annotations

import secrets
import socket
import sys
from typing import Annotated

import typer

from corrections.cli.app import Options, app, fail, reported
from corrections.domain.errors import EXIT_BAD_INPUT


def _port_to_use(host: str, port: int) -> int:
    """``port`` (any free one for 0) once it is known to be free, so the address printed
    first is one that will answer."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
            return int(probe.getsockname()[1])
    except OSError as error:
        raise fail(
            f"cannot listen on {host}:{port}: {error.strerror or error}; choose another --port",
            EXIT_BAD_INPUT,
        ) from None


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless --public).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on (0: any free port).", min=0, max=65535)
    ] = 8000,
    user: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Who acts in every browser tab of this server (default: $CORRECTIONS_USER, "
            "then git's user.name).",
        ),
    ] = None,
    public: Annotated[
        bool, typer.Option("--public", help="Allow a --host that is not a loopback address.")
    ] = False,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            help="The address browsers use, when a proxy stands in front (e.g. https://…).",
        ),
    ] = None,
) -> None:
    """Serve the terminal UI to a browser: loopback only, with a token; Ctrl+C stops it."""
    from corrections import services

    try:
        from corrections.cli.web import GuardedServer, app_command, is_loopback
    except ImportError:
        raise fail(
            "serving needs textual-serve: pip install 'newsroom-corrections[web]'",
            EXIT_BAD_INPUT,
        ) from None
    if not is_loopback(host) and not public:
        raise fail(
            f"{host} is not a loopback address: the app would be open to the network; "
            "add --public to mean it (and put an authenticating proxy in front)",
            EXIT_BAD_INPUT,
        )
    if public_url is not None and not public_url.startswith(("https://", "http://")):
        raise fail(f"--public-url {public_url!r} must start with https:// or http://", 2)
    with reported():
        store = services.open_store(Options.store)
        try:
            name = services.identity(store, user if user is not None else Options.user).name
            root = store.root
        finally:
            store.close()
    if not is_loopback(host):
        sys.stderr.write(
            f"corrections: warning: serving on {host}, reachable from other machines; anyone "
            f"with the address acts as {name}\n"
        )
    chosen = _port_to_use(host, port)
    server = GuardedServer(
        app_command(root, name, Options.offline),
        host=host,
        port=chosen,
        token=secrets.token_urlsafe(32),
        public_url=public_url,
        title=f"corrections: {name}",
    )
    sys.stdout.write(server.address() + "\n")
    sys.stdout.flush()
    sys.stderr.write(f"Serving the app as {name} from {root}; Ctrl+C stops it\n")
    try:
        server.serve()
    except OSError as error:
        raise fail(
            f"cannot listen on {host}:{chosen}: {error.strerror or error}", EXIT_BAD_INPUT
        ) from None
