"""An exclusive lock on a file that the operating system holds for this process.

The kernel lets go of it when the process ends, however it ends, so a crashed step never
leaves a lock behind that someone must delete by hand. Waiting is by polling, so a waiter
gives up with :class:`LockTimeout` after ``timeout`` seconds instead of hanging.

On POSIX this is ``flock(2)`` on the file itself, as the filelock package does it too; but
filelock imports asyncio and its own logging and settings, which would cost every workflow
step some 25 ms before it did anything. Where ``fcntl`` is missing (Windows), filelock is
used.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path


class LockTimeout(Exception):
    """The lock was still held by someone else when the time to wait ran out."""


@contextlib.contextmanager
def held(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock on ``path`` (created if missing) for the ``with`` block."""
    if sys.platform == "win32":
        with _held_by_filelock(path, timeout):
            yield
        return
    import fcntl

    # Never through a symbolic link, and never handed down to a git process.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(path)) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.1)
        yield
    finally:
        os.close(fd)  # closing the file lets go of the lock


@contextlib.contextmanager
def _held_by_filelock(path: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(path)
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise LockTimeout(str(path)) from None
    try:
        yield
    finally:
        lock.release()
