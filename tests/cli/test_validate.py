"""`corrections validate`: every published change has a record and a note."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corrections import services
from corrections.cli.validate import github_line, text_line
from corrections.domain.kinds import Kind
from corrections.domain.records import Verdict
from corrections.domain.validation import Finding
from corrections.schema import SCHEMA_FILE, generated_schema, record_schema
from corrections.services.demo import EDITOR
from tests.support import LEE, SAM, SEED_SLUG, git, run_cli, seed_correction

REVIEWER = SAM
PUBLISHER = LEE
ARTICLE = f"articles/{SEED_SLUG}.md"


def validate(path: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("--store", str(path), "validate", *args)
    return result.returncode, result.stdout, result.stderr


def commit_all(path: Path, message: str) -> str:
    git(path, "add", "-A")
    git(path, "commit", "-qm", message)
    return git(path, "rev-parse", "HEAD").strip()


def test_published_seed_store_validates(published_demo: Path) -> None:
    path = published_demo
    code, out, err = validate(path)
    assert (code, out) == (0, ""), out + err
    assert "0 problems" in err


def test_stealth_edit_is_named_with_commit_and_article(published_demo: Path) -> None:
    path = published_demo
    article = path / ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace("record-breaking", "historic"), encoding="utf-8"
    )
    commit = commit_all(path, "Quiet tweak")
    code, out, _ = validate(path)
    assert code == 1
    assert out.count("\n") == 1
    assert commit[:12] in out
    assert ARTICLE in out
    assert "Someone <s@x>" in out
    assert "without a published correction" in out
    # A second run reads the result from the cache and still reports it.
    assert validate(path)[:2] == (1, out)
    data = json.loads(validate(path, "--format", "json")[1])
    assert data["ok"] is False
    assert [f["code"] for f in data["findings"]] == ["stealth-edit"]
    assert data["findings"][0]["commit"] == commit


def test_since_limits_the_history_check(published_demo: Path) -> None:
    path = published_demo
    article = path / ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace("fifth term", "5th term"), encoding="utf-8"
    )
    commit_all(path, "Stealth")
    assert validate(path, "--since", "HEAD~1")[0] == 1
    assert validate(path, "--since", "HEAD")[0] == 0
    assert validate(path, "--since", "--output=/tmp/x")[0] == 2
    assert validate(path, "--since", "nosuchref")[0] == 2


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t.replace("merged: false\n", "merged: false\nmerged: true\n"),
            r":14: duplicate key 'merged'",
        ),
        (lambda t: t + "approved_by_mistake: true\n", ": approved_by_mistake: unknown field"),
        (lambda t: t.replace("kind: clarification", "kind: apology"), ":7: kind:"),
    ],
)
def test_malformed_event_fails_with_file_and_line(
    published_demo: Path, edit: object, expected: str
) -> None:
    path = published_demo
    record_id = seed_correction(path)
    event = path / "corrections" / SEED_SLUG / record_id / "published.yaml"
    assert callable(edit)
    event.write_text(edit(event.read_text(encoding="utf-8")), encoding="utf-8")
    commit_all(path, "Edit an event by hand")
    code, out, _ = validate(path)
    assert code == 1
    assert f"corrections/{SEED_SLUG}/{record_id}/published.yaml:" in out
    assert expected.lstrip(":") in out
    assert "event-changed" in validate(path, "--format", "json")[1]


def test_notes_block_must_match_the_records(published_demo: Path) -> None:
    path = published_demo
    article = path / ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").replace("withdrew its candidacy", "left"),
        encoding="utf-8",
    )
    commit_all(path, "Reword the note")
    codes = {f["code"] for f in json.loads(validate(path, "--format", "json")[1])["findings"]}
    assert codes == {"notes-block", "stealth-edit"}


def test_symlinks_and_bad_paths_are_reported(published_demo: Path) -> None:
    path = published_demo
    os.symlink("/etc/passwd", path / "articles" / "passwd.md")
    (path / "articles" / "Bad Name.md").write_text("---\nheadline: x\npublished: 2026-01-01\n---\n")
    (path / "corrections" / "notes.txt").write_text("x")
    commit_all(path, "Odd files")
    findings = json.loads(validate(path, "--format", "json")[1])["findings"]
    by_path = {(f["path"], f["code"]) for f in findings}
    assert ("articles/passwd.md", "path-not-a-file") in by_path
    assert ("articles/Bad Name.md", "path-invalid") in by_path
    assert ("corrections/notes.txt", "path-invalid") in by_path


def test_correction_note_must_not_use_euphemisms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-06-01T12:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-06-01T12:00:00+00:00")
    path = tmp_path / "demo"
    services.build_demo(path)
    store = services.open_store(path)
    try:
        text = services.editable_text(store, "old-mill-bakery-fifty-years")
        record = services.propose(
            store,
            "old-mill-bakery-fifty-years",
            text.replace("14 people", "16 people"),
            Kind.correction,
            EDITOR,
            note="An earlier version misstated the staff; this fixes the number of employees.",
        )
        services.review(store, record.id, REVIEWER, Verdict.approve)
        services.publish(store, record.id, PUBLISHER)
    finally:
        store.close()
    findings = json.loads(validate(path, "--format", "json")[1])["findings"]
    assert [f["code"] for f in findings] == ["note-euphemism"]
    assert "'fixes'" in findings[0]["message"]


def test_github_annotations_cannot_inject_commands() -> None:
    hostile = Finding(
        "articles/a,b:c.md", 3, "stealth-edit", "note says 100%\n::error::forged\r\n::add-mask::x"
    )
    line = github_line(hostile)
    assert "\n" not in line
    assert "\r" not in line
    # Workflow commands start a line; everything after the first "::" pair is data.
    assert line.startswith("::error file=articles/a%2Cb%3Ac.md,line=3,title=stealth-edit::")
    assert line.endswith("note says 100%25%0A::error::forged%0D%0A::add-mask::x")
    assert text_line(Finding("a.md", None, "x", "a.md: bad")) == "a.md: bad"


def test_github_format_writes_a_job_summary(published_demo: Path, tmp_path: Path) -> None:
    path = published_demo
    (path / ARTICLE).write_text("---\nheadline: Gone\npublished: 2024-05-15\n---\nNothing.\n")
    commit_all(path, "Replace everything")
    summary = tmp_path / "summary.md"
    result = run_cli(
        "--store",
        str(path),
        "validate",
        "--format",
        "github",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    assert all(line.startswith("::error file=") for line in result.stdout.splitlines())
    text = summary.read_text()
    assert text.startswith("## corrections validate")
    assert "| where | what |" in text


def test_shipped_schema_matches_the_model() -> None:
    assert record_schema() == generated_schema(), (
        f"regenerate corrections/schema/{SCHEMA_FILE} from the model"
    )
    printed = run_cli("schema")
    assert printed.returncode == 0
    types = {
        ref.rsplit("/", 1)[1]
        for ref in json.loads(printed.stdout)["discriminator"]["mapping"].values()
    }
    assert types == {
        "ProposalEvent",
        "RevisionEvent",
        "ReviewEvent",
        "WithdrawalEvent",
        "PublicationEvent",
    }


def test_files_mode_for_pre_commit_checks_only_the_given_files(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("---\nheadline: Fine\npublished: 2026-01-01\n---\nText.\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nid: y\n")
    assert run_cli("validate", str(good)).returncode == 0
    result = run_cli("validate", str(good), str(bad))
    assert result.returncode == 1
    assert result.stdout == f"{bad}:2: duplicate key 'id'\n"
    hooks = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    assert "entry: corrections validate" in hooks
