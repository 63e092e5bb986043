"""Every workflow step killed right after each of its git processes: the next command
finds the work tree and index matching ``main`` or brings them there itself (saying so),
``git fsck`` stays clean, and running the step again finishes it or refuses it cleanly."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import SEED_SLUG, write_article
from tests.support.faults import install_wrapper, run_interrupted
from tests.support.trust import (
    LEE,
    MAYA,
    SAM,
    cli,
    git_env,
    git_out,
    new_store,
    propose,
    seed_body,
    view,
)


@dataclass(frozen=True)
class Template:
    store: Path
    approved: str  # ready to publish
    proposed: str  # waiting for a review
    article: Path  # a new article, outside the store


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    root = tmp_path_factory.mktemp("template")
    store = new_store(root)
    approved = propose(store)
    assert cli(store, SAM, "review", approved, "--approve").returncode == 0
    proposed = propose(store, "Ana Editor")
    article = write_article(root, "new-story.md", "A new story", "It happened today.\n")
    return Template(store, approved, proposed, article)


def _steps(t: Template) -> dict[str, tuple[str, list[str], str | None]]:
    return {
        "add": ("Archive Desk", ["add", str(t.article)], None),
        "propose": (
            MAYA,
            ["propose", SEED_SLUG, "--kind", "clarification", "--text-file", "-"],
            seed_body().replace("December", "December 2023"),
        ),
        "review": (SAM, ["review", t.proposed, "--approve"], None),
        "publish": (LEE, ["publish", t.approved], None),
    }


def _done(t: Template) -> dict[str, Callable[[Path], bool]]:
    """Whether each step's effect is on ``main``."""

    def record(store: Path, record_id: str) -> dict[str, Any]:
        return view(store, record_id)

    return {
        "add": lambda s: "new-story" in git_out(s, "ls-tree", "-r", "--name-only", "main"),
        "propose": lambda s: git_out(s, "log", "-1", "--format=%an", "main").strip() == MAYA,
        "review": lambda s: [r["reviewer"] for r in record(s, t.proposed)["reviews"]] == [SAM],
        "publish": lambda s: record(s, t.approved)["status"] == "published",
    }


WRITERS = {"hash-object", "read-tree", "update-index", "write-tree", "commit-tree", "update-ref"}
NO_LOCKS = {**git_env("Someone"), "GIT_OPTIONAL_LOCKS": "0"}


def _consistent(store: Path) -> None:
    status = git_out(store, "status", "--porcelain", "--untracked-files=all")
    assert status == "", status
    git_out(store, "fsck", "--strict", "--no-dangling")


@pytest.mark.slow
@pytest.mark.parametrize("step", ["add", "propose", "review", "publish"])
def test_step_killed_after_each_git_process(step: str, template: Template, tmp_path: Path) -> None:
    who, args, stdin = _steps(template)[step]
    done = _done(template)[step]
    wrapper = install_wrapper(tmp_path / "bin")
    probe = tmp_path / "probe"
    shutil.copytree(template.store, probe, symlinks=True)
    finished, ran = run_interrupted(probe, who, args, wrapper, 0, stdin)
    assert finished.returncode == 0, finished.stderr
    assert "update-ref" in ran, ran
    lag_seen = 0
    # Killing after a process that only read is the same case as killing before the step:
    # the first process stands for those; every writing one is a case of its own, named by
    # its kind and how many of that kind came before it.
    seen: dict[str, int] = {}
    kill_points = [f"{ran[0]}:1"]
    for sub in ran:
        seen[sub] = seen.get(sub, 0) + 1
        if sub in WRITERS:
            kill_points.append(f"{sub}:{seen[sub]}")
    for number, kill_point in enumerate(kill_points):
        store = tmp_path / f"killed-{number}"
        shutil.copytree(template.store, store, symlinks=True)
        killed, _ = run_interrupted(store, who, args, wrapper, 0, stdin, kill_after_nth=kill_point)
        where = f"{step} killed after git {kill_point}"
        # Persistent git processes (cat-file) end in varying order, so a late count may
        # fall after the run's last process: the step then simply finished.
        assert killed.returncode in (-9, 0), f"{where}: {killed.returncode} {killed.stderr}"
        if killed.returncode == 0:
            _consistent(store)
            continue
        git_out(store, "fsck", "--strict", "--no-dangling")
        lagged = git_out(store, "status", "--porcelain", env=NO_LOCKS) != ""
        lag_seen += lagged
        # The next command, a reader, puts the work tree and index back in step.
        checked = cli(store, None, "validate")
        assert checked.returncode == 0, f"{where}: {checked.stdout}{checked.stderr}"
        _consistent(store)
        assert ("up to date with main" in checked.stderr) == lagged, f"{where}: {checked.stderr}"
        moved = done(store)
        # The same step again: done now, or refused in one line because it was done.
        again = cli(store, who, *args, input=stdin)
        if moved and step != "propose":
            assert again.returncode == 1, f"{where}: {again.stderr}"
            assert len(again.stderr.strip().splitlines()) == 1, f"{where}: {again.stderr}"
        else:  # not done yet, or a second proposal
            assert again.returncode == 0, f"{where}: {again.stderr}"
        assert done(store), where
        _consistent(store)
        assert not list((store / ".git").glob("corrections-step-*")), where
    # Kills between moving main and updating the index did happen, and were repaired.
    assert lag_seen >= 1
