"""Reading objects through ``git cat-file --batch``: the store's persistent reader and the
stream for many objects share one policy. A missing object is named, git's standard error
is kept and said, and a reader whose process was killed starts a new one, once."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.errors import StoreError
from corrections.store import bulk
from corrections.store.git_store import GitStore
from corrections.store.gitcmd import run_git, start_git
from corrections.store.objects import ObjectReader, read_objects
from tests.support import EDITOR, write_article

MISSING = "0123456789abcdef0123456789abcdef01234567"


def children_running(*argv: str) -> list[int]:
    """The pids of this process's children whose command line holds ``argv`` in order."""
    wanted = "\0".join(argv).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and wanted in command:
            found.append(int(entry.name))
    return found


def blob_ids(store: GitStore) -> dict[str, str]:
    return bulk.ls_tree(store.git_dir, store.head() or "", "articles")


def test_the_stream_names_a_missing_object(store: GitStore) -> None:
    blobs = list(blob_ids(store).values())
    with pytest.raises(StoreError, match=f"git cat-file: {MISSING} is missing from "):
        list(read_objects(store.git_dir, [*blobs, MISSING]))
    # Names that may not exist: the answer is None, in its place, and the rest still come.
    head = store.head()
    names = [f"{head}:corrections.toml", f"{head}:no/such/file", MISSING, f"{head}:a\nb", *blobs]
    found = list(read_objects(store.git_dir, names, missing_ok=True))
    assert [name for name, _ in found] == names
    assert [data is None for _, data in found] == [False, True, True, True] + [False] * len(blobs)
    assert found[0][1] == store.read_file(head or "", "corrections.toml")


def test_the_stream_says_what_git_said_when_it_cannot_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"ended before HEAD was read: not a git repository"):
        list(read_objects(tmp_path / "nowhere.git", ["HEAD"]))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_stream_killed_midway_names_the_object_it_was_reading(
    store: GitStore, tmp_path: Path
) -> None:
    # More than a pipe holds, so git is still writing when it is killed.
    files = [write_article(tmp_path, f"big{n}.md", f"Big {n}", "words " * 40_000) for n in range(8)]
    services.add_articles(store, files, EDITOR)
    blobs = sorted(oid for path, oid in blob_ids(store).items() if "/big" in path)
    stream = read_objects(store.git_dir, blobs)
    first, _ = next(stream)
    assert first == blobs[0]
    (pid,) = children_running("cat-file", "--batch", "--buffer")
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(StoreError, match=r"git cat-file: ended before [0-9a-f]{40} was read"):
        list(stream)
    assert children_running("cat-file", "--batch", "--buffer") == []


def test_a_killed_reader_is_started_again_once(store: GitStore) -> None:
    reader = ObjectReader(store.git_dir)
    head = store.head() or ""
    expected = reader.read(f"{head}:corrections.toml")
    assert expected is not None
    assert reader.started == 1
    process = reader._process
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert reader.read(f"{head}:corrections.toml") == expected
    assert reader.started == 2
    assert reader.read(f"{head}:corrections.toml") == expected
    assert reader.started == 2  # the new process serves the reads that follow
    reader.close()
    assert reader._process is None


def test_a_reader_that_cannot_start_again_says_why_and_tries_once(tmp_path: Path) -> None:
    reader = ObjectReader(tmp_path / "nowhere.git")
    with pytest.raises(StoreError, match=r"ended before HEAD was read: not a git repository"):
        reader.read("HEAD")
    assert reader.started == 2  # the first process and one more, never a loop
    reader.close()


def test_a_missing_object_is_none_and_an_ambiguous_name_is_named(store: GitStore) -> None:
    # Enough blobs that two of them share the first four digits of their ids.
    stream = b"".join(b"blob\ndata %d\n%d\n" % (len(str(n)) + 1, n) for n in range(3000))
    run_git(store.git_dir, ["fast-import", "--quiet"], input=stream)
    listed = run_git(store.git_dir, ["cat-file", "--batch-all-objects", "--batch-check"]).stdout
    prefixes = [line[:4].decode() for line in listed.splitlines()]
    shared = next(p for p in prefixes if prefixes.count(p) > 1)
    reader = ObjectReader(store.git_dir)
    assert reader.read(MISSING) is None
    assert reader.read("HEAD:no/such/file") is None
    with pytest.raises(StoreError, match=f"git cat-file: cannot read {shared}: {shared} ambiguous"):
        reader.read(shared)
    assert reader.read("HEAD:corrections.toml") is not None  # still in step
    assert reader.started == 1
    reader.close()
    with pytest.raises(StoreError, match=f"cannot read {shared}: {shared} ambiguous"):
        list(read_objects(store.git_dir, [shared], missing_ok=True))


def test_git_may_say_much_on_stderr_while_its_output_is_read(store: GitStore) -> None:
    """Standard error never fills a pipe nobody reads: git does not stall, and what it
    said is kept."""
    paths = [f"nothing/here-{n:05d}" for n in range(15_000)]
    process = start_git(
        store.git_dir, ["ls-files", "--error-unmatch", "--", *paths], cwd=store.root
    )
    assert process.stdout is not None
    assert process.stdout.read() == b""
    assert process.wait(timeout=120) != 0
    process.stop()
    said = process.stderr_text()
    assert len(said) > 1_000_000  # far more than a pipe holds
    assert said.count("did not match any file(s) known to git") == 15_000
    assert str(process.error()).startswith("git ls-files: pathspec 'nothing/here-00000' did not")


@pytest.mark.skipif(not hasattr(os, "memfd_create"), reason="files in memory are Linux's")
def test_git_runs_and_is_heard_without_a_usable_temporary_directory(
    store: GitStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    assert run_git(store.git_dir, ["rev-parse", "HEAD"]).stdout.decode().strip() == store.head()
    with pytest.raises(StoreError, match="git log: unrecognized argument: --no-such-option"):
        run_git(store.git_dir, ["log", "--no-such-option"])
