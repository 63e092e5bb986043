"""Files in the work tree: written whole or not at all, and never through a symbolic link."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from corrections.domain.errors import Refused


def fsync_path(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a file so a reader sees the old or the new bytes, never half of them."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def refuse_symlinks(root: Path, paths: Iterable[str]) -> None:
    """Refuse when any part of a path under ``root`` is a symbolic link.

    A link in the work tree (``articles/`` pointing elsewhere, say) would make the tool
    write outside the store, or make git record a link where the store expects a file.
    Checked before anything is committed, so a refusal leaves nothing behind.
    """
    checked: set[str] = set()
    for path in paths:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            relative = "/".join(parts[:depth])
            if relative in checked:
                continue
            checked.add(relative)
            candidate = root / relative
            if candidate.is_symlink():
                raise Refused(
                    f"{candidate} is a symbolic link: the store writes only real files and "
                    "folders under its work tree (nothing was written)"
                )
            if not candidate.exists():
                break  # nothing below a missing folder can be a link
