"""Event files read once are read back from JSON by blob id, as the same events, and only
where their folder is checked and unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrections import services
from corrections.domain import yamlsafe
from corrections.store import event_cache
from corrections.store.records import LoadedCorrection, find_correction, load_correction
from tests.support import MAYA, PINNED, git


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)


def loaded(store: Path, record_id: str) -> LoadedCorrection:
    with services.open_store(store) as opened:
        head = opened.head() or ""
        folder = find_correction(opened, head, record_id)
        return load_correction(opened, head, folder, services.load_config(opened).policy)


def every_id(store: Path) -> list[str]:
    with services.open_store(store) as opened:
        records, _ = services.list_corrections(opened)
    return [r.id for r in records]


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("an event file was parsed again")

    monkeypatch.setattr(yamlsafe, "load_mapping", refuse)


def test_every_kind_of_event_reads_back_as_it_was_read(
    published_demo: Path, pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = every_id(published_demo)
    with services.open_store(published_demo) as opened:
        services.revise(opened, ids[1], MAYA, summary="The clerk's minutes say 6-3.")
        services.withdraw(opened, ids[2], MAYA)
    first = {i: loaded(published_demo, i) for i in ids}
    kinds = {type(e).__name__ for c in first.values() for e in c.events.values()}
    assert kinds == {
        "ProposalEvent",
        "RevisionEvent",
        "ReviewEvent",
        "WithdrawalEvent",
        "PublicationEvent",
    }
    no_yaml(monkeypatch)
    for record_id, correction in first.items():
        again = loaded(published_demo, record_id)
        assert again.events == correction.events
        assert again.record == correction.record


def test_a_damaged_entry_is_read_from_the_file_again(published_demo: Path, pinned: None) -> None:
    record_id = every_id(published_demo)[0]
    first = loaded(published_demo, record_id)
    kept = sorted((published_demo / ".git" / "corrections" / event_cache.DIRECTORY).iterdir())
    assert kept
    for damaged in ("{not json", json.dumps({"version": "0.0.1", "event": {}}), "[]"):
        for path in kept:
            path.write_text(damaged)
        assert loaded(published_demo, record_id).events == first.events
    for path in kept:  # written afresh by the last read
        assert json.loads(path.read_text())["event"]


def test_only_a_checked_folder_reads_from_the_cache(demo: Path, pinned: None) -> None:
    record_id = every_id(demo)[0]
    first = loaded(demo, record_id)
    (proposal_path,) = [p for p in first.events if p.endswith("proposal.yaml")]
    oid = git(demo, "rev-parse", f"HEAD:{proposal_path}").strip()
    entry = demo / ".git" / "corrections" / event_cache.DIRECTORY / f"{oid}.json"
    forged = json.loads(entry.read_text())
    forged["event"]["summary"] = "Never written to the store."
    entry.write_text(json.dumps(forged))
    assert loaded(demo, record_id).record.summary == "Never written to the store."  # trusted
    (demo / ".git" / "corrections" / "checked-v1.json").unlink()
    assert loaded(demo, record_id).record.summary == first.record.summary


def test_the_cache_keeps_the_newest_files_only(
    demo: Path, pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(event_cache, "KEEPS", 2)
    for record_id in every_id(demo):
        loaded(demo, record_id)
    assert len(list((demo / ".git" / "corrections" / event_cache.DIRECTORY).iterdir())) == 2


def test_the_cache_keeps_within_its_size(
    demo: Path, pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = every_id(demo)
    loaded(demo, ids[0])
    folder = demo / ".git" / "corrections" / event_cache.DIRECTORY
    (first,) = folder.iterdir()
    monkeypatch.setattr(event_cache, "KEEPS_BYTES", first.stat().st_size + 10)
    loaded(demo, ids[1])
    assert not first.exists()  # the oldest goes first
    assert sum(p.stat().st_size for p in folder.iterdir()) <= event_cache.KEEPS_BYTES
