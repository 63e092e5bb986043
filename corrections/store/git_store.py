"""The newsroom store: a git repository whose ``main`` branch holds articles and records.

Writes follow one protocol, safe under concurrent writers (see ``_try_commit``):
blobs are stored, a tree is built in a *private* index (``GIT_INDEX_FILE``), the commit is
made with ``commit-tree`` and published with ``update-ref main NEW OLD``, a compare-and-swap.
A writer that loses the race re-plans against the new head and tries again, with jitter.
Only after the ref moved is the working tree brought up to date, for the written paths only.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import secrets
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import git
from gitdb import IStream

from corrections.domain.errors import BadInput, Refused, StoreError, StoreLocked, StoreNotFound
from corrections.store.gitcmd import LockHeld, run_git

MAIN = "refs/heads/main"
ZERO = "0" * 40
MAX_ATTEMPTS = 50
STALE_LOCK_SECONDS = 60.0
BULK_THRESHOLD = 16
_TRAILER_KEY = re.compile(r"^[A-Z][A-Za-z-]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Identity:
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


@dataclass(frozen=True)
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


Planner = Callable[[Snapshot], PlannedCommit]


class GitStore:
    """A store opened at ``root`` (a work tree) or at a bare repository."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.git_dir = Path(repo.git_dir)
        self.work_tree = None if repo.bare else Path(repo.working_tree_dir or ".")
        self.root = self.work_tree or self.git_dir

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path) -> GitStore:
        try:
            repo = git.Repo(path)
        except (git.NoSuchPathError, git.InvalidGitRepositoryError):
            raise StoreNotFound(f"{path}: not a corrections store (no git repository)") from None
        return cls(repo)

    def close(self) -> None:
        # GitPython keeps cat-file processes alive; long runs must let them go.
        self.repo.close()

    def __enter__(self) -> GitStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading

    def head(self) -> str | None:
        """The commit ``main`` points to, read from the ref files (no subprocess)."""
        ref = git.Reference(self.repo, MAIN, check_path=False)
        try:
            return ref.commit.hexsha
        except ValueError:
            return None

    def read_file(self, rev: str, path: str) -> bytes | None:
        """One file at a commit, through GitPython's persistent ``cat-file --batch``."""
        try:
            _, _, size, stream = self.repo.git.stream_object_data(f"{rev}:{path}")
        except ValueError:
            return None
        data: bytes = stream.read()
        return data[:size]

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
        deadline = time.monotonic() + 30.0
        for attempt in range(MAX_ATTEMPTS):
            head = self.head()
            planned = plan(Snapshot(self, head))
            self._refuse_uncommitted_edits(planned.files)
            try:
                new = self._try_commit(head, planned, when)
            except _LostRace:
                pass
            except LockHeld as error:
                self._raise_if_stale(error)
            else:
                self._sync_work_tree(planned.files)
                return new
            if time.monotonic() > deadline:
                break
            # Full jitter: writers that collided spread out instead of colliding again.
            time.sleep(random.uniform(0, min(0.5, 0.005 * 2**attempt)))  # noqa: S311
        raise StoreLocked(f"{self.git_dir}: could not update {MAIN}: too many concurrent writers")

    def _try_commit(self, head: str | None, planned: PlannedCommit, when: str | None) -> str:
        new = self.commit_on(head, planned, when)
        self._move_main(new, head, planned.subject)
        return new

    def commit_on(self, head: str | None, planned: PlannedCommit, when: str | None) -> str:
        """Make the commit ``planned`` describes on top of ``head``, without moving any ref."""
        if not planned.files:
            raise Refused("nothing to commit")
        paths = sorted(planned.files)
        contents = [planned.files[p] for p in paths]
        blob_ids = iter(self._store_blobs([c for c in contents if c is not None]))
        index_lines = [
            f"0 {ZERO}\t{path}\n" if data is None else f"100644 {next(blob_ids)}\t{path}\n"
            for path, data in zip(paths, contents, strict=True)
        ]
        index_file = self.git_dir / f"corrections-index-{os.getpid()}-{secrets.token_hex(4)}"
        env = {"GIT_INDEX_FILE": str(index_file)}
        try:
            if head is None:
                run_git(self.git_dir, ["read-tree", "--empty"], env=env)
            else:
                run_git(self.git_dir, ["read-tree", "--end-of-options", head], env=env)
            run_git(
                self.git_dir,
                ["update-index", "--add", "--remove", "-z", "--index-info"],
                input="".join(index_lines).replace("\n", "\0").encode(),
                env=env,
            )
            tree = run_git(self.git_dir, ["write-tree"], env=env).stdout.decode().strip()
        finally:
            with contextlib.suppress(FileNotFoundError):
                index_file.unlink()
        if head is not None and tree == self._tree_of(head):
            raise Refused("nothing changed: the files already hold this content")
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
            from corrections.store.gitcmd import error_from

            raise error_from(["update-ref"], stderr)

    def advance_main(self, new: str, expected: str | None, why: str) -> None:
        """Move ``main`` from ``expected`` to ``new`` (a compare-and-swap) and bring the work
        tree up to date for every path that differs; refused over uncommitted edits.
        Raises ``StoreLocked`` when another writer moved ``main`` meanwhile."""
        changed = self.changed_files(expected, new)
        self._refuse_uncommitted_edits(changed)
        try:
            self._move_main(new, expected, why)
        except _LostRace:
            raise StoreLocked(f"{MAIN} moved while it was being updated: try again") from None
        self._sync_work_tree(changed)

    def changed_files(self, old: str | None, new: str) -> dict[str, bytes | None]:
        """Paths that differ between two commits, with their content at ``new``."""
        if old is None:
            args = ["ls-tree", "-r", "-z", "--name-only", "--end-of-options", new]
        else:
            args = ["diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new, "--"]
        out = run_git(self.git_dir, args).stdout.decode("utf-8", "surrogateescape")
        return {path: self.read_file(new, path) for path in out.split("\0") if path}

    def _tree_of(self, commit: str) -> str:
        return str(self.repo.commit(commit).tree.hexsha)

    def _store_blobs(self, contents: list[bytes]) -> list[str]:
        if len(contents) <= BULK_THRESHOLD:
            return [self._store_blob(data) for data in contents]
        # Many files (an import): one fast-import writes them all into a single pack.
        marks = self.git_dir / f"corrections-marks-{os.getpid()}-{secrets.token_hex(4)}"
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
        stored = self.repo.odb.store(IStream(b"blob", len(data), io.BytesIO(data)))
        hexsha = stored.hexsha.decode() if isinstance(stored.hexsha, bytes) else stored.hexsha
        # The loose object was written in Python; make it as durable as git's own writes
        # (core.fsync=added) before a ref can point at it.
        _fsync_path(self.git_dir / "objects" / hexsha[:2] / hexsha[2:])
        return str(hexsha)

    def _raise_if_stale(self, error: LockHeld) -> None:
        try:
            age = time.time() - Path(error.lock_path).stat().st_mtime
        except FileNotFoundError:
            return  # released meanwhile: retry
        if age > STALE_LOCK_SECONDS:
            raise StoreLocked(
                f"{error.lock_path} is {int(age)} s old: a git process was probably killed; "
                "check no git command is running, then run 'corrections doctor --remove-stale'"
            )

    # ------------------------------------------------------------------ work tree

    def _on_main(self) -> bool:
        if self.work_tree is None:
            return False
        try:
            return bool(self.repo.head.is_detached is False and self.repo.head.ref.path == MAIN)
        except (TypeError, ValueError):
            return False

    def _refuse_uncommitted_edits(self, files: Mapping[str, bytes | None]) -> None:
        """Refuse to write a path the user has edited, staged or created by hand."""
        if not self._on_main() or not files:
            return
        # Many paths (an import) are checked through their directories, in one call.
        pathspec = (
            sorted(files)
            if len(files) <= 64
            else sorted({f"{os.path.dirname(p) or '.'}/" for p in files})
        )
        status = run_git(
            self.git_dir,
            [
                "status",
                "--porcelain=v1",
                "-z",
                "--no-renames",
                "--untracked-files=all",
                "--",
                *pathspec,
            ],
            cwd=self.work_tree,
            env={"GIT_OPTIONAL_LOCKS": "0"},
        ).stdout.decode("utf-8", "surrogateescape")
        dirty = [entry[3:] for entry in status.split("\0") if entry and entry[3:] in files]
        if dirty:
            raise Refused(
                f"{dirty[0]} has uncommitted changes in {self.work_tree}; "
                "commit or stash them first (nothing was written)"
            )

    def _sync_work_tree(self, files: Mapping[str, bytes | None]) -> None:
        if not self._on_main() or self.work_tree is None:
            return
        for path, data in files.items():
            target = self.work_tree / path
            if data is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
            else:
                # The commit is already durable; the work tree is a copy of it, so no fsync.
                atomic_write(target, data, durable=False)
        # Record the new content in the real index too, or `git status` would show the
        # commit as a staged reversal. The index lock is shared with the user's git.
        for attempt in range(20):
            try:
                run_git(
                    self.git_dir,
                    ["update-index", "--add", "--remove", "-z", "--stdin"],
                    input="\0".join(files).encode() + b"\0",
                    cwd=self.work_tree,
                )
                return
            except LockHeld:
                time.sleep(0.01 * (attempt + 1))
        raise StoreLocked(
            f"committed, but {self.git_dir / 'index.lock'} stayed locked: run "
            f"'git reset -q -- {' '.join(files)}' once the other git command ends"
        )

    def optimize(self) -> None:
        """Write git's commit-graph with changed-path Bloom filters: walking one article's
        history then skips the commits that cannot have touched it."""
        run_git(self.git_dir, ["commit-graph", "write", "--reachable", "--changed-paths"])

    # ------------------------------------------------------------------ locks

    def lock_files(self) -> Iterator[tuple[Path, float]]:
        """Lock files left in the repository, with their age in seconds."""
        now = time.time()
        for path in [self.git_dir / "index.lock", *self.git_dir.glob("refs/**/*.lock")]:
            with contextlib.suppress(FileNotFoundError):
                yield path, now - path.stat().st_mtime
        if (self.git_dir / "packed-refs.lock").exists():
            path = self.git_dir / "packed-refs.lock"
            yield path, now - path.stat().st_mtime
        for path in self.git_dir.glob("corrections-index-*"):
            with contextlib.suppress(FileNotFoundError):
                yield path, now - path.stat().st_mtime


class _LostRace(Exception):
    """Another writer moved ``main`` between our read and our update-ref."""


def _fsync_path(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a file so a reader sees the old or the new bytes, never half of them."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
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
