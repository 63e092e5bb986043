"""Real git transports for tests, served on 127.0.0.1: ``file://``, ``git daemon`` and smart HTTP.

Pytest fixtures (registered for every test by ``tests/conftest.py``; all function-scoped,
always stopped):

- ``git_daemon``: a :class:`GitDaemon` serving ``tmp_path/daemon`` over ``git://``, pushes
  enabled; ``kill()`` it mid-test (a crash) and ``restart()`` it on the same port.
- ``git_http``: a :class:`GitHttpServer`, ``git http-backend`` behind a threaded WSGI server
  serving ``tmp_path/http``; ``git_http_auth``: the same, wanting Basic authentication
  (:data:`HTTP_USER` / :data:`HTTP_PASSWORD`).
- ``remote_repo``: parametrised over ``file``, ``daemon`` and ``http``; an empty bare
  repository and its URL, as a :class:`RemoteRepo` ``(path, url)``. Its server is the test's
  ``git_daemon`` / ``git_http`` fixture, so a test asking for both gets the same one.

:class:`PushGate` holds a push inside the remote (in a ``pre-receive`` hook, objects received,
ref not yet moved) so a test can kill the server in the middle of a push.
"""

from __future__ import annotations

import base64
import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any, NamedTuple
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

HOST = "127.0.0.1"
START_TIMEOUT = 10.0
BACKEND_TIMEOUT = 60.0
HTTP_USER = "newsroom"
HTTP_PASSWORD = "correct horse"
TRANSPORTS = ("file", "daemon", "http")

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WsgiEnviron = dict[str, Any]


class RemoteRepo(NamedTuple):
    """A bare repository standing in for the newsroom's shared remote, and its URL."""

    path: Path
    url: str

    @property
    def transport(self) -> str:
        """``file``, ``daemon`` or ``http``."""
        scheme = self.url.split("://", 1)[0]
        return {"git": "daemon"}.get(scheme, scheme)


# ---------------------------------------------------------------------- helpers


def make_bare(path: Path) -> Path:
    """An empty bare repository whose default branch is ``main``."""
    subprocess.run(
        ["git", "init", "--quiet", "--bare", "-b", "main", str(path)],
        check=True,
        capture_output=True,
    )
    return path


def unused_port() -> int:
    """A port nothing listens on right now (also the way to get a closed port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, timeout: float, alive: Callable[[], bool] = lambda: True) -> None:
    """Return once ``port`` accepts connections; fail after ``timeout`` or if not ``alive()``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"the server for port {port} exited while starting")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.02)
    raise RuntimeError(f"nothing accepted connections on {HOST}:{port} within {timeout} s")


def _kill_group(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _stop_process(process: subprocess.Popen[bytes]) -> None:
    """TERM the process group, then KILL it; always reap, never wait without a bound."""
    if process.poll() is None:
        _kill_group(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
    _kill_group(process)  # children of a daemon that exited may still be in the group
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def live_group_members(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies left to an init that
    does not reap them do not count). Linux only; elsewhere always empty."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def _wait_group_gone(pgid: int) -> None:
    deadline = time.monotonic() + 5
    while live_group_members(pgid):
        if time.monotonic() > deadline:
            raise RuntimeError(f"processes of group {pgid} outlived the test server")
        time.sleep(0.02)


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(name, None)
    return env


# ---------------------------------------------------------------------- git daemon


class GitDaemon:
    """``git daemon`` on 127.0.0.1 serving every repository under ``root``, pushes enabled."""

    def __init__(self, root: Path, log: Path) -> None:
        self.root = root
        self.log = log
        self.port = unused_port()
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, name: str) -> str:
        return f"git://{HOST}:{self.port}/{name}"

    def start(self) -> None:
        argv = [
            "git",
            "daemon",
            "--reuseaddr",
            f"--base-path={self.root}",
            "--export-all",
            "--enable=receive-pack",
            "--informative-errors",
            f"--listen={HOST}",
            f"--port={self.port}",
            str(self.root),
        ]
        for _attempt in range(3):  # the port was free a moment ago; another may have taken it
            with open(self.log, "ab") as log:
                self.process = subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    env=_clean_env(),
                    start_new_session=True,
                )
            try:
                wait_for_port(self.port, START_TIMEOUT, self._running)
                return
            except RuntimeError:
                self.stop()
        raise RuntimeError(f"git daemon did not start on port {self.port}; see {self.log}")

    def _running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """Crash: SIGKILL the daemon and every connection it serves (pushes included)."""
        if self.process is not None:
            _kill_group(self.process)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
            _wait_group_gone(self.process.pid)
            self.process = None

    def restart(self) -> None:
        """Start again on the same port (after :meth:`kill` or :meth:`stop`)."""
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is not None:
            _stop_process(self.process)
            _wait_group_gone(self.process.pid)
            self.process = None

    def __enter__(self) -> GitDaemon:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---------------------------------------------------------------------- smart HTTP


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    # HTTP/1.1 so that "Expect: 100-continue" gets its interim "100 Continue" at once
    # (wsgiref still handles one request per connection and closes it afterwards).
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass


