"""A ``git`` on ``PATH`` that kills the tool right after its N-th git process ends, and a
template store to interrupt: each case runs on a fresh copy of it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from tests.support.cli import CLI, in_processes, run_cli

WRAPPER = r"""#!/bin/sh
# Run the real git; when this is the chosen git process of the run, kill the tool that
# started it (its parent) the moment git is done, as a power cut or `kill -9` would.
parent=$PPID
"$FAULT_REAL_GIT" "$@"
status=$?
skip=0
sub=
for arg in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$arg" in
    -c|-C|--git-dir|--work-tree) skip=1 ;;
    -*) ;;
    *) sub=$arg; break ;;
  esac
done
n=$(( $(cat "$FAULT_COUNTER" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$FAULT_COUNTER"
# The how-many-th of its kind: persistent readers (cat-file) end at varying moments, so
# "the second update-index" names a step more surely than "the ninth git process".
mine=$(( $(cat "$FAULT_COUNTER.$sub" 2>/dev/null || echo 0) + 1 ))
echo "$mine" > "$FAULT_COUNTER.$sub"
echo "$sub" >> "$FAULT_LOG"
if [ "$parent" != 1 ]; then
  if [ "$n" = "${FAULT_KILL_AT:-0}" ] || [ "$sub" = "${FAULT_KILL_AFTER:-}" ] \
     || [ "$sub:$mine" = "${FAULT_KILL_AFTER_NTH:-}" ]; then
    kill -9 "$parent"
  fi
fi
exit $status
"""


def install_wrapper(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    wrapper = directory / "git"
    wrapper.write_text(WRAPPER)
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return directory


def run_interrupted(
    store: Path,
    who: str,
    args: list[str],
    wrapper_dir: Path,
    kill_at: int,
    stdin: str | None,
    kill_after: str = "",
    kill_after_nth: str = "",
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``corrections ARGS`` in a process of its own with the wrapper, killed after git
    process ``kill_at`` (0: never), after the first ``git KILL_AFTER``, or after the N-th
    ``git SUB`` (``kill_after_nth="SUB:N"``); return the result and the git subcommands it
    ran."""
    run_dir = Path(tempfile.mkdtemp(dir=wrapper_dir))
    counter = run_dir / "counter"
    log = run_dir / "log"
    real_git = shutil.which("git")
    assert real_git is not None
    env = {
        "PATH": f"{wrapper_dir}{os.pathsep}{os.environ['PATH']}",
        "FAULT_REAL_GIT": real_git,
        "FAULT_COUNTER": str(counter),
        "FAULT_LOG": str(log),
        "FAULT_KILL_AT": str(kill_at),
        "FAULT_KILL_AFTER": kill_after,
        "FAULT_KILL_AFTER_NTH": kill_after_nth,
    }
    argv = ["--store", str(store), "--as", who, *args]

    def step() -> subprocess.CompletedProcess[str]:
        return run_cli(*argv, input=stdin, env=env)

    # A process of its own, for the wrapper to kill: the tool's, as a console script's is.
    [outcome] = in_processes(step, timeout=120)
    result = outcome.value or subprocess.CompletedProcess([str(CLI), *argv], outcome.exitcode)
    ran = log.read_text().split() if log.exists() else []
    return result, ran
