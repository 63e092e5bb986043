"""A newsroom on many machines around one remote, driven through the command line over real
transports (file://, git daemon, smart HTTP) started on 127.0.0.1; people at work at the
same time are processes of their own."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

from tests.support import ROOT, git, run_cli
from tests.support.cli import in_processes
from tests.support.remote import GitDaemon, GitHttpServer, PushGate, RemoteRepo, make_bare

ARTICLES = sorted(str(p) for p in (ROOT / "articles").glob("*.md"))
SEED = "globe-and-mail-putin-xi-2024"
# Later than every demo article's publication date, so the notes' dates make sense.
LATE = {
    "GIT_AUTHOR_DATE": "2026-11-15T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-15T12:00:00+00:00",
}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=LATE)


def newsroom(tmp_path: Path, url: str, *names: str) -> list[Path]:
    """A store pushed to the empty remote at ``url``, and one clone per name."""
    hq = tmp_path / "hq"
    made = cli("--as", "Desk", "init", str(hq), "--remote", url)
    assert made.returncode == 0, made.stderr
    assert cli("--store", str(hq), "--as", "Desk", "add", *ARTICLES).returncode == 0
    clones = []
    for name in names:
        cloned = cli("clone", url, str(tmp_path / name))
        assert cloned.returncode == 0, cloned.stderr
        clones.append(tmp_path / name)
    return clones


def edited(clone: Path, slug: str, old: str, new: str, tmp_path: Path) -> Path:
    text = (clone / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / f"{slug}-{new.replace(' ', '-')}.md"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def propose(clone: Path, slug: str, source: Path, *extra: str) -> str:
    result = cli(
        "--store", str(clone), "--as", "Maya Editor", *extra, "propose", slug,
        "--kind", "correction", "--text-file", str(source), "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["id"])


def listed(clone: Path) -> dict[str, str]:
    result = cli("--store", str(clone), "list", "--json")
    return {r["id"]: r["status"] for r in json.loads(result.stdout)}


def remote_files(bare: Path, folder: str = "corrections") -> list[str]:
    return git(bare, "ls-tree", "-r", "--name-only", "main", "--", folder).split()


def test_three_clones_at_once_land_every_step_exactly_once(
    tmp_path: Path, remote_repo: RemoteRepo
) -> None:
    editor, reviewer, publisher = newsroom(tmp_path, remote_repo.url, "maya", "sam", "lee")
    changes = [
        ("riverton-library-expansion", "7-2", "6-3"),
        ("harbourview-hawks-regional-final", "3-2", "4-2"),
        ("old-mill-bakery-fifty-years", "50 years", "fifty years"),
    ]
    sources = [edited(editor, slug, old, new, tmp_path) for slug, old, new in changes]
    deadline = time.monotonic() + 120

    def editor_work() -> list[str]:
        pairs = zip(changes, sources, strict=True)
        return [propose(editor, slug, source) for (slug, _, _), source in pairs]

    def reviewer_work() -> list[str]:
        return work_through(reviewer, "proposed", "Sam Reviewer", ["review", "--approve"])

    def publisher_work() -> list[str]:
        return work_through(publisher, "approved", "Lee Publisher", ["publish"])

    def work_through(clone: Path, status: str, who: str, step: list[str]) -> list[str]:
        """Sync, and take every correction in ``status`` one ``step`` further, until each
        change had its turn; returns what went wrong."""
        failures: list[str] = []
        done: set[str] = set()
        while len(done) < len(changes) and time.monotonic() < deadline:
            cli("--store", str(clone), "sync")
            waiting = [c for c, s in listed(clone).items() if s == status and c not in done]
            for cid in waiting:
                result = cli("--store", str(clone), "--as", who, step[0], cid, *step[1:])
                if result.returncode != 0:
                    failures.append(result.stderr)
                done.add(cid)
            if not waiting:
                time.sleep(0.2)  # nothing new yet: let the others work before syncing again
        return failures

    # Each person is a process of its own, as on three machines.
    made, reviewed, published = in_processes(editor_work, reviewer_work, publisher_work)
    assert (made.exitcode, reviewed.exitcode, published.exitcode) == (0, 0, 0)
    assert (reviewed.value, published.value) == ([], [])
    proposed = made.value or []
    assert len(proposed) == len(changes)
    files = remote_files(remote_repo.path)
    for cid in proposed:
        mine = [f for f in files if f"/{cid}/" in f]
        assert sum(f.endswith("/proposal.yaml") for f in mine) == 1
        assert sum("/review-" in f for f in mine) == 1
        assert sum(f.endswith("/published.yaml") for f in mine) == 1
    publishes = git(remote_repo.path, "log", "--format=%s", "main").splitlines()
    assert sum(s.startswith("Publish correction") for s in publishes) == len(changes)
    fresh = tmp_path / "fresh"
    assert cli("clone", remote_repo.url, str(fresh)).returncode == 0
    checked = cli("--store", str(fresh), "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert set(listed(fresh).values()) == {"published"}
    git(remote_repo.path, "fsck", "--strict")


def test_two_approvals_made_apart_are_both_kept(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    editor, sam, ana = newsroom(tmp_path, bare.as_uri(), "maya", "sam", "ana")
    cid = propose(editor, SEED, edited(editor, SEED, "fifth term", "fifth six-year term", tmp_path))
    for clone in (sam, ana):
        assert cli("--store", str(clone), "sync").returncode == 0
    for clone, who in ((sam, "Sam Reviewer"), (ana, "Ana Reviewer")):
        offline = cli("--store", str(clone), "--as", who, "--offline", "review", cid, "--approve")
        assert offline.returncode == 0, offline.stderr
        assert "kept on this machine" in offline.stderr
    for clone in (sam, ana):
        assert cli("--store", str(clone), "sync").returncode == 0
    reviews = [f for f in remote_files(bare) if "/review-" in f]
    assert len(reviews) == 2
    assert cli("--store", str(sam), "sync").returncode == 0
    view = cli("--store", str(sam), "view", cid)
    assert "approvals  2 of 1: " in view.stdout
    assert "Ana Reviewer" in view.stdout
    assert "Sam Reviewer" in view.stdout
    git(bare, "fsck", "--strict")


def test_two_publishers_of_one_correction_give_one_publication(tmp_path: Path) -> None:
    bare = make_bare(tmp_path / "newsroom.git")
    editor, lee, kim = newsroom(tmp_path, bare.as_uri(), "maya", "lee", "kim")
    cid = propose(editor, SEED, edited(editor, SEED, "fifth term", "fifth six-year term", tmp_path))
    assert (
        cli("--store", str(lee), "--as", "Sam Reviewer", "review", cid, "--approve").returncode == 0
    )
    assert cli("--store", str(kim), "sync").returncode == 0
    for clone, who in ((lee, "Lee Publisher"), (kim, "Kim Publisher")):
        result = cli("--store", str(clone), "--as", who, "--offline", "publish", cid)
        assert result.returncode == 0, result.stderr
    assert cli("--store", str(lee), "sync").returncode == 0
    second = cli("--store", str(kim), "sync")
    assert second.returncode == 0, second.stderr
    assert "already published: Lee Publisher published it" in second.stderr
    published = [f for f in remote_files(bare) if f.endswith("/published.yaml")]
    assert len(published) == 1
    article = git(bare, "show", f"main:articles/{SEED}.md")
    assert article.count("This online version has been corrected") == 1
    assert cli("--store", str(kim), "validate").returncode == 0
    assert listed(kim) == {cid: "published"}


def test_a_dead_daemon_keeps_the_step_and_sync_delivers_it_once(
    tmp_path: Path, git_daemon: GitDaemon
) -> None:
    bare = make_bare(git_daemon.root / "newsroom.git")
    url = git_daemon.url("newsroom.git")
    editor, reviewer = newsroom(tmp_path, url, "maya", "sam")
    cid = propose(editor, SEED, edited(editor, SEED, "fifth term", "fifth six-year term", tmp_path))
    assert cli("--store", str(reviewer), "sync").returncode == 0
    git_daemon.kill()
    kept = cli("--store", str(reviewer), "--as", "Sam Reviewer", "review", cid, "--approve")
    assert kept.returncode == 75
    assert kept.stderr.count("\n") == 1
    assert "kept on this machine" in kept.stderr
    status = json.loads(cli("--store", str(reviewer), "status", "--json").stdout)
    assert status["ahead"] == 1
    git_daemon.restart()
    assert cli("--store", str(reviewer), "sync").returncode == 0
    assert cli("--store", str(reviewer), "sync").returncode == 0  # nothing applied twice
    assert len([f for f in remote_files(bare) if "/review-" in f]) == 1
    status = json.loads(cli("--store", str(reviewer), "status", "--json").stdout)
    assert (status["ahead"], status["behind"]) == (0, 0)
    git(bare, "fsck", "--strict")


def test_an_authentication_failure_is_one_line_and_never_prompts(
    tmp_path: Path, git_http_auth: GitHttpServer
) -> None:
    make_bare(git_http_auth.root / "newsroom.git")
    started = time.monotonic()
    result = cli("clone", git_http_auth.url("newsroom.git"), str(tmp_path / "x"))
    assert time.monotonic() - started < 60
    assert result.returncode == 75
    assert result.stderr.count("\n") == 1
    assert "credential helper" in result.stderr
    assert not (tmp_path / "x").exists()


def test_the_team_demo_shows_a_step_travel_between_two_clones(tmp_path: Path) -> None:
    root = tmp_path / "team"
    built = cli("demo", "--team", str(root), "--no-tui")
    assert built.returncode == 0, built.stderr
    maya, sam = root / "maya", root / "sam"
    as_clone = {"CORRECTIONS_USER": "", **LATE}  # each clone's own git user.name decides
    source = edited(maya, "old-mill-bakery-fifty-years", "50 years", "fifty years", tmp_path)
    made = run_cli(
        "--store", str(maya), "propose", "old-mill-bakery-fifty-years", "--kind", "typo",
        "--text-file", str(source), "--json", env=as_clone,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    cid = json.loads(made.stdout)["id"]
    assert json.loads(made.stdout)["proposer"] == "Maya Editor"
    assert cli("--store", str(sam), "sync").returncode == 0
    assert listed(sam)[cid] == "proposed"
    approved = run_cli("--store", str(sam), "review", cid, "--approve", env=as_clone)
    assert approved.stdout.split() == [cid, "approved"], approved.stderr
    assert cli("--store", str(maya), "sync").returncode == 0
    assert listed(maya)[cid] == "approved"
    again = cli("demo", "--team", str(root), "--no-tui")
    assert again.returncode == 0
    assert "Using the existing team demo" in again.stderr
    elsewhere = tmp_path / "not-a-demo"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    refused = cli("demo", "--team", str(elsewhere), "--fresh", "--no-tui")
    assert refused.returncode == 1
    assert (elsewhere / "keep.txt").exists()


def test_a_daemon_killed_in_the_middle_of_a_push_loses_nothing(
    tmp_path: Path, git_daemon: GitDaemon
) -> None:
    bare = make_bare(git_daemon.root / "newsroom.git")
    editor, reviewer = newsroom(tmp_path, git_daemon.url("newsroom.git"), "maya", "sam")
    cid = propose(editor, SEED, edited(editor, SEED, "fifth term", "fifth six-year term", tmp_path))
    assert cli("--store", str(reviewer), "sync").returncode == 0
    results: list[subprocess.CompletedProcess[str]] = []

    def review() -> None:
        results.append(
            cli("--store", str(reviewer), "--as", "Sam Reviewer", "review", cid, "--approve")
        )

    with PushGate(bare) as gate:
        thread = threading.Thread(target=review)
        thread.start()
        gate.wait_arrived()
        git_daemon.kill()
        thread.join(60)
    assert not thread.is_alive()
    assert results[0].returncode == 75, results[0].stderr
    assert "kept on this machine" in results[0].stderr
    assert not [f for f in remote_files(bare) if "/review-" in f]  # the ref never moved
    git_daemon.restart()
    assert cli("--store", str(reviewer), "sync").returncode == 0
    assert cli("--store", str(reviewer), "sync").returncode == 0
    assert len([f for f in remote_files(bare) if "/review-" in f]) == 1
    assert listed(editor) == {cid: "proposed"}  # Maya has not synced yet
    assert cli("--store", str(editor), "sync").returncode == 0
    assert listed(editor) == {cid: "approved"}
    git(bare, "fsck", "--strict")
