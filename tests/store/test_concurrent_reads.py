"""One open store read from many threads at once, as the terminal UI's workers do: the
answers are the ones a single thread gets, nothing raises, and the caches the reads write
in ``.git/corrections/`` are whole JSON files afterwards."""

from __future__ import annotations

import functools
import json
import random
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from corrections import services
from corrections.domain.catalog import ArticleSummary
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord
from corrections.services.validate import validate
from corrections.store import caches, catalog
from corrections.store.git_store import GitStore
from tests.support import EDITOR, built_demo

THREADS = 8
ROUNDS = 3


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_demo(tmp_path_factory.mktemp("demo") / "store")


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo"
    shutil.copytree(demo_template, path, symlinks=True)
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[GitStore]:
    with GitStore.open(demo_path) as store:
        yield store


def forget_caches(store: GitStore) -> None:
    shutil.rmtree(store.git_dir / "corrections", ignore_errors=True)


def reads(store: GitStore) -> dict[str, Callable[[], Any]]:
    """Every read the UI's workers make, by name: listing, articles, history, records."""
    slugs = [summary.slug for summary in services.list_articles(store)]
    records, _ = services.list_corrections(store)
    found: dict[str, Callable[[], Any]] = {
        "articles": lambda: services.list_articles(store),
        "open counts": lambda: services.open_corrections_by_article(store),
        "corrections": lambda: services.list_corrections(store),
        "rows": lambda: services.list_correction_rows(store),
        "validate": lambda: sorted(str(f) for f in validate(store).findings),
    }
    for slug in slugs:
        found[f"current {slug}"] = functools.partial(services.current, store, slug)
        found[f"history {slug}"] = functools.partial(services.history, store, slug)
        found[f"rows {slug}"] = functools.partial(
            services.list_correction_rows, store, article=slug
        )
    for record in records:
        found[f"view {record.id}"] = functools.partial(view_record, store, record.id)
    return found


def view_record(store: GitStore, record_id: str) -> CorrectionRecord:
    return services.view(store, record_id).record


def run_at_once(work: list[Callable[[], None]]) -> list[BaseException]:
    """Run each callable in a thread of its own, all released together; what they raised."""
    failures: list[BaseException] = []
    start = threading.Barrier(len(work))

    def run(job: Callable[[], None]) -> None:
        try:
            start.wait()
            job()
        except BaseException as error:  # collected for the assertion
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    return failures


def assert_caches_whole(store: GitStore) -> list[str]:
    """Every cache file parses as JSON and no temporary file is left; their names."""
    folder = store.git_dir / "corrections"
    names = sorted(path.name for path in folder.iterdir())
    assert [name for name in names if name.endswith(".tmp")] == []
    for name in names:
        if name.endswith(".json"):
            json.loads((folder / name).read_bytes())
    return names


def test_many_threads_read_one_store_and_get_what_one_thread_gets(demo: GitStore) -> None:
    work = reads(demo)
    assert len(work) > 12  # the demo's articles and corrections are all read
    forget_caches(demo)
    expected = {name: read() for name, read in work.items()}
    forget_caches(demo)  # the threads build every cache again, at once

    got: list[tuple[str, Any]] = []

    def reader(seed: int) -> Callable[[], None]:
        def job() -> None:
            order = list(work) * ROUNDS
            random.Random(seed).shuffle(order)
            for name in order:
                got.append((name, work[name]()))

        return job

    failures = run_at_once([reader(seed) for seed in range(THREADS)])
    assert failures == []
    assert len(got) == THREADS * ROUNDS * len(work)
    wrong = [name for name, value in got if value != expected[name]]
    assert wrong == []
    names = assert_caches_whole(demo)
    assert {"catalog-v2.json", "rows-v1.json", f"{caches.VALIDATE}.json"} <= set(names)


def test_reads_beside_a_writer_never_fail_and_the_caches_stay_whole(
    demo: GitStore, demo_path: Path
) -> None:
    """A step in one thread while others read: every read answers, and afterwards the
    store reads as a freshly opened one does."""
    slug = services.list_articles(demo)[0].slug
    text = services.editable_text(demo, slug)

    def write() -> None:
        for number in range(3):
            services.propose(
                demo,
                slug,
                text.replace("\n\n", f"\n\nAdded paragraph {number}.\n\n", 1),
                Kind.clarification,
                EDITOR,
                summary=f"Clarified {number}",
            )

    def read() -> None:
        for _ in range(4):
            services.list_articles(demo)
            services.list_corrections(demo)
            services.list_correction_rows(demo)
            services.history(demo, slug)
            services.current(demo, slug)

    failures = run_at_once([write, *(read for _ in range(THREADS - 1))])
    assert failures == []
    assert_caches_whole(demo)
    with GitStore.open(demo_path) as fresh:
        forget_caches(fresh)
        assert services.list_articles(demo) == services.list_articles(fresh)
        assert services.list_corrections(demo) == services.list_corrections(fresh)
        assert services.list_correction_rows(demo) == services.list_correction_rows(fresh)
    assert len([r for r in services.list_corrections(demo)[0] if r.article == slug]) >= 3


def test_caches_saved_by_many_threads_at_once_are_each_one_whole_save(demo: GitStore) -> None:
    """Threads saving one cache while others read it: every read finds one whole save."""
    # Big, and each of its own size: a file two threads wrote at once would mix their bytes.
    payloads = [{"writer": n, "rows": [f"{n}-" * 40] * (2000 + 700 * n)} for n in range(6)]
    path = caches.cache_path(demo, "stress")
    caches.save_json(demo, "stress", payloads[0])
    writing = threading.Event()
    seen: list[object] = []

    def save(payload: dict[str, Any]) -> Callable[[], None]:
        def job() -> None:
            writing.set()
            for _ in range(15):
                caches.save_json(demo, "stress", payload)

        return job

    def read() -> None:
        writing.wait()
        for _ in range(150):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                seen.append("no file")
                continue
            try:
                seen.append(json.loads(data)["writer"])
            except ValueError:
                seen.append(f"{len(data)} bytes that are not JSON")

    assert run_at_once([*(save(p) for p in payloads), read, read]) == []
    assert len(seen) == 300
    assert [s for s in seen if s not in range(6)] == []
    assert caches.load_json(demo, "stress") in payloads
    assert_caches_whole(demo)


def test_the_cache_lock_makes_the_second_thread_wait_for_the_first(
    demo: GitStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Threads asking for the catalog while one builds it find it built: it is built once."""
    forget_caches(demo)
    built: list[str] = []
    real = catalog._build

    def counting(store: GitStore, head: str) -> list[ArticleSummary]:
        built.append(head)
        return real(store, head)

    monkeypatch.setattr(catalog, "_build", counting)
    answers: list[list[ArticleSummary]] = []
    failures = run_at_once(
        [lambda: answers.append(services.list_articles(demo)) for _ in range(THREADS)]
    )
    assert failures == []
    assert built == [demo.head()]
    assert len(answers) == THREADS
    assert all(answer == answers[0] for answer in answers)
