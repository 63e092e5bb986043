"""A review step on a clone synced through ``git daemon``, beside git itself.

    .venv/bin/python benchmarks/bench_sync.py [--rounds N]

The demo store is pushed to a bare remote served by ``git daemon`` on 127.0.0.1; two
clones are made. Each round, in the same run:

- corrections: ``corrections review ID --approve`` in one clone, as a whole process
  (start-up, fetch, fold the events, commit, leased push);
- git: in the other clone, ``git fetch`` + ``git commit`` of one small file + ``git push``,
  each a whole process, as a person syncing one commit by hand would run them.

Medians are printed with their ratio (the target is at most 1.5x git).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI = Path(sys.executable).parent / "corrections"
ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@x",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@x",
}


def run(*argv: str, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_daemon(root: Path, port: int) -> subprocess.Popen[bytes]:
    daemon = subprocess.Popen(
        [
            "git",
            "daemon",
            "--reuseaddr",
            f"--base-path={root}",
            "--export-all",
            "--enable=receive-pack",
            "--listen=127.0.0.1",
            f"--port={port}",
            str(root),
        ],
        env=ENV,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return daemon
        time.sleep(0.05)
    os.killpg(daemon.pid, signal.SIGKILL)
    raise SystemExit("git daemon did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        served = root / "served"
        run("git", "init", "-q", "--bare", "-b", "main", str(served / "newsroom.git"))
        port = free_port()
        daemon = start_daemon(served, port)
        url = f"git://127.0.0.1:{port}/newsroom.git"
        try:
            run(str(CLI), "demo", str(root / "hq"), "--no-tui")
            run("git", "-C", str(root / "hq"), "push", "-q", url, "main")
            run(str(CLI), "clone", url, str(root / "ours"))
            run("git", "clone", "-q", url, str(root / "theirs"))
            listed = subprocess.run(
                [str(CLI), "--store", str(root / "ours"), "list"],
                env=ENV, capture_output=True, text=True, check=True,
            )  # fmt: skip
            correction = listed.stdout.split("\t", 1)[0]
            ours, theirs = [], []
            for n in range(args.rounds):
                ours.append(
                    run(
                        str(CLI),
                        "--store",
                        str(root / "ours"),
                        "--as",
                        f"Reviewer {n}",
                        "review",
                        correction,
                        "--approve",
                    )
                )
                clone = root / "theirs"
                (clone / f"note-{n}.txt").write_text(f"{n}\n")
                took = run("git", "-C", str(clone), "fetch", "-q", "origin")
                took += run("git", "-C", str(clone), "rebase", "-q", "origin/main")
                took += run("git", "-C", str(clone), "add", f"note-{n}.txt")
                took += run("git", "-C", str(clone), "commit", "-qm", f"Note {n}")
                took += run("git", "-C", str(clone), "push", "-q", "origin", "HEAD:main")
                theirs.append(took)
        finally:
            os.killpg(daemon.pid, signal.SIGTERM)
            daemon.wait(timeout=10)
    mine, git = statistics.median(ours), statistics.median(theirs)
    print(f"review step through git daemon, whole process: {mine * 1000:.0f} ms (median)")
    print(f"git fetch + rebase + add + commit + push:       {git * 1000:.0f} ms (median)")
    print(f"ratio: {mine / git:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
