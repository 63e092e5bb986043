"""Reading git objects through ``git cat-file --batch``: one at a time, or many in a stream.

Both readers speak the same protocol (:func:`_answer`) and follow one policy: a name that
git answers ``missing`` is None for the caller to judge; any other answer that is not an
object (``ambiguous``), or a process that ends before answering, is a ``StoreError``
naming the object and saying what git said on its standard error.

- :class:`ObjectReader`: a store answers many small reads (a file at a commit, a commit's
  tree) while it is open; starting a git process for each would cost milliseconds apiece.
  One ``cat-file --batch`` is started on the first read and kept until the store closes.
  Threads share it: a lock makes each request and its answer one exchange. A process that
  died (killed, or its pipe broke) is started again, once, for the read that found it dead.
- :func:`read_objects`: many objects at once (every article's front matter, every event
  file) through one ``cat-file --batch --buffer`` of their own, fed from a thread while the
  answers are read, so there is one round trip in all, not one per object.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Literal, overload

from corrections.domain.errors import StoreError
from corrections.store.gitcmd import GitProcess, start_git


class _Ended(Exception):
    """The process ended (or its pipe broke) before the answer was whole."""


def _askable(name: str) -> bool:
    # A newline would end the request early and shift every later answer by one (git also
    # drops a carriage return before it): such a name is never sent.
    return bool(name) and "\n" not in name and not name.endswith("\r")


def _answer(stdout: IO[bytes], name: str) -> bytes | None:
    """Read git's answer to the request ``name``: the object's bytes, or None when git
    says it is missing. Raises ``_Ended`` when the answer is cut short and ``StoreError``
    for any other answer (the request is then fully answered: the stream stays in step)."""
    header = stdout.readline()
    if not header.endswith(b"\n"):
        raise _Ended
    parts = header.split()
    if len(parts) == 3 and parts[2].isdigit():
        size = int(parts[2])
        data = stdout.read(size)
        if len(data) != size or stdout.read(1) != b"\n":
            raise _Ended
        return data
    if parts[-1:] == [b"missing"]:
        return None
    said = header.decode("utf-8", "replace").strip()
    raise StoreError(f"git cat-file: cannot read {name}: {said}")


def _ended(process: GitProcess, name: str) -> StoreError:
    """Why ``process`` stopped answering before ``name`` was read."""
    process.stop()
    said = [line for line in process.stderr_text().splitlines() if line.strip()]
    if said:
        reason = said[-1].removeprefix("fatal: ").removeprefix("error: ")
    elif process.returncode is not None and process.returncode < 0:
        reason = f"killed by signal {-process.returncode}"
    else:
        reason = f"exit status {process.returncode}"
    return StoreError(f"git cat-file: ended before {name} was read: {reason}")


def missing_object(git_dir: Path, name: str) -> StoreError:
    """The error for an object that must be there and is not."""
    return StoreError(f"git cat-file: {name} is missing from {git_dir}")


class ObjectReader:
    """``read(spec)``: the bytes of the object ``spec`` names (``rev:path``, an id), or None."""

    def __init__(self, git_dir: Path) -> None:
        self._git_dir = git_dir
        self._lock = threading.Lock()
        self._process: GitProcess | None = None
        self.started = 0  # processes started so far (a restart adds one)

    def read(self, spec: str) -> bytes | None:
        if not _askable(spec):
            return None
        with self._lock:
            try:
                return self._exchange(spec)
            except (_Ended, OSError, ValueError):
                # The process died (killed, or the pipe broke): start a new one, once.
                self._stop()
            try:
                return self._exchange(spec)
            except (_Ended, OSError, ValueError):
                process, self._process = self._process, None
                if process is None:  # pragma: no cover - _exchange always starts one
                    raise StoreError(f"git cat-file: cannot read {spec}") from None
                raise _ended(process, spec) from None

    def _exchange(self, spec: str) -> bytes | None:
        process = self._running()
        if process.stdin is None or process.stdout is None:  # pragma: no cover - asked for pipes
            raise _Ended
        process.stdin.write(spec.encode("utf-8", "surrogateescape") + b"\n")
        process.stdin.flush()
        return _answer(process.stdout, spec)

    def _running(self) -> GitProcess:
        if self._process is None or self._process.poll() is not None:
            self._stop()
            self._process = start_git(self._git_dir, ["cat-file", "--batch"], stdin=True)
            self.started += 1
        return self._process

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            # Closing its input ends cat-file; one that does not end soon is killed.
            process.stop(grace=2.0)


@overload
def read_objects(
    git_dir: Path, names: Iterable[str], *, missing_ok: Literal[False] = False
) -> Iterator[tuple[str, bytes]]: ...


@overload
def read_objects(
    git_dir: Path, names: Iterable[str], *, missing_ok: Literal[True]
) -> Iterator[tuple[str, bytes | None]]: ...


def read_objects(
    git_dir: Path, names: Iterable[str], *, missing_ok: bool = False
) -> Iterator[tuple[str, bytes | None]]:
    """Stream ``(name, bytes)`` for many objects, in the order given, through one
    ``git cat-file --batch --buffer``. A name is an object id or ``rev:path``.

    A missing object is a ``StoreError`` naming it, unless ``missing_ok`` (names that may
    well not exist, such as a path at a commit): then its bytes are None. Stopping early
    (leaving the loop) ends the process.
    """
    wanted = list(names)
    asked = [name for name in wanted if _askable(name)]
    if not wanted:
        return
    process = start_git(git_dir, ["cat-file", "--batch", "--buffer"], stdin=True)
    stdin, stdout = process.stdin, process.stdout
    if stdin is None or stdout is None:  # pragma: no cover - asked for pipes
        process.stop()
        raise StoreError("git cat-file: no pipes")

    def feed() -> None:
        # A failed write means git died (the reader says why) or was stopped.
        with contextlib.suppress(OSError, ValueError):
            try:
                stdin.write(b"".join(n.encode("utf-8", "surrogateescape") + b"\n" for n in asked))
            finally:
                stdin.close()

    writer = threading.Thread(target=feed, name="cat-file requests", daemon=True)
    writer.start()
    try:
        for name in wanted:
            data = None
            if _askable(name):
                try:
                    data = _answer(stdout, name)
                except _Ended:
                    raise _ended(process, name) from None
            if data is None and not missing_ok:
                raise missing_object(git_dir, name)
            yield name, data
    finally:
        process.stop()
        writer.join()
