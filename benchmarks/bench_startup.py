"""Everyday commands as whole processes on the demo store, beside ``git status``.

    .venv/bin/python benchmarks/bench_startup.py [--rounds N] [--before PATH]

The demo store (5 articles, 3 proposals) is built in a temporary directory, and one of its
corrections is published so that ``history`` and ``diff`` have two versions to show. Each
round runs every command once as the real console script, and ``git status`` on the same
store in the same round, so a loaded machine slows both alike. Medians are printed as a
Markdown table with the ratio to git and the target. ``review`` approves the seed
clarification in a fresh copy of the store each round (the copying is not timed).
``--before PATH`` runs another build of the command (an older checkout's, say) in the same
rounds, for a before-and-after column measured under the same load.

``--instructions`` counts instead the machine instructions each command executes, its git
processes included, once each under valgrind (``valgrind --tool=callgrind``, some 50 times
slower). The count does not change with the machine's load or clock, so it compares two
builds where wall time, on a shared machine, drifts by a third from one hour to the next.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = str(Path(sys.executable).parent / "corrections")
# As after a normal install, Python's bytecode cache is used: a development shell that sets
# PYTHONDONTWRITEBYTECODE would compile every module of the tool on every run.
ENV = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@x",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@x",
    "CORRECTIONS_USER": "Bench Reader",
}
PUBLISHED = "riverton-library-expansion"
SEED = "globe-and-mail-putin-xi-2024"


def fresh_copy(store: Path, where: Path) -> Path:
    """A copy of the store whose git index is up to date: a copied file's inode and change
    time differ from what the index recorded, so git would otherwise read every file again
    on its first look, which a store in use never does."""
    shutil.copytree(store, where, symlinks=True)
    subprocess.run(["git", "status", "--short"], cwd=where, env=ENV, capture_output=True)
    return where


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        argv, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def cli(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [CLI, *args], cwd=cwd, env=ENV, check=True, capture_output=True, text=True
    )
    return done.stdout


def correction_ids(store: Path) -> dict[str, str]:
    """The demo's proposals by article slug."""
    ids = {}
    for line in cli(store, "list", "--status", "proposed").splitlines():
        fields = line.split("\t")
        ids[fields[3]] = fields[0]
    return ids


def build(root: Path) -> tuple[Path, str]:
    """The demo store with the library correction published; the seed's id, still proposed."""
    store = root / "demo"
    subprocess.run([CLI, "demo", str(store), "--no-tui"], env=ENV, check=True, capture_output=True)
    ids = correction_ids(store)
    cli(store, "--as", "Sam Reviewer", "review", ids[PUBLISHED], "--approve")
    cli(store, "--as", "Lee Publisher", "publish", ids[PUBLISHED])
    return store, ids[SEED]


# (label, arguments, target in ms)
def commands(seed: str) -> list[tuple[str, list[str], int]]:
    return [
        ("`--version`", ["--version"], 120),
        ("`--help`", ["--help"], 200),
        ("`articles`", ["articles"], 250),
        ("`list`", ["list"], 250),
        ("`show SLUG`", ["show", PUBLISHED], 250),
        ("`history SLUG`", ["history", PUBLISHED], 250),
        ("`view ID`", ["view", seed], 300),
        ("`diff SLUG`", ["diff", PUBLISHED], 300),
        ("`review ID --approve`", ["--as", "Sam Reviewer", "review", seed, "--approve"], 400),
        ("`validate`", ["validate"], 500),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument(
        "--before",
        metavar="PATH",
        help="another build of the command (an older checkout's), run in the same rounds",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count each command's instructions under valgrind instead of timing it",
    )
    options = parser.parse_args()
    builds = {"now": CLI} | ({"before": options.before} if options.before else {})
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        root = Path(tmp)
        store, seed = build(root)
        table = commands(seed)
        if options.instructions:
            print_instructions(root, store, builds, table)
            return
        times: dict[tuple[str, str], list[float]] = {
            (build_name, label): [] for build_name in builds for label, _, _ in table
        }
        git: list[float] = []
        for round_number in range(options.rounds):
            git.append(timed(["git", "status"], store))
            for label, args, _ in table:
                for build_name, command in builds.items():
                    where = store
                    if "review" in args:  # a step: each run approves in a fresh copy
                        where = fresh_copy(store, root / f"copy-{round_number}-{build_name}")
                    times[build_name, label].append(timed([command, *args], where))
                    if where != store:
                        shutil.rmtree(where)
        print_table(options.rounds, builds, table, times, statistics.median(git) * 1000)


def instructions(argv: list[str], cwd: Path, out: Path) -> int:
    """Instructions executed by ``argv`` and every process it starts (callgrind's total)."""
    out.mkdir()
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--trace-children=yes",
            f"--callgrind-out-file={out}/callgrind.%p",
            *argv,
        ],
        cwd=cwd,
        env=ENV,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    total = 0
    for profile in out.iterdir():
        for line in profile.read_text(errors="replace").splitlines():
            if line.startswith("summary:"):
                total += int(line.split()[1])
                break
    shutil.rmtree(out)
    return total


def print_instructions(
    root: Path, store: Path, builds: dict[str, str], table: list[tuple[str, list[str], int]]
) -> None:
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    names = list(builds)
    print("Instructions executed (millions), git processes included; `git status` alone: ", end="")
    print(f"{instructions(['git', 'status'], store, root / 'git') / 1e6:.0f}")
    print()
    print("| command | " + " | ".join(names) + (" | now / before |" if len(names) > 1 else " |"))
    print("|---|" + "---:|" * len(names) + ("---:|" if len(names) > 1 else ""))
    for label, args, _ in table:
        counts = []
        for name in names:
            where = store
            if "review" in args:  # a step changes its store: each build approves in a copy
                where = fresh_copy(store, root / f"copy-{name}")
            else:  # as in the timed rounds, the store's caches are warm
                subprocess.run([builds[name], *args], cwd=where, env=ENV, capture_output=True)
            counts.append(instructions([builds[name], *args], where, root / "out"))
            if where != store:
                shutil.rmtree(where)
        ratio = f" {counts[0] / counts[1]:.2f} |" if len(counts) > 1 else ""
        print(f"| {label} | " + " | ".join(f"{c / 1e6:.0f}" for c in counts) + " |" + ratio)


def print_table(
    rounds: int,
    builds: dict[str, str],
    table: list[tuple[str, list[str], int]],
    times: dict[tuple[str, str], list[float]],
    git_ms: float,
) -> None:
    before = "before" in builds
    print(f"{rounds} rounds, medians; `git status` on the same store: {git_ms:.0f} ms")
    print()
    print(
        "| command |"
        + (" before |" if before else "")
        + " corrections | `git status` | ratio | target | met |"
    )
    print("|---|" + ("---:|" if before else "") + "---:|---:|---:|---:|---|")
    for label, _, target in table:
        ms = statistics.median(times["now", label]) * 1000
        was = f" {statistics.median(times['before', label]) * 1000:.0f} ms |" if before else ""
        met = "yes" if ms <= target else "no"
        print(
            f"| {label} |{was} {ms:.0f} ms | {git_ms:.0f} ms | {ms / git_ms:.0f}x "
            f"| ≤ {target} ms | {met} |"
        )


if __name__ == "__main__":
    main()
