"""The real console script, as a newsroom uses it: outputs, JSON shapes, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from tests.support import CLI, PINNED, SEED_ARTICLE, SEED_SLUG, git, run_cli, write_article


def test_seed_article_end_to_end(store_path: Path) -> None:
    s = str(store_path)
    added = run_cli("--store", s, "add", str(SEED_ARTICLE))
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith(f"{SEED_SLUG}\tPutin visits Xi")

    listing = run_cli("--store", s, "articles", "--json")
    assert listing.returncode == 0
    [row] = json.loads(listing.stdout)
    assert row["slug"] == SEED_SLUG
    assert row["headline"].startswith("Putin visits Xi")
    assert row["versions"] == 1
    assert row["updated"].startswith("2026-01-15T12:00:00")

    history = run_cli("--store", s, "history", SEED_SLUG, "--json")
    [version] = json.loads(history.stdout)
    assert set(version) == {"version", "commit", "date", "author", "message"}
    assert version["version"] == 1
    assert version["author"] == "Test Editor"
    assert version["commit"] == git(store_path, "rev-parse", "main").strip()

    shown = run_cli("--store", s, "show", SEED_SLUG)
    assert shown.returncode == 0
    assert shown.stdout == SEED_ARTICLE.read_text(encoding="utf-8")
    assert "Argentina withdrew" not in shown.stdout
    git(store_path, "fsck", "--strict")


def test_hostile_slug_is_refused_and_nothing_is_written(store_path: Path, tmp_path: Path) -> None:
    source = write_article(tmp_path, "x.md", "X", "Body.\n")
    for slug in ("../x", "X", "a--b", "-a", "a/b", "--help", "a" * 121, "é"):
        result = run_cli("--store", str(store_path), "add", str(source), "--slug", slug)
        assert result.returncode == 2, (slug, result.stderr)
        assert result.stderr.startswith("corrections: ")
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert git(store_path, "rev-list", "--count", "main").strip() == "1"
    assert not (tmp_path / "x").exists()
    assert sorted(p.name for p in (store_path / "articles").iterdir()) == [".gitkeep"]


def test_exit_codes(store_path: Path, tmp_path: Path) -> None:
    s = str(store_path)
    source = write_article(tmp_path, "story.md", "Story", "Body.\n")
    assert run_cli("--store", s, "add", str(source)).returncode == 0
    again = run_cli("--store", s, "add", str(source))
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert run_cli("--store", s, "show", "nope").returncode == 2
    assert run_cli("--store", s, "show", "story", "--version", "2").returncode == 2
    assert run_cli("--store", s, "add", str(tmp_path / "missing.md")).returncode == 2
    broken = tmp_path / "broken.md"
    broken.write_text("---\nheadline: B\npublished: 2026-01-01\npublished: 2026-01-02\n---\n")
    result = run_cli("--store", s, "add", str(broken))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"corrections: {broken}:4: front matter: duplicate key 'published'"
    )
    assert run_cli("--store", str(tmp_path), "articles").returncode == 2


def test_stale_lock_exits_75_and_doctor_reports_it(store_path: Path, tmp_path: Path) -> None:
    lock = store_path / ".git/refs/heads/main.lock"
    lock.write_text("")
    old = time.time() - 600
    os.utime(lock, (old, old))
    source = write_article(tmp_path, "story.md", "Story", "Body.\n")
    result = run_cli("--store", str(store_path), "add", str(source))
    assert result.returncode == 75
    assert "main.lock" in result.stderr
    assert "corrections doctor" in result.stderr
    doctor = run_cli("--store", str(store_path), "doctor")
    assert doctor.returncode == 1
    assert "main.lock" in doctor.stdout
    fixed = run_cli("--store", str(store_path), "doctor", "--repair")
    assert fixed.returncode == 0
    assert not lock.exists()
    assert run_cli("--store", str(store_path), "add", str(source)).returncode == 0


def test_control_characters_are_shown_as_placeholders(store_path: Path, tmp_path: Path) -> None:
    hostile = (
        "Clear \x1b[2J screen, link \x1b]8;;https://evil.example\x07here\x1b]8;;\x07, \x9b31m.\n"
    )
    source = write_article(tmp_path, "evil.md", "Evil \x1b[31mred", hostile)
    source.write_text(source.read_text().replace("'Evil \x1b[31mred'", '"Evil \\e[31mred"'))
    assert run_cli("--store", str(store_path), "add", str(source)).returncode == 0
    for args in (["show", "evil"], ["articles"], ["articles", "--json"], ["history", "evil"]):
        result = run_cli("--store", str(store_path), *args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout, args
        assert "\x9b" not in result.stdout, args
        assert "\x07" not in result.stdout, args
    shown = run_cli("--store", str(store_path), "show", "evil").stdout
    assert "Clear \u241b[2J screen" in shown
    assert "<U+009B>31m" in shown


def test_identity_comes_from_as_then_env_then_git(store_path: Path, tmp_path: Path) -> None:
    s = str(store_path)
    one = write_article(tmp_path, "one.md", "One", "1\n")
    two = write_article(tmp_path, "two.md", "Two", "2\n")
    three = write_article(tmp_path, "three.md", "Three", "3\n")
    assert run_cli("--store", s, "--as", "Ana Editor", "add", str(one)).returncode == 0
    assert (
        run_cli("--store", s, "add", str(two), env={"CORRECTIONS_USER": "Env User"}).returncode == 0
    )
    git(store_path, "config", "user.name", "Git User")
    env = {"CORRECTIONS_USER": ""}
    assert run_cli("--store", s, "add", str(three), env=env).returncode == 0
    authors = git(store_path, "log", "--format=%an", "-3").split()
    assert " ".join(authors) == "Git User Env User Ana Editor"


def test_plain_text_import_and_slug_from_file_name(store_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "Storm Closes Schools.txt"
    source.write_text("Storm closes schools\n\nEvery school in the district is shut today.\n")
    result = run_cli("--store", str(store_path), "add", str(source), "--json")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["slug"] == "storm-closes-schools"
    assert row["headline"] == "Storm closes schools"
    shown = run_cli("--store", str(store_path), "show", "storm-closes-schools").stdout
    assert shown.startswith("---\nheadline: Storm closes schools\npublished: ")
    assert shown.endswith("---\nEvery school in the district is shut today.\n")


def test_many_files_are_added_in_one_commit(store_path: Path, tmp_path: Path) -> None:
    sources = [write_article(tmp_path, f"bulk-{n}.md", f"Bulk {n}", f"{n}\n") for n in range(30)]
    result = run_cli("--store", str(store_path), "add", *map(str, sources))
    assert result.returncode == 0, result.stderr
    assert git(store_path, "rev-list", "--count", "main").strip() == "2"
    listing = json.loads(run_cli("--store", str(store_path), "articles", "--json").stdout)
    assert len(listing) == 30
    assert git(store_path, "status", "--porcelain") == ""
    git(store_path, "fsck", "--strict")


def test_show_and_diff_old_versions(store_path: Path, tmp_path: Path) -> None:
    s = str(store_path)
    source = write_article(tmp_path, "story.md", "Story", "The budget is $4 million.\n")
    assert run_cli("--store", s, "add", str(source)).returncode == 0
    article = store_path / "articles/story.md"
    article.write_text(article.read_text().replace("$4 million", "$4.2 million"))
    git(store_path, "commit", "-qam", "Fix the budget figure")
    history = json.loads(run_cli("--store", s, "history", "story", "--json").stdout)
    assert [v["version"] for v in history] == [1, 2]
    assert "$4 million" in run_cli("--store", s, "show", "story", "--version", "1").stdout
    words = run_cli("--store", s, "diff", "story")
    assert words.returncode == 0, words.stderr
    assert "[-$4-]{+$4.2+}" in words.stdout
    same = run_cli("--store", s, "diff", "story", "1", "2", "--format", "json")
    data = json.loads(same.stdout)
    assert data["old"].endswith("@1")
    assert data["new"].endswith("@2")


def test_diff_files_unified_applies_with_git_apply(tmp_path: Path) -> None:
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_bytes(b"First line\r\nSecond \xe2\x80\xa8 line\x0c\nno newline at end")
    new.write_bytes(b"First line\r\nSecond line changed\nno newline at end\nadded")
    # Bytes, not text: a text-mode pipe would turn the CRLF lines into LF.
    patch = subprocess.run(
        [str(CLI), "diff", "--files", "old.md", "new.md", "--format", "unified"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env={**os.environ, **PINNED},
    )
    assert patch.returncode == 0, patch.stderr
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "article.md").write_bytes(old.read_bytes())
    patch_file = tmp_path / "change.patch"
    patch_file.write_bytes(
        patch.stdout.replace(b"a/old.md", b"a/article.md").replace(b"b/new.md", b"b/article.md")
    )
    git(repo, "apply", str(patch_file))
    assert (repo / "article.md").read_bytes() == new.read_bytes()


def test_headline_change_is_named(tmp_path: Path) -> None:
    old = write_article(tmp_path, "old.md", "Council approves budget", "Same body.\n")
    new = write_article(tmp_path, "new.md", "Council rejects budget", "Same body.\n")
    result = run_cli("diff", "--files", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "headline changed: Council approves budget -> Council rejects budget"
    )


def test_diff_folds_unchanged_sentences_when_asked(tmp_path: Path) -> None:
    body = "One is here. Two is here. Three is here. Four is here. Five is here.\n"
    old = write_article(tmp_path, "old.md", "H", body)
    new = write_article(tmp_path, "new.md", "H", body.replace("Three is", "Three was"))
    result = run_cli("diff", "--files", str(old), str(new), "--sentences", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "@@ paragraph 1 @@\n… Two is here. Three [-is-]{+was+} here. Four is here. …\n"
    )
    refused = run_cli("diff", "--files", str(old), str(new), "--sentences", "-1")
    assert refused.returncode == 2
    assert "--sentences" in refused.stderr


def test_doctor_optimize_writes_the_commit_graph(store_path: Path, tmp_path: Path) -> None:
    source = write_article(tmp_path, "story.md", "Story", "Body.\n")
    assert run_cli("--store", str(store_path), "add", str(source)).returncode == 0
    result = run_cli("--store", str(store_path), "doctor", "--optimize")
    assert result.returncode == 0, result.stderr
    layers = store_path / ".git/objects/info/commit-graphs"
    assert len((layers / "commit-graph-chain").read_text().split()) == 1
    (graph,) = layers.glob("graph-*.graph")
    assert b"BIDX" in graph.read_bytes()  # the changed-path Bloom filter chunk
    history = json.loads(run_cli("--store", str(store_path), "history", "story", "--json").stdout)
    assert len(history) == 1


def test_demo_without_the_app_builds_the_store_and_prints_it(
    tmp_path: Path, demo_template: Path
) -> None:
    """``corrections demo PATH --no-tui``, the way a newcomer builds it: the store the other
    tests copy (``demo_template``), its articles and corrections printed, and what to do
    next."""
    path = tmp_path / "newsroom"
    done = run_cli("demo", str(path), "--no-tui")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"Built demo store in {path}: 5 articles, 3 corrections")
    assert f"corrections --store {path} view " in done.stderr
    listed = run_cli("--store", str(path), "articles", "--json")
    assert listed.stdout == run_cli("--store", str(demo_template), "articles", "--json").stdout
    assert git(path, "ls-files", "articles") == git(demo_template, "ls-files", "articles")
    again = run_cli("demo", str(path), "--no-tui")
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith("Using the existing demo store")


def test_demo_opens_the_app_on_a_terminal_as_the_reviewer(tmp_path: Path) -> None:
    """README's first command, on a terminal with nobody named: the app opens, and the
    review screen of the seed clarification says who is reviewing."""
    import pty
    import select

    env = {**os.environ, **PINNED, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("CORRECTIONS_USER")
    primary, secondary = pty.openpty()
    os.set_blocking(primary, False)
    app = subprocess.Popen(
        [str(CLI), "demo", str(tmp_path / "demo")],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        start_new_session=True,
    )
    os.close(secondary)
    screen = b""

    def wait_for(text: bytes, seconds: float = 60) -> None:
        nonlocal screen
        deadline = time.monotonic() + seconds
        while text not in screen:
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            if select.select([primary], [], [], 0.2)[0]:
                try:
                    screen += os.read(primary, 65536)
                except OSError:  # the app has gone
                    break
        assert text in screen

    try:
        wait_for(b"5 articles")
        for key in (b"\x1bOR", b"\t", b"\x1b[B", b"\r"):  # F3, Tab, Down, Enter
            os.write(primary, key)
            time.sleep(0.5)
        wait_for(b"You are Sam Reviewer.")
        os.write(primary, b"\x11")  # Ctrl+Q
        # A terminal keeps reading while the app restores the screen: a pty nobody reads
        # fills up, and the app's writer thread would wait on it for ever.
        deadline = time.monotonic() + 30
        while app.poll() is None:
            assert time.monotonic() < deadline, "the app did not exit"
            if select.select([primary], [], [], 0.2)[0]:
                try:
                    os.read(primary, 65536)
                except OSError:
                    break
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
        os.close(primary)
