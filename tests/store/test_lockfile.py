"""The step lock: held by the kernel, waited for with a time limit, gone with its holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from corrections.domain.errors import StoreError, StoreLocked
from corrections.store import lockfile, work_tree
from corrections.store.git_store import GitStore

# A second process that takes the lock, says so, and then holds it until it is killed.
HOLDER = """
import sys, time
from pathlib import Path
from corrections.store import lockfile
with lockfile.held(Path(sys.argv[1]), timeout=5):
    print("held", flush=True)
    time.sleep(60)
"""


def hold_in_another_process(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    return holder


def test_a_lock_held_elsewhere_is_waited_for_and_then_given_up(tmp_path: Path) -> None:
    path = tmp_path / "step.flock"
    holder = hold_in_another_process(path)
    try:
        start = time.monotonic()
        with pytest.raises(lockfile.LockTimeout, match=r"step\.flock"), lockfile.held(path, 0.3):
            pytest.fail("the lock was taken while another process held it")
        assert time.monotonic() - start >= 0.3
    finally:
        holder.kill()
        holder.wait()


def test_a_holder_that_dies_leaves_no_lock_behind(tmp_path: Path) -> None:
    path = tmp_path / "step.flock"
    holder = hold_in_another_process(path)
    os.kill(holder.pid, signal.SIGKILL)  # no finally, no clean-up: the kernel lets go
    holder.wait()
    with lockfile.held(path, timeout=0):
        assert path.exists()


def test_a_second_thread_waits_until_the_first_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "step.flock"
    order: list[str] = []
    first_has_it = threading.Event()

    def first() -> None:
        with lockfile.held(path, timeout=5):
            first_has_it.set()
            time.sleep(0.2)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_has_it.wait()
    with lockfile.held(path, timeout=5):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]


def test_the_lock_is_never_taken_through_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("precious\n")
    path = tmp_path / "step.flock"
    path.symlink_to(target)
    with pytest.raises(OSError), lockfile.held(path, timeout=0):
        pass
    assert target.read_text() == "precious\n"


def checkout(store: GitStore) -> work_tree.WorkTree:
    tree = store.work_tree_if_on_main()
    assert tree is not None
    return tree


def test_a_step_locked_out_says_which_lock_and_what_to_do(
    store: GitStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work_tree, "LOCK_WAIT", 0.2)
    holder = hold_in_another_process(store.git_dir / work_tree.LOCK_NAME)
    try:
        expected = r"work-tree\.flock: .* for 0\.2 s; try again"
        with pytest.raises(StoreLocked, match=expected), checkout(store).locked():
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_planted_link_in_place_of_the_lock_is_a_clear_error(
    store: GitStore, tmp_path: Path
) -> None:
    lock = store.git_dir / work_tree.LOCK_NAME
    lock.unlink(missing_ok=True)
    lock.symlink_to(tmp_path / "elsewhere")
    expected = r"work-tree\.flock: cannot take the work-tree lock"
    with pytest.raises(StoreError, match=expected), checkout(store).locked():
        pass
    assert not (tmp_path / "elsewhere").exists()
