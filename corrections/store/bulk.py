"""Bulk reads: one git process for many objects or commits, never one per article."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from corrections.domain.errors import StoreError
from corrections.store.gitcmd import error_from, git_argv, git_env, run_git

_RECORD = "\x1e"
_FIELD = "\x1f"
LOG_FORMAT = f"{_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%ae{_FIELD}%s"


@dataclass(frozen=True)
class LogEntry:
    commit: str
    date: dt.datetime
    author: str
    email: str
    subject: str
    paths: tuple[str, ...] = ()


def read_blobs(git_dir: Path, object_ids: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """Stream (id, bytes) for many blobs through one ``git cat-file --batch``.

    A thread writes every request up front while this generator reads the answers, so the
    pipe stays full and there is one round trip in all, not one per object.
    """
    ids = list(object_ids)
    if not ids:
        return
    process = subprocess.Popen(
        git_argv(git_dir, ["cat-file", "--batch", "--buffer"]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=git_env(),
    )
    if process.stdin is None or process.stdout is None:  # pragma: no cover - asked for pipes
        raise StoreError("git cat-file: no pipes")

    def feed(stdin: IO[bytes]) -> None:
        try:
            stdin.write("".join(f"{oid}\n" for oid in ids).encode())
        except BrokenPipeError:  # git died; the reader reports why
            pass
        finally:
            stdin.close()

    writer = threading.Thread(target=feed, args=(process.stdin,), daemon=True)
    writer.start()
    try:
        out = process.stdout
        for _ in ids:
            header = out.readline().decode().split()
            if len(header) != 3:
                raise StoreError(f"git cat-file: object {' '.join(header[:1]) or '?'} missing")
            oid, _kind, size = header
            data = out.read(int(size))
            out.read(1)  # the newline after each object
            yield oid, data
    finally:
        process.stdout.close()
        process.kill()
        process.wait()
        writer.join()
        if process.stderr:
            process.stderr.close()


def ls_tree(git_dir: Path, commit: str, directory: str) -> dict[str, str]:
    """Paths under ``directory`` at ``commit``, mapped to their blob ids (one process)."""
    out = run_git(
        git_dir, ["ls-tree", "-z", "-r", "--end-of-options", commit, "--", f"{directory}/"]
    ).stdout.decode("utf-8", "surrogateescape")
    files: dict[str, str] = {}
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        _mode, kind, oid = meta.split()
        if kind == "blob":
            files[path] = oid
    return files


def log(
    git_dir: Path,
    revisions: list[str],
    paths: list[str],
    *,
    with_paths: bool = False,
    changes_only: bool = True,
) -> list[LogEntry]:
    """Commits of ``revisions`` touching ``paths``, newest first, from one ``git log``."""
    args = ["log", f"--format={LOG_FORMAT}", "-z", "--no-renames"]
    if changes_only:
        # A version is a commit that added or changed the file; deletions are not versions.
        args.append("--diff-filter=AM")
    if with_paths:
        args.append("--name-only")
    args += ["--end-of-options", *revisions, "--", *paths]
    return parse_log(run_git(git_dir, args).stdout.decode("utf-8", "surrogateescape"))


def start_log(git_dir: Path, revisions: list[str], paths: list[str]) -> subprocess.Popen[bytes]:
    """Start a ``git log --name-only`` in the background so it runs on the other core."""
    args = ["log", f"--format={LOG_FORMAT}", "-z", "--no-renames", "--diff-filter=AM"]
    args += ["--name-only", "--end-of-options", *revisions, "--", *paths]
    return subprocess.Popen(
        git_argv(git_dir, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=git_env()
    )


def stream_log(process: subprocess.Popen[bytes]) -> Iterator[LogEntry]:
    """The entries of a log started by :func:`start_log`, as git writes them."""
    if process.stdout is None:  # pragma: no cover - asked for a pipe
        raise StoreError("git log: no pipe")
    pending = b""
    while chunk := os.read(process.stdout.fileno(), 1 << 16):
        pending += chunk
        complete, marker, pending = pending.rpartition(_RECORD.encode())
        pending = marker + pending
        if complete:
            yield from parse_log(complete.decode("utf-8", "surrogateescape"))
    yield from parse_log(pending.decode("utf-8", "surrogateescape"))


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a background log, read to its end or not."""
    process.kill()
    process.communicate()


def finish_log(process: subprocess.Popen[bytes]) -> list[LogEntry]:
    out, err = process.communicate()
    if process.returncode != 0:
        raise error_from(["log"], err.decode("utf-8", "replace"))
    return parse_log(out.decode("utf-8", "surrogateescape"))


def parse_log(out: str) -> list[LogEntry]:
    entries = []
    for record in out.split(_RECORD):
        if not record:
            continue
        header, _, rest = record.partition("\0")
        commit, stamp, author, email, subject = header.split(_FIELD, 4)
        paths = tuple(p for p in rest.lstrip("\n").split("\0") if p)
        date = dt.datetime.fromisoformat(stamp)
        entries.append(LogEntry(commit, date, author, email, subject.rstrip("\n"), paths))
    return entries


def read_named(git_dir: Path, names: list[str]) -> list[bytes | None]:
    """Objects by name (``commit:path``), in order; None for a name that does not exist.

    One ``cat-file --batch`` for all of them, fed from a thread like ``read_blobs``.
    """
    if not names:
        return []
    process = subprocess.Popen(
        git_argv(git_dir, ["cat-file", "--batch", "--buffer"]),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=git_env(),
    )
    if process.stdin is None or process.stdout is None:  # pragma: no cover - asked for pipes
        raise StoreError("git cat-file: no pipes")

    def feed(stdin: IO[bytes]) -> None:
        try:
            stdin.write("".join(f"{name}\n" for name in names).encode())
        except BrokenPipeError:
            pass
        finally:
            stdin.close()

    writer = threading.Thread(target=feed, args=(process.stdin,), daemon=True)
    writer.start()
    found: list[bytes | None] = []
    try:
        for _ in names:
            header = process.stdout.readline().decode().split()
            if len(header) == 3 and header[2].isdigit():
                found.append(process.stdout.read(int(header[2])))
                process.stdout.read(1)
            else:
                found.append(None)  # "<name> missing" (or ambiguous)
    finally:
        process.stdout.close()
        process.kill()
        process.wait()
        writer.join()
    return found


def first_parent_chain(git_dir: Path, head: str) -> list[str]:
    """Commit ids along the first-parent chain of ``head``, newest first."""
    out = run_git(git_dir, ["rev-list", "--first-parent", "--end-of-options", head]).stdout
    return out.decode().split()


def finish_logs(processes: list[subprocess.Popen[bytes]]) -> list[list[LogEntry]]:
    """Collect several background logs, draining all pipes at once so none of them stalls
    on a full pipe while another is read."""
    with ThreadPoolExecutor(max_workers=len(processes)) as pool:
        return list(pool.map(finish_log, processes))
