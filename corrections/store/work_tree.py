"""The work tree and the index follow ``main``, whatever happened to the step that moved it.

A step moves ``main`` first (the commit is the truth) and then copies the paths it wrote
into the work tree and the index. A kill, a full disk or a held ``index.lock`` between the
two would leave them behind ``main``: git then shows the commit as a staged reversal, and
committing that would undo a correction. So:

- before moving ``main`` a step leaves a marker in the git directory naming the paths it
  writes, and removes it once the work tree and the index hold them; every command finishes
  the copying of a step whose process is gone (and says so);
- the copying runs under one lock and always copies what ``main`` holds *now*, so steps
  finishing out of order cannot leave an older version over a newer one;
- a path whose work-tree content is what an earlier ``main`` held is *behind*, not edited
  (another step is copying it, or one died); it is brought up to date. Anything else is the
  user's edit and is never overwritten. Content that equals a committed version cannot be
  lost by replacing it, which is what makes the repair safe.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from corrections.domain.errors import StoreError, StoreLocked
from corrections.domain.frozen import frozen
from corrections.store import lockfile
from corrections.store.files import atomic_write
from corrections.store.gitcmd import LockHeld, run_git

if TYPE_CHECKING:
    from corrections.store.git_store import GitStore

MARKER_PREFIX = "corrections-step-"
PRIVATE_PREFIXES = ("corrections-index-", "corrections-marks-")
LOCK_NAME = "corrections-work-tree.flock"
LOCK_WAIT = 60.0  # seconds a step waits for another to finish with the work tree
# A marker from another machine (a store on a shared disk) cannot be checked by process id;
# a step copies its files within seconds, so one this old was left by a process that died.
ABANDONED_SECONDS = 600.0
# How many earlier values of ``main`` count as "what the work tree may lag behind".
_HISTORY_DEPTH = 50


@frozen
class StepMarker:
    """A step between moving ``main`` and finishing its copy into the work tree."""

    file: Path
    pid: int
    host: str
    old: str | None
    paths: tuple[str, ...]
    age: float

    @property
    def abandoned(self) -> bool:
        """The process that wrote it is gone: nobody else will finish its copy."""
        if self.host != _host():
            return self.age > ABANDONED_SECONDS
        return not _alive(self.pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _pid_of(name: str) -> int | None:
    """The process id inside ``corrections-index-<pid>-<token>`` and the like."""
    try:
        return int(name.split("-")[2])
    except (IndexError, ValueError):
        return None


class WorkTree:
    """The checked-out copy of ``main`` beside a store's git directory."""

    def __init__(self, store: GitStore, root: Path) -> None:
        self.store = store
        self.root = root
        self.git_dir = store.git_dir

    # ------------------------------------------------------------------ markers

    def begin_step(self, old: str | None, paths: Iterable[str]) -> Path:
        """Leave the marker of a step about to move ``main`` from ``old``."""
        marker = self.git_dir / f"{MARKER_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        record = {
            "pid": os.getpid(),
            "host": _host(),
            "old": old,
            "paths": sorted(paths),
        }
        # Not fsynced: a power cut that loses it leaves a lag `corrections doctor` still finds
        # from the reflog; a step pays no extra disk flush for it.
        atomic_write(marker, json.dumps(record).encode(), durable=False)
        return marker

    @staticmethod
    def end_step(marker: Path) -> None:
        marker.unlink(missing_ok=True)

    def markers(self) -> list[StepMarker]:
        found = []
        now = time.time()
        for file in self.git_dir.glob(f"{MARKER_PREFIX}*"):
            try:
                record = json.loads(file.read_bytes())
                age = now - file.stat().st_mtime
                found.append(
                    StepMarker(
                        file,
                        int(record["pid"]),
                        str(record["host"]),
                        record["old"],
                        tuple(str(p) for p in record["paths"]),
                        age,
                    )
                )
            except FileNotFoundError:
                continue  # its step just finished
            except (ValueError, KeyError, TypeError):
                # Unreadable (a disk that filled while it was written): the paths it would
                # name are still found by the reflog check, so it only has to go.
                file.unlink(missing_ok=True)
        return found

    # ------------------------------------------------------------------ copying

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        path = self.git_dir / LOCK_NAME
        with contextlib.ExitStack() as holding:
            try:
                holding.enter_context(lockfile.held(path, timeout=LOCK_WAIT))
            except lockfile.LockTimeout:
                raise StoreLocked(
                    f"{path}: another corrections command has been updating the work tree "
                    f"for {LOCK_WAIT:g} s; try again"
                ) from None
            except OSError as error:  # a symbolic link or a directory planted in its place
                raise StoreError(
                    f"{path}: cannot take the work-tree lock: {error.strerror}"
                ) from None
            yield

    def sync(self, paths: Iterable[str]) -> None:
        """Make the work tree and the index hold what ``main`` holds now at ``paths``."""
        paths = sorted(set(paths))
        if not paths:
            return
        with self.locked():
            self._copy_from_main(paths)

    def _copy_from_main(self, paths: list[str]) -> None:
        head = self.store.head()
        for path in paths:
            data = None if head is None else self.store.read_file(head, path)
            target = self.root / path
            if data is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                self._remove_empty_folders(target.parent)
            elif _read(target) != data:
                # The commit is already durable; the work tree is a copy of it, so no fsync.
                atomic_write(target, data, durable=False)
        # Record the new content in the real index too, or `git status` would show the
        # commit as a staged reversal. The index lock is shared with the user's git.
        for attempt in range(40):
            try:
                run_git(
                    self.git_dir,
                    ["update-index", "--add", "--remove", "-z", "--stdin"],
                    input="\0".join(paths).encode() + b"\0",
                    cwd=self.root,
                )
                return
            except LockHeld as held:
                if attempt == 39:
                    raise StoreLocked(
                        f"{held.lock_path} stayed locked: the work tree holds the new files but "
                        "the index does not yet; any corrections command finishes it once the "
                        "other git command ends ('corrections doctor' if none is running)"
                    ) from None
                time.sleep(0.01 * (attempt + 1))

    def _remove_empty_folders(self, folder: Path) -> None:
        """Folders a deletion emptied go too, as git's checkout does; never the root."""
        while folder != self.root and self.root in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                return  # not empty (or gone): what is above it is not empty either
            folder = folder.parent

    # ------------------------------------------------------------------ checking

    def uncommitted(self, paths: Iterable[str]) -> list[str]:
        """The paths among ``paths`` whose work tree or index differs from ``main``."""
        wanted = set(paths)
        if not wanted:
            return []
        if len(wanted) > 64:
            # Many paths (an import) are checked through their directories, in one call.
            pathspec = sorted({f"{os.path.dirname(p) or '.'}/" for p in wanted})
            return sorted(p for p in self._status(pathspec) if p in wanted)
        # A few paths: git compares the index and the files with main; a file where main
        # has none is found here, without git listing the folder's untracked files (a
        # folder of 10,000 articles takes longer to list than everything else a step does).
        head = self.store.head()
        found = self._status(sorted(wanted), untracked=False)
        for path in wanted - found:
            absent = head is None or self.store.read_file(head, path) is None
            if absent and os.path.lexists(self.root / path):
                found.add(path)
        return sorted(found & wanted)

    def _status(self, pathspec: list[str], *, untracked: bool = True) -> set[str]:
        status = run_git(
            self.git_dir,
            [
                "status",
                "--porcelain=v1",
                "-z",
                "--no-renames",
                "--untracked-files=all" if untracked else "--untracked-files=no",
                "--",
                *pathspec,
            ],
            cwd=self.root,
            env={"GIT_OPTIONAL_LOCKS": "0"},
        ).stdout.decode("utf-8", "surrogateescape")
        return {entry[3:] for entry in status.split("\0") if len(entry) > 3}

    def behind(self, paths: Iterable[str], also: Iterable[str | None] = ()) -> list[str]:
        """Those of ``paths`` whose work-tree content is what ``main`` holds or held
        (``also``: more commits to count as earlier values of ``main``)."""
        paths = list(paths)
        if not paths:
            return []
        commits = dict.fromkeys([self.store.head(), *also, *self.earlier_heads()])
        versions: dict[str, list[bytes | None]] = {p: [] for p in paths}
        for commit in commits:
            for path in paths:
                held = None if commit is None else self.store.read_file(commit, path)
                versions[path].append(held)
        return [p for p in paths if _read(self.root / p) in versions[p]]

    def earlier_heads(self) -> list[str | None]:
        """Earlier values of ``main``, newest first, from its reflog (and its first
        parents, for a store whose reflog is off)."""
        heads: list[str | None] = []
        log = self.git_dir / "logs" / "refs" / "heads" / "main"
        with contextlib.suppress(OSError):
            for line in reversed(log.read_bytes().splitlines()[-_HISTORY_DEPTH:]):
                old = line.split(b" ", 1)[0].decode("ascii", "replace")
                heads.append(None if set(old) == {"0"} else old)
        head = self.store.head()
        if head is not None:
            parents = (
                run_git(
                    self.git_dir,
                    ["rev-list", "--first-parent", "--max-count=20", "--end-of-options", head],
                )
                .stdout.decode()
                .split()
            )
            heads.extend(parents[1:])
        return heads

    # ------------------------------------------------------------------ repairing

    def finish_abandoned(self) -> list[str]:
        """Finish the copy of every step whose process died; return the paths that were
        behind ``main`` and are now up to date."""
        abandoned = [m for m in self.markers() if m.abandoned]
        self._remove_private_files()
        if not abandoned:
            return []
        paths = sorted({p for m in abandoned for p in m.paths})
        with self.locked():
            stale = self.uncommitted(paths)
            fixed = self.behind(stale, also=[m.old for m in abandoned])
            if fixed:
                self._copy_from_main(fixed)
            for marker in abandoned:
                self.end_step(marker.file)
        return fixed

    def repair(self) -> list[str]:
        """Bring every path that is behind ``main`` up to date (``doctor --repair``)."""
        with self.locked():
            fixed = self.behind(sorted(self._status([])))
            if fixed:
                self._copy_from_main(fixed)
        for marker in self.markers():
            if marker.abandoned:
                self.end_step(marker.file)
        return fixed

    def lagging(self) -> list[str]:
        """Every path that is behind ``main`` (what ``doctor`` reports)."""
        return self.behind(sorted(self._status([])))

    def _remove_private_files(self) -> None:
        """Private indexes and marks files of writers that were killed."""
        for prefix in PRIVATE_PREFIXES:
            for file in self.git_dir.glob(f"{prefix}*"):
                pid = _pid_of(file.name)
                if pid is not None and pid != os.getpid() and not _alive(pid):
                    file.unlink(missing_ok=True)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def _host() -> str:
    # platform is loaded already (Typer and Textual use it); socket would cost a write more.
    import platform

    return platform.node()
