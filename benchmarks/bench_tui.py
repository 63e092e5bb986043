"""Benchmarks of the terminal UI: the first screen with many articles, keys during work.

    .venv/bin/python benchmarks/bench_tui.py [--articles 10000] [--store PATH]
        [--synthetic 100000] [--catalog-store PATH] [--runs 5]

- **first paint, store**: a store of ``--articles`` articles (built with git fast-import, or
  ``--store`` to reuse one) with a warm catalog cache; the time from creating the app to
  the first frame that draws article rows (the screen itself is up before that).
- **first paint, synthetic**: the same app fed ``--synthetic`` ``ArticleSummary`` rows
  made in memory, which isolates the UI from the store. The store side of such a list,
  the catalog's warm load, is timed separately on ``--catalog-store`` when given.
- **keypress during work**: a key (Down in the article list, a letter in the filter) is
  pressed while a worker thread runs a slow diff or store operation; the time is from the
  press to the frame that draws the moved cursor (or the filtered rows).

Every figure is the median of ``--runs`` runs (key latencies: median and worst of 30).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from store_fixture import GIT_ENV, article_text, build_store  # noqa: E402
from textual.strip import Strip  # noqa: E402

from corrections import services  # noqa: E402
from corrections.domain.catalog import ArticleSummary  # noqa: E402
from corrections.domain.config import default_config_text, parse_config  # noqa: E402
from corrections.domain.kinds import Kind  # noqa: E402
from corrections.tui.app import CorrectionsApp  # noqa: E402
from corrections.tui.backend import Backend, EditorStart  # noqa: E402
from corrections.tui.messages import EditArticle  # noqa: E402
from corrections.tui.remote_state import NO_REMOTE, RemoteCheck  # noqa: E402
from corrections.tui.screens.editor import EditorScreen  # noqa: E402
from corrections.tui.widgets.row_table import RowTable  # noqa: E402
from corrections.tui.widgets.safe_text_area import SafeTextArea  # noqa: E402

# The figures are the times to frames drawn: headless, the app draws none unless asked.
CorrectionsApp.draws_headless_frames = True

SIZE = (120, 40)


class Paints:
    """Records when the article table draws a data row, and which row is the cursor."""

    def __init__(self) -> None:
        self.times: list[tuple[float, int, int]] = []  # (time, cursor, rows shown)

    @contextmanager
    def watching(self) -> Iterator[None]:
        original = RowTable.render_line
        paints = self

        def render_line(table: RowTable, y: int) -> Strip:
            if y == 1:
                paints.times.append((time.perf_counter(), table.cursor, table.row_count))
            return original(table, y)

        RowTable.render_line = render_line  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            RowTable.render_line = original  # type: ignore[method-assign]

    def first_after(self, start: float, test: Callable[[int, int], bool]) -> float | None:
        for when, cursor, rows in self.times:
            if when >= start and test(cursor, rows):
                return when
        return None


class SyntheticBackend(Backend):
    """Serves an in-memory article list; nothing else is used by the first screen."""

    def __init__(self, summaries: list[ArticleSummary]) -> None:  # no store behind it
        self.summaries = summaries
        self.user = None
        self._identity = None

    def articles(self) -> list[ArticleSummary]:
        return self.summaries

    def open_counts(self) -> dict[str, int]:
        return {}

    def check_remote(self) -> RemoteCheck:
        return NO_REMOTE

    def editor_for_article(self, slug: str) -> EditorStart:
        text = long_article(LONG_ARTICLE_PARAGRAPHS)
        return EditorStart(slug, text, text, CONFIG)


LONG_ARTICLE_PARAGRAPHS = 300  # about 20,000 words
CONFIG = parse_config(default_config_text("globe"), "corrections.toml")


def long_article(paragraphs: int) -> str:
    body = "\n\n".join(
        f"Paragraph {n} says the council voted on the budget of city {n} on Tuesday. " * 6
        for n in range(paragraphs)
    )
    return "---\nheadline: Long\npublished: 2025-01-01\n---\n" + body + "\n"


def synthetic(count: int) -> list[ArticleSummary]:
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    return [
        ArticleSummary(
            slug=f"story-{n:06d}",
            headline=f"Story number {n} about the council budget and the vote",
            section="Local",
            published="2025-01-01",
            versions=1 + n % 3,
            updated=start + dt.timedelta(minutes=n),
            blob="0" * 40,
        )
        for n in range(count)
    ]


async def _wait(test: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not test():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


def first_paint(make_backend: Callable[[], Backend]) -> tuple[float, float]:
    """(ms until the app is up, ms until the first frame with article rows)."""
    paints = Paints()

    async def run() -> tuple[float, float]:
        backend = make_backend()
        start = time.perf_counter()
        app = CorrectionsApp(backend)
        with paints.watching():
            async with app.run_test(size=SIZE) as pilot:
                up = time.perf_counter()
                await _wait(lambda: paints.first_after(start, lambda c, r: r > 0) is not None)
                painted = paints.first_after(start, lambda c, r: r > 0) or 0.0
                await pilot.pause()
        return (up - start) * 1000, (painted - start) * 1000

    return asyncio.run(run())


def median_pair(runs: int, action: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    results = [action() for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
    )


def busy_diff(stop: threading.Event) -> None:
    """CPU-bound work: the live preview of an edit to a 60,000-word article, again and
    again until told to stop."""
    base = long_article(1000)
    edited = base.replace("voted on", "voted for").replace("Tuesday", "Monday", 500)
    while not stop.is_set():
        services.preview(base, edited, "long-story", Kind.correction, CONFIG)


def busy_store(backend: Backend, stop: threading.Event) -> None:
    """Store work: every correction record and the full catalog, read again and again."""
    while not stop.is_set():
        backend.corrections()
        backend.articles()


def key_latency(
    make_backend: Callable[[], Backend], work: str, keys: list[str]
) -> tuple[float, float]:
    """(median ms, worst ms) from a key press to the frame showing its effect, while a
    worker thread runs ``work`` ("diff", "store" or "none")."""
    paints = Paints()
    latencies: list[float] = []

    async def press(app: CorrectionsApp, pilot: Any, key: str) -> float:
        table = app.screen.query_one(RowTable)
        before = (table.cursor, table.row_count)

        def changed(cursor: int, rows: int) -> bool:
            # A letter repaints the filtered rows; Down moves the cursor.
            return key != "down" or (cursor, rows) != before

        start = time.perf_counter()
        await pilot.press(key)
        await _wait(lambda: paints.first_after(start, changed) is not None)
        return ((paints.first_after(start, changed) or 0) - start) * 1000

    async def press_all(app: CorrectionsApp, pilot: Any) -> None:
        for key in keys:
            latencies.append(await press(app, pilot, key))
            await asyncio.sleep(0.02)

    async def run() -> None:
        backend = make_backend()
        app = CorrectionsApp(backend)
        stop = threading.Event()
        with paints.watching():
            async with app.run_test(size=SIZE) as pilot:
                await _wait(lambda: paints.first_after(0, lambda c, r: r > 0) is not None)
                await pilot.pause(0.3)
                if work == "diff":
                    app.run_worker(lambda: busy_diff(stop), thread=True)
                elif work == "store":
                    app.run_worker(lambda: busy_store(backend, stop), thread=True)
                await asyncio.sleep(0.2)
                try:
                    await press_all(app, pilot)
                finally:
                    stop.set()
                await app.workers.wait_for_complete()

    asyncio.run(run())
    return statistics.median(latencies), max(latencies)


def build_wide_store(path: Path, articles: int, per_commit: int = 1000) -> Path:
    """A store of many articles published ``per_commit`` at a time: the catalog's work
    grows with the articles, not the commits, and one commit per article would take
    fast-import hours at 100,000 (every commit rewrites a 100,000-entry tree)."""
    rng = random.Random(11)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True, env=env)
    chunks: list[bytes] = []
    stamp = 1_700_000_000

    def commit(message: str, files: dict[str, bytes]) -> None:
        nonlocal stamp
        stamp += 60
        msg = message.encode()
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(b"committer Bench <bench@x> %d +0000\n" % stamp)
        chunks.append(b"data %d\n%s\n" % (len(msg), msg))
        for name, data in files.items():
            chunks.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))

    commit(
        "Start the corrections store", {"corrections.toml": default_config_text("globe").encode()}
    )
    for first in range(0, articles, per_commit):
        numbers = range(first, min(articles, first + per_commit))
        commit(
            f"Publish {len(numbers)} articles",
            {f"articles/story-{n:06d}.md": article_text(rng, n, words=120) for n in numbers},
        )
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"],
        input=b"".join(chunks),
        check=True,
        env=env,
    )
    subprocess.run(["git", "-C", str(path), "checkout", "-q", "-f", "main"], check=True, env=env)
    return path


def typing_latency(keys: list[str]) -> tuple[float, float, int]:
    """(median ms, worst ms, previews) from a key typed in the editor, open on a
    20,000-word article, to the frame that shows it, while live previews of the edit
    (diff and drafted note) run in a worker after each pause in typing."""
    times: list[float] = []
    latencies: list[float] = []
    original = SafeTextArea.render_line

    def render_line(area: SafeTextArea, y: int) -> Strip:
        times.append(time.perf_counter())
        return original(area, y)

    async def typed(pilot: Any, key: str) -> float:
        start = time.perf_counter()
        await pilot.press(key)
        await _wait(lambda: bool(times) and times[-1] >= start)
        return (min(t for t in times if t >= start) - start) * 1000

    async def run() -> int:
        app = CorrectionsApp(SyntheticBackend(synthetic(10)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            app.post_message(EditArticle("long"))
            await _wait(
                lambda: isinstance(app.screen, EditorScreen) and app.screen.start is not None
            )
            await pilot.pause(0.5)
            screen = app.screen
            assert isinstance(screen, EditorScreen)
            screen.query_one("#editor", SafeTextArea).move_cursor((20, 10))
            for key in keys:
                latencies.append(await typed(pilot, key))
                # Sometimes type on at once, sometimes pause long enough for a preview.
                await asyncio.sleep(0.03 if len(latencies) % 5 else 0.3)
            await app.workers.wait_for_complete()
            return screen.sequence

    SafeTextArea.render_line = render_line  # type: ignore[method-assign,assignment]
    try:
        previews = asyncio.run(run())
    finally:
        SafeTextArea.render_line = original  # type: ignore[method-assign]
    return statistics.median(latencies), max(latencies), previews


def catalog_warm_load(path: Path, runs: int) -> float:
    with services.open_store(path) as store:
        services.list_articles(store)  # fills the cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            services.list_articles(store)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--store", type=Path, help="reuse a store built before")
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument(
        "--catalog-store",
        type=Path,
        help="a store of --synthetic articles for the catalog load (built there if missing)",
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-tui-") as tmp:
        path = args.store
        if path is None:
            path = Path(tmp) / "store"
            started = time.perf_counter()
            build_store(path, args.articles, args.articles // 50)
            print(
                f"built a {args.articles}-article store in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
        store = services.open_store(path)
        count = len(services.list_articles(store))  # also warms the catalog cache

        def real() -> Backend:
            return Backend(store, "Bench Reviewer")

        rows = synthetic(args.synthetic)

        def fake() -> Backend:
            return SyntheticBackend(rows)

        results: list[tuple[str, str, str]] = []
        up, painted = median_pair(args.runs, lambda: first_paint(real))
        results.append(
            (
                f"first paint, store of {count:,} articles",
                f"{painted:.0f} ms",
                f"app up at {up:.0f} ms; target < 500 ms",
            )
        )
        up, painted = median_pair(args.runs, lambda: first_paint(fake))
        results.append(
            (
                f"first paint, {len(rows):,} synthetic rows",
                f"{painted:.0f} ms",
                f"app up at {up:.0f} ms; target < 1000 ms",
            )
        )
        if args.catalog_store:
            if not args.catalog_store.exists():
                started = time.perf_counter()
                build_wide_store(args.catalog_store, args.synthetic)
                print(
                    f"built a {args.synthetic}-article store in "
                    f"{time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                )
            big = services.open_store(args.catalog_store)
            big_count = len(services.list_articles(big))
            up, painted = median_pair(args.runs, lambda: first_paint(lambda: Backend(big, "x")))
            results.append(
                (
                    f"first paint, store of {big_count:,} articles",
                    f"{painted:.0f} ms",
                    f"app up at {up:.0f} ms; target < 1000 ms",
                )
            )
            warm = catalog_warm_load(args.catalog_store, args.runs)
            results.append((f"catalog warm load, {big_count:,} articles", f"{warm:.0f} ms", ""))
            big.close()
        warm = catalog_warm_load(path, args.runs)
        results.append((f"catalog warm load, {count:,} articles", f"{warm:.0f} ms", ""))
        for work in ("none", "diff", "store"):
            median, worst = key_latency(real, work, ["down"] * 30)
            results.append(
                (
                    f"Down key, {count:,} rows, worker: {work}",
                    f"{median:.0f} ms",
                    f"worst {worst:.0f} ms; target < 50 ms",
                )
            )
        median, worst, previews = typing_latency([*"amended ", *["backspace"] * 8] * 2)
        results.append(
            (
                "typing in the editor, 20,000 words, live preview",
                f"{median:.0f} ms",
                f"worst {worst:.0f} ms over {previews} previews; target < 50 ms",
            )
        )
        typing = [*"council", *["backspace"] * 7, *"12345", *["backspace"] * 5]
        median, worst = key_latency(fake, "diff", typing)
        results.append(
            (
                f"filter key, {len(rows):,} rows, worker: diff",
                f"{median:.0f} ms",
                f"worst {worst:.0f} ms; target < 50 ms",
            )
        )
        store.close()

    width = max(len(r[0]) for r in results)
    print(f"| {'benchmark':<{width}} | time | notes |")
    print(f"|{'-' * (width + 2)}|------|-------|")
    for name, value, note in results:
        print(f"| {name:<{width}} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
