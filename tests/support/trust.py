"""Helpers for the trust tests: a store with the seed article, steps through the real
console script, and commits made by hand the way an attacker with push access would."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from corrections.domain.events import ReviewEvent, event_path, event_to_bytes
from corrections.domain.records import Verdict
from tests.support import PINNED, SEED_ARTICLE, SEED_SLUG, run_cli
from tests.support.store import ANCHOR as ANCHOR
from tests.support.store import ARGENTINA as ARGENTINA
from tests.support.store import seed_body as seed_body

MAYA = "Maya Editor"
SAM = "Sam Reviewer"
LEE = "Lee Publisher"


def new_store(tmp_path: Path, policy: str = "") -> Path:
    """A store holding the seed article (``init``, then ``add`` by Archive Desk, through
    the command line); ``policy`` lines replace the [policy] table. Without a policy it is a
    copy of one made so the first time in this test process."""
    store = tmp_path / "store"
    if policy:
        _make_store(store, policy)
    else:
        if not _TEMPLATES:
            template = Path(tempfile.mkdtemp(prefix="corrections-trust-")) / "store"
            atexit.register(shutil.rmtree, template.parent, ignore_errors=True)
            _make_store(template, "")
            _TEMPLATES.append(template)
        shutil.copytree(_TEMPLATES[0], store, symlinks=True)
    return store


_TEMPLATES: list[Path] = []


def _make_store(store: Path, policy: str) -> None:
    made = run_cli("init", str(store))
    assert made.returncode == 0, made.stderr
    if policy:
        config = store / "corrections.toml"
        text = config.read_text()
        head, _, rest = text.partition("[policy]")
        tail = rest[rest.index("[sync]") :]
        config.write_text(f"{head}[policy]\n{policy}\n\n{tail}")
        hand_commit(store, "Set the review policy", author="Archive Desk")
    added = cli(store, "Archive Desk", "add", str(SEED_ARTICLE))
    assert added.returncode == 0, added.stderr


def cli(
    store: Path, who: str | None, *args: str, input: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """``corrections --store STORE [--as WHO] ARGS``."""
    identity = ["--as", who] if who is not None else []
    return run_cli("--store", str(store), *identity, *args, input=input, env=env or None)


def propose(store: Path, who: str = MAYA, *extra: str, **env: str) -> str:
    """Propose the Argentina clarification; returns the correction id."""
    return str(proposal(store, who, *extra, **env)["id"])


def proposal(store: Path, who: str = MAYA, *extra: str, **env: str) -> dict[str, Any]:
    """Propose the Argentina clarification; returns the proposal as ``--json`` prints it."""
    result = cli(
        store,
        who,
        "propose",
        SEED_SLUG,
        "--kind",
        "clarification",
        "--text-file",
        "-",
        "--json",
        *extra,
        input=seed_body(),
        **env,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def view(store: Path, record_id: str) -> dict[str, Any]:
    result = cli(store, None, "view", record_id, "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def folder(store: Path, record_id: str) -> Path:
    found = list((store / "corrections" / SEED_SLUG).glob(f"{record_id}*"))
    assert len(found) == 1, found
    return found[0]


def git_env(author: str, email: str = "someone@x.invalid") -> dict[str, str]:
    return {
        **os.environ,
        **PINNED,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": email,
    }


def git_out(store: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(store), *args],
        capture_output=True,
        text=True,
        check=True,
        env=env or git_env("Someone"),
    ).stdout


def hand_commit(store: Path, message: str, *, author: str = "Mallory", sign: str = "") -> str:
    """``git add -A && git commit`` by ``author``, signed with the SSH key file ``sign``
    if given: no workflow step, just git."""
    git_out(store, "add", "-A")
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={sign}"] if sign else []
    git_out(
        store, *signing, "commit", *(["-S"] if sign else []), "-q", "-m", message,
        env=git_env(author),
    )  # fmt: skip
    return git_out(store, "rev-parse", "HEAD").strip()


def validate_json(store: Path) -> tuple[int, list[dict[str, Any]]]:
    result = cli(store, None, "validate", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return result.returncode, list(data["findings"])


def codes(findings: list[dict[str, Any]]) -> list[str]:
    return sorted(str(f["code"]) for f in findings)


def forged_review(
    store: Path, record_id: str, reviewer: str, verdict: str = "approve", comment: str = ""
) -> Path:
    """A review event written by hand into the work tree, for the current revision."""
    record = view(store, record_id)
    event = ReviewEvent(
        id=record["id"],
        article=record["article"],
        at=dt.datetime(2026, 1, 15, 12, 30, tzinfo=dt.UTC),
        reviewer=reviewer,
        verdict=Verdict(verdict),
        comment=comment,
        revision=record["revision"],
        diff_hash=record["diff_hash"],
    )
    target = store / event_path(event)
    target.write_bytes(event_to_bytes(event))
    return target
