"""Real git repositories in temporary directories: pinned identities and dates, the seed
article, git run by hand, and stores brought to a known state."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from corrections.store.git_store import GitStore, Identity

ROOT = Path(__file__).resolve().parents[2]
SEED_SLUG = "globe-and-mail-putin-xi-2024"
SEED_ARTICLE = ROOT / "articles" / f"{SEED_SLUG}.md"
# Exports and pages from a CMS, for the importers.
IMPORT_FIXTURES = ROOT / "tests" / "fixtures" / "import"
# The seed case: the sentence the Argentina clarification adds after its anchor.
ANCHOR = "which focuses on defence."
ARGENTINA = " (Argentina withdrew its candidacy in December.)"
# A day after the pinned date: for steps that must come later ("newest first").
NEXT_DAY = "2026-01-16T09:30:00+00:00"

PINNED = {
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_DATE": "2026-01-15T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T12:00:00+00:00",
    "CORRECTIONS_USER": "Test Editor",
}
EDITOR = Identity("Test Editor", "editor@newsroom.invalid")
ARCHIVE = Identity("Archive Desk", "archive@newsroom.invalid")
MAYA = Identity("Maya Editor", "maya@newsroom.invalid")
SAM = Identity("Sam Reviewer", "sam@newsroom.invalid")
LEE = Identity("Lee Publisher", "lee@newsroom.invalid")
PAT = Identity("Pat Publisher", "pat@newsroom.invalid")


def git(path: Path, *args: str) -> str:
    env = {
        **os.environ,
        **PINNED,
        "GIT_AUTHOR_NAME": "Someone",
        "GIT_AUTHOR_EMAIL": "s@x",
        "GIT_COMMITTER_NAME": "Someone",
        "GIT_COMMITTER_EMAIL": "s@x",
    }
    return subprocess.run(
        ["git", "-C", str(path), *args], capture_output=True, text=True, check=True, env=env
    ).stdout


def write_article(directory: Path, name: str, headline: str, body: str) -> Path:
    path = directory / name
    path.write_text(f"---\nheadline: {headline!r}\npublished: 2026-01-10\n---\n{body}")
    return path


def add_to_config(path: Path, toml: str) -> None:
    """Append ``toml`` to the store's corrections.toml, committed on main by hand."""
    config = path / "corrections.toml"
    config.write_text(config.read_text() + "\n" + toml)
    git(path, "commit", "--quiet", "-am", "Configure")


def set_ci(path: Path, message: str = "Change [ci]", **values: str) -> None:
    """Edit the [ci] table by hand, as a newsroom would, and commit it with plain git."""
    config = path / "corrections.toml"
    text = config.read_text()
    for key, value in values.items():
        text, count = re.subn(rf"(?m)^{key} = .*$", f'{key} = "{value}"', text)
        assert count == 1, key
    config.write_text(text)
    git(path, "commit", "-qam", message)


def seed_body(added: str = ARGENTINA) -> str:
    """The seed article's body with ``added`` after the anchor sentence: the text the
    Argentina clarification proposes."""
    body = SEED_ARTICLE.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert ANCHOR in body
    return body.replace(ANCHOR, ANCHOR + added, 1)


def seed_correction(path: Path) -> str:
    """The id of the open correction to the seed article in the store at ``path`` (in the
    demo store: the Argentina clarification)."""
    from corrections import services

    with services.open_store(path) as opened:
        records, _ = services.list_corrections(opened, article=SEED_SLUG)
    return records[0].id


def approve_and_publish(store: GitStore, record_id: str) -> None:
    """Sam Reviewer approves the correction and Lee Publisher publishes it."""
    from corrections import services
    from corrections.domain.records import Verdict

    services.review(store, record_id, SAM, Verdict.approve)
    services.publish(store, record_id, LEE)
