"""Control characters never reach git or a terminal: placeholders in summaries and
comments, none in notes, and every invisible character of an article shown when printed."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import yaml

from corrections.domain.events import ProposalEvent, event_to_bytes, parse_event
from tests.support.trust import (
    LEE,
    SAM,
    cli,
    folder,
    git_out,
    hand_commit,
    new_store,
    propose,
    validate_json,
)

HOSTILE = "why \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J\x9b31m\u2028end\x7f"
RAW = ("\x1b", "\x07", "\x9b", "\u2028", "\x7f")


def test_summaries_comments_and_notes_reach_events_and_commits_inert(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store, "Maya Editor", "--summary", HOSTILE, "--note", "Updated" + HOSTILE)
    review = cli(store, SAM, "review", record_id, "--request-changes", "--comment", HOSTILE)
    assert review.returncode == 0, review.stderr
    revised = cli(store, "Maya Editor", "revise", record_id, "--summary", "Again " + HOSTILE)
    assert revised.returncode == 0, revised.stderr

    where = folder(store, record_id)
    proposal = yaml.safe_load((where / "proposal.yaml").read_text())
    [review_file] = where.glob("review-*.yaml")
    comment = yaml.safe_load(review_file.read_text())["comment"]
    revision = yaml.safe_load((where / "revision-2.yaml").read_text())
    for text in (proposal["summary"], comment, revision["summary"]):
        assert not any(c in text for c in RAW), repr(text)
        assert "␛]8;;https://evil.example␇click" in text
        assert "<U+009B>31m<U+2028>end␡" in text
    for note in (proposal["note"], revision["note"]):
        assert not any(c in note for c in RAW), repr(note)
        assert "␛" not in note  # a note drops them: readers never see placeholders
    messages = git_out(store, "log", "--format=%an%n%B")
    assert not any(c in messages for c in RAW)
    assert "␛]8;;https://evil.example" in messages


def test_a_hand_written_note_with_control_characters_is_flagged_and_not_published(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    proposal = folder(store, record_id) / "proposal.yaml"
    event = parse_event(proposal.read_bytes(), proposal.relative_to(store).as_posix())
    assert isinstance(event, ProposalEvent)
    # Edited in place, as someone with push access could: validate says so in two ways.
    edited = replace(event, note="Updated \x1b[5m blink")
    proposal.write_bytes(event_to_bytes(edited))
    assert b"\x1b" not in proposal.read_bytes()  # YAML spells it "\e"
    hand_commit(store, "edit the note")
    _, findings = validate_json(store)
    flagged = [f for f in findings if f["code"] == "note-control"]
    assert len(flagged) == 1
    assert flagged[0]["path"] == proposal.relative_to(store).as_posix()
    assert "U+001B" in flagged[0]["message"]
    assert "\x1b" not in flagged[0]["message"]
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    refused = cli(store, LEE, "publish", record_id)
    assert refused.returncode == 1
    assert "control character U+001B" in refused.stderr


def hidden_article(tmp_path: Path) -> tuple[Path, Path]:
    store = new_store(tmp_path)
    source = tmp_path / "hidden.md"
    source.write_text(
        '---\nheadline: "Zero\u200bwidth"\npublished: 2026-01-10\n---\n'
        "Keep\u2060 this \x1b[2J paragraph.\n\nThe council voted\u200b 7-2.\n"
    )
    assert cli(store, None, "add", str(source)).returncode == 0
    changed = tmp_path / "changed.md"
    changed.write_text(source.read_text().replace("7-2", "6-3"))
    return store, changed


def test_printed_article_text_shows_every_invisible_character(tmp_path: Path) -> None:
    store, changed = hidden_article(tmp_path)
    shown = cli(store, None, "show", "hidden").stdout
    assert "Keep<U+2060> this ␛[2J paragraph." in shown
    assert "voted<U+200B> 7-2." in shown
    listed = cli(store, None, "articles").stdout
    assert "Zero<U+200B>width" in listed
    record_id = propose_file(store, changed)
    viewed = cli(store, None, "view", record_id).stdout
    assert "voted<U+200B> [-7-2-]{+6-3+}." in viewed
    for fmt in ("words", "side-by-side"):
        diffed = cli(store, None, "diff", "--files", str(tmp_path / "hidden.md"), str(changed),
                     "--format", fmt).stdout  # fmt: skip
        assert "voted<U+200B>" in diffed, fmt
        assert "Keep<U+2060>" in diffed, fmt
    for output in (shown, listed, viewed, diffed):
        assert not any(c in output for c in ("\u200b", "\u2060", "\x1b"))


def propose_file(store: Path, changed: Path) -> str:
    result = cli(
        store, "Maya Editor", "propose", "hidden", "--kind", "correction",
        "--text-file", str(changed),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n", 1)[0]


def test_the_unified_patch_stays_byte_exact_for_git_apply(tmp_path: Path) -> None:
    store, changed = hidden_article(tmp_path)
    old = tmp_path / "hidden.md"
    patch = cli(store, None, "diff", "--files", str(old), str(changed), "--format", "unified")
    assert "\u200b" in patch.stdout
    assert "\x1b[2J" in patch.stdout
    work = tmp_path / "apply"
    work.mkdir()
    (work / "hidden.md").write_bytes(old.read_bytes())
    stripped = patch.stdout.replace(f"a/{old}", "a/hidden.md").replace(
        f"b/{changed}", "b/hidden.md"
    )
    subprocess.run(["git", "apply", "-"], cwd=work, input=stripped, text=True, check=True)
    assert (work / "hidden.md").read_bytes() == changed.read_bytes()
