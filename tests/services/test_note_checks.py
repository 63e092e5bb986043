"""A proposal's note check is kept by what decides it: shown again, it is read back, not
worked out again; a changed note or house style is checked afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrections import services
from corrections.domain.kinds import Kind
from corrections.services import note_checks
from tests.support import EDITOR, PINNED, SEED_SLUG, git, seed_body


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)


def test_a_checked_note_is_read_back_and_a_changed_one_checked_again(
    seeded: Path, pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with services.open_store(seeded) as store:
        record = services.propose(store, SEED_SLUG, seed_body(), Kind.retraction, EDITOR)
        first = services.view(store, record.id).note_problems
        assert any("reason" in p for p in first)  # a retraction's note must say why

        def engine_not_needed(*args: object) -> tuple[str, ...]:
            raise AssertionError("the note was checked again")

        real = note_checks._checked
        monkeypatch.setattr(note_checks, "_checked", engine_not_needed)
        assert services.view(store, record.id).note_problems == first
        assert services.note_problems(store, record) == first

        monkeypatch.setattr(note_checks, "_checked", real)
        revised = services.revise(
            store,
            record.id,
            EDITOR,
            note="This article has been retracted: the quote was invented.",
        )
        assert services.view(store, revised.id).note_problems == ()


def test_a_new_house_style_is_a_new_check(
    seeded: Path, pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with services.open_store(seeded) as store:
        record = services.propose(store, SEED_SLUG, seed_body(), Kind.clarification, EDITOR)
        services.view(store, record.id)
    config = seeded / "corrections.toml"
    assert 'style = "globe"' in config.read_text()
    config.write_text(config.read_text().replace('style = "globe"', 'style = "nyt"'))
    git(seeded, "commit", "--quiet", "-am", "The house style of the New York Times")
    checked: list[str] = []
    real = note_checks._checked

    def counted(*args: object) -> tuple[str, ...]:
        checked.append("again")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(note_checks, "_checked", counted)
    with services.open_store(seeded) as store:
        services.view(store, record.id)
        services.view(store, record.id)
    assert checked == ["again"]


def test_a_damaged_cache_is_checked_again(seeded: Path, pinned: None) -> None:
    with services.open_store(seeded) as store:
        record = services.propose(store, SEED_SLUG, seed_body(), Kind.retraction, EDITOR)
        first = services.view(store, record.id).note_problems
        path = store.git_dir / "corrections" / f"{note_checks.CACHE_NAME}.json"
        path.write_text('{"' + "0" * 64 + '": [1, 2]} not json')
        assert services.view(store, record.id).note_problems == first
