"""The newsroom store: a git repository whose ``main`` branch holds articles and records.

Writes follow one protocol, safe under concurrent writers (see ``_try_commit``):
the new tree is built from the parent's, only the folders on the written paths (``trees``),
its blobs and trees are stored by one ``unpack-objects``, the commit is made with
``commit-tree`` and published with ``update-ref main NEW OLD``, a compare-and-swap.
A writer that loses the race re-plans against the new head and tries again, with jitter.
Only after the ref moved is the working tree brought up to date, for the written paths only.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from corrections.domain.errors import (
    BadInput,
    DiskError,
    Refused,
    StoreError,
    StoreLocked,
)
from corrections.domain.frozen import frozen
from corrections.store.files import atomic_write, fsync_path, refuse_symlinks
from corrections.store.gitcmd import LockHeld, error_from, run_git
from corrections.store.objects import ObjectReader
from corrections.store.repository import Repository, locate
from corrections.store.trees import BLOB, NewObjects, Tree, build_tree
from corrections.store.work_tree import WorkTree

MAIN = "refs/heads/main"
ZERO = "0" * 40
MAX_ATTEMPTS = 50
STALE_LOCK_SECONDS = 60.0
# A writer holds a lock for milliseconds: one that stays this long through our retries
# belongs to a process that died.
LOCK_PATIENCE_SECONDS = 3.0
BULK_THRESHOLD = 16
GRAPH_EVERY = 16  # steps between two updates of a kept commit-graph
_GRAPH_WRITE = ("commit-graph", "write", "--reachable", "--changed-paths", "--no-progress")
_TRAILER_KEY = re.compile(r"^[A-Z][A-Za-z-]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@frozen
class Identity:
    """Who a commit is by, as git records it."""

    name: str
    email: str

    def env(self, when: str | None) -> dict[str, str]:
        env = {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }
        if when:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
        return env


@frozen
class PlannedCommit:
    """What one workflow step writes: whole files (None deletes) and a message."""

    files: Mapping[str, bytes | None]
    subject: str
    author: Identity
    body: str = ""
    trailers: Sequence[tuple[str, str]] = ()
    raw_message: str | None = None  # a replayed step keeps its message exactly
    # Sign the commit with the person's SSH key (git's user.signingkey): the store's
    # policy requires signed steps.
    sign: bool = False

    def message(self) -> str:
        if self.raw_message is not None:
            return self.raw_message
        subject = " ".join(self.subject.split())
        parts = [subject]
        if self.body.strip():
            parts.append(self.body.strip())
        if self.trailers:
            parts.append("\n".join(f"{k}: {_trailer_value(k, v)}" for k, v in self.trailers))
        return "\n\n".join(parts) + "\n"


def _trailer_value(key: str, value: str) -> str:
    # A trailer is an index that tools trust: a newline in a value would let text forge a
    # second trailer, so control characters and line separators are refused outright.
    if not _TRAILER_KEY.fullmatch(key):
        raise StoreError(f"invalid trailer key {key!r}")
    if _CONTROL.search(value) or not value.strip():
        raise StoreError(f"invalid value for trailer {key}: {value!r}")
    return value


@dataclass
class Snapshot:
    """The head a plan is made against; re-created on every attempt."""

    store: GitStore
    head: str | None
    _cache: dict[str, bytes | None] = field(default_factory=dict)

    def read(self, path: str) -> bytes | None:
        if self.head is None:
            return None
        if path not in self._cache:
            self._cache[path] = self.store.read_file(self.head, path)
        return self._cache[path]


T = TypeVar("T")

Planner = Callable[[Snapshot], PlannedCommit]
# A planner whose step has something to say besides its commit (the record it made, say):
# the store hands it back with the commit id, from the attempt that won.
ResultPlanner = Callable[[Snapshot], tuple[PlannedCommit, T]]


class GitStore:
    """A store opened at ``root`` (a work tree) or at a bare repository.

    One open store may be read from several threads at once (the terminal UI's workers):
    objects are read through one locked ``cat-file --batch``, refs from their files, and
    what the store keeps in memory between calls is guarded by ``_lock``. The caches in
    ``.git/corrections/`` are each rebuilt under a lock of their own (:meth:`cache_lock`)
    and replaced whole, atomically. Writers from several threads or processes take turns
    through ``update-ref``'s compare-and-swap and the work tree's file lock.
    """

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.git_dir = repository.git_dir
        self.work_tree = repository.work_tree
        self.root = self.work_tree or self.git_dir
        # Started on the first read, ended by close(): one git process for every read.
        self._objects = ObjectReader(self.git_dir)
        # Held for a moment, around the attributes below (never while git runs).
        self._lock = threading.Lock()
        # The trees of the last commit this store made, parsed: the next step starts there.
        self._trees: dict[str, Tree] = {}
        # Paths an interrupted step had left behind ``main``, brought up to date on opening.
        self.repaired: list[str] = []
        self._cache_locks: dict[str, threading.RLock] = {}

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path) -> GitStore:
        store = cls(locate(path))
        try:
            store.finish_interrupted()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        # The object reader is a live git process; long runs must let it go.
        self._objects.close()

    def cache_lock(self, name: str) -> threading.RLock:
        """The lock a thread holds while it reads, rebuilds and writes the cache ``name``:
        a second thread asking for it meanwhile waits, then finds it up to date."""
        with self._lock:
            return self._cache_locks.setdefault(name, threading.RLock())

    def __enter__(self) -> GitStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading

    def head(self) -> str | None:
        """The commit ``main`` points to, read from the ref files (no subprocess)."""
        return self.repository.ref(MAIN)

    def read_object(self, oid: str) -> bytes | None:
        """One object by its id, through the same persistent reader as ``read_file``."""
        return self._objects.read(oid)

    def read_file(self, rev: str, path: str) -> bytes | None:
        """One file at a commit, through the store's persistent ``cat-file --batch``."""
        return self._objects.read(f"{rev}:{path}")

    def resolve(self, revision: str) -> str:
        """The commit a (validated) revision name points to."""
        result = run_git(
            self.git_dir,
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            check=False,
        )
        if result.returncode != 0:
            raise BadInput(f"unknown revision {revision!r} in {self.root}")
        return result.stdout.decode().strip()

    def is_ancestor(self, older: str, newer: str) -> bool:
        result = run_git(
            self.git_dir,
            ["merge-base", "--is-ancestor", "--end-of-options", older, newer],
            check=False,
        )
        return result.returncode == 0

    # ------------------------------------------------------------------ writing

    def write(self, plan: Planner, *, when: str | None = None) -> str:
        """Commit what ``plan`` returns on top of ``main``; return the new commit id.

        ``plan`` runs again after a lost race, against the new head, so its checks
        (does the article exist? is the record still proposed?) always hold.
        """
        commit, _ = self.write_with_result(lambda snapshot: (plan(snapshot), None), when=when)
        return commit

    def write_with_result(
        self, plan: ResultPlanner[T], *, when: str | None = None
    ) -> tuple[str, T]:
        """``write``, for a planner that returns its result with its commit: the new commit
        id and the result of the plan that was committed."""
        self.finish_interrupted()
        deadline = time.monotonic() + 30.0
        held: dict[tuple[str, float], float] = {}
        for attempt in range(MAX_ATTEMPTS):
            head = self.head()
            planned, result = plan(Snapshot(self, head))
            self._refuse_unsafe_paths(planned.files)
            try:
                new = self._try_commit(head, planned, when)
            except _LostRace:
                pass
            except LockHeld as error:
                self._raise_if_stale(error, held)
            else:
                self._keep_commit_graph()
                return new, result
            if time.monotonic() > deadline:
                break
            # Full jitter: writers that collided spread out instead of colliding again.
            import random  # only writers that collided need it

            time.sleep(random.uniform(0, min(0.5, 0.005 * 2**attempt)))  # noqa: S311
        raise StoreLocked(f"{self.git_dir}: could not update {MAIN}: too many concurrent writers")

    def _try_commit(self, head: str | None, planned: PlannedCommit, when: str | None) -> str:
        index_lock = self.git_dir / "index.lock"
        if index_lock.exists() and self.work_tree_if_on_main() is not None:
            # The index must take the new files after the commit: wait for it (or give up,
            # naming the lock) before committing, not after.
            raise LockHeld(str(index_lock), f"{index_lock} exists")
        try:
            new = self.commit_on(head, planned, when)
        except OSError as error:
            raise _disk_error(self.git_dir, error, "nothing was written") from None
        self._move_main_and_work_tree(new, head, planned.files, planned.subject)
        return new

    def _move_main_and_work_tree(
        self, new: str, head: str | None, files: Mapping[str, bytes | None], why: str
    ) -> None:
        """Move ``main`` from ``head`` to ``new``, then bring the work tree and the index up to
        date for ``files``. A marker names the paths meanwhile, so a step killed in between
        is finished by the next command (see ``work_tree``)."""
        tree = self.work_tree_if_on_main()
        if tree is None:
            self._move_main(new, head, why)
            return
        try:
            marker = tree.begin_step(head, files)
        except OSError as error:
            raise _disk_error(self.git_dir, error, "nothing was written") from None
        try:
            self._move_main(new, head, why)
        except BaseException:
            tree.end_step(marker)
            raise
        try:
            tree.sync(files)
        except (OSError, StoreError) as error:
            raise self._undo_move(tree, marker, new, head, files, error) from None
        tree.end_step(marker)

    def _undo_move(
        self,
        tree: WorkTree,
        marker: Path,
        new: str,
        head: str | None,
        files: Mapping[str, bytes | None],
        error: OSError | StoreError,
    ) -> StoreError:
        """The work tree could not follow ``main`` (a full disk, a held index): put ``main``
        back where it was, unless another writer has built on it already, so the step
        fails whole. Whatever is left is finished by the next command (the marker stays)."""
        if isinstance(error, StoreLocked) or head is None:
            return error if isinstance(error, StoreError) else _disk_error(self.root, error, "")
        why = error.strerror if isinstance(error, OSError) else str(error)
        try:
            self._move_main(head, new, "undo: the work tree could not follow")
            tree.sync(files)
        except (OSError, StoreError, _LostRace):
            return DiskError(
                f"{self.root}: committed, but the work tree could not be updated ({why}); "
                "the next corrections command finishes it"
            )
        tree.end_step(marker)
        return DiskError(f"{self.root}: {why}; nothing was written")

    def commit_on(self, head: str | None, planned: PlannedCommit, when: str | None) -> str:
        """Make the commit ``planned`` describes on top of ``head``, without moving any ref."""
        if not planned.files:
            raise Refused("nothing to commit")
        base = None if head is None else self._tree_of(head)
        new_objects = NewObjects(self._object_format(base))
        stored = [data for data in planned.files.values() if data is not None]
        if len(stored) > BULK_THRESHOLD:
            blob_ids = iter(self._store_blobs(stored))  # an import: one pack for them all
        else:
            blob_ids = iter([new_objects.add(BLOB, data) for data in stored])
        changes = {
            path: None if data is None else next(blob_ids) for path, data in planned.files.items()
        }
        with self._lock:
            known = dict(self._trees)
        tree = build_tree(self._read_tree, base, changes, new_objects, known)
        if tree == base:
            raise Refused("nothing changed: the files already hold this content")
        self._store_objects(new_objects)
        with self._lock:
            self._trees = known  # the trees just made: the next step starts from them
        parents = ["-p", head] if head else []
        # Only SSH signatures are checked (against the store's allowed-signers file), so
        # the format is fixed here whatever the person's gpg.format says.
        command = ["commit-tree", tree, *parents, "-F", "-"]
        if planned.sign:
            command = ["-c", "gpg.format=ssh", "commit-tree", "-S", *command[1:]]
        try:
            made = run_git(
                self.git_dir,
                command,
                input=planned.message().encode(),
                env=planned.author.env(when),
            )
        except StoreError as error:
            if not planned.sign or isinstance(error, StoreLocked):
                raise
            reason = str(error).removeprefix("git -c: ")
            raise StoreError(
                "this store requires signed steps ([policy] require_signed) and git could "
                f"not sign: {reason}; set git's user.signingkey to your SSH key (see README)"
            ) from None
        return made.stdout.decode().strip()

    def _move_main(self, new: str, head: str | None, why: str) -> None:
        result = run_git(
            self.git_dir,
            ["update-ref", "-m", f"corrections: {why[:60]}", MAIN, new, head or ZERO],
            check=False,
        )
        if result.returncode != 0:
            stderr = result.stderr.decode("utf-8", "replace")
            if "but expected" in stderr or "already exists" in stderr or "is at" in stderr:
                raise _LostRace
            raise error_from(["update-ref"], stderr)

    def advance_main(self, new: str, expected: str | None, why: str) -> None:
        """Move ``main`` from ``expected`` to ``new`` (a compare-and-swap) and bring the work
        tree up to date for every path that differs; refused over uncommitted edits.
        Raises ``StoreLocked`` when another writer moved ``main`` meanwhile."""
        self.finish_interrupted()
        changed = self.changed_files(expected, new)
        self._refuse_unsafe_paths(changed)
        try:
            self._move_main_and_work_tree(new, expected, changed, why)
        except _LostRace:
            raise StoreLocked(f"{MAIN} moved while it was being updated: try again") from None

    def changed_files(self, old: str | None, new: str) -> dict[str, bytes | None]:
        """Paths that differ between two commits, with their content at ``new``."""
        if old is None:
            args = ["ls-tree", "-r", "-z", "--name-only", "--end-of-options", new]
        else:
            args = ["diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new, "--"]
        out = run_git(self.git_dir, args).stdout.decode("utf-8", "surrogateescape")
        return {path: self.read_file(new, path) for path in out.split("\0") if path}

    def _tree_of(self, commit: str) -> str:
        # A commit object starts with "tree <id>".
        data = self._objects.read(commit)
        first = data.split(b"\n", 1)[0].decode("ascii", "replace") if data else ""
        if not first.startswith("tree "):
            raise StoreError(f"{commit}: not a commit")
        return first.removeprefix("tree ")

    def _read_tree(self, oid: str) -> bytes:
        data = self._objects.read(oid)
        if data is None:
            raise StoreError(f"tree {oid} is missing from {self.git_dir}")
        return data

    def _object_format(self, tree: str | None) -> str:
        """The hash of the repository's objects: sha1, or sha256 for a store made so."""
        if tree is not None:
            return "sha256" if len(tree) == 64 else "sha1"
        out = run_git(self.git_dir, ["rev-parse", "--show-object-format"]).stdout
        return "sha256" if out.strip() == b"sha256" else "sha1"

    def _store_objects(self, new: NewObjects) -> None:
        """Store the step's new blobs and trees: one pack through ``unpack-objects``."""
        missing = {oid: obj for oid, obj in new.objects.items() if not self._has_object(oid)}
        if not missing:
            return
        run_git(
            self.git_dir,
            ["unpack-objects", "-q"],
            input=NewObjects(new.algorithm, missing).pack(),
        )
        # A store made by other means may lack core.fsync=added: make the new blobs durable
        # before a ref can point at them (trees get what core.fsync gives them, as with
        # write-tree).
        objects = self.repository.common_dir / "objects"
        for oid, (kind, _) in missing.items():
            if kind == BLOB:
                fsync_path(objects / oid[:2] / oid[2:])

    def _has_object(self, oid: str) -> bool:
        loose = self.repository.common_dir / "objects" / oid[:2] / oid[2:]
        return loose.exists()

    def _store_blobs(self, contents: list[bytes]) -> list[str]:
        if len(contents) <= BULK_THRESHOLD:
            return [self._store_blob(data) for data in contents]
        # Many files (an import): one fast-import writes them all into a single pack.
        marks = self.git_dir / f"corrections-marks-{os.getpid()}-{os.urandom(4).hex()}"
        stream = b"".join(
            b"blob\nmark :%d\ndata %d\n%s\n" % (number, len(data), data)
            for number, data in enumerate(contents, start=1)
        )
        try:
            run_git(
                self.git_dir, ["fast-import", "--quiet", f"--export-marks={marks}"], input=stream
            )
            by_mark = dict(line.split(" ", 1) for line in marks.read_text().splitlines())
        finally:
            with contextlib.suppress(FileNotFoundError):
                marks.unlink()
        return [by_mark[f":{number}"] for number in range(1, len(contents) + 1)]

    def _store_blob(self, data: bytes) -> str:
        # --no-filters: the bytes are stored as given, whatever .gitattributes says.
        hexsha = (
            run_git(self.git_dir, ["hash-object", "-w", "--no-filters", "--stdin"], input=data)
            .stdout.decode()
            .strip()
        )
        # A store made by other means may lack core.fsync=added: make the loose object
        # durable before a ref can point at it (a no-op when git had the object already).
        fsync_path(self.repository.common_dir / "objects" / hexsha[:2] / hexsha[2:])
        return hexsha

    def _raise_if_stale(self, error: LockHeld, held: dict[tuple[str, float], float]) -> None:
        """Give up on a lock that is old, or that the same file has held for seconds: a
        writer holds one for milliseconds, so it was left by a process that died."""
        try:
            mtime = Path(error.lock_path).stat().st_mtime
        except FileNotFoundError:
            return  # released meanwhile: retry
        age = time.time() - mtime
        first_seen = held.setdefault((error.lock_path, mtime), time.monotonic())
        if age > STALE_LOCK_SECONDS or time.monotonic() - first_seen > LOCK_PATIENCE_SECONDS:
            raise StoreLocked(
                f"{error.lock_path} has been there for {int(age)} s: a git process was "
                "probably killed; check that none is running, then run "
                "'corrections doctor --repair' (nothing was written)"
            )

    # ------------------------------------------------------------------ work tree

    def _on_main(self) -> bool:
        if self.work_tree is None:
            return False
        return self.repository.head_branch() == MAIN

    def work_tree_if_on_main(self) -> WorkTree | None:
        """The work tree, when it is a checkout of ``main`` (the tool keeps it in step)."""
        if self.work_tree is None or not self._on_main():
            return None
        return WorkTree(self, self.work_tree)

    def finish_interrupted(self) -> list[str]:
        """Finish what a killed step left undone; the paths brought up to date are also
        kept in ``self.repaired`` for the front end to report."""
        tree = self.work_tree_if_on_main()
        fixed = tree.finish_abandoned() if tree is not None else []
        if fixed:
            with self._lock:
                self.repaired.extend(p for p in fixed if p not in self.repaired)
        return fixed

    def _refuse_unsafe_paths(self, files: Mapping[str, bytes | None]) -> None:
        """Refuse to write through a symbolic link, or over a path the user has edited,
        staged or created by hand. A path that is only behind ``main`` (another step is
        copying it, or one was killed) is not an edit: it is brought up to date."""
        if self.work_tree is not None:
            refuse_symlinks(self.work_tree, files)
        tree = self.work_tree_if_on_main()
        if tree is None or not files:
            return
        dirty = tree.uncommitted(files)
        if not dirty:
            return
        behind = set(tree.behind(dirty))
        edited = [p for p in dirty if p not in behind]
        if edited:
            raise Refused(
                f"{tree.root / edited[0]} has uncommitted changes (see 'git diff HEAD -- "
                f"{edited[0]}'); keep them aside with 'git stash', then try again "
                "(nothing was written)"
            )

    def optimize(self) -> None:
        """Write git's commit-graph with changed-path Bloom filters: walking one article's
        history then skips the commits that cannot have touched it. It is written as a
        chain of layers, which later steps extend (see ``_keep_commit_graph``)."""
        run_git(
            self.git_dir,
            [*_GRAPH_WRITE, "--split=replace"],
        )
        self._graph_pending().unlink(missing_ok=True)

    def _graph_pending(self) -> Path:
        return self.git_dir / "corrections" / "graph-pending"

    def _keep_commit_graph(self) -> None:
        """In a store whose commit-graph is kept (``optimize`` started it), every
        ``GRAPH_EVERY``-th step adds the new commits to it as a small layer, with their
        changed-path filters (milliseconds: only the new commits are read), so history
        walks stay fast. Failing here never fails the step."""
        chain = self.repository.common_dir / "objects" / "info" / "commit-graphs"
        if not (chain / "commit-graph-chain").exists():
            return
        counter = self._graph_pending()
        with self._lock:
            try:
                pending = int(counter.read_text()) + 1
            except (OSError, ValueError):
                pending = 1
            with contextlib.suppress(OSError):
                if pending < GRAPH_EVERY:
                    atomic_write(counter, str(pending).encode(), durable=False)
                    return
                counter.unlink(missing_ok=True)
        with contextlib.suppress(StoreError):
            run_git(
                self.git_dir,
                [*_GRAPH_WRITE, "--split"],
            )

    # ------------------------------------------------------------------ locks

    def lock_files(self) -> Iterator[tuple[Path, float]]:
        """Lock files git can leave (``index.lock``, ``HEAD.lock``, ``packed-refs.lock``,
        ``config.lock``, ref and reflog locks) and the tool's private indexes, with their
        age in seconds."""
        now = time.time()
        found = [
            *self.git_dir.glob("*.lock"),
            *self.git_dir.glob("refs/**/*.lock"),
            *self.git_dir.glob("logs/**/*.lock"),
            *self.git_dir.glob("corrections-index-*"),
            *self.git_dir.glob("corrections-marks-*"),
        ]
        for path in sorted(set(found)):
            with contextlib.suppress(FileNotFoundError):
                yield path, now - path.stat().st_mtime


class _LostRace(Exception):
    """Another writer moved ``main`` between our read and our update-ref."""


def _disk_error(git_dir: Path, error: OSError, outcome: str) -> DiskError:
    where = error.filename or git_dir
    return DiskError(f"{where}: {error.strerror or error}; {outcome}".rstrip("; "))
