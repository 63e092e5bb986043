"""Reading what a user hands the tool, whatever its source, never past the size limit.

A size on disk says nothing about ``/dev/zero``, a named pipe or an endless standard
input, so the limit is enforced on the bytes actually read: one byte past it ends the read.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from corrections.domain.errors import BadInput

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""The documented limit for one article or one file given to the tool."""

STDIN = Path("-")
_CHUNK = 1 << 16


def read_capped(source: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``source`` (``-``: standard input), refused past ``limit``."""
    if source == STDIN:
        return _read_stream(sys.stdin.buffer, "standard input", limit)
    try:
        with open(source, "rb") as handle:
            return _read_stream(handle, str(source), limit)
    except FileNotFoundError:
        raise BadInput(f"{source}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{source}: is a directory, not a file") from None
    except OSError as error:
        raise BadInput(f"{source}: {error.strerror or error}") from None


def _read_stream(stream: BinaryIO, name: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise BadInput(f"{name}: larger than the {limit:,}-byte limit for one file")


def decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{name}: not valid UTF-8 text") from None
