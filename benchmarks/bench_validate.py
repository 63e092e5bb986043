"""How fast `validate` reads a store of many correction records.

    .venv/bin/python benchmarks/bench_validate.py [--records N]

Beside it, a bare script does the least the same check needs in the same run: read every
record blob with one ``cat-file --batch`` and parse it with PyYAML's C safe loader.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from store_fixture import GIT_ENV, article_text  # noqa: E402

from corrections import services  # noqa: E402
from corrections.domain.ci.settings import CiSettings  # noqa: E402
from corrections.domain.config import default_config_text  # noqa: E402
from corrections.domain.events import ProposalEvent, event_path, event_to_bytes  # noqa: E402
from corrections.domain.kinds import Kind  # noqa: E402
from corrections.domain.records import diff_hash  # noqa: E402
from corrections.services.validate import validate  # noqa: E402
from corrections.store import bulk, caches  # noqa: E402
from corrections.store.objects import read_objects  # noqa: E402

WHEN = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
# The benchmark store has no CI workflow, and says so.
NO_CI = CiSettings(host="none")


def _id(n: int) -> str:
    return f"20260115T120000Z-{n:08x}"


def build(path: Path, records: int, articles: int) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True, env=env)
    import random

    rng = random.Random(3)
    texts = {n: article_text(rng, n, words=300).decode() for n in range(articles)}
    chunks = [b"commit refs/heads/main\ncommitter B <b@x> 1700000000 +0000\ndata 6\nStart\n"]
    config = default_config_text("globe", NO_CI).encode()
    chunks.append(b"M 100644 inline corrections.toml\ndata %d\n%s\n" % (len(config), config))
    for n, text in texts.items():
        data = text.encode()
        chunks.append(
            b"M 100644 inline articles/story-%06d.md\ndata %d\n%s\n" % (n, len(data), data)
        )
    per_commit = 1000
    for start in range(0, records, per_commit):
        # Made by the proposer, naming every correction it adds: the steps are proven
        # (one commit for many proposals keeps the history short, as before).
        batch = range(start, min(records, start + per_commit))
        message = "Propose\n\n" + "".join(f"Correction-Id: {_id(n)}\n" for n in batch)
        chunks.append(
            b"commit refs/heads/main\nauthor Maya Editor <maya@x> %d +0000\n"
            b"committer B <b@x> %d +0000\ndata %d\n%s\n"
            % (1700000000 + start, 1700000000 + start, len(message), message.encode())
        )
        for n in batch:
            slug = f"story-{n % articles:06d}"
            proposed = texts[n % articles].replace(" the ", " a ", 1)
            event = ProposalEvent(
                id=_id(n),
                article=slug,
                at=WHEN,
                kind=Kind.correction,
                base_commit="0" * 40,
                proposed_text=proposed,
                diff_hash=diff_hash(texts[n % articles], proposed, "It is a."),
                draft_note="It is a.",
                note="It is a.",
                proposer="Maya Editor",
            )
            data = event_to_bytes(event)
            chunks.append(
                b"M 100644 inline %s\ndata %d\n%s\n" % (event_path(event).encode(), len(data), data)
            )
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet"],
        input=b"".join(chunks),
        check=True,
        env=env,
    )
    subprocess.run(["git", "-C", str(path), "checkout", "-q", "-f", "main"], check=True, env=env)


def bare_parse(path: Path) -> float:
    start = time.perf_counter()
    git_dir = path / ".git"
    head = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "main"], capture_output=True, text=True, check=True
    ).stdout.strip()
    blobs = bulk.ls_tree(git_dir, head, "corrections")
    for _, data in read_objects(git_dir, blobs.values()):
        yaml.load(data, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=2_000)
    args = parser.parse_args()
    os.environ.update(GIT_ENV)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        build(path, args.records, args.articles)
        store = services.open_store(path)
        cache = caches.cache_path(store, caches.VALIDATE)
        cache.unlink(missing_ok=True)
        start = time.perf_counter()
        report = validate(store)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        validate(store)
        warm = time.perf_counter() - start
        text = services.editable_text(store, "story-000001")
        services.propose(
            store,
            "story-000001",
            text.replace(" a ", " the ", 1),
            Kind.update,
            services.Identity("Bench", "b@x"),
        )
        start = time.perf_counter()
        after = validate(store)
        one_more = time.perf_counter() - start
        store.close()
        bare = bare_parse(path)
    print(
        f"| validate {args.records} records, cold | {cold * 1000:.0f} ms | bare parse "
        f"{bare * 1000:.0f} ms | {cold / bare:.1f}x | <= 1000 ms |"
    )
    print(f"| validate again, nothing changed | {warm * 1000:.0f} ms | | | |")
    print(f"| validate after one new correction | {one_more * 1000:.0f} ms | | | <= 1000 ms |")
    print(
        f"findings: {len(report.findings)} then {len(after.findings)}; "
        f"{report.records} records, {report.articles} articles",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
