"""One person, one name: every comparison of people uses the canonical form, and names that
are not names are refused at input."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain.errors import BadInput
from corrections.domain.people import canonical, checked_name, name_problem, same_person
from tests.support.trust import (
    SAM,
    cli,
    codes,
    folder,
    forged_review,
    hand_commit,
    new_store,
    propose,
    validate_json,
    view,
)

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u00ad"]
names = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
ascii_names = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1)


# ---------------------------------------------------------------------- the canonical form


@given(names)
def test_canonical_form_is_idempotent(name: str) -> None:
    assert canonical(canonical(name)) == canonical(name)


@given(ascii_names)
def test_canonical_form_ignores_case(name: str) -> None:
    assert canonical(name.upper()) == canonical(name.lower()) == canonical(name)


@given(ascii_names)
def test_canonical_form_ignores_fullwidth_letters(name: str) -> None:
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in name)
    assert fullwidth != name
    assert canonical(fullwidth) == canonical(name)


@given(ascii_names, st.lists(st.tuples(st.integers(0, 60), st.sampled_from(INVISIBLE))))
def test_canonical_form_ignores_invisible_characters(
    name: str, inserts: list[tuple[int, str]]
) -> None:
    hidden = name
    for at, char in inserts:
        hidden = hidden[:at] + char + hidden[at:]
    assert canonical(hidden) == canonical(name)


def test_canonical_form_collapses_whitespace_but_keeps_words_apart() -> None:
    assert canonical("  Maya \u00a0  Editor ") == "maya editor"
    assert not same_person("Maya Editor", "MayaEditor")
    assert not same_person("Sam", "Pam")
    assert same_person("Stra\u00dfe", "STRASSE")  # case folding, not just lower()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        (" \u200b\u2060 ", "empty"),
        ("x" * 201, "at most 200"),
        ("Sam\x1b[31m", "U+001B"),
        ("Sam\x9b", "U+009B"),
        ("Sam\x7f", "U+007F"),
        ("Sam\u2028Reviewer", "U+2028"),
        ("Sam\nReviewer", "U+000A"),
    ],
)
def test_names_that_are_not_names(name: str, reason: str) -> None:
    problem = name_problem(name)
    assert problem is not None
    assert reason in problem
    with pytest.raises(BadInput, match="--as"):
        checked_name(name, "--as")


def test_a_name_of_200_characters_is_a_name() -> None:
    assert name_problem("x" * 200) is None
    assert checked_name("  Maya   Editor ", "--as") == "Maya Editor"


# ---------------------------------------------------------------------- self-approval


ALIASES = [
    "maya editor",
    "MAYA EDITOR",
    "Maya\u200b Editor",
    "Ma\u2060ya Editor",
    "Ｍａｙａ Ｅｄｉｔｏｒ",
]


def test_the_proposer_cannot_approve_under_another_spelling(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    for alias in ALIASES:
        own = cli(store, alias, "review", record_id, "--approve")
        assert own.returncode == 1, (alias, own.stderr)
        assert "second person" in own.stderr
    assert view(store, record_id)["status"] == "proposed"
    assert not list(folder(store, record_id).glob("review-*.yaml"))


def test_two_spellings_of_one_reviewer_are_one_approval(tmp_path: Path) -> None:
    store = new_store(tmp_path, "required_approvals = 2")
    record_id = propose(store)
    assert cli(store, "Sam", "review", record_id, "--approve").returncode == 0
    for spelling in ("sam", "ＳＡＭ"):
        again = cli(store, spelling, "review", record_id, "--approve")
        assert again.returncode == 1
        assert "already gave this verdict (approve) on revision 1" in again.stderr
    shown = view(store, record_id)
    assert shown["status"] == "proposed"
    # One approver, under whichever of the spellings the fold met first.
    assert [canonical(name) for name in shown["approvers"]] == ["sam"]
    early = cli(store, "Lee Publisher", "publish", record_id)
    assert early.returncode == 1
    assert "1 of 2 approval" in early.stderr
    assert cli(store, "Kim Reviewer", "review", record_id, "--approve").returncode == 0
    assert view(store, record_id)["status"] == "approved"


def test_validate_reports_a_hand_written_self_approval_in_another_spelling(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    forged_review(store, record_id, "MAYA EDITOR")
    hand_commit(store, "approve", author="MAYA EDITOR")
    _, findings = validate_json(store)
    assert "self-approval" in codes(findings)


# ------------------------------------------------------------ policy lists, the proposer


def test_policy_lists_compare_names_canonically(tmp_path: Path) -> None:
    store = new_store(tmp_path, 'reviewers = ["Sam Reviewer"]\npublishers = ["Lee Publisher"]')
    record_id = propose(store)
    stranger = cli(store, "Sam Reviewers", "review", record_id, "--approve")
    assert stranger.returncode == 1
    assert "not on the reviewers list" in stranger.stderr
    assert cli(store, "SAM\u200b REVIEWER", "review", record_id, "--approve").returncode == 0
    other = cli(store, "Lee Publishers", "publish", record_id)
    assert other.returncode == 1
    assert "not on the publishers list" in other.stderr
    done = cli(store, "lee publisher", "publish", record_id)
    assert done.returncode == 0, done.stderr


def test_policy_lists_refuse_names_that_are_not_names(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    config = store / "corrections.toml"
    config.write_text(
        config.read_text().replace("reviewers = []", 'reviewers = ["Sam\\u001b[31m"]')
    )
    hand_commit(store, "Only Sam reviews")
    listed = cli(store, None, "list")
    assert listed.returncode == 2
    assert "reviewers" in listed.stderr
    assert "U+001B" in listed.stderr


def test_the_proposer_revises_and_withdraws_under_any_spelling(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    revised = cli(store, "MAYA EDITOR", "revise", record_id, "--summary", "Sharper.")
    assert revised.returncode == 0, revised.stderr
    other = cli(store, SAM, "withdraw", record_id)
    assert other.returncode == 1
    assert "only the proposer" in other.stderr
    withdrawn = cli(store, "ｍａｙａ editor", "withdraw", record_id)
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert view(store, record_id)["status"] == "withdrawn"
    _, findings = validate_json(store)
    assert "withdrawal-by-other" not in codes(findings)
    assert "revision-by-other" not in codes(findings)


# ---------------------------------------------------------------------- names at input


BAD_NAMES = [
    ("", "cannot be empty"),
    ("   ", "cannot be empty"),
    ("\u200b", "cannot be empty"),
    ("x" * 201, "at most 200 characters"),
    ("Sam\x1b]0;owned\x07", "control characters"),
    ("Sam\x1b[31mReviewer", "control characters"),
]


def test_bad_names_are_refused_at_input_with_exit_2(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    for name, message in BAD_NAMES:
        result = cli(store, name, "review", record_id, "--approve")
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.startswith("corrections: --as: ")
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
        assert "\x1b" not in result.stderr
    assert not list(folder(store, record_id).glob("review-*.yaml"))


def test_an_empty_as_is_refused_not_a_fallback(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    result = cli(store, "", "propose", "x", "--kind", "typo", "--text-file", "-", input="x")
    assert result.returncode == 2
    assert "--as: a name cannot be empty" in result.stderr


def test_the_environment_and_git_config_are_checked_too(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    from_env = cli(store, None, "review", record_id, "--approve", CORRECTIONS_USER="Sam\x1bX")
    assert from_env.returncode == 2
    assert "$CORRECTIONS_USER: a name cannot hold control characters" in from_env.stderr
    subprocess.run(["git", "-C", str(store), "config", "user.name", "Sam\x1b[2J"], check=True)
    from_git = cli(store, None, "review", record_id, "--approve", CORRECTIONS_USER="")
    assert from_git.returncode == 2
    assert "git's user.name: a name cannot hold control characters" in from_git.stderr
    subprocess.run(["git", "-C", str(store), "config", "user.name", "Sam Reviewer"], check=True)
    fine = cli(store, None, "review", record_id, "--approve", CORRECTIONS_USER="")
    assert fine.returncode == 0, fine.stderr


# ---------------------------------------------------------------------- names in events


def test_the_fold_reports_a_hand_written_name_that_is_not_a_name(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    forged = forged_review(store, record_id, "Kim\x1b[31m")
    hand_commit(store, "approve", author="Kim")
    code, findings = validate_json(store)
    assert code == 1
    invalid = [f for f in findings if f["code"] == "name-invalid"]
    assert len(invalid) == 1
    assert invalid[0]["path"].endswith(forged.name)
    assert "U+001B" in invalid[0]["message"]
    assert "\x1b" not in invalid[0]["message"]
    # A verdict by no valid person decides nothing: Sam's approval stands alone.
    assert view(store, record_id)["approvers"] == [SAM]
