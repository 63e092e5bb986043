"""Reading git objects one at a time through one persistent ``git cat-file --batch``.

A store answers many small reads (a file at a commit, a commit's tree) while it is open;
starting a git process for each would cost milliseconds apiece. One ``cat-file --batch``
is started on the first read and kept until the store closes. The TUI reads from worker
threads, so a lock makes each request and its answer one exchange.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from pathlib import Path
from typing import IO

from corrections.domain.errors import StoreError
from corrections.store.gitcmd import git_argv, git_env


class ObjectReader:
    """``read(spec)``: the bytes of the object ``spec`` names (``rev:path``, an id), or None."""

    def __init__(self, git_dir: Path) -> None:
        self._git_dir = git_dir
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    def read(self, spec: str) -> bytes | None:
        # A newline would end the request early and shift every later answer by one (git
        # also drops a carriage return before it).
        if not spec or "\n" in spec or spec.endswith("\r"):
            return None
        with self._lock:
            try:
                return self._exchange(spec)
            except (OSError, ValueError):
                # The process died (killed, or the pipe broke): start a new one, once.
                self._stop()
            try:
                return self._exchange(spec)
            except (OSError, ValueError) as error:
                self._stop()
                raise StoreError(f"git cat-file: cannot read {spec}: {error}") from None

    def _exchange(self, spec: str) -> bytes | None:
        stdin, stdout = self._pipes()
        stdin.write(spec.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
        header = stdout.readline()
        if not header:
            raise OSError("git cat-file ended")
        parts = header.split()
        # "<spec> missing" / "<spec> ambiguous": nothing else follows.
        if len(parts) != 3:
            return None
        size = int(parts[2])
        data = stdout.read(size)
        if len(data) != size or stdout.read(1) != b"\n":
            raise OSError("git cat-file: short answer")
        return data

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                git_argv(self._git_dir, ["cat-file", "--batch"]),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=git_env(),
            )
        process = self._process
        if process.stdin is None or process.stdout is None:  # pragma: no cover - asked for pipes
            raise OSError("git cat-file: no pipes")
        return process.stdin, process.stdout

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        # Closing its input ends cat-file; a stuck one is killed rather than waited for.
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
