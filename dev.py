#!/usr/bin/env python3
"""Set-up and everyday tasks, needing only Python 3.11+ and git.

    python3 dev.py demo     build the demo newsroom store and open it
    python3 dev.py test     run the whole test suite (two workers per core;
                            -n 0: in one process)
    python3 dev.py check    ruff, mypy --strict and the import contracts
    python3 dev.py build [OPTIONS]
                            the wheel and sdist of newsroom-corrections in dist/
                            (options go to `python -m build`, e.g. --wheel)
    python3 dev.py bench [store|diff|validate|tui|sync|notes|startup|import] [OPTIONS]
                            run the benchmarks (store: the store and diff table)

The first run creates .venv and installs the project with its dev extra into it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import venv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"
# The scratch folder in it is made by mkdtemp (mode 0700, a name no one can guess).
SHM = Path("/dev/shm")  # noqa: S108
# The distribution was once called `corrections`, which on the package index is someone
# else's project: a .venv made then still has it, and must not keep it.
OLD_DISTRIBUTION = "corrections"
BENCHMARKS = {
    "store": "run.py",
    "diff": "bench_diff.py",
    "validate": "bench_validate.py",
    "tui": "bench_tui.py",
    "sync": "bench_sync.py",
    "notes": "bench_notes.py",
    "startup": "bench_startup.py",
    "import": "bench_import.py",
    "search": "bench_search.py",
}


def ensure_venv() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("Creating .venv ...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    print("Installing corrections and its dev tools into .venv ...", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    uninstall = [str(BIN / "python"), "-m", "pip", "uninstall", "--yes", "--quiet"]
    subprocess.run([*uninstall, OLD_DISTRIBUTION], check=True, stderr=subprocess.DEVNULL)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def cores() -> int:
    """The processor cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def memory_scratch() -> str | None:
    """A scratch directory in memory (/dev/shm) for the tests' repositories, environments
    and other temporary files, or None to keep the system's own.

    The tests make thousands of git repositories and commits: on a disk, creating their
    folders and syncing git's objects and the store's atomic writes spent as much system
    time as the tests spent computing (tests/store: 18 s of system time on disk, 10 s in
    memory). A TMPDIR the caller set is kept, and so is the disk when the memory file
    system is missing or has under 2 GB free. The caller removes it after a run that
    passed; after a failure it stays, for a look at the failed tests' folders."""
    if os.environ.get("TMPDIR") or not SHM.is_dir() or not os.access(SHM, os.W_OK):
        return None
    try:
        mounts = Path("/proc/mounts").read_text()
    except OSError:
        return None
    in_memory = any(line.split()[1:3] == [str(SHM), "tmpfs"] for line in mounts.splitlines())
    if not in_memory or shutil.disk_usage(SHM).free < 2 * 1024**3:
        return None
    return tempfile.mkdtemp(prefix="corrections-tests-", dir=SHM)


@contextlib.contextmanager
def unicode_tables_made(env: dict[str, str]) -> Iterator[None]:
    """Hypothesis's tables of Unicode categories made once, beside the test run's start.

    The first text a test process draws makes Hypothesis read the category of every code
    point and keep the tables in ``.hypothesis/``: in a new checkout each worker did it,
    about 3 s of processor time apiece, before its first text-drawing test could go on.
    Made here while pytest starts its workers, they are read from the file instead."""
    if (ROOT / ".hypothesis" / "unicode_data" / unicodedata.unidata_version).is_dir():
        yield
        return
    draw = "import warnings; from hypothesis import strategies as st;"
    draw += " warnings.simplefilter('ignore'); st.text().example()"
    making = subprocess.Popen(
        [str(BIN / "python"), "-c", draw],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        making.wait()


def run(*argv: str, env: dict[str, str] | None = None) -> int:
    return subprocess.run(argv, cwd=ROOT, env=env, check=False).returncode


def main(args: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older Python
        print("corrections needs Python 3.11 or newer", file=sys.stderr)
        return 2
    task, rest = (args[0], args[1:]) if args else ("help", [])
    if task not in {"demo", "test", "check", "bench", "build"}:
        print(__doc__)
        return 0 if task == "help" else 2
    ensure_venv()
    if task == "demo":
        return run(str(BIN / "corrections"), "demo", *rest)
    if task == "test":
        # pytest-xdist workers: two per core, since the tests wait on git, on subprocesses
        # and on the app's timers much of the time (on two cores, four finished the suite
        # 5-15% sooner than three); tests marked with an xdist_group share one worker (and
        # what they built), the others are handed out one by one. `-n 0` runs them in this
        # one process.
        chosen = any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in rest)
        workers = ["-n", str(2 * cores()), "--dist", "loadgroup"]
        # Python's bytecode cache stays on for the run: with PYTHONDONTWRITEBYTECODE set (some
        # shells and images set it), every worker and every console script a test starts
        # would compile the tool's modules and the tests anew.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        scratch = memory_scratch()
        if scratch is not None:
            env["TMPDIR"] = scratch
        code = 130  # stopped (Ctrl-C): nothing to look at
        try:
            with unicode_tables_made(env):
                code = run(str(BIN / "pytest"), *([] if chosen else workers), *rest, env=env)
        finally:
            if scratch is not None and code in (0, 130):
                shutil.rmtree(scratch, ignore_errors=True)
            elif scratch is not None:
                print(f"The run's temporary files are kept in {scratch}", file=sys.stderr)
        return code
    if task == "build":
        # An isolated build (hatchling fetched from the package index), as a release is made;
        # a later --outdir in the options wins over dist/.
        build = [str(BIN / "python"), "-m", "build", "--outdir", str(ROOT / "dist")]
        return run(*build, *rest, str(ROOT))
    if task == "bench":
        which, options = (rest[0], rest[1:]) if rest and rest[0] in BENCHMARKS else ("store", rest)
        return run(str(BIN / "python"), f"benchmarks/{BENCHMARKS[which]}", *options)
    for command in (
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy")],
        [str(BIN / "lint-imports")],
    ):
        code = run(*command)
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
