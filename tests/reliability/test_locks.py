"""Every lock git can leave, and a work tree left behind ``main`` with nothing to say so:
a step names the lock in one line and writes nothing; ``doctor`` reports both and
``doctor --repair`` fixes them."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.support.faults import install_wrapper, run_interrupted
from tests.support.trust import SAM, cli, git_env, git_out, new_store, propose, view

LOCKS_THAT_BLOCK = ["index.lock", "HEAD.lock", "refs/heads/main.lock"]
LOCKS_THAT_DO_NOT = ["packed-refs.lock", "config.lock"]


def _lock(store: Path, name: str, age: float) -> Path:
    lock = store / ".git" / name
    lock.write_text("")
    then = time.time() - age
    os.utime(lock, (then, then))
    return lock


def _clean(store: Path) -> None:
    assert git_out(store, "status", "--porcelain", "--untracked-files=all") == ""


@pytest.mark.parametrize("name", LOCKS_THAT_BLOCK + LOCKS_THAT_DO_NOT)
def test_a_lock_left_by_a_killed_git(name: str, tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    head = git_out(store, "rev-parse", "main")
    lock = _lock(store, name, age=600)

    step = cli(store, SAM, "review", record_id, "--approve")
    if name in LOCKS_THAT_BLOCK:
        assert step.returncode == 75, step.stderr
        assert step.stderr.count("\n") == 1
        assert str(lock) in step.stderr
        assert "doctor --repair" in step.stderr
        assert git_out(store, "rev-parse", "main") == head
    else:
        assert step.returncode == 0, step.stderr

    doctor = cli(store, None, "doctor")
    assert doctor.returncode == 1
    assert f"lock\t{lock}\t" in doctor.stdout
    assert "(stale)" in doctor.stdout
    repaired = cli(store, None, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    assert f"removed\t{lock}" in repaired.stdout
    assert not lock.exists()
    if name in LOCKS_THAT_BLOCK:
        assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    assert view(store, record_id)["status"] == "approved"
    _clean(store)


def test_a_young_lock_is_named_within_seconds_and_kept_unless_forced(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    lock = _lock(store, "refs/heads/main.lock", age=0)
    started = time.monotonic()
    step = cli(store, SAM, "review", record_id, "--approve")
    assert step.returncode == 75
    assert str(lock) in step.stderr
    assert "too many concurrent writers" not in step.stderr
    assert time.monotonic() - started < 15
    kept = cli(store, None, "doctor", "--repair")
    assert kept.returncode == 1
    assert "(in use?)" in kept.stdout
    assert lock.exists()
    forced = cli(store, None, "doctor", "--repair", "--force")
    assert forced.returncode == 0, forced.stdout
    assert not lock.exists()


def test_a_lagging_work_tree_without_a_marker_is_found_and_repaired(tmp_path: Path) -> None:
    """A power cut can lose the step's marker: the reflog still tells a lag from an edit."""
    store = new_store(tmp_path)
    record_id = propose(store)
    wrapper = install_wrapper(tmp_path / "bin")
    approve = ["review", record_id, "--approve"]
    killed, _ = run_interrupted(store, SAM, approve, wrapper, 0, None, kill_after="update-ref")
    assert killed.returncode == -9
    for marker in (store / ".git").glob("corrections-step-*"):
        marker.unlink()
    no_locks = {**git_env("Someone"), "GIT_OPTIONAL_LOCKS": "0"}
    assert git_out(store, "status", "--porcelain", env=no_locks).startswith("D  corrections/")

    doctor = cli(store, None, "doctor")
    assert doctor.returncode == 1
    assert "behind main\tcorrections/" in doctor.stdout
    repaired = cli(store, None, "doctor", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    assert "brought up to date\tcorrections/" in repaired.stdout
    _clean(store)
    assert view(store, record_id)["status"] == "approved"


def test_a_real_edit_is_refused_with_advice_that_undoes_nothing(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    article = next((store / "articles").glob("*.md"))
    article.write_text(article.read_text() + "A line of my own.\n")
    doctor = cli(store, None, "doctor")
    assert doctor.returncode == 0, doctor.stdout  # an edit is not a lag
    published = cli(store, "Lee Publisher", "publish", record_id)
    assert published.returncode == 1
    assert "uncommitted changes" in published.stderr
    assert "git stash" in published.stderr
    assert "commit" not in published.stderr.replace("uncommitted", "")
    assert article.read_text().endswith("A line of my own.\n")
    assert view(store, record_id)["status"] == "approved"
