"""Benchmarks of the store and the diff engine, each beside git doing the same work.

    python3 dev.py bench [--articles N] [--corrections N] [--store PATH] [--keep-store PATH]
    python3 dev.py bench --articles 100000 --corrections 2000 --per-commit 1000 \\
        --cold-runs 1 --no-import

Every figure is a median of several runs on this machine, printed as a Markdown table
with git's time in the same run, so the ratio is what carries over between machines.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from store_fixture import GIT_ENV, article_text, build_store  # noqa: E402

from corrections import services  # noqa: E402
from corrections.domain.kinds import Kind  # noqa: E402
from corrections.store import catalog, remote  # noqa: E402
from corrections.store.git_store import Identity  # noqa: E402

CLI = Path(sys.executable).parent / "corrections"
ME = Identity("Bench Editor", "bench@x")


def median_ms(
    action: Callable[[], object], runs: int = 5, setup: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def git(*args: str, cwd: Path, input: bytes | None = None) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        input=input,
        env={**os.environ, **GIT_ENV},
    )


def row(
    name: str, ours: float, anchor_name: str, anchor: float | None, target: str
) -> dict[str, object]:
    ratio = f"{ours / anchor:.1f}x" if anchor else ""
    return {
        "benchmark": name,
        "ours_ms": round(ours, 1),
        "git": anchor_name,
        "git_ms": round(anchor, 1) if anchor is not None else None,
        "ratio": ratio,
        "target": target,
    }


def bench_shared_catalog(
    store: services.GitStore, work: Path, articles: int, anchor: float, runs: int
) -> dict[str, object]:
    """The first listing in a new clone, from the catalog the team shared (the store's
    catalog shared as `doctor --optimize` does, then cloned), after two more writes."""
    catalog.share(store)
    for number in (1, 2):
        source = work / f"after-share-{number}.md"
        source.write_bytes(article_text(__import__("random").Random(-number), 10**6 + number))
        services.add_articles(store, [source], ME)
    clone = remote.clone(store.root.as_uri(), work / "shared-clone")
    opened = services.open_store(clone)
    try:
        listed = median_ms(
            lambda: services.list_articles(opened),
            runs=runs,
            setup=lambda: catalog.cache_path(opened).unlink(missing_ok=True),
        )
    finally:
        opened.close()
    return row(
        f"list {articles} articles, first time in a new clone (catalog shared)",
        listed,
        "log --name-only",
        anchor,
        "<= 1000 ms",
    )


def bench_store(
    work: Path, articles: int, corrections: int, options: argparse.Namespace
) -> list[dict[str, object]]:
    path = work / "store"
    started = time.perf_counter()
    if options.store is not None:
        # A store built before (``--keep-store``): copied, the benchmark writes into it.
        shutil.copytree(options.store, path, symlinks=True)
    else:
        build_store(path, articles, corrections, per_commit=options.per_commit)
    print(
        f"{'copied' if options.store else 'built'} a {articles}-article store in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    if options.keep_store is not None and not options.keep_store.exists():
        shutil.copytree(path, options.keep_store, symlinks=True)
    rows = []
    store = services.open_store(path)
    os.environ.update(GIT_ENV)

    def drop_cache() -> None:
        catalog.cache_path(store).unlink(missing_ok=True)

    cold_runs = options.cold_runs
    anchor = median_ms(
        lambda: git("log", "--name-only", "--format=%H %at", "--", "articles/", cwd=path),
        runs=cold_runs,
    )
    cold = median_ms(lambda: services.list_articles(store), runs=cold_runs, setup=drop_cache)
    services.list_articles(store)
    warm = median_ms(lambda: services.list_articles(store), runs=7)
    rows.append(
        row(
            f"list {articles} articles, cold (in process)",
            cold,
            "log --name-only",
            anchor,
            "<= 1000 ms",
        )
    )
    rows.append(
        row(
            f"list {articles} articles, warm (in process)",
            warm,
            "log --name-only",
            anchor,
            "<= 50 ms",
        )
    )
    rows.append(bench_shared_catalog(store, work, articles, anchor, cold_runs))
    cli_warm = median_ms(
        lambda: subprocess.run(
            [str(CLI), "--store", str(path), "articles", "--json"], check=True, capture_output=True
        ),
        runs=cold_runs,
    )
    rows.append(
        row(
            "`corrections articles --json`, warm (whole process)",
            cli_warm,
            "log --name-only",
            anchor,
            "",
        )
    )

    slug = "story-000042"
    hist = median_ms(lambda: services.history(store, slug), runs=cold_runs)
    git_hist = median_ms(
        lambda: git("log", "--format=%H %aI %an %s", "--", f"articles/{slug}.md", cwd=path),
        runs=cold_runs,
    )
    rows.append(row("history of one article", hist, "log -- path", git_hist, ""))
    show = median_ms(lambda: services.current(store, slug))
    git_show = median_ms(lambda: git("show", f"main:articles/{slug}.md", cwd=path))
    rows.append(row("show one article", show, "show main:path", git_show, ""))
    old = median_ms(lambda: services.show(store, slug, 1), runs=cold_runs)
    rows.append(
        row("show version 1 of an article (walks its history)", old, "log -- path", git_hist, "")
    )

    counter = iter(range(10**6))

    def one_write() -> None:
        number = next(counter)
        source = work / f"new-{number}.md"
        source.write_bytes(article_text(__import__("random").Random(number), number))
        services.add_articles(store, [source], ME)

    write = median_ms(one_write, runs=7)
    clone = work / "clone"
    git("clone", "-q", str(path), str(clone), cwd=work)
    git("config", "user.name", "x", cwd=clone)
    git("config", "user.email", "x@x", cwd=clone)

    def git_write() -> None:
        number = next(counter)
        (clone / "articles" / f"g-{number}.md").write_bytes(b"x\n")
        git("add", f"articles/g-{number}.md", cwd=clone)
        git("commit", "-q", "-m", "x", cwd=clone)

    git_one = median_ms(git_write, runs=7)
    rows.append(row("one store write (add an article)", write, "add + commit", git_one, "<= 30 ms"))

    services.list_articles(store)
    incremental = median_ms(lambda: services.list_articles(store), runs=5, setup=one_write)
    git_since = median_ms(
        lambda: git("log", "--name-only", "--format=%H %at", "-1", "--", "articles/", cwd=path)
    )
    rows.append(
        row(
            "list after one write (cache updated from the last commit)",
            incremental,
            "log -1 --name-only",
            git_since,
            "<= 1000 ms",
        )
    )
    rows += bench_validate(store, path)

    started = time.perf_counter()
    store.optimize()
    print(
        f"wrote the commit-graph in {time.perf_counter() - started:.1f} s; "
        f"{options.graph_writes} more writes keep it",
        file=sys.stderr,
    )
    for _ in range(options.graph_writes):
        one_write()
    hist = median_ms(lambda: services.history(store, slug))
    git_hist = median_ms(
        lambda: git("log", "--format=%H %aI %an %s", "--", f"articles/{slug}.md", cwd=path)
    )
    rows.append(
        row(
            "history of one article, commit-graph kept (`doctor --optimize`, then steps)",
            hist,
            "log -- path",
            git_hist,
            "<= 8000 ms at 100,000",
        )
    )
    store.close()
    if options.no_import:
        return rows

    # Bulk import: our `add` of many files into an empty store beside fast-import alone.
    sources = work / "import"
    sources.mkdir()
    rng = __import__("random").Random(1)
    files = []
    for number in range(articles):
        source = sources / f"import-{number:06d}.md"
        source.write_bytes(article_text(rng, number))
        files.append(source)
    target = work / "target"
    target_store = services.init(target, "globe", ME)
    start = time.perf_counter()
    services.add_articles(target_store, files, ME)
    ours_import = (time.perf_counter() - start) * 1000
    target_store.close()
    fast = work / "fast"
    git("init", "-q", "-b", "main", str(fast), cwd=work)
    stream = [b"commit refs/heads/main\ncommitter B <b@x> 1700000000 +0000\ndata 1\nx\n"]
    start = time.perf_counter()
    for source in files:
        data = source.read_bytes()
        stream.append(
            b"M 100644 inline articles/%s\ndata %d\n%s\n" % (source.name.encode(), len(data), data)
        )
    git("fast-import", "--quiet", cwd=fast, input=b"".join(stream))
    git("checkout", "-q", "-f", "main", cwd=fast)
    fast_ms = (time.perf_counter() - start) * 1000
    rows.append(
        row(
            f"bulk import of {articles} files (one commit, work tree written)",
            ours_import,
            "fast-import + checkout",
            fast_ms,
            "<= 2x git",
        )
    )
    return rows


def bench_validate(store: services.GitStore, path: Path) -> list[dict[str, object]]:
    """``validate`` with no cache of its own, then after one more step; git's figure is the
    one pass over the history that validation reads (``log --name-status``)."""
    from corrections.services.validate import validate
    from corrections.store import caches

    cache = caches.cache_path(store, caches.VALIDATE)
    cache.unlink(missing_ok=True)
    cold = median_ms(lambda: validate(store), runs=1)
    anchor = median_ms(
        lambda: git("log", "--name-status", "--format=%H %P", "--no-renames", cwd=path), runs=1
    )
    slug = "story-000007"
    text = services.editable_text(store, slug)
    services.propose(store, slug, text.replace(" a ", " the ", 1), Kind.update, ME)
    after = median_ms(lambda: validate(store), runs=1)
    return [
        row("validate, cold (no cache)", cold, "log --name-status", anchor, "<= 8000 ms"),
        row("validate after one new correction", after, "", None, "<= 1000 ms"),
    ]


def bench_diff() -> list[dict[str, object]]:
    import bench_diff

    rows = []
    for r in bench_diff.run():
        git_ms = r["git_ms"]
        rows.append(
            row(
                f"word diff + render: {r['case']}",
                float(str(r["total_ms"])),
                "diff --no-index --word-diff",
                None if git_ms is None else float(str(git_ms)),
                "<= 3x git",
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corrections", type=int, default=2_000)
    parser.add_argument(
        "--per-commit", type=int, default=1, help="articles published per commit (1000 at scale)"
    )
    parser.add_argument("--store", type=Path, help="start from a copy of a store built before")
    parser.add_argument("--keep-store", type=Path, help="keep a copy of the store built here")
    parser.add_argument(
        "--cold-runs", type=int, default=3, help="runs of each full history walk (1 at scale)"
    )
    parser.add_argument(
        "--graph-writes", type=int, default=20, help="writes after `doctor --optimize`"
    )
    parser.add_argument(
        "--no-import", action="store_true", help="skip the bulk import and the diff rows"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = bench_store(Path(tmp), args.articles, args.corrections, args)
    if not args.no_import:
        rows += bench_diff()
    print("| benchmark | corrections | git | git does | ratio | target |")
    print("|---|---:|---:|---|---:|---|")
    for r in rows:
        git_ms = f"{r['git_ms']} ms" if r["git_ms"] is not None else ""
        print(
            f"| {r['benchmark']} | {r['ours_ms']} ms | {git_ms} | {r['git']} | "
            f"{r['ratio']} | {r['target']} |"
        )
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(rows, indent=2))
    shutil.rmtree(out / "tmp", ignore_errors=True)


if __name__ == "__main__":
    main()
