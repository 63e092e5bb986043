"""Running git safely: no shell, no hooks, no prompts, user data never read as an option.

Every git process of the tool starts here, so the rules live in one place:
``-c core.hooksPath=/dev/null`` (a repository's hooks are not ours to run),
``GIT_TERMINAL_PROMPT=0`` (never hang on a credential prompt), ``LC_ALL=C`` (messages we
parse stay in English) and one error type for every failure.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from corrections.domain.errors import StoreError, StoreLocked

_LOCK_RE = re.compile(r"Unable to create '([^']+\.lock)': File exists")


def git_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANG": "C"})
    # A repository path from the caller's environment must not redirect our commands.
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


def git_argv(git_dir: Path, args: Sequence[str]) -> list[str]:
    return ["git", "-c", "core.hooksPath=/dev/null", "--git-dir", str(git_dir), *args]


class LockHeld(StoreLocked):
    def __init__(self, lock_path: str, message: str) -> None:
        super().__init__(message)
        self.lock_path = lock_path


def error_from(args: Sequence[str], stderr: str) -> StoreError:
    """Turn git's stderr into one line; a lock file becomes StoreLocked naming it."""
    match = _LOCK_RE.search(stderr)
    if match:
        return LockHeld(
            match.group(1),
            f"{match.group(1)} exists: another git process is writing, or one was killed; "
            "retry, or run 'corrections doctor'",
        )
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in stderr.splitlines()]
    reason = next((line for line in lines if line.strip()), "failed")
    return StoreError(f"git {args[0] if args else ''}: {reason}")


def run_git(
    git_dir: Path,
    args: Sequence[str],
    *,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(
            git_argv(git_dir, args),
            input=input,
            capture_output=True,
            env=git_env(env),
            cwd=cwd,
            check=False,
        )
    except FileNotFoundError:
        raise StoreError("git is not installed or not on PATH") from None
    if check and result.returncode != 0:
        raise error_from(args, result.stderr.decode("utf-8", "replace"))
    return result