class GitHttpServer:
    """``git http-backend`` (smart HTTP, fetch and push) behind a threaded WSGI server.

    With ``auth=(user, password)`` every request needs that Basic authentication, else
    401 with ``WWW-Authenticate``. Request bodies may be chunked and/or gzip-encoded, as git
    sends them. ``requests`` records (method, path, status, transfer-encoding,
    content-encoding) of each request.
    """

    def __init__(self, root: Path, auth: tuple[str, str] | None = None) -> None:
        self.root = root
        self.auth = auth
        self.port = unused_port()
        self.requests: list[tuple[str, str, int, str, str]] = []
        self._server: _ThreadingWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._backends: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    def url(self, name: str, *, credentials: tuple[str, str] | None = None) -> str:
        userinfo = f"{credentials[0]}:{credentials[1]}@" if credentials else ""
        return f"http://{userinfo}{HOST}:{self.port}/{name}"

    def start(self) -> None:
        self._server = make_server(
            HOST,
            self.port,
            self._app,
            server_class=_ThreadingWSGIServer,
            handler_class=_QuietHandler,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        wait_for_port(self.port, START_TIMEOUT)

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.kill_backends()

    def kill(self) -> None:
        """Crash: stop listening and kill every ``http-backend`` at work (pushes included)."""
        self.kill_backends()
        self.stop()

    def restart(self) -> None:
        self.stop()
        self.start()

    def kill_backends(self) -> None:
        with self._lock:
            backends = list(self._backends)
        for process in backends:
            _kill_group(process)
        for process in backends:
            _wait_group_gone(process.pid)

    def __enter__(self) -> GitHttpServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -------------------------------------------------------------- the WSGI application

    def _app(self, environ: WsgiEnviron, start_response: StartResponse) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", "GET"))
        path = str(environ.get("PATH_INFO", ""))
        chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
        encoding = str(environ.get("HTTP_CONTENT_ENCODING", ""))
        user = self._authenticated(environ)
        if user is None:
            # Drain the body so the client reads our answer rather than a reset connection.
            with contextlib.suppress(OSError, ValueError):
                _read_body(environ, chunked)
            self._record(method, path, 401, chunked, encoding)
            return _respond(
                start_response,
                "401 Unauthorized",
                [("WWW-Authenticate", 'Basic realm="corrections test"')],
                b"authentication required\n",
            )
        body = _read_body(environ, chunked)
        env = _clean_env()
        env.update(
            {
                key: str(value)
                for key, value in environ.items()
                if key.startswith("HTTP_") and isinstance(value, str)
            }
        )
        env.pop("HTTP_TRANSFER_ENCODING", None)  # the body reaches the backend de-chunked
        env.update(
            {
                "GATEWAY_INTERFACE": "CGI/1.1",
                "GIT_PROJECT_ROOT": str(self.root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "REQUEST_METHOD": method,
                "PATH_INFO": path,
                "QUERY_STRING": str(environ.get("QUERY_STRING", "")),
                "CONTENT_TYPE": str(environ.get("CONTENT_TYPE", "")),
                "CONTENT_LENGTH": str(len(body)),
                "REMOTE_ADDR": str(environ.get("REMOTE_ADDR", HOST)),
                "REMOTE_USER": user,  # http-backend allows pushes by a known user
                "SERVER_PROTOCOL": str(environ.get("SERVER_PROTOCOL", "HTTP/1.1")),
            }
        )
        if "HTTP_GIT_PROTOCOL" in environ:
            env["GIT_PROTOCOL"] = str(environ["HTTP_GIT_PROTOCOL"])
        status, headers, payload = self._backend(body, env)
        self._record(method, path, int(status.split()[0]), chunked, encoding)
        return _respond(start_response, status, headers, payload)

    def _authenticated(self, environ: WsgiEnviron) -> str | None:
        if self.auth is None:
            return "anonymous"
        wanted = base64.b64encode(f"{self.auth[0]}:{self.auth[1]}".encode()).decode()
        given = str(environ.get("HTTP_AUTHORIZATION", ""))
        return self.auth[0] if given == f"Basic {wanted}" else None

    def _backend(
        self, body: bytes, env: dict[str, str]
    ) -> tuple[str, list[tuple[str, str]], bytes]:
        process = subprocess.Popen(
            ["git", "http-backend"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        with self._lock:
            self._backends.add(process)
        try:
            output, errors = process.communicate(body, timeout=BACKEND_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()
            return "504 Gateway Timeout", [], b"git http-backend took too long\n"
        finally:
            with self._lock:
                self._backends.discard(process)
        if process.returncode < 0:  # killed (a simulated crash)
            return "502 Bad Gateway", [], b"git http-backend was killed\n"
        return _parse_cgi(output, errors)

    def _record(self, method: str, path: str, status: int, chunked: bool, encoding: str) -> None:
        with self._lock:
            self.requests.append((method, path, status, "chunked" if chunked else "", encoding))


def _read_body(environ: WsgiEnviron, chunked: bool) -> bytes:
    stream = environ["wsgi.input"]
    if not chunked:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        return bytes(stream.read(length)) if length else b""
    parts: list[bytes] = []
    while True:
        size_line = stream.readline(1024)
        if not size_line:
            raise ValueError("chunked body ended early")
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            # Trailers, if any, end with an empty line.
            while stream.readline(1024) not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(parts)
        parts.append(stream.read(size))
        stream.readline(1024)  # the CRLF after the chunk


def _parse_cgi(output: bytes, errors: bytes) -> tuple[str, list[tuple[str, str]], bytes]:
    """Split a CGI response into (status, headers, body); ``Status:`` sets the status."""
    head, sep, body = output.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = output.partition(b"\n\n")
    if not sep:
        message = b"git http-backend gave no headers: " + errors[-500:]
        return "500 Internal Server Error", [], message
    status = "200 OK"
    headers = []
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = value.strip()
        elif name and name.lower() not in {"content-length", "connection", "transfer-encoding"}:
            headers.append((name.strip(), value.strip()))
    return status, headers, body


def _respond(
    start_response: StartResponse, status: str, headers: list[tuple[str, str]], body: bytes
) -> list[bytes]:
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]


# ---------------------------------------------------------------------- holding a push


class PushGate:
    """Hold every push to ``bare`` inside the remote until :meth:`release` (or 30 s).

    A ``pre-receive`` hook marks that a push arrived (objects received, ``main`` not yet
    moved) and waits; :meth:`wait_arrived` returns then, and the test can kill the server.
    """

    def __init__(self, bare: Path) -> None:
        self.hook = bare / "hooks" / "pre-receive"
        self.arrived = bare / "push-arrived"
        self.released = bare / "push-released"

    def __enter__(self) -> PushGate:
        self.hook.parent.mkdir(exist_ok=True)
        self.hook.write_text(
            "#!/bin/sh\n"
            f"touch '{self.arrived}'\n"
            "i=0\n"
            f"while [ ! -e '{self.released}' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done\n"
            "exit 0\n"
        )
        self.hook.chmod(0o755)
        return self

    def wait_arrived(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.arrived.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"no push reached the remote within {timeout} s")
            time.sleep(0.02)

    def release(self) -> None:
        self.released.touch()

    def __exit__(self, *exc: object) -> None:
        self.release()
        self.hook.unlink(missing_ok=True)


# ---------------------------------------------------------------------- fixtures


@pytest.fixture
def git_daemon(tmp_path: Path) -> Iterator[GitDaemon]:
    base = tmp_path / "daemon"
    base.mkdir()
    with GitDaemon(base, tmp_path / "git-daemon.log") as daemon:
        yield daemon


@pytest.fixture
def git_http(tmp_path: Path) -> Iterator[GitHttpServer]:
    root = tmp_path / "http"
    root.mkdir()
    with GitHttpServer(root) as server:
        yield server


@pytest.fixture
def git_http_auth(tmp_path: Path) -> Iterator[GitHttpServer]:
    root = tmp_path / "http-auth"
    root.mkdir()
    with GitHttpServer(root, auth=(HTTP_USER, HTTP_PASSWORD)) as server:
        yield server


@pytest.fixture(params=TRANSPORTS)
def remote_repo(request: pytest.FixtureRequest, tmp_path: Path) -> RemoteRepo:
    """An empty bare repository ``newsroom.git`` reachable over one transport."""
    name = "newsroom.git"
    transport = request.param
    if transport == "file":
        bare = make_bare(tmp_path / "file-remote" / name)
        return RemoteRepo(bare, bare.as_uri())
    if transport == "daemon":
        daemon: GitDaemon = request.getfixturevalue("git_daemon")
        return RemoteRepo(make_bare(daemon.root / name), daemon.url(name))
    server: GitHttpServer = request.getfixturevalue("git_http")
    return RemoteRepo(make_bare(server.root / name), server.url(name))
