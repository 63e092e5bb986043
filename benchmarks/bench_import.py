"""Time ``corrections import`` on a WordPress export of many posts and on HTML pages.

Run: ``.venv/bin/python benchmarks/bench_import.py [--posts N] [--rounds N]`` (or
``python3 dev.py bench import``). The export is made from the test fixture's first post
(``tests/fixtures/import/ledger.wxr.xml``), each copy with a slug and guid of its own. Every
round imports into a fresh store (one commit of N articles, work tree written), then
imports the same file again (nothing new: the articles are read in one ``cat-file`` and
compared byte for byte); the three fixture pages are timed the same way. In process, so
the figures leave out the command's start-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from corrections import services  # noqa: E402
from corrections.services.importing import import_articles  # noqa: E402
from corrections.store.git_store import Identity  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"
ME = Identity("Bench Editor", "bench@x")


def export_of(path: Path, posts: int) -> Path:
    text = (FIXTURES / "ledger.wxr.xml").read_text()
    head, rest = text.split("  <item>", 1)
    first = rest.split("  <item>", 1)[0]
    items = [
        "  <item>"
        + first.replace("council-approves-budget", f"post-{n}").replace("?p=101", f"?p={n}")
        for n in range(posts)
    ]
    path.write_text(head + "".join(items) + "</channel>\n</rss>\n")
    return path


def timed(store_dir: Path, sources: list[Path], expected: int) -> tuple[float, float]:
    services.init(store_dir, "globe", ME).close()
    store = services.open_store(store_dir)
    try:
        start = time.perf_counter()
        first = import_articles(store, sources, ME)
        middle = time.perf_counter()
        again = import_articles(store, sources, ME)
        end = time.perf_counter()
    finally:
        store.close()
    assert len(first.added) == expected, first
    assert not again.added, again
    return middle - start, end - middle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    os.environ.setdefault("GIT_CONFIG_GLOBAL", "/dev/null")
    pages = sorted(FIXTURES.glob("*.html"))
    rows: dict[str, list[tuple[float, float]]] = {"wxr": [], "pages": []}
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        export = export_of(Path(tmp) / "export.xml", options.posts)
        for number in range(options.rounds):
            rows["wxr"].append(timed(Path(tmp) / f"w{number}", [export], options.posts))
            rows["pages"].append(timed(Path(tmp) / f"p{number}", pages, len(pages)))
    print("| import | first (new articles, one commit) | again (nothing new) |")
    print("|---|---:|---:|")
    for name, label in (
        ("wxr", f"WordPress export of {options.posts:,} posts"),
        ("pages", f"{len(pages)} HTML pages (trafilatura, htmldate)"),
    ):
        first = statistics.median(r[0] for r in rows[name])
        again = statistics.median(r[1] for r in rows[name])
        print(f"| {label} | {first:.2f} s | {again:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
