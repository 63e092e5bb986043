"""`corrections migrate`: a store made with one file per correction becomes event folders in
one commit, and validates afterwards, its old publish commits included."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from corrections import services
from corrections.domain.article import with_notes, without_notes
from corrections.domain.kinds import Kind
from corrections.domain.public_notes import notes_block
from corrections.domain.records import (
    CorrectionRecord,
    Published,
    Review,
    Status,
    Verdict,
    legacy_record_path,
    legacy_record_to_bytes,
)
from corrections.services.notes import house_style
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from tests.support import EDITOR, LEE, SAM, SEED_ARTICLE, SEED_SLUG, git, run_cli

WHEN = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
REVIEWER = SAM
PUBLISHER = LEE
ARTICLE = f"articles/{SEED_SLUG}.md"
OLD_HASH = "0" * 64  # old records hashed text only; any value works for them


def write(
    store: GitStore, files: dict[str, bytes | None], subject: str, who: Identity, **kw: object
) -> str:
    def plan(snapshot: Snapshot) -> PlannedCommit:
        return PlannedCommit(files, subject, who, **kw)  # type: ignore[arg-type]

    return store.write(plan)


def old_store(tmp_path: Path) -> tuple[Path, str, str]:
    """A store as the single-file layout left it: one correction published (three commits
    rewriting its record), one sent back for changes."""
    path = tmp_path / "old"
    store = services.init(path, "globe", EDITOR)
    try:
        services.add_articles(store, [SEED_ARTICLE], EDITOR)
        base = store.head() or ""
        text = without_notes((path / ARTICLE).read_text(encoding="utf-8"), ARTICLE)
        proposed = text.replace("fifth term", "fifth six-year term")
        note = "This article has been updated to clarify the length of the term."
        record = CorrectionRecord(
            id="20260115T120000Z-0000aaaa",
            article=SEED_SLUG,
            kind=Kind.clarification,
            status=Status.proposed,
            base_commit=base,
            proposed_text=proposed,
            diff_hash=OLD_HASH,
            draft_note=note,
            note=note,
            proposer=EDITOR.name,
            proposed_at=WHEN,
            updated_at=WHEN,
        )
        legacy = legacy_record_path(SEED_SLUG, record.id)
        trailers = [("Correction-Id", record.id)]
        write(store, {legacy: legacy_record_to_bytes(record)}, "Propose", EDITOR, trailers=trailers)
        review = Review(
            reviewer=REVIEWER.name,
            verdict=Verdict.approve,
            at=WHEN,
            revision=1,
            diff_hash=OLD_HASH,
        )
        record = replace(record, status=Status.approved, reviews=(review,))
        write(
            store, {legacy: legacy_record_to_bytes(record)}, "Approve", REVIEWER, trailers=trailers
        )
        parent = store.head() or ""
        record = replace(
            record,
            status=Status.published,
            note_date=WHEN.date(),
            published=Published(publisher=PUBLISHER.name, at=WHEN, parent=parent),
        )
        top, bottom = notes_block([record], house_style(services.load_config(store)))
        article = with_notes(proposed, ARTICLE, top, bottom)
        published_at = write(
            store,
            {ARTICLE: article.encode(), legacy: legacy_record_to_bytes(record)},
            "Publish",
            PUBLISHER,
            trailers=[
                *trailers,
                ("Correction-Kind", "clarification"),
                ("Approved-by", REVIEWER.name),
            ],
        )
        other = replace(
            record,
            id="20260115T120000Z-0000bbbb",
            kind=Kind.correction,
            status=Status.changes_requested,
            base_commit=published_at,
            proposed_text=proposed.replace("Xi", "President Xi"),
            note="An earlier version misstated a title.",
            note_date=None,
            published=None,
            reviews=(replace(review, verdict=Verdict.request_changes, comment="Which one?"),),
        )
        write(
            store,
            {legacy_record_path(SEED_SLUG, other.id): legacy_record_to_bytes(other)},
            "Propose",
            EDITOR,
            trailers=[("Correction-Id", other.id)],
        )
    finally:
        store.close()
    return path, record.id, other.id


def test_an_old_store_migrates_in_one_commit_and_validates(tmp_path: Path) -> None:
    path, published_id, open_id = old_store(tmp_path)
    s = str(path)
    before = run_cli("--store", s, "validate", "--format", "json")
    assert before.returncode == 1
    codes = {f["code"] for f in json.loads(before.stdout)["findings"]}
    assert codes == {"legacy-layout", "notes-block"}, before.stdout

    dry = run_cli("--store", s, "migrate", "--dry-run", "--json")
    assert json.loads(dry.stdout) == {"commit": None, "corrections": 2, "events": 5}
    head = git(path, "rev-parse", "main").strip()
    migrated = run_cli("--store", s, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert git(path, "rev-parse", "main~1").strip() == head  # exactly one commit
    files = sorted(git(path, "ls-files", "corrections").split())
    folder = f"corrections/{SEED_SLUG}/{published_id}"
    assert f"{folder}/proposal.yaml" in files
    assert f"{folder}/published.yaml" in files
    assert not [f for f in files if f.count("/") == 2 and f.endswith(".yaml")]

    after = run_cli("--store", s, "validate")
    assert (after.returncode, after.stdout) == (0, ""), after.stdout + after.stderr
    listed = run_cli("--store", s, "list", "--json")
    statuses = {r["id"]: r["status"] for r in json.loads(listed.stdout)}
    assert statuses == {published_id: "published", open_id: "changes_requested"}
    again = run_cli("--store", s, "migrate")
    assert again.returncode == 0
    assert "nothing to migrate" in again.stderr


def test_migrated_corrections_carry_on_through_the_workflow(tmp_path: Path) -> None:
    path, _, open_id = old_store(tmp_path)
    s = str(path)
    assert run_cli("--store", s, "migrate").returncode == 0
    body = (path / ARTICLE).read_text(encoding="utf-8").replace("Xi Jinping", "President Xi")
    revised = run_cli(
        "--store", s, "--as", EDITOR.name, "revise", open_id, "--text-file", "-", input=body
    )
    assert revised.returncode == 0, revised.stderr
    assert "revision 2" in revised.stdout
    approved = run_cli("--store", s, "--as", REVIEWER.name, "review", open_id, "--approve")
    assert approved.stdout.split() == [open_id, "approved"]
    published = run_cli("--store", s, "--as", PUBLISHER.name, "publish", open_id)
    assert published.returncode == 0, published.stderr
    assert run_cli("--store", s, "validate").returncode == 0


def test_a_stealth_deletion_of_an_old_published_record_is_still_reported(tmp_path: Path) -> None:
    path, published_id, _ = old_store(tmp_path)
    (path / legacy_record_path(SEED_SLUG, published_id)).unlink()
    git(path, "commit", "-qam", "Tidy up")
    result = run_cli("--store", str(path), "validate", "--format", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "published-record-changed" in codes
