"""The correction workflow end to end, through the real console script."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import ANCHOR, ARGENTINA, SEED_ARTICLE, SEED_SLUG, git, run_cli, seed_body
from tests.support.trust import MAYA, proposal


def propose_seed(store: Path, *extra: str) -> dict[str, object]:
    return proposal(store, MAYA, *extra)


def approved_seed(store: Path) -> str:
    """The seed clarification, proposed by Maya Editor and approved by Sam Reviewer."""
    record_id = str(propose_seed(store)["id"])
    approved = run_cli(
        "--store", str(store), "--as", "Sam Reviewer", "review", record_id, "--approve"
    )
    assert approved.returncode == 0, approved.stderr
    return record_id


def test_seed_clarification_end_to_end(seeded: Path) -> None:
    s = str(seeded)
    proposal = propose_seed(seeded)
    assert {"id", "article", "kind", "status", "note"} <= set(proposal)
    assert proposal["article"] == SEED_SLUG
    assert proposal["kind"] == "clarification"
    assert proposal["status"] == "proposed"
    note = str(proposal["note"])
    assert note.startswith("This article has been updated to clarify that")
    assert "Argentina withdrew its candidacy in December" in note
    record_id = str(proposal["id"])

    own = run_cli("--store", s, "--as", "Maya Editor", "review", record_id, "--approve")
    assert own.returncode == 1
    assert "second person" in own.stderr

    early = run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id)
    assert early.returncode == 1
    assert "0 of 1 approval" in early.stderr

    approved = run_cli(
        "--store",
        s,
        "--as",
        "Sam Reviewer",
        "review",
        record_id,
        "--approve",
        "--comment",
        "Checked against the wire.",
    )
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.split() == [record_id, "approved"]

    before = git(seeded, "rev-parse", "main").strip()
    published = run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id, "--json")
    assert published.returncode == 0, published.stderr
    data = json.loads(published.stdout)
    assert data["status"] == "published"
    assert data["approved_by"] == ["Sam Reviewer"]

    # One commit holds the article, its note and the record, with trailers.
    commit = git(seeded, "rev-parse", "main").strip()
    assert data["commit"] == commit
    assert git(seeded, "rev-parse", "main~1").strip() == before
    changed = git(seeded, "show", "--name-only", "--format=", commit).split()
    assert sorted(changed) == sorted(
        [f"articles/{SEED_SLUG}.md", f"corrections/{SEED_SLUG}/{record_id}/published.yaml"]
    )
    trailers = git(seeded, "log", "-1", "--format=%(trailers:only,unfold)").strip().splitlines()
    assert trailers == [
        f"Correction-Id: {record_id}",
        "Correction-Kind: clarification",
        "Approved-by: Sam Reviewer",
    ]

    article = (seeded / "articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    assert ANCHOR + ARGENTINA in article
    assert article.rstrip().endswith("<!-- /corrections:notes -->")
    last_block = article[article.rindex("<!-- corrections:notes -->") :]
    assert "This article has been updated to clarify that" in last_block
    assert "Argentina withdrew its candidacy in December" in last_block

    history = json.loads(run_cli("--store", s, "history", SEED_SLUG, "--json").stdout)
    assert len(history) == 2
    assert history[1]["commit"] == commit
    assert git(seeded, "status", "--porcelain") == ""
    git(seeded, "fsck", "--strict")

    again = run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id)
    assert again.returncode == 1
    assert "already published" in again.stderr


def test_a_proposal_that_changes_nothing_is_refused(seeded: Path) -> None:
    body = SEED_ARTICLE.read_text(encoding="utf-8").split("---\n", 2)[2]
    result = run_cli(
        "--store",
        str(seeded),
        "propose",
        SEED_SLUG,
        "--kind",
        "correction",
        "--text-file",
        "-",
        input=body,
    )
    assert result.returncode == 1
    assert "nothing to correct" in result.stderr
    assert git(seeded, "rev-list", "--count", "main").strip() == "2"


def test_revision_voids_approvals(seeded: Path, tmp_path: Path) -> None:
    s = str(seeded)
    record_id = approved_seed(seeded)
    revised_text = tmp_path / "revised.md"
    revised_text.write_text(seed_body().replace("December.)", "December 2023.)"))
    revised = run_cli(
        "--store", s, "--as", "Maya Editor", "revise", record_id, "--text-file", str(revised_text)
    )
    assert revised.returncode == 0, revised.stderr
    assert "revision 2\tproposed" in revised.stdout
    view = json.loads(run_cli("--store", s, "view", record_id, "--json").stdout)
    assert view["approvers"] == []
    assert view["revision"] == 2
    refused = run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id)
    assert refused.returncode == 1
    other = run_cli("--store", s, "--as", "Sam Reviewer", "revise", record_id, "--kind", "update")
    assert other.returncode == 1
    assert "only the proposer" in other.stderr


def test_request_changes_reject_and_withdraw(seeded: Path) -> None:
    s = str(seeded)
    first = str(propose_seed(seeded)["id"])
    no_comment = run_cli("--store", s, "--as", "Sam Reviewer", "review", first, "--reject")
    assert no_comment.returncode == 1
    changes = run_cli(
        "--store",
        s,
        "--as",
        "Sam Reviewer",
        "review",
        first,
        "--request-changes",
        "--comment",
        "Say when it was announced.",
    )
    assert changes.stdout.split() == [first, "changes_requested"]
    rejected = run_cli(
        "--store",
        s,
        "--as",
        "Sam Reviewer",
        "review",
        first,
        "--reject",
        "--comment",
        "Not needed.",
    )
    assert rejected.stdout.split() == [first, "rejected"]
    final = run_cli("--store", s, "--as", "Maya Editor", "withdraw", first)
    assert final.returncode == 1
    assert "rejected" in final.stderr

    second = str(propose_seed(seeded)["id"])
    by_other = run_cli("--store", s, "--as", "Sam Reviewer", "withdraw", second)
    assert by_other.returncode == 1
    assert run_cli("--store", s, "--as", "Maya Editor", "withdraw", second).returncode == 0
    listed = json.loads(run_cli("--store", s, "list", "--json").stdout)
    assert {r["id"]: r["status"] for r in listed} == {first: "rejected", second: "withdrawn"}
    only = json.loads(run_cli("--store", s, "list", "--status", "withdrawn", "--json").stdout)
    assert [r["id"] for r in only] == [second]


def test_publish_merges_when_the_article_moved_on(seeded: Path) -> None:
    s = str(seeded)
    record_id = approved_seed(seeded)
    article = seeded / "articles" / f"{SEED_SLUG}.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "A week after he was sworn-in", "A week after he was sworn in"
        ),
        encoding="utf-8",
    )
    git(seeded, "commit", "-qam", "Fix a hyphen")
    published = run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id, "--json")
    assert published.returncode == 0, published.stderr
    assert json.loads(published.stdout)["merged"] is True
    text = article.read_text(encoding="utf-8")
    assert "A week after he was sworn in" in text
    assert ANCHOR + ARGENTINA in text


def test_publish_conflict_exits_3_and_changes_nothing(seeded: Path) -> None:
    s = str(seeded)
    record_id = approved_seed(seeded)
    article = seeded / "articles" / f"{SEED_SLUG}.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(ANCHOR, "which focuses on security."),
        encoding="utf-8",
    )
    git(seeded, "commit", "-qam", "Edit the BRICS paragraph")
    head = git(seeded, "rev-parse", "main").strip()
    result = run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id)
    assert result.returncode == 3
    assert "conflicts" in result.stderr
    assert "which focuses on security." in result.stderr
    assert git(seeded, "rev-parse", "main").strip() == head


def test_typo_has_no_public_note(seeded: Path) -> None:
    s = str(seeded)
    body = SEED_ARTICLE.read_text(encoding="utf-8").split("---\n", 2)[2]
    result = run_cli(
        "--store",
        s,
        "--as",
        "Maya Editor",
        "propose",
        SEED_SLUG,
        "--kind",
        "typo",
        "--text-file",
        "-",
        "--json",
        input=body.replace("sworn-in", "sworn in", 1),
    )
    assert result.returncode == 0, result.stderr
    proposal = json.loads(result.stdout)
    assert proposal["note"] is None
    record_id = proposal["id"]
    run_cli("--store", s, "--as", "Sam Reviewer", "review", record_id, "--approve")
    assert run_cli("--store", s, "--as", "Lee", "publish", record_id).returncode == 0
    article = (seeded / "articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    assert "sworn in for a record" in article
    assert "corrections:notes" not in article


def test_revising_to_typo_drops_the_note_and_back_drafts_one(seeded: Path) -> None:
    s = str(seeded)
    record_id = str(propose_seed(seeded)["id"])

    def revise(kind: str) -> dict[str, object]:
        result = run_cli(
            "--store", s, "--as", "Maya Editor", "revise", record_id, "--kind", kind, "--json"
        )
        assert result.returncode == 0, result.stderr
        data: dict[str, object] = json.loads(result.stdout)
        return data

    as_typo = revise("typo")
    assert as_typo["kind"] == "typo"
    assert as_typo["note"] is None
    as_clarification = revise("clarification")
    assert str(as_clarification["note"]).startswith("This article has been updated to clarify")
    as_typo = revise("typo")
    run_cli("--store", s, "--as", "Sam Reviewer", "review", record_id, "--approve")
    assert run_cli("--store", s, "--as", "Lee", "publish", record_id).returncode == 0
    article = (seeded / "articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    assert "Argentina withdrew its candidacy" in article
    assert "corrections:notes" not in article
    assert run_cli("--store", s, "validate").returncode == 0


def test_editor_note_replaces_the_draft_and_both_are_kept(seeded: Path) -> None:
    own = (
        "This article has been updated to clarify that, following the expansion "
        "announcement last year, Argentina withdrew its candidacy in December."
    )
    proposal = propose_seed(seeded, "--note", own)
    assert proposal["note"] == own
    assert str(proposal["draft_note"]).startswith("This article has been updated to clarify")
    assert proposal["draft_note"] != own


def test_unknown_kind_and_bad_ids_are_bad_input(seeded: Path) -> None:
    s = str(seeded)
    bad_kind = run_cli(
        "--store", s, "propose", SEED_SLUG, "--kind", "oops", "--text-file", "-", input="x\n"
    )
    assert bad_kind.returncode == 2
    for bad in ("../../etc", "--help-me", "zz"):
        result = run_cli("--store", s, "view", bad)
        assert result.returncode == 2, bad
    missing = run_cli("--store", s, "view", "20990101T000000Z-00000000")
    assert missing.returncode == 2


def test_a_draft_that_needs_editing_says_why_and_holds_no_placeholder(seeded: Path) -> None:
    clean = propose_seed(seeded)
    assert clean["needs_editing"] is False
    assert clean["note_problems"] == []
    result = run_cli(
        "--store",
        str(seeded),
        "--as",
        "Maya Editor",
        "propose",
        SEED_SLUG,
        "--kind",
        "retraction",
        "--text-file",
        "-",
        "--json",
        input=seed_body(),
    )
    assert result.returncode == 0, result.stderr
    retraction = json.loads(result.stdout)
    assert retraction["needs_editing"] is True
    assert any("reason" in p for p in retraction["note_problems"])
    assert retraction["note"] == "This article has been retracted."
    shown = run_cli("--store", str(seeded), "view", str(retraction["id"]))
    assert "needs editing: the note needs a reason" in shown.stdout


def test_validate_reports_a_published_note_holding_a_placeholder(seeded: Path) -> None:
    s = str(seeded)
    proposal = propose_seed(seeded, "--note", "This article was clarified {to be completed}.")
    assert proposal["needs_editing"] is True
    record_id = str(proposal["id"])
    approve = ("--as", "Sam Reviewer", "review", record_id, "--approve")
    assert run_cli("--store", s, *approve).returncode == 0
    assert run_cli("--store", s, "--as", "Lee Publisher", "publish", record_id).returncode == 0
    found = run_cli("--store", s, "validate", "--format", "json")
    assert found.returncode == 1
    assert '"note-artefact"' in found.stdout
    assert "placeholder" in found.stdout
