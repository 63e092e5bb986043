"""Bulk reads: one git process for many commits or tree entries, never one per article.

Many objects at once are read by :func:`corrections.store.objects.read_objects`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from corrections.domain.errors import StoreError
from corrections.domain.frozen import frozen
from corrections.store.gitcmd import GitProcess, run_git, start_git

_RECORD = "\x1e"
_FIELD = "\x1f"
LOG_FORMAT = f"{_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%ae{_FIELD}%s"


@frozen(slots=True)  # made by the thousand
class LogEntry:
    """One commit of ``git log``: its id, date, author and subject."""

    commit: str
    date: dt.datetime
    author: str
    email: str
    subject: str
    paths: tuple[str, ...] = ()


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


def start_log(git_dir: Path, revisions: list[str], paths: list[str]) -> GitProcess:
    """Start a ``git log --name-only`` in the background so it runs on the other core."""
    args = ["log", f"--format={LOG_FORMAT}", "-z", "--no-renames", "--diff-filter=AM"]
    args += ["--name-only", "--end-of-options", *revisions, "--", *paths]
    return start_git(git_dir, args)


def stream_log(process: GitProcess) -> Iterator[LogEntry]:
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


def stop(process: GitProcess) -> None:
    """End a background log, read to its end or not."""
    process.stop()


def finish_log(process: GitProcess) -> list[LogEntry]:
    try:
        out, _ = process.communicate()
    finally:
        process.stop()
    if process.returncode != 0:
        raise process.error()
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


def first_parent_chain(git_dir: Path, head: str) -> list[str]:
    """Commit ids along the first-parent chain of ``head``, newest first."""
    out = run_git(git_dir, ["rev-list", "--first-parent", "--end-of-options", head]).stdout
    return out.decode().split()


def finish_logs(processes: list[GitProcess]) -> list[list[LogEntry]]:
    """Collect several background logs, draining all pipes at once so none of them stalls
    on a full pipe while another is read."""
    from concurrent.futures import ThreadPoolExecutor  # for the history walks only

    with ThreadPoolExecutor(max_workers=len(processes)) as pool:
        return list(pool.map(finish_log, processes))
