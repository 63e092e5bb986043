"""The shared fixtures, registered for every test by ``tests/conftest.py``: pinned git
identities and dates, and stores in known states (an empty store, one holding the seed
article, the demo store, the demo store with its seed clarification published).

Each store in a known state is built once per test process and copied for each test (a
copy of the demo store takes a fiftieth of a second, a build ten times that)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from corrections import services
from corrections.store.git_store import GitStore
from tests.support.store import (
    ARCHIVE,
    EDITOR,
    PINNED,
    SEED_ARTICLE,
    approve_and_publish,
    seed_correction,
)


@pytest.fixture(autouse=True)
def pinned_git(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PINNED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CORRECTIONS_STORE", raising=False)


def fixed_ids(monkeypatch: pytest.MonkeyPatch, start: int = 1) -> None:
    """Correction ids from a counter instead of random bits, so screens are reproducible."""
    counter = itertools.count(start)

    def new_id(now: dt.datetime) -> str:
        return f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{next(counter):08x}"

    monkeypatch.setattr("corrections.services.workflow.new_id", new_id)


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """The directory ``name`` that every test process of this run shares (each
    pytest-xdist worker has a temporary directory of its own, under the run's), made by
    ``make`` in the process that asks first, under a file lock; the others wait for it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    target = root / name
    with FileLock(root / f"{name}.lock"):
        done = root / f"{name}.done"
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            done.touch()
    return target


def set_git_date(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Later steps are committed at ``when`` (ISO 8601) instead of the pinned date."""
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, when)


@pytest.fixture(scope="session")
def empty_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty store (``corrections init`` in the globe style) by Test Editor, made once
    per test process: copy it, never change it."""
    path = tmp_path_factory.mktemp("empty-store-template") / "store"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PINNED.items():
            patch.setenv(name, value)
        services.init(path, "globe", EDITOR).close()
    return path


@pytest.fixture
def store_path(empty_store_template: Path, tmp_path: Path) -> Path:
    """An empty store of its own (``corrections init`` in the globe style), by Test Editor."""
    path = tmp_path / "store"
    shutil.copytree(empty_store_template, path, symlinks=True)
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[GitStore]:
    opened = services.open_store(store_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def seeded_template(empty_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The empty store with the seed article added by Archive Desk, its first version,
    made once per test process: copy it, never change it."""
    path = tmp_path_factory.mktemp("seeded-template") / "store"
    shutil.copytree(empty_store_template, path, symlinks=True)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PINNED.items():
            patch.setenv(name, value)
        with services.open_store(path) as opened:
            services.add_articles(opened, [SEED_ARTICLE], ARCHIVE)
    return path


@pytest.fixture
def seeded(seeded_template: Path, tmp_path: Path) -> Path:
    """A store of its own holding the seed article (added by Archive Desk: its first
    version), at ``tmp_path / "store"`` like ``store_path``."""
    path = tmp_path / "store"
    shutil.copytree(seeded_template, path, symlinks=True)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store as ``corrections demo PATH --no-tui`` leaves it (built, then listed,
    so its caches are warm), its corrections' ids ending in 00000001 to 00000003; built
    once per test process: copy it, never change it."""
    path = tmp_path_factory.mktemp("demo-template") / "demo"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PINNED.items():
            patch.setenv(name, value)
        fixed_ids(patch)
        services.build_demo(path)
        with services.open_store(path) as opened:
            services.list_articles(opened)
            services.list_corrections(opened)
    return path


@pytest.fixture(scope="session")
def published_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store with its seed clarification approved by Sam Reviewer and published
    by Lee Publisher, built once per test process: copy it, never change it."""
    path = tmp_path_factory.mktemp("published-template") / "demo"
    shutil.copytree(demo_template, path, symlinks=True)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in PINNED.items():
            patch.setenv(name, value)
        record_id = seed_correction(path)
        with services.open_store(path) as opened:
            approve_and_publish(opened, record_id)
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo store of its own: three articles, three open corrections."""
    path = tmp_path / "demo"
    shutil.copytree(demo_template, path, symlinks=True)
    return path


@pytest.fixture
def published_demo(published_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo store of its own, with its seed clarification published."""
    path = tmp_path / "demo"
    shutil.copytree(published_template, path, symlinks=True)
    return path


@pytest.fixture
def tui_demo(demo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo store for the app's tests: proposals made in the test get ids from
    00000100 on, so what the screens show is the same on every run."""
    fixed_ids(monkeypatch, 0x100)
    return demo


@pytest.fixture
def tui_published_demo(published_demo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tui_demo`` with the seed clarification published (``published_demo``): the seed
    article has two versions."""
    fixed_ids(monkeypatch, 0x100)
    return published_demo
