"""Running git safely: no shell, no hooks, no prompts, user data never read as an option.

Every git process of the tool starts here, so the rules live in one place:
``-c core.hooksPath=/dev/null`` (a repository's hooks are not ours to run),
``GIT_TERMINAL_PROMPT=0`` (never hang on a credential prompt), ``LC_ALL=C`` (messages we
parse stay in English) and one error type for every failure.

Commands that talk to a remote (``network=True``) are held tighter still: git and ssh can
never ask for anything (no terminal: a new session; askpass programs that fail; ssh in
batch mode unless the user chose their own ssh command; no stdin), slow transfers abort, and
the whole process group is killed when the timeout runs out, so a dead host never hangs us.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from corrections.domain.errors import DiskError, StoreError, StoreLocked

_DISK_FULL = ("No space left on device", "Disk quota exceeded", "Out of diskspace")
_LOCK_RE = re.compile(r"Unable to create '([^']+\.lock)': File exists")

NETWORK_TIMEOUT = 120.0
"""Seconds a fetch or push may take before it is killed (clone passes its own)."""

# Transfers slower than 1000 bytes/s for 20 s abort (http); ``ext::`` URLs that run
# commands are never allowed; a credential helper (Git Credential Manager and git >= 2.46)
# must not open a dialog.
_NETWORK_CONFIG = (
    "credential.interactive=never",
    "http.lowSpeedLimit=1000",
    "http.lowSpeedTime=20",
    "protocol.ext.allow=never",
)
# The ssh used when the user chose none: never a password or host-key prompt, and a dead
# host or a silent connection is given up on.
DEFAULT_SSH_COMMAND = (
    "ssh -o BatchMode=yes -o ConnectTimeout=20 -o ServerAliveInterval=15 -o ServerAliveCountMax=3"
)


def git_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANG": "C"})
    # A repository path from the caller's environment must not redirect our commands.
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


def network_env(ssh_chosen: bool) -> dict[str, str]:
    """What a command that talks to a remote adds to :func:`git_env`.

    ``ssh_chosen``: the user set ``GIT_SSH_COMMAND``, ``GIT_SSH`` or ``core.sshCommand``
    (theirs is kept; without a terminal it cannot prompt either).
    """
    env = {
        # Git asks GIT_ASKPASS before the (disabled) terminal: a graphical askpass the user
        # has set (an editor's, say) would wait for a click nobody makes.
        "GIT_ASKPASS": "false",
        "SSH_ASKPASS": "false",
        "SSH_ASKPASS_REQUIRE": "never",
        "GCM_INTERACTIVE": "never",
    }
    if not ssh_chosen:
        env["GIT_SSH_COMMAND"] = DEFAULT_SSH_COMMAND
    return env


def git_argv(git_dir: Path | None, args: Sequence[str], *, network: bool = False) -> list[str]:
    argv = ["git", "-c", "core.hooksPath=/dev/null"]
    if network:
        for option in _NETWORK_CONFIG:
            argv += ["-c", option]
    if git_dir is not None:
        argv += ["--git-dir", str(git_dir)]
    return [*argv, *args]


class GitTimeout(StoreError):
    """A git command outlived its timeout and was killed, with every process it started."""


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
    if any(full in stderr for full in _DISK_FULL):
        return DiskError(f"git {args[0] if args else ''}: {reason}")
    return StoreError(f"git {args[0] if args else ''}: {reason}")


def run_git(
    git_dir: Path | None,
    args: Sequence[str],
    *,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
    network: bool = False,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git --git-dir GIT_DIR ARGS`` (no ``--git-dir`` when None, e.g. for clone).

    ``network=True`` for commands that talk to a remote (see the module's docstring); they
    get :data:`NETWORK_TIMEOUT` unless ``timeout`` says otherwise. A command that times out
    is killed with its whole process group and raises :class:`GitTimeout`.
    """
    full_env = git_env(env)
    if network:
        chosen = any(full_env.get(name) for name in ("GIT_SSH_COMMAND", "GIT_SSH"))
        full_env.update(network_env(chosen or _ssh_command_configured(git_dir, cwd)))
        if env:
            full_env.update(env)
        timeout = NETWORK_TIMEOUT if timeout is None else timeout
    argv = git_argv(git_dir, args, network=network)
    try:
        if timeout is None:
            result = subprocess.run(
                argv, input=input, capture_output=True, env=full_env, cwd=cwd, check=False
            )
        else:
            result = _run_bounded(argv, input, full_env, cwd, timeout)
    except FileNotFoundError:
        raise StoreError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise GitTimeout(f"git {args[0] if args else ''}: no answer within {timeout:g} s") from None
    if check and result.returncode != 0:
        raise error_from(args, result.stderr.decode("utf-8", "replace"))
    return result


def _ssh_command_configured(git_dir: Path | None, cwd: Path | None) -> bool:
    # Without a repository (clone), a path that does not exist yet makes git read only the
    # user's and the system's configuration, as clone itself does.
    where = git_dir if git_dir is not None else (cwd or Path.cwd()) / ".corrections-no-repo"
    result = subprocess.run(
        git_argv(where, ["config", "--get", "core.sshCommand"]),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=git_env(),
        check=False,
    )
    return result.returncode == 0 and bool(result.stdout.strip())


def _run_bounded(
    argv: list[str], input: bytes | None, env: dict[str, str], cwd: Path | None, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """Run in a new session (no controlling terminal: nothing can prompt on it); on timeout
    or interruption kill the whole process group (git-remote-http, ssh, pack-objects)."""
    process = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL if input is None else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(input, timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups of this kind
            process.kill()
    try:
        process.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - a child left the group
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        process.wait(timeout=5)
