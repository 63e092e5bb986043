"""``[policy] require_signed``: every step commit is signed with git's SSH signing by a key
the store's allowed-signers file lists for the person who took the step."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

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
)

pytestmark = pytest.mark.skipif(
    shutil.which("ssh-keygen") is None,
    reason="ssh-keygen (openssh-client) is not installed: git cannot make SSH signatures",
)

PEOPLE = {"maya": MAYA, "sam": SAM, "lee": LEE, "mallory": "Mallory", "eve": "Eve"}
LISTED = ("maya", "sam", "lee", "mallory")  # Eve's key is not in the allowed-signers file


def make_key(keys: Path, who: str) -> Path:
    key = keys / who
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", who, "-f", str(key)], check=True
    )
    config = keys / f"{who}.gitconfig"
    config.write_text(f"[gpg]\n\tformat = ssh\n[user]\n\tsigningkey = {key}\n")
    return key


def as_(keys: Path, who: str) -> dict[str, str]:
    """The environment of a person whose git signs with their own key."""
    return {"GIT_CONFIG_GLOBAL": str(keys / f"{who}.gitconfig")}


@pytest.fixture
def signed_store(tmp_path: Path) -> tuple[Path, Path]:
    keys = tmp_path / "keys"
    keys.mkdir()
    for who in PEOPLE:
        make_key(keys, who)
    store = new_store(tmp_path)
    signers = store / ".corrections" / "allowed_signers"
    signers.parent.mkdir()
    signers.write_text(
        "".join(f'"{PEOPLE[who]}" {(keys / f"{who}.pub").read_text()}' for who in LISTED)
    )
    config = store / "corrections.toml"
    config.write_text(config.read_text().replace("require_signed = false", "require_signed = true"))
    hand_commit(store, "Require signed steps", author="Archive Desk")
    return store, keys


def propose_and_approve(store: Path, keys: Path, reviewer_key: str = "sam") -> str:
    record_id = propose(store, MAYA, **as_(keys, "maya"))
    review = cli(store, SAM, "review", record_id, "--approve", **as_(keys, reviewer_key))
    assert review.returncode == 0, review.stderr
    return record_id


def test_signed_steps_validate_and_git_verifies_them(signed_store: tuple[Path, Path]) -> None:
    store, keys = signed_store
    record_id = propose_and_approve(store, keys)
    published = cli(store, LEE, "publish", record_id, **as_(keys, "lee"))
    assert published.returncode == 0, published.stderr
    code, findings = validate_json(store)
    assert (code, findings) == (0, [])
    signers = store / ".corrections" / "allowed_signers"
    log = git_out(
        store, "-c", f"gpg.ssh.allowedSignersFile={signers}", "log", "-3", "--format=%G?|%GS|%an"
    )
    assert log.splitlines() == [f"G|{LEE}|{LEE}", f"G|{SAM}|{SAM}", f"G|{MAYA}|{MAYA}"]


def test_a_step_without_a_signing_key_is_refused(signed_store: tuple[Path, Path]) -> None:
    store, keys = signed_store
    record_id = propose(store, MAYA, **as_(keys, "maya"))
    unsigned = cli(store, SAM, "review", record_id, "--approve", GIT_CONFIG_GLOBAL="/dev/null")
    assert unsigned.returncode == 1
    assert "requires signed steps" in unsigned.stderr
    assert "user.signingkey" in unsigned.stderr
    assert unsigned.stderr.count("\n") == 1
    assert not list(folder(store, record_id).glob("review-*.yaml"))


def test_a_key_the_store_does_not_list_is_reported_and_not_counted(
    signed_store: tuple[Path, Path],
) -> None:
    store, keys = signed_store
    record_id = propose_and_approve(store, keys, reviewer_key="eve")
    approval = git_out(store, "rev-parse", "HEAD").strip()
    code, findings = validate_json(store)
    assert code == 1
    [unsigned] = findings
    assert unsigned["code"] == "step-unsigned"
    assert unsigned["commit"] == approval
    assert "does not list" in unsigned["message"]
    refused = cli(store, LEE, "publish", record_id, **as_(keys, "lee"))
    assert refused.returncode == 1
    assert "0 of 1 approval" in refused.stderr
    assert "does not list" in refused.stderr


def test_a_step_signed_with_another_persons_key_is_not_theirs(
    signed_store: tuple[Path, Path],
) -> None:
    store, keys = signed_store
    record_id = propose(store, MAYA, **as_(keys, "maya"))
    # Mallory's key is listed, for Mallory: she commits an approval in Sam's name, with the
    # trailers of a workflow step, and signs it.
    forged_review(store, record_id, SAM)
    hand_commit(
        store,
        f"Approve\n\nCorrection-Id: {record_id}\nCorrection-Step: approve",
        author=SAM,
        sign=str(keys / "mallory"),
    )
    code, findings = validate_json(store)
    assert code == 1
    [unsigned] = findings
    assert unsigned["code"] == "step-unsigned"
    assert "signed by the key of Mallory, not of Sam Reviewer" in unsigned["message"]
    refused = cli(store, LEE, "publish", record_id, **as_(keys, "lee"))
    assert refused.returncode == 1
    assert "not of Sam Reviewer" in refused.stderr


def test_without_an_allowed_signers_file_nothing_is_proven(
    signed_store: tuple[Path, Path],
) -> None:
    store, keys = signed_store
    record_id = propose_and_approve(store, keys)
    (store / ".corrections" / "allowed_signers").unlink()
    hand_commit(store, "Remove the allowed signers", author="Archive Desk")
    _, findings = validate_json(store)
    assert codes(findings) == ["signers-missing"]
    refused = cli(store, LEE, "publish", record_id, **as_(keys, "lee"))
    assert refused.returncode == 1
    assert "no allowed-signers file at .corrections/allowed_signers" in refused.stderr
