"""Paths and input: no write through a symbolic link, every input read with a cap, no
empty proposal, line endings stored the way the store's .gitattributes says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import CLI, PINNED, SEED_SLUG, run_cli, write_article
from tests.support.trust import MAYA, SAM, cli, git_out, new_store, propose

LIMIT = 5 * 1024 * 1024


def _unchanged(store: Path, head: str) -> None:
    assert git_out(store, "rev-parse", "main") == head
    assert git_out(store, "status", "--porcelain") == ""


def _one_line(stderr: str) -> None:
    assert stderr.count("\n") == 1, stderr


def test_add_through_a_symlinked_articles_folder_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    head = git_out(store, "rev-parse", "main")
    outside = tmp_path / "outside"
    (store / "articles").rename(outside)
    (store / "articles").symlink_to(outside)
    story = write_article(tmp_path, "story.md", "A story", "Body.\n")
    added = cli(store, "Desk", "add", str(story))
    assert added.returncode == 1
    _one_line(added.stderr)
    assert "symbolic link" in added.stderr
    assert "articles" in added.stderr
    assert not (outside / "story.md").exists()
    assert git_out(store, "rev-parse", "main") == head


def test_propose_through_a_symlinked_correction_folder_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    head = git_out(store, "rev-parse", "main")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (store / "corrections" / SEED_SLUG).symlink_to(outside, target_is_directory=True)
    proposed = cli(
        store, MAYA, "propose", SEED_SLUG, "--kind", "clarification", "--text-file", "-",
        input="A new body.\n",
    )  # fmt: skip
    assert proposed.returncode == 1
    _one_line(proposed.stderr)
    assert f"corrections/{SEED_SLUG} is a symbolic link" in proposed.stderr
    assert list(outside.iterdir()) == []
    assert git_out(store, "rev-parse", "main") == head


def test_publish_over_a_symlinked_article_file_is_refused(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    head = git_out(store, "rev-parse", "main")
    article = store / "articles" / f"{SEED_SLUG}.md"
    target = tmp_path / "target.md"
    target.write_bytes(article.read_bytes())
    article.unlink()
    article.symlink_to(target)
    published = cli(store, "Lee Publisher", "publish", record_id)
    assert published.returncode == 1
    _one_line(published.stderr)
    assert "symbolic link" in published.stderr
    assert target.read_bytes() == git_out(store, "show", f"main:articles/{SEED_SLUG}.md").encode()
    assert git_out(store, "rev-parse", "main") == head


# Runs a command and writes its own peak memory (KiB) to a file: measured from a small
# parent, since a process forked from a large one (a test worker) starts with its size.
PEAK = """\
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def test_dev_zero_and_endless_stdin_are_cut_at_the_limit(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    head = git_out(store, "rev-parse", "main")
    story = write_article(tmp_path, "story.md", "A story", "Body.\n")
    diffed = run_cli("diff", "--files", "/dev/zero", str(story))
    assert diffed.returncode == 2
    _one_line(diffed.stderr)
    assert f"/dev/zero: larger than the {LIMIT:,}-byte limit" in diffed.stderr

    endless = subprocess.Popen(["yes", "Another line of text."], stdout=subprocess.PIPE)
    peak = tmp_path / "peak"
    proposing = subprocess.run(
        [sys.executable, "-c", PEAK, str(peak), str(CLI), "--store", str(store), "--as", MAYA,
         "propose", SEED_SLUG, "--kind", "correction", "--text-file", "-"],
        stdin=endless.stdout, capture_output=True, text=True, check=False, timeout=60,
        env={**os.environ, **PINNED},
    )  # fmt: skip
    endless.kill()
    endless.wait()
    assert endless.stdout is not None
    endless.stdout.close()
    assert proposing.returncode == 2
    _one_line(proposing.stderr)
    assert "standard input: larger than" in proposing.stderr
    # The read never grew past a few times the limit (the whole process, Python included).
    assert int(peak.read_text()) / 1024 < 200
    _unchanged(store, head)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_empty_proposed_text_is_refused(text: str, tmp_path: Path) -> None:
    store = new_store(tmp_path)
    head = git_out(store, "rev-parse", "main")
    proposed = cli(
        store, MAYA, "propose", SEED_SLUG, "--kind", "typo", "--text-file", "-", input=text
    )
    assert proposed.returncode == 2
    _one_line(proposed.stderr)
    assert "the proposed text is empty" in proposed.stderr
    _unchanged(store, head)


@pytest.mark.parametrize(("newline", "name"), [(b"\r\n", "crlf"), (b"\r", "cr-only")])
def test_windows_and_old_mac_line_endings_are_stored_as_lf(
    newline: bytes, name: str, tmp_path: Path
) -> None:
    store = new_store(tmp_path)
    source = tmp_path / f"{name}.md"
    lines = [b"---", b"headline: Line endings", b"published: 2026-01-10", b"---", b"One.", b"Two."]
    source.write_bytes(newline.join(lines) + newline)
    added = cli(store, "Desk", "add", str(source), "--json")
    assert added.returncode == 0, added.stderr
    assert '"converted_line_endings": true' in added.stdout
    assert '"headline": "Line endings"' in added.stdout
    assert git_out(store, "status", "--porcelain") == ""
    stored = git_out(store, "show", f"main:articles/{name}.md")
    assert stored == "\n".join(line.decode() for line in lines) + "\n"
    # A proposal with CRLF line endings is stored the same way.
    proposed = cli(
        store, MAYA, "propose", name, "--kind", "typo", "--text-file", "-",
        input="One.\r\nTwo, three.\r\n",
    )  # fmt: skip
    assert proposed.returncode == 0, proposed.stderr
    assert git_out(store, "status", "--porcelain") == ""


def test_validate_names_cr_only_front_matter(tmp_path: Path) -> None:
    article = tmp_path / "articles" / "old-mac.md"
    article.parent.mkdir()
    article.write_bytes(b"---\rheadline: H\rpublished: 2026-01-10\r---\rBody.\r")
    checked = run_cli("validate", str(article))
    assert checked.returncode == 1
    assert "old-mac.md:1: the front matter ends its lines with CR alone" in checked.stdout
