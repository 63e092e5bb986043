"""What ``validate`` used to miss: an event whose id or article does not match its path
when checked as a file, control characters in a note or a name, and the second of two
broken files with the same content."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from corrections.domain.events import ProposalEvent, event_to_bytes, parse_event
from tests.support import SEED_SLUG, run_cli
from tests.support.trust import (
    cli,
    folder,
    hand_commit,
    new_store,
    propose,
    validate_json,
)


def check_files(*paths: Path, cwd: Path | None = None) -> tuple[int, list[dict[str, Any]]]:
    result = run_cli("validate", "--format", "json", *map(str, paths), cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, list(json.loads(result.stdout)["findings"])


def test_file_mode_reports_an_event_in_another_corrections_folder(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    proposal = folder(store, record_id) / "proposal.yaml"
    other_id = record_id[:-8] + "0badc0de"
    elsewhere = store / "corrections" / SEED_SLUG / other_id / "proposal.yaml"
    other_article = store / "corrections" / "another-story" / record_id / "proposal.yaml"
    for target in (elsewhere, other_article):
        target.parent.mkdir(parents=True)
        shutil.copyfile(proposal, target)

    # Named absolutely (as a hook run from elsewhere would) and relative to the store.
    code, findings = check_files(proposal, elsewhere, other_article)
    assert code == 1
    assert sorted(f["path"] for f in findings) == sorted([str(elsewhere), str(other_article)])
    assert all("the event says it belongs to" in f["message"] for f in findings)
    relative = elsewhere.relative_to(store)
    code, findings = check_files(relative, cwd=store)
    assert code == 1
    assert findings[0]["path"] == relative.as_posix()
    assert f"not corrections/{SEED_SLUG}/{other_id}" in findings[0]["message"]


def test_file_mode_flags_control_characters_in_notes_and_names(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    record_id = propose(store)
    proposal = folder(store, record_id) / "proposal.yaml"
    event = parse_event(proposal.read_bytes(), proposal.relative_to(store).as_posix())
    assert isinstance(event, ProposalEvent)
    bad = replace(event, note="Updated \x1b]0;x\x07.", proposer="Maya\x1b[8m")
    proposal.write_bytes(event_to_bytes(bad))
    code, findings = check_files(proposal)
    assert code == 1
    assert sorted(f["code"] for f in findings) == ["name-invalid", "note-control"]
    assert all(f["path"] == str(proposal) for f in findings)


def test_two_broken_files_with_the_same_content_are_each_named(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    broken = "---\nheadline: [unclosed\n---\nBody.\n"
    for name in ("twin-one", "twin-two"):
        (store / "articles" / f"{name}.md").write_text(broken)
    for article in ("first-story", "second-story"):
        where = store / "corrections" / article / "20260115T120000Z-0000abcd"
        where.mkdir(parents=True)
        (where / "proposal.yaml").write_text("type: proposal\nid: [\n")
    hand_commit(store, "two of each")
    for _run in ("cold", "cached"):
        _, findings = validate_json(store)
        articles = sorted(f["path"] for f in findings if f["code"] == "article-invalid")
        assert articles == ["articles/twin-one.md", "articles/twin-two.md"]
        records = sorted(f["path"] for f in findings if f["code"] == "record-invalid")
        assert records == [
            "corrections/first-story/20260115T120000Z-0000abcd/proposal.yaml",
            "corrections/second-story/20260115T120000Z-0000abcd/proposal.yaml",
        ]
        for finding in findings:
            assert finding["message"].startswith(finding["path"]), finding
    assert cli(store, None, "validate").returncode == 1
