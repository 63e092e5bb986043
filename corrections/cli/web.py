"""The terminal UI in a browser: textual-serve behind a token and an Origin check.

textual-serve runs one app process per browser connection and has no users; this server
fixes the identity for all of them (``--as``) and lets in only requests that carry the
token: in the address (``/?token=…``, as a notebook server does) or in the cookie the page
at that address sets. The WebSocket that drives the app must also come from the server's
own origin, so another web page open in the same browser cannot drive it.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import shlex
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware
from rich.console import Console
from textual_serve.server import Server

TOKEN_PARAMETER = "token"  # noqa: S105 - the name of the query parameter
REFUSED = "403: open the address the server printed, with its token\n"
CROSS_ORIGIN = "403: this server's app is driven from its own page only\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(host: str, port: int, public_url: str | None) -> frozenset[str]:
    """The origins the server's own page is served from."""
    hosts = {host}
    if is_loopback(host):
        hosts |= {"127.0.0.1", "localhost", "[::1]"}
    found = {f"http://{h}:{port}" for h in hosts}
    if public_url:
        found.add(origin_of(public_url))
    return frozenset(o.lower() for o in found)


def guard(token: str, origins: Iterable[str], cookie: str) -> Middleware:
    """aiohttp middleware: the token (address or cookie) on every request, and the
    server's own origin on the WebSocket."""
    allowed = frozenset(origins)
    expected = token.encode()

    def good(value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), expected)

    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        in_address = good(request.query.get(TOKEN_PARAMETER))
        if not (in_address or good(request.cookies.get(cookie))):
            return web.Response(status=403, text=REFUSED)
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None and origin.lower() not in allowed:
                return web.Response(status=403, text=CROSS_ORIGIN)
        response = await handler(request)
        if response.prepared:  # the WebSocket, already answered and now closed
            return response
        if in_address and request.path == "/":
            # The page's scripts, styles and WebSocket carry the token as this cookie.
            response.set_cookie(cookie, token, httponly=True, samesite="Strict", path="/")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    return check


class GuardedServer(Server):
    """textual-serve's server with the guard in front and nothing printed on stdout but
    the address (its log goes to stderr)."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str,
        public_url: str | None = None,
        title: str = "corrections",
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.console = Console(stderr=True)
        self.token = token
        self.origins = allowed_origins(host, port, public_url)
        self.cookie = f"corrections-token-{port}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(guard(self.token, self.origins, self.cookie))
        return app

    async def on_startup(self, app: web.Application) -> None:
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def address(self) -> str:
        """The address to open, token included."""
        return f"{self.public_url.rstrip('/')}/?{TOKEN_PARAMETER}={self.token}"


def app_command(store: Path, user: str, offline: bool) -> str:
    """The command textual-serve runs (through a shell) for each browser connection."""
    argv = [sys.executable, "-m", "corrections", "--store", str(store), "--as", user]
    if offline:
        argv.append("--offline")
    return shlex.join([*argv, "tui"])
