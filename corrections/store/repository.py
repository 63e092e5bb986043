"""Where a store's repository is, and what its refs point to, without a git library.

Opening a store asks git once (``rev-parse``) where the repository is; refs and ``HEAD`` are
then read from their files, as git writes them (a loose ref file, else ``packed-refs``),
falling back to ``git rev-parse`` for anything unusual (a symbolic ref, another ref format).
Paths keep the form the caller gave (absolute, not resolved through symbolic links).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from corrections.domain.errors import StoreNotFound
from corrections.domain.frozen import frozen
from corrections.store.gitcmd import error_from, run_git

_OBJECT_ID = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")


@frozen
class Repository:
    """Where a store's git repository is: its git folder and its work tree."""

    git_dir: Path
    common_dir: Path  # shared by linked work trees: refs, objects, configuration
    work_tree: Path | None  # None for a bare repository

    def ref(self, name: str) -> str | None:
        """The object id the full ref ``name`` (``refs/heads/main``) points to, or None."""
        try:
            text = (self.common_dir / name).read_text("ascii", "replace").strip()
        except FileNotFoundError:
            text = self._packed(name) or ""
            if not text:
                return None
        except OSError:
            text = ""
        if _OBJECT_ID.match(text):
            return text
        result = run_git(
            self.git_dir,
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"],
            check=False,
        )
        found = result.stdout.decode("ascii", "replace").strip()
        return found if result.returncode == 0 and _OBJECT_ID.match(found) else None

    def _packed(self, name: str) -> str | None:
        # git writes packed-refs before deleting a loose ref, so a ref missing above is here.
        try:
            lines = (self.common_dir / "packed-refs").read_text("utf-8", "replace").splitlines()
        except FileNotFoundError:
            return None
        for line in lines:
            oid, _, ref = line.partition(" ")
            if ref == name:
                return oid
        return None

    def head_branch(self) -> str | None:
        """The full ref ``HEAD`` names (``refs/heads/main``), or None when it is detached."""
        try:
            text = (self.git_dir / "HEAD").read_text("utf-8", "replace").strip()
        except OSError:
            return None
        if text.startswith("ref: "):
            return text.removeprefix("ref: ").strip()
        return None


def locate(path: Path) -> Repository:
    """The repository at ``path`` itself (a work tree, or a git directory), never one above."""
    where = Path(os.path.normpath(os.path.abspath(os.path.expanduser(path))))
    if not where.is_dir():
        raise StoreNotFound(f"{path}: not a corrections store (no git repository)")
    args = ["rev-parse", "--absolute-git-dir", "--git-common-dir", "--is-bare-repository"]
    # The ceiling stops git looking in the directories above: a store's subdirectory is
    # not a store.
    result = run_git(
        None, args, cwd=where, env={"GIT_CEILING_DIRECTORIES": str(where.parent)}, check=False
    )
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0:
        if "not a git repository" in stderr:
            raise StoreNotFound(f"{path}: not a corrections store (no git repository)")
        raise error_from(args, stderr)
    found, common, bare = result.stdout.decode("utf-8", "surrogateescape").splitlines()[:3]
    git_dir = next(
        (c for c in (where / ".git", where) if os.path.realpath(c) == os.path.realpath(found)),
        Path(found),
    )
    # A work tree opened at its git directory is the directory that holds it.
    work_tree = where.parent if git_dir == where else where
    common_dir = Path(os.path.normpath(os.path.join(where, common)))
    return Repository(
        git_dir=git_dir, common_dir=common_dir, work_tree=None if bare == "true" else work_tree
    )
