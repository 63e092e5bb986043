"""How fast ``corrections search`` finds a wording, beside ``git grep`` in the same run.

    .venv/bin/python benchmarks/bench_search.py [--articles N ...] [--rounds N] [--json]

For each store size (default 10,000 articles, built as ``dev.py bench`` builds its store:
one commit per article, then corrections; stores above 20,000 articles are built in one
commit, since search reads only the tree at ``main``) it times, in alternating rounds,
the search service in process (git grep, reading the files that matched, placing each match
in its paragraph and sentence) and a bare ``git grep -F -i -e TEXT main -- articles/``
whose output is read to the end. Medians are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from store_fixture import GIT_ENV, NO_CI, article_text, build_store  # noqa: E402

from corrections import services  # noqa: E402
from corrections.domain.config import default_config_text  # noqa: E402

# (label, text, regex): a phrase in a few articles, one in many, a headline, a pattern.
QUERIES: list[tuple[str, str, bool, int | None]] = [
    ("rare phrase (3 words)", "police court election", False, None),
    ("common phrase (2 words)", "minister announced", False, None),
    ("common phrase, first 1,000 matches (the CLI's default)", "minister announced", False, 1000),
    ("one headline", "Story number 4242 about", False, None),
    ("regular expression", r"voted? \d+-\d+|police court elect\w+", True, None),
]
ONE_COMMIT_ABOVE = 20_000
TIMEOUT = 600.0  # the command's own limit is for people, not for 100,000 articles on a busy box


def build_flat(path: Path, articles: int, seed: int = 7) -> None:
    """``articles`` articles in one commit (fast-import, no gc), for stores too big to
    build one commit per article in a benchmark run."""
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True, env=env)
    rng = random.Random(seed)
    config = default_config_text("globe", NO_CI).encode()
    chunks = [
        b"commit refs/heads/main\ncommitter B <b@x> 1700000000 +0000\ndata 6\nStart\n",
        b"M 100644 inline corrections.toml\ndata %d\n%s\n" % (len(config), config),
    ]
    for number in range(articles):
        data = article_text(rng, number)
        chunks.append(
            b"M 100644 inline articles/story-%06d.md\ndata %d\n%s\n" % (number, len(data), data)
        )
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"],
        input=b"".join(chunks),
        check=True,
        env=env,
    )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench(path: Path, articles: int, rounds: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with services.open_store(path) as store:
        head = store.head() or ""

        for label, text, regex, limit in QUERIES:
            mode = "-P" if regex else "-F"
            argv = ["git", "--git-dir", str(store.git_dir), "grep", mode, "-i", "-e", text]
            argv += [head, "--", "articles/"]

            def plain_grep(argv: list[str] = argv) -> None:
                subprocess.run(argv, capture_output=True, check=False)

            def ours(text: str = text, regex: bool = regex, limit: int | None = limit) -> None:
                services.search(store, text, regex=regex, limit=limit, timeout=TIMEOUT)

            ours()  # warm the page cache and the pack index for both
            plain_grep()
            mine, git = [], []
            for _ in range(rounds):
                mine.append(timed(ours))
                git.append(timed(plain_grep))
            result = services.search(store, text, regex=regex, limit=limit, timeout=TIMEOUT)
            ours_ms, git_ms = statistics.median(mine), statistics.median(git)
            rows.append(
                {
                    "articles": articles,
                    "query": label,
                    "sentences": len(result.hits),
                    "matched_articles": len(result.articles),
                    "ours_ms": round(ours_ms, 1),
                    "git_grep_ms": round(git_ms, 1),
                    "ratio": round(ours_ms / git_ms, 2),
                }
            )
            print(f"{articles} {label}: {ours_ms:.0f} ms vs {git_ms:.0f} ms", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="store size (repeat)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corrections", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    options = parser.parse_args(argv)
    sizes = options.articles or [10_000]
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        for size in sizes:
            path = Path(work) / f"store-{size}"
            started = time.perf_counter()
            if size > ONE_COMMIT_ABOVE:
                build_flat(path, size)
            else:
                build_store(path, size, min(options.corrections, size))
            elapsed = time.perf_counter() - started
            print(f"built a {size}-article store in {elapsed:.1f} s", file=sys.stderr)
            rows += bench(path, size, options.rounds)
    if options.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| articles | query | sentences (articles) | search | git grep | ratio |")
    print("|---:|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['articles']:,} | {r['query']} | {r['sentences']} ({r['matched_articles']}) "
            f"| {r['ours_ms']} ms | {r['git_grep_ms']} ms | {r['ratio']}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
