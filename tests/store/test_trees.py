"""A step's tree is built from its parent's trees, not through an index: it must be exactly
the tree ``git write-tree`` makes from an index holding the same changes."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from corrections.domain.errors import Refused
from corrections.store.git_store import GitStore, PlannedCommit
from corrections.store.repository import locate
from tests.support import EDITOR, git

START = {
    "a.txt": b"a\n",
    "a-b": b"dash\n",
    "a/inner.md": b"inner\n",
    "a/deep/x.md": b"x\n",
    "articles/one.md": b"one\n",
    "articles/two words.md": b"two\n",
    "articles/zz.md": b"zz\n",
    "lonely/only.md": b"only\n",
    "z": b"last\n",
}


def _repo(path: Path, object_format: str = "sha1") -> GitStore:
    git(path.parent, "init", "-q", "-b", "main", f"--object-format={object_format}", path.name)
    for name, data in START.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    os.chmod(path / "z", 0o755)
    os.symlink("a.txt", path / "link")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "start")
    return GitStore(locate(path))


def _tree_through_index(path: Path, head: str, files: Mapping[str, bytes | None]) -> str:
    """What the index-based protocol writes: read-tree, update-index, write-tree."""
    env = {**os.environ, "GIT_INDEX_FILE": str(path / ".git" / "test-index")}
    lines = []
    for name, data in files.items():
        if data is None:
            lines.append(f"0 {'0' * len(head)}\t{name}")
            continue
        blob = subprocess.run(
            ["git", "-C", str(path), "hash-object", "-w", "--no-filters", "--stdin"],
            input=data,
            capture_output=True,
            check=True,
        ).stdout.decode()
        lines.append(f"100644 {blob.strip()}\t{name}")
    subprocess.run(["git", "-C", str(path), "read-tree", head], env=env, check=True)
    subprocess.run(
        ["git", "-C", str(path), "update-index", "--add", "--remove", "--index-info"],
        input="\n".join(lines).encode() + b"\n",
        env=env,
        check=True,
    )
    written = subprocess.run(
        ["git", "-C", str(path), "write-tree"], env=env, capture_output=True, check=True
    )
    return written.stdout.decode().strip()


CASES: dict[str, dict[str, bytes | None]] = {
    "replace a file": {"articles/one.md": b"one, corrected\n"},
    "add beside others": {"articles/new.md": b"new\n", "articles/a.md": b"first\n"},
    "add in new folders": {"corrections/slug/id-1/proposal.yaml": b"p: 1\n"},
    "delete a file": {"articles/zz.md": None},
    "delete the last file of a folder": {"lonely/only.md": None},
    "delete a whole nested folder's files": {"a/inner.md": None, "a/deep/x.md": None},
    "a name sorting between a file and a folder": {"a.md": b"m\n", "a0": b"zero\n"},
    "a name with a space": {"articles/two words.md": b"changed\n", "articles/two.md": b"2\n"},
    "delete what is not there": {"nothing/here.md": None, "articles/one.md": b"1\n"},
    "an executable replaced by a plain file": {"z": b"last, plain\n"},
    "a file where a folder was": {"lonely": b"now a file\n"},
    "a folder where a file was": {"a.txt/under.md": b"under\n"},
    "many files at once": {f"articles/bulk-{n:03d}.md": b"%d\n" % n for n in range(40)},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_tree_built_equals_write_tree_of_an_index(tmp_path: Path, case: str) -> None:
    store = _repo(tmp_path / "repo")
    try:
        head = store.head()
        assert head is not None
        files = CASES[case]
        commit = store.commit_on(head, PlannedCommit(files, case, EDITOR), None)
        built = git(tmp_path / "repo", "rev-parse", f"{commit}^{{tree}}").strip()
        assert built == _tree_through_index(tmp_path / "repo", head, files)
        git(tmp_path / "repo", "fsck", "--strict", "--no-dangling")
    finally:
        store.close()


def test_sha256_stores_get_the_same_tree_as_write_tree(tmp_path: Path) -> None:
    store = _repo(tmp_path / "repo", "sha256")
    try:
        head = store.head()
        assert head is not None
        assert len(head) == 64
        files = {"articles/one.md": b"changed\n", "new/deep/file.md": b"n\n", "z": None}
        commit = store.commit_on(head, PlannedCommit(files, "sha256", EDITOR), None)
        built = git(tmp_path / "repo", "rev-parse", f"{commit}^{{tree}}").strip()
        assert built == _tree_through_index(tmp_path / "repo", head, files)
    finally:
        store.close()


def test_the_first_commit_of_an_empty_repository(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    git(tmp_path, "init", "-q", "-b", "main", path.name)
    store = GitStore(locate(path))
    try:
        commit = store.commit_on(None, PlannedCommit({"x/y.md": b"y\n"}, "first", EDITOR), None)
        assert git(path, "ls-tree", "-r", "--name-only", commit).split() == ["x/y.md"]
        assert git(path, "show", f"{commit}:x/y.md") == "y\n"
    finally:
        store.close()


def test_writing_what_is_already_there_is_refused(tmp_path: Path) -> None:
    store = _repo(tmp_path / "repo")
    try:
        head = store.head()
        with pytest.raises(Refused, match="nothing changed"):
            store.commit_on(
                head, PlannedCommit({"articles/one.md": b"one\n"}, "same", EDITOR), None
            )
        with pytest.raises(Refused, match="nothing changed"):
            store.commit_on(head, PlannedCommit({"gone.md": None}, "none", EDITOR), None)
    finally:
        store.close()


def test_steps_in_a_row_start_from_the_trees_the_last_one_made(tmp_path: Path) -> None:
    """A store keeps the trees it made parsed; each next step must still give write-tree's
    tree, whatever the order of its changes."""
    path = tmp_path / "repo"
    store = _repo(path)
    try:
        for case in sorted(CASES):
            head = store.head()
            assert head is not None
            files = CASES[case]
            expected = _tree_through_index(path, head, files)
            if expected == git(path, "rev-parse", f"{head}^{{tree}}").strip():
                continue  # nothing left to change after the earlier steps
            commit = store.commit_on(head, PlannedCommit(files, case, EDITOR), None)
            assert git(path, "rev-parse", f"{commit}^{{tree}}").strip() == expected, case
            git(path, "update-ref", "refs/heads/main", commit)
        assert store._trees  # the last step's trees are kept
    finally:
        store.close()
