"""Shared fixtures: real git repositories in temporary directories, pinned identities."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# Real transports (file://, git daemon, smart HTTP) for the remote and sync tests.
from remote_servers import git_daemon, git_http, git_http_auth, remote_repo  # noqa: F401

from corrections import services
from corrections.store.git_store import GitStore, Identity

ROOT = Path(__file__).resolve().parents[1]
SEED_SLUG = "globe-and-mail-putin-xi-2024"
SEED_ARTICLE = ROOT / "articles" / f"{SEED_SLUG}.md"
CLI = Path(sys.executable).parent / "corrections"

PINNED = {
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_DATE": "2026-01-15T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T12:00:00+00:00",
    "CORRECTIONS_USER": "Test Editor",
}
EDITOR = Identity("Test Editor", "editor@newsroom.invalid")


@pytest.fixture(autouse=True)
def pinned_git(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CORRECTIONS_STORE", raising=False)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    services.init(path, "globe", EDITOR).close()
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[GitStore]:
    opened = services.open_store(store_path)
    yield opened
    opened.close()


def run_cli(
    *args: str,
    cwd: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command line as the console script would, in this process: the same entry
    point, arguments, working directory, environment, stdin, stdout, stderr and exit code,
    without starting Python and importing the libraries again (about half a second each).

    Settings only a new interpreter honours (``PYTHON*`` variables: an import profile, a
    broken library first on the path) start the real console script instead, as do
    commands run from other threads at once (the working directory, the environment and
    the standard streams belong to the process) and ``CORRECTIONS_TEST_CONSOLE_SCRIPT=1``
    for the whole run."""
    if (
        os.environ.get("CORRECTIONS_TEST_CONSOLE_SCRIPT") == "1"
        or any(name.startswith("PYTHON") for name in env or {})
        or threading.current_thread() is not threading.main_thread()
    ):
        return run_console_script(*args, cwd=cwd, input=input, env=env)
    from corrections.cli.launch import run

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = _Captured(), _Captured()
    sys.stdin = io.TextIOWrapper(io.BytesIO((input or "").encode()), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    try:
        os.environ.update({**PINNED, **(env or {})})
        if cwd is not None:
            os.chdir(cwd)
        code = run(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(
        [str(CLI), *args], code, _as_text_mode(out.getvalue()), _as_text_mode(err.getvalue())
    )


class _Captured(io.BytesIO):
    """What a command wrote, kept when its text stream is closed or collected."""

    def close(self) -> None:
        pass


def _as_text_mode(data: bytes) -> str:
    """What ``subprocess.run(text=True)`` would have read: UTF-8, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def run_console_script(
    *args: str,
    cwd: Path | None = None,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real console script, as a newsroom would."""
    full_env = {**os.environ, **PINNED, **(env or {})}
    return subprocess.run(
        [str(CLI), *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        check=False,
    )


def built_demo(path: Path) -> Path:
    """``corrections demo PATH --no-tui``, the way a newcomer builds it; returns PATH."""
    done = run_cli("demo", str(path), "--no-tui")
    assert done.returncode == 0, done.stderr
    return path


def git(path: Path, *args: str) -> str:
    env = {
        **os.environ,
        **PINNED,
        "GIT_AUTHOR_NAME": "Someone",
        "GIT_AUTHOR_EMAIL": "s@x",
        "GIT_COMMITTER_NAME": "Someone",
        "GIT_COMMITTER_EMAIL": "s@x",
    }
    return subprocess.run(
        ["git", "-C", str(path), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def write_article(directory: Path, name: str, headline: str, body: str) -> Path:
    path = directory / name
    path.write_text(f"---\nheadline: {headline!r}\npublished: 2026-01-10\n---\n{body}")
    return path
