"""Opening a store and reading from it through git itself: where the repository is, refs
(loose and packed), the persistent object reader shared by threads, and git's config."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from corrections.domain.errors import StoreNotFound
from corrections.store.git_store import MAIN, GitStore
from corrections.store.repository import locate
from corrections.store.setup import identity_from, set_local_identity
from tests.support import EDITOR, git


def test_a_subdirectory_or_a_missing_path_is_no_repository(
    store_path: Path, tmp_path: Path
) -> None:
    for path in (store_path / "articles", tmp_path / "absent", store_path / "corrections.toml"):
        with pytest.raises(StoreNotFound, match=r": not a corrections store \(no git repository\)"):
            GitStore.open(path)


def test_paths_keep_the_form_they_were_given(store_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(store_path)
    with GitStore.open(link) as store:
        assert store.root == store.work_tree == link
        assert store.git_dir == link / ".git"
    at_git_dir = locate(store_path / ".git")
    assert at_git_dir.work_tree == store_path
    assert at_git_dir.git_dir == store_path / ".git"


def test_a_bare_repository_has_no_work_tree(store_path: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(store_path), str(bare))
    with GitStore.open(bare) as store:
        assert store.work_tree is None
        assert store.root == store.git_dir == bare
        assert store.head() == git(store_path, "rev-parse", "main").strip()


def test_head_is_read_from_packed_refs_too(store: GitStore, store_path: Path) -> None:
    expected = git(store_path, "rev-parse", "main").strip()
    git(store_path, "pack-refs", "--all")
    assert not (store_path / ".git" / MAIN).exists()
    assert store.head() == expected
    assert store.repository.ref("refs/remotes/origin/main") is None


def test_reads_are_shared_by_threads_and_survive_a_killed_reader(store: GitStore) -> None:
    head = store.head()
    assert head is not None
    expected = store.read_file(head, "corrections.toml")
    assert expected is not None
    assert store.read_file(head, "no/such/file") is None
    assert store.read_file(head, "corrections.toml\nHEAD") is None
    results: list[bytes | None] = []

    def read_many() -> None:
        results.extend(store.read_file(head, "corrections.toml") for _ in range(50))

    threads = [threading.Thread(target=read_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 200
    process = store._objects._process
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert store.read_file(head, "corrections.toml") == expected
    store.close()
    assert store._objects._process is None


def test_identity_comes_from_git_config(store: GitStore, store_path: Path) -> None:
    git(store_path, "config", "user.name", "Robin Writer")
    git(store_path, "config", "user.email", "robin@example.org")
    me = identity_from(store, None, {})
    assert (me.name, me.email) == ("Robin Writer", "robin@example.org")
    set_local_identity(store, EDITOR)
    assert git(store_path, "config", "--get-all", "user.name").strip() == EDITOR.name
    assert identity_from(store, None, {}) == EDITOR
