"""Event files checked once are read back unchecked only while their folder is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.errors import BadInput
from corrections.store import checked_folders
from corrections.store.records import find_correction, load_correction
from tests.support import SEED_SLUG, built_demo, git, run_cli, seed_correction


def seed_folder(store: Path) -> str:
    return f"corrections/{SEED_SLUG}/{seed_correction(store)}"


def test_listing_marks_folders_checked_and_a_hand_edit_is_checked_again(tmp_path: Path) -> None:
    store = built_demo(tmp_path / "demo")
    assert run_cli("list", cwd=store).returncode == 0
    folder = seed_folder(store)
    with services.open_store(store) as opened:
        head = opened.head() or ""
        tree = git(store, "rev-parse", f"{head}:{folder}").strip()
        assert tree in checked_folders.checked(opened)
        loaded = load_correction(
            opened,
            head,
            find_correction(opened, head, folder.rsplit("/", 1)[1]),
            services.load_config(opened).policy,
        )
        assert loaded.record.article == SEED_SLUG
    # Someone with push access rewrites the proposal with a value no step could write.
    proposal = store / folder / "proposal.yaml"
    proposal.write_text(proposal.read_text().replace("kind: clarification", "kind: rumour"))
    git(store, "commit", "-qam", "edit the proposal by hand")
    with services.open_store(store) as opened:
        head = opened.head() or ""
        with pytest.raises(BadInput, match=r"proposal\.yaml.*kind"):
            load_correction(opened, head, folder, services.load_config(opened).policy)
        new_tree = git(store, "rev-parse", f"{head}:{folder}").strip()
        assert new_tree not in checked_folders.checked(opened)


def test_a_damaged_or_older_list_checks_everything(tmp_path: Path) -> None:
    store = built_demo(tmp_path / "demo")
    assert run_cli("list", cwd=store).returncode == 0
    cache = store / ".git" / "corrections" / "checked-v1.json"
    assert json.loads(cache.read_text())["trees"]
    for damaged in ("{not json", json.dumps({"version": "0.0.1", "trees": ["x"]}), "[]"):
        cache.write_text(damaged)
        with services.open_store(store) as opened:
            assert checked_folders.checked(opened) == set()
    viewed = run_cli("view", seed_folder(store).rsplit("/", 1)[1], cwd=store)
    assert viewed.returncode == 0, viewed.stderr
    assert json.loads(cache.read_text())["trees"]  # the strict read marked its folder again
