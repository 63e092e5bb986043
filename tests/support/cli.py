"""The command line run as a newsroom runs it: in this process through the console
script's entry point (``run_cli``), or as the real console script (``run_console_script``);
and work done at once by several processes, each running the command line in process
(``in_processes``)."""

from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Generic, TypeVar

from tests.support.store import PINNED

CLI = Path(sys.executable).parent / "corrections"
T = TypeVar("T")


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


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How a process started by ``in_processes`` ended: its exit code (``-9`` when SIGKILL
    ended it) and what its work returned (``None`` if it did not return)."""

    exitcode: int
    value: T | None


def in_processes(*work: Callable[[], T], timeout: float = 300) -> list[Outcome[T]]:
    """Do each piece of work in a process of its own, all at the same time, and return how
    each ended, in order. The processes are forked from this one, so the libraries are
    loaded already; each has its own working directory, environment and standard streams,
    so ``run_cli`` runs the command line in process there: several people (or commands)
    at once, as separate console scripts, without starting Python for each command. An
    exception in the work fails the caller with its traceback."""
    context = multiprocessing.get_context("fork")
    started: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    for function in work:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_report, args=(function, sender), daemon=True)
        with warnings.catch_warnings():
            # Python 3.12+ warns about forking a process that has threads (pytest-xdist's,
            # a test's HTTP server): the child only runs the command line and exits.
            warnings.simplefilter("ignore", DeprecationWarning)
            process.start()
        sender.close()
        started.append((process, receiver))
    outcomes: list[Outcome[T]] = []
    for child, receiver in started:
        value: T | None = None
        if receiver.poll(timeout):
            try:
                failed, value = receiver.recv()
            except EOFError:  # killed before it could say
                failed = False
            if failed:
                raise AssertionError(f"in a process of its own: {value}")
        receiver.close()
        child.join(timeout)
        assert child.exitcode is not None, f"still running after {timeout} s"
        outcomes.append(Outcome(child.exitcode, value))
    return outcomes


def _report(function: Callable[[], object], sender: Connection) -> None:
    try:
        sender.send((False, function()))
    except BaseException:
        sender.send((True, traceback.format_exc()))
    finally:
        sender.close()
