"""Many people at once on one store, each a process of its own running the command line:
every step lands or is refused for a reason of its own, never for another writer's work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support import SEED_SLUG, run_cli
from tests.support.cli import in_processes
from tests.support.trust import (
    LEE,
    MAYA,
    SAM,
    cli,
    git_out,
    new_store,
    propose,
    seed_body,
    view,
)


def _at_once(store: Path, steps: list[tuple[str, list[str], str | None]]) -> list[tuple[int, str]]:
    """Start every step, each in a process of its own, before waiting for any; return
    (exit code, stderr) in order."""

    def step(who: str, args: list[str], text: str | None) -> Callable[[], tuple[int, str]]:
        def run() -> tuple[int, str]:
            done = run_cli("--store", str(store), "--as", who, *args, input=text)
            return done.returncode, done.stderr

        return run

    outcomes = in_processes(*(step(who, args, text) for who, args, text in steps))
    assert all(o.exitcode == 0 and o.value is not None for o in outcomes), outcomes
    return [o.value for o in outcomes if o.value is not None]


def _consistent(store: Path) -> None:
    assert git_out(store, "status", "--porcelain", "--untracked-files=all") == ""
    git_out(store, "fsck", "--strict", "--no-dangling")
    assert not list((store / ".git").glob("corrections-index-*"))


def test_twelve_writers_proposing_at_once_all_land(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    body = seed_body()
    steps: list[tuple[str, list[str], str | None]] = [
        (f"Writer {n}", ["propose", SEED_SLUG, "--kind", "clarification", "--text-file", "-",
                         "--summary", f"Wording {n}"], body.replace("December", f"December ({n})"))
        for n in range(12)
    ]  # fmt: skip
    results = _at_once(store, steps)
    assert [code for code, _ in results] == [0] * 12, [err for _, err in results]
    listed = cli(store, None, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count('"proposed"') == 12
    assert git_out(store, "rev-list", "--count", "main").strip() == str(2 + 12)
    _consistent(store)


def test_six_reviewers_approving_at_once_are_all_recorded(tmp_path: Path) -> None:
    store = new_store(tmp_path, "required_approvals = 6\nreviewers = []\npublishers = []")
    record_id = propose(store)
    reviewers = [SAM, "Ana Reviewer", "Bo Reviewer", "Cy Reviewer", "Di Reviewer", "Ed Reviewer"]
    results = _at_once(
        store, [(name, ["review", record_id, "--approve"], None) for name in reviewers]
    )
    assert [code for code, _ in results] == [0] * 6, [err for _, err in results]
    record = view(store, record_id)
    assert record["status"] == "approved"
    assert sorted(r["reviewer"] for r in record["reviews"]) == sorted(reviewers)
    _consistent(store)


def test_two_publishers_at_once_publish_once(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store, MAYA)
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    results = _at_once(
        store,
        [(LEE, ["publish", record_id], None), ("Pat Publisher", ["publish", record_id], None)],
    )
    codes = sorted(code for code, _ in results)
    assert codes[0] == 0, results
    assert codes[1] != 0, results
    loser = next(err for code, err in results if code != 0)
    assert "already published" in loser, loser
    assert "uncommitted" not in loser
    assert len(loser.strip().splitlines()) == 1, loser
    assert view(store, record_id)["status"] == "published"
    log = git_out(store, "log", "--format=%s", "main")
    assert log.count("Publish clarification") == 1, log
    _consistent(store)
