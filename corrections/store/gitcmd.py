"""Running git safely: no shell, no hooks, no prompts, user data never read as an option.

Every git process of the tool starts here, in :func:`start_git` (:func:`run_git` runs one
to its end), so the rules live in one place: ``-c core.hooksPath=/dev/null`` (a
repository's hooks are not ours to run), ``GIT_TERMINAL_PROMPT=0`` (never hang on a
credential prompt), ``LC_ALL=C`` (messages we parse stay in English), no standard input
unless the caller writes to it, standard error kept in an unnamed file (never a pipe that
could fill up, never lost) and one error type for every failure.

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
from typing import IO, Any

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


class GitProcess(subprocess.Popen[bytes]):
    """A git process started by :func:`start_git`.

    Its standard error goes to an unnamed file (in memory where the system allows), never
    to a pipe: git may say as much as it likes without blocking on a pipe nobody is
    reading, and what it said is still there when the caller asks why it failed
    (:meth:`error`).
    """

    def __init__(
        self, argv: list[str], command: Sequence[str], errors: IO[bytes], **options: Any
    ) -> None:
        self.command = list(command)  # the git command, without the options added here
        self._errors = errors
        self._said = b""
        self._own_group = bool(options.get("start_new_session"))
        super().__init__(argv, stderr=errors, **options)

    def stderr_bytes(self) -> bytes:
        """What git wrote to its standard error (until :meth:`stop`, so far)."""
        if self._errors.closed:
            return self._said
        self._errors.seek(0)
        return self._errors.read()

    def stderr_text(self) -> str:
        return self.stderr_bytes().decode("utf-8", "replace")

    def error(self) -> StoreError:
        """The failure git reported, as one line (see :func:`error_from`)."""
        return error_from(self.command, self.stderr_text())

    def kill_group(self) -> None:
        """Kill the process (with every process it started, when it leads its own group)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self._own_group and hasattr(os, "killpg"):
                os.killpg(self.pid, signal.SIGKILL)
            else:
                self.kill()

    def stop(self, grace: float = 0.0) -> None:
        """End the process, finished or not, and let go of its pipes; what it said on its
        standard error stays readable. With ``grace``, its input is closed first and it
        has that many seconds to end by itself before it is killed."""
        if grace and self.stdin is not None and self.returncode is None:
            with contextlib.suppress(OSError, ValueError):
                self.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.wait(timeout=grace)
        if self.returncode is None:
            # Killed before its pipes are closed: a thread blocked writing to it is freed.
            self.kill_group()
        for stream in (self.stdin, self.stdout):
            if stream is not None:
                with contextlib.suppress(OSError, ValueError):
                    stream.close()
        self.wait()  # at once: it ended, or it was killed
        if not self._errors.closed:
            self._said = self.stderr_bytes()
            self._errors.close()


def _error_file() -> IO[bytes]:
    """Where a git process's standard error goes: an unnamed file in memory (Linux), so no
    temporary directory has to be usable, else an unnamed temporary file."""
    if hasattr(os, "memfd_create"):
        with contextlib.suppress(OSError):
            return os.fdopen(os.memfd_create("git-stderr", os.MFD_CLOEXEC), "w+b")
    import tempfile  # elsewhere than Linux only

    return tempfile.TemporaryFile()


def start_git(
    git_dir: Path | None,
    args: Sequence[str],
    *,
    stdin: bool = False,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    network: bool = False,
    new_session: bool = False,
) -> GitProcess:
    """Start ``git --git-dir GIT_DIR ARGS``: the one place a git process of the tool starts.

    Its standard output is a pipe; its standard input a pipe when ``stdin``, else nothing
    (git never reads the terminal); its standard error an unnamed file (see
    :class:`GitProcess`). ``network=True`` for commands that talk to a remote (see the
    module's docstring); ``new_session`` puts it in a process group of its own, which
    :meth:`GitProcess.kill_group` kills whole.
    """
    full_env = git_env(env)
    if network:
        chosen = any(full_env.get(name) for name in ("GIT_SSH_COMMAND", "GIT_SSH"))
        full_env.update(network_env(chosen or _ssh_command_configured(git_dir, cwd)))
        if env:
            full_env.update(env)
    argv = git_argv(git_dir, args, network=network)
    errors = _error_file()
    try:
        return GitProcess(
            argv,
            args,
            errors,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env=full_env,
            cwd=cwd,
            start_new_session=new_session or network,
        )
    except FileNotFoundError:
        errors.close()
        raise StoreError("git is not installed or not on PATH") from None
    except BaseException:
        errors.close()
        raise


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
    """Run ``git --git-dir GIT_DIR ARGS`` (no ``--git-dir`` when None, e.g. for clone) to
    its end, through :func:`start_git`.

    ``network=True`` for commands that talk to a remote (see the module's docstring); they
    get :data:`NETWORK_TIMEOUT` unless ``timeout`` says otherwise. A command with a
    timeout runs in a new session (no controlling terminal: nothing can prompt on it); when
    the timeout runs out it is killed with its whole process group and
    :class:`GitTimeout` is raised.
    """
    if network:
        timeout = NETWORK_TIMEOUT if timeout is None else timeout
    process = start_git(
        git_dir,
        args,
        stdin=input is not None,
        env=env,
        cwd=cwd,
        network=network,
        new_session=timeout is not None,
    )
    try:
        stdout, _ = process.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        process.stop()
        raise GitTimeout(f"git {args[0] if args else ''}: no answer within {timeout:g} s") from None
    except BaseException:
        process.stop()
        raise
    process.stop()
    stderr = process.stderr_bytes()
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    if check and result.returncode != 0:
        raise error_from(args, stderr.decode("utf-8", "replace"))
    return result


def _ssh_command_configured(git_dir: Path | None, cwd: Path | None) -> bool:
    # Without a repository (clone), a path that does not exist yet makes git read only the
    # user's and the system's configuration, as clone itself does.
    where = git_dir if git_dir is not None else (cwd or Path.cwd()) / ".corrections-no-repo"
    result = run_git(where, ["config", "--get", "core.sshCommand"], check=False)
    return result.returncode == 0 and bool(result.stdout.strip())
