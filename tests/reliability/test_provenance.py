"""Steps can be proven: an event counts only when the step commit of the person it names
added it. An approval by "Boss" committed by someone else is reported and never counted."""

from __future__ import annotations

from pathlib import Path

from tests.support.trust import (
    LEE,
    MAYA,
    SAM,
    cli,
    codes,
    folder,
    forged_review,
    git_out,
    hand_commit,
    new_store,
    propose,
    validate_json,
    view,
)


def approved(tmp_path: Path) -> tuple[Path, str]:
    store = new_store(tmp_path)
    record_id = propose(store)
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    return store, record_id


def test_a_store_made_by_workflow_steps_proves_every_step(tmp_path: Path) -> None:
    store, record_id = approved(tmp_path)
    assert cli(store, MAYA, "propose", "globe-and-mail-putin-xi-2024", "--kind", "typo",
               "--text-file", "-", input="Short.\n").returncode == 0  # fmt: skip
    assert cli(store, MAYA, "withdraw", view_id(store, "typo")).returncode == 0
    assert cli(store, LEE, "publish", record_id).returncode == 0
    code, findings = validate_json(store)
    assert (code, findings) == (0, [])


def view_id(store: Path, kind: str) -> str:
    listed = cli(store, None, "list")
    return next(line.split("\t")[0] for line in listed.stdout.splitlines() if f"\t{kind}\t" in line)


def test_an_approval_committed_by_hand_is_reported_and_not_counted(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    forged = forged_review(store, record_id, "Boss")
    commit = hand_commit(store, "approve", author="Mallory")

    code, findings = validate_json(store)
    assert code == 1
    unproven = [f for f in findings if f["code"] == "step-unproven"]
    assert len(unproven) == 1
    assert unproven[0]["path"] == forged.relative_to(store).as_posix()
    assert unproven[0]["commit"] == commit
    assert commit[:12] in unproven[0]["message"]
    assert "Mallory" in unproven[0]["message"]
    assert "no Correction-Id trailer" in unproven[0]["message"]

    # The fold alone would count it: publish proves it by its commit, and refuses.
    assert view(store, record_id)["status"] == "approved"
    head = git_out(store, "rev-parse", "HEAD")
    refused = cli(store, LEE, "publish", record_id)
    assert refused.returncode == 1
    assert "0 of 1 approval" in refused.stderr
    assert forged.name in refused.stderr
    assert git_out(store, "rev-parse", "HEAD") == head
    assert "Approved-by: Boss" not in git_out(store, "log", "--format=%B")


def test_an_approval_committed_by_someone_else_with_trailers_is_not_counted(
    tmp_path: Path,
) -> None:
    store, record_id = approved(tmp_path)
    # Sam's approval is real; now a second "approval by Boss" that Mallory made look like a
    # workflow step (trailers and all), but committed under her own name.
    forged_review(store, record_id, "Boss")
    commit = hand_commit(
        store,
        f"Approve correction\n\nCorrection-Id: {record_id}\nCorrection-Step: approve",
        author="Mallory",
    )
    code, findings = validate_json(store)
    assert code == 1
    [unproven] = [f for f in findings if f["code"] == "step-unproven"]
    assert unproven["commit"] == commit
    assert "names Boss, but was added by commit" in unproven["message"]

    published = cli(store, LEE, "publish", record_id, "--json")
    assert published.returncode == 0, published.stderr
    message = git_out(store, "log", "-1", "--format=%B")
    assert "Approved-by: Sam Reviewer" in message
    assert "Boss" not in message


def test_a_proposal_added_by_someone_else_is_reported(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    original = folder(store, record_id)
    copy = original.parent / (original.name[:-8] + "00000000")
    copy.mkdir()
    text = (original / "proposal.yaml").read_text().replace(original.name, copy.name)
    (copy / "proposal.yaml").write_text(text)
    hand_commit(store, "another proposal", author="Mallory")
    _, findings = validate_json(store)
    [unproven] = [f for f in findings if f["code"] == "step-unproven"]
    assert unproven["path"] == f"{copy.relative_to(store).as_posix()}/proposal.yaml"


def test_a_step_commit_by_the_named_person_made_by_hand_is_a_step(tmp_path: Path) -> None:
    # What the check proves is the commit's author and trailer; without signatures that
    # is as far as git can tell (require_signed closes the gap: see test_signing).
    store, record_id = approved(tmp_path)
    forged_review(store, record_id, "Kim Reviewer")
    hand_commit(
        store,
        f"Approve\n\nCorrection-Id: {record_id}\nCorrection-Step: approve",
        author="KIM REVIEWER",
    )
    code, findings = validate_json(store)
    assert "step-unproven" not in codes(findings), findings
    assert code == 0
