"""``corrections list`` from the records cache: rows equal the folded records, only changed
folders are folded again, and the configuration's policy and bad files are never lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from corrections import services
from corrections.domain import fold as fold_module
from corrections.domain.errors import BadInput
from corrections.domain.records import Status, Verdict
from corrections.domain.strict import to_data
from corrections.store import record_rows
from corrections.store.git_store import GitStore
from tests.support import SAM, SEED_SLUG, git

REVIEWER = SAM


@pytest.fixture
def demo_store(demo: Path) -> Iterator[GitStore]:
    with GitStore.open(demo) as store:
        yield store


@pytest.fixture
def folds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders folded from their events, in order."""
    seen: list[str] = []
    real = fold_module.fold

    def counting(folder: str, *args: object, **kwargs: object) -> fold_module.Folded:
        seen.append(folder)
        return real(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fold_module, "fold", counting)
    return seen


def expected_rows(store: GitStore) -> list[dict[str, object]]:
    records, _ = services.list_corrections(store)
    return [to_data(r, exclude=("proposed_text",)) for r in records]


def test_rows_are_the_records_without_their_text(demo_store: GitStore) -> None:
    cold, problems = services.list_correction_rows(demo_store)
    warm, _ = services.list_correction_rows(demo_store)
    assert problems == []
    assert len(cold) == 3
    assert cold == warm == expected_rows(demo_store)
    only_seed, _ = services.list_correction_rows(demo_store, article=SEED_SLUG)
    assert [row["article"] for row in only_seed] == [SEED_SLUG]
    published, _ = services.list_correction_rows(demo_store, Status.published)
    assert published == []


def test_only_changed_folders_are_folded_again(demo_store: GitStore, folds: list[str]) -> None:
    services.list_correction_rows(demo_store)
    assert len(folds) == 3
    folds.clear()
    services.list_correction_rows(demo_store)
    assert folds == []  # all from the cache
    rows, _ = services.list_correction_rows(demo_store, article=SEED_SLUG)
    seed = rows[0]
    services.review(demo_store, str(seed["id"]), REVIEWER, Verdict.approve, "Checked.")
    folds.clear()
    rows, _ = services.list_correction_rows(demo_store)
    assert folds == [f"corrections/{SEED_SLUG}/{seed['id']}"]
    assert next(r for r in rows if r["id"] == seed["id"])["status"] == "approved"
    assert rows == expected_rows(demo_store)


def test_an_article_listing_keeps_the_others_cached(demo_store: GitStore, folds: list[str]) -> None:
    services.list_correction_rows(demo_store, article=SEED_SLUG)
    services.list_correction_rows(demo_store)
    assert len(folds) == 3  # the seed's once, the two others once
    folds.clear()
    services.list_correction_rows(demo_store)
    assert folds == []


def test_a_new_policy_folds_everything_again(demo_store: GitStore, folds: list[str]) -> None:
    rows, _ = services.list_correction_rows(demo_store, article=SEED_SLUG)
    services.review(demo_store, str(rows[0]["id"]), REVIEWER, Verdict.approve, "Checked.")
    assert (
        services.list_correction_rows(demo_store, article=SEED_SLUG)[0][0]["status"] == "approved"
    )
    config = demo_store.root / "corrections.toml"
    text = config.read_text()
    assert "required_approvals = 1" in text
    config.write_text(text.replace("required_approvals = 1", "required_approvals = 2"))
    git(demo_store.root, "commit", "-qam", "Two approvals from now on")
    folds.clear()
    rows, _ = services.list_correction_rows(demo_store)
    assert len(folds) == 3
    assert next(r for r in rows if r["article"] == SEED_SLUG)["status"] == "proposed"


def test_a_bad_event_file_is_reported_warm_and_cold(demo_store: GitStore) -> None:
    rows, _ = services.list_correction_rows(demo_store, article=SEED_SLUG)
    folder = demo_store.root / "corrections" / SEED_SLUG / str(rows[0]["id"])
    (folder / "proposal.yaml").write_text("type: proposal\nthis is: [not valid\n")
    git(demo_store.root, "commit", "-qam", "A broken proposal")
    cold_rows, cold = services.list_correction_rows(demo_store)
    warm_rows, warm = services.list_correction_rows(demo_store)
    assert cold == warm
    assert any("proposal.yaml" in p.message for p in cold)
    assert cold_rows == warm_rows
    assert SEED_SLUG not in {row["article"] for row in warm_rows}


def test_a_damaged_or_foreign_cache_is_rebuilt(demo_store: GitStore, folds: list[str]) -> None:
    expected, _ = services.list_correction_rows(demo_store)
    path = record_rows.cache_path(demo_store)
    for damage in ("{not json", json.dumps({"version": "0", "config": "x", "folders": {}}), "[]"):
        path.write_text(damage)
        folds.clear()
        assert services.list_correction_rows(demo_store)[0] == expected
        assert len(folds) == 3


def test_a_malformed_configuration_is_refused_even_with_nothing_to_fold(
    demo_store: GitStore,
) -> None:
    services.list_correction_rows(demo_store)  # the cache holds every folder
    config = demo_store.root / "corrections.toml"
    config.write_text(
        config.read_text().replace("required_approvals = 1", "required_approvals = 0")
    )
    git(demo_store.root, "commit", "-qam", "A policy nobody can meet")
    for _ in range(2):  # and a refusal leaves no cache behind that would hide it
        with pytest.raises(BadInput, match="required_approvals"):
            services.list_correction_rows(demo_store)
