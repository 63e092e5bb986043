"""The shared remote: fetch, push with a lease, clone, and how far a clone is from it.

A newsroom shares one git remote (``origin``); everyone has a clone. Only ``main`` travels,
always with an explicit refspec: ``fetch`` brings the remote's ``main`` into
``refs/remotes/origin/main`` (the *remote tip*), ``push`` sends a commit to the remote's
``main`` with ``--force-with-lease=refs/heads/main:<expected>`` and ``--atomic``, so it lands
only if nobody pushed since the tip the step was planned on (never a bare ``--force``, and
never a commit that does not descend from that tip).

Failures become one-line errors with the remote's address (passwords in it hidden):
:class:`RemoteUnreachable` (network, timeout, no repository there; retry),
:class:`AuthenticationFailed` (a kind of unreachable: set up an SSH key or a credential
helper), :class:`RemoteMoved` (the lease failed: fetch, re-plan, push again) and
:class:`RemoteRejected` (a server hook or a protected branch said no). Every git process
runs through :func:`run_git` with ``network=True``: no prompt, no terminal, a timeout.

A store without a remote works purely locally, as before: :func:`remote_url` is None.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from pathlib import Path

from corrections.domain.config import CONFIG_FILE
from corrections.domain.errors import (
    BadInput,
    CorrectionsError,
    RemoteMoved,
    RemoteRejected,
    RemoteUnreachable,
    StoreError,
    StoreNotFound,
)
from corrections.store.catalog import FETCHED_REF, SHARED_REF
from corrections.store.git_store import MAIN, GitStore
from corrections.store.gitcmd import GitTimeout, run_git
from corrections.store.origin import REMOTE, remote_url
from corrections.store.remote_errors import MOVED_MARKS, classify, display_url
from corrections.store.sync_state import note_sync

__all__ = [
    "CLONE_TIMEOUT",
    "FETCH_REFSPEC",
    "REMOTE",
    "TRACKING",
    "ahead_behind",
    "check_url",
    "clone",
    "display_url",
    "fetch",
    "local_only_commits",
    "push",
    "remote_tip",
    "remote_url",
    "set_remote",
]

TRACKING = f"refs/remotes/{REMOTE}/main"
FETCH_REFSPEC = f"+{MAIN}:{TRACKING}"
# What the team shares besides main (the article catalog): none of it is needed, so a glob
# that matches nothing is no error.
SHARED_REFSPEC = f"+refs/corrections/*:refs/remotes/{REMOTE}/corrections/*"
CLONE_TIMEOUT = 900.0
"""Seconds a clone may take: a first clone brings the whole history."""

_COMMIT = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Transports that run a command or use a file descriptor instead of reaching a host.
_COMMAND_TRANSPORT = re.compile(r"^(?:ext|fd)::", re.IGNORECASE)

_NO_REMOTE_MAIN = "couldn't find remote ref refs/heads/main"
_EMPTY_CLONE = "remote branch main not found"


# ---------------------------------------------------------------------- the remote's address


def check_url(url: str) -> str:
    """The URL, if git can be given it safely: never an option, a command or a control key."""
    if not url or not url.strip():
        raise BadInput("the remote's URL is empty")
    if url.startswith("-"):
        raise BadInput(f"{display_url(url)!r} is not a URL: it starts with '-'")
    if _CONTROL.search(url):
        raise BadInput(f"{display_url(url)!r} is not a URL: it holds control characters")
    if _COMMAND_TRANSPORT.match(url):
        raise BadInput(f"{display_url(url)!r}: remotes that run commands are not allowed")
    return url


def set_remote(store: GitStore, url: str) -> None:
    """Make ``url`` the store's ``origin`` (added, tracking only ``main``, or changed)."""
    check_url(url)
    if remote_url(store) is None:
        # A remote without a URL would make `remote add` fail: clear it first.
        run_git(store.git_dir, ["config", "--remove-section", f"remote.{REMOTE}"], check=False)
        run_git(store.git_dir, ["remote", "add", "-t", "main", "--", REMOTE, url])
    else:
        run_git(store.git_dir, ["remote", "set-url", "--", REMOTE, url])


# ---------------------------------------------------------------------- fetch and push


def remote_tip(store: GitStore) -> str | None:
    """The remote's ``main`` as last fetched (or pushed), without touching the network."""
    return store.repository.ref(TRACKING)


def fetch(store: GitStore, *, timeout: float | None = None) -> str | None:
    """Bring the remote's ``main`` into ``refs/remotes/origin/main``; return that commit.

    None when the remote has no ``main`` (an empty remote): the tracking ref is removed too.
    Raises :class:`RemoteUnreachable` or :class:`AuthenticationFailed`; each outcome is
    noted in the sync bookkeeping (:mod:`corrections.store.sync_state`).
    """
    url = _require_url(store)
    args = [
        "fetch",
        "--no-tags",
        "--prune",
        "--no-write-fetch-head",
        "--no-auto-maintenance",
        "--no-recurse-submodules",
        REMOTE,
        FETCH_REFSPEC,
        SHARED_REFSPEC,
    ]
    result = _run_network(store, url, args, timeout)
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 and _NO_REMOTE_MAIN in stderr.lower():
        run_git(store.git_dir, ["update-ref", "-d", TRACKING])
        note_sync(store, fetched=True)
        return None
    if result.returncode != 0:
        raise _failed(store, url, stderr)
    note_sync(store, fetched=True)
    return remote_tip(store)


def push(store: GitStore, new: str, expected: str | None, *, timeout: float | None = None) -> None:
    """Make the remote's ``main`` ``new``, only if it is still ``expected`` (None: absent).

    ``new`` must descend from ``expected``: the lease would allow any commit, so a push that
    would rewrite the remote's history is refused here before it leaves. On success the
    tracking ref is moved to ``new``. Raises :class:`RemoteMoved` when the lease fails (fetch,
    re-plan, push again), :class:`RemoteRejected` when a server hook or a protected branch
    refuses, :class:`RemoteUnreachable` / :class:`AuthenticationFailed` otherwise. After
    RemoteUnreachable the push may or may not have landed (the connection can drop after the
    remote moved its ref): fetch, and compare the tip with ``new``, before planning again.
    """
    url = _require_url(store)
    _check_commit(new)
    if expected is not None:
        _check_commit(expected)
        if not store.is_ancestor(expected, new):
            raise StoreError(
                f"refusing to push {new[:12]}: it does not descend from the remote's "
                f"{expected[:12]}, so pushing it would rewrite the shared history"
            )
    args = [
        "push",
        "--atomic",
        "--porcelain",
        "--no-verify",
        f"--force-with-lease={MAIN}:{expected or ''}",
        REMOTE,
        f"{new}:{MAIN}",
    ]
    result = _run_network(store, url, args, timeout)
    stdout = result.stdout.decode("utf-8", "replace")
    stderr = result.stderr.decode("utf-8", "replace")
    status = _porcelain_status(stdout)
    if status is not None and status[0] in " +*=":
        _move_tracking(store, new)
        note_sync(store, pushed=True)
        return
    if status is not None and status[0] == "!":
        reason = status[1].strip("[] ").replace("] (", ": ").rstrip(")")
        if any(mark in status[1].lower() for mark in MOVED_MARKS):
            was = expected[:12] if expected else "absent"
            raise RemoteMoved(
                f"the remote {display_url(url)} moved on: its main is no longer {was} "
                f"({reason}); fetch and plan again"
            )
        if "remote rejected" in status[1].lower():
            error = RemoteRejected(f"the remote {display_url(url)} refused the push: {reason}")
            note_sync(store, error=str(error))
            raise error
    raise _failed(store, url, stderr if result.returncode else f"push failed: {stdout}")


def push_catalog(store: GitStore, *, timeout: float | None = None) -> bool:
    """Send this clone's shared catalog to the remote when the remote's is another one;
    whether it was sent. Best effort: the catalog only saves teammates time."""
    mine = store.repository.ref(SHARED_REF)
    theirs = store.repository.ref(FETCHED_REF)
    if mine is None or mine == theirs:
        return False
    _require_url(store)
    args = ["push", "--porcelain", "--no-verify", REMOTE, f"+{SHARED_REF}:{SHARED_REF}"]
    try:
        result = run_git(
            store.git_dir, args, network=True, timeout=timeout, cwd=store.root, check=False
        )
    except CorrectionsError:
        return False  # unreachable now: the next sync tries again
    if result.returncode != 0:
        return False
    run_git(store.git_dir, ["update-ref", FETCHED_REF, mine])
    return True


def _porcelain_status(stdout: str) -> tuple[str, str] | None:
    """(flag, summary) of the line for ``refs/heads/main`` in ``push --porcelain`` output."""
    for line in stdout.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1].endswith(f":{MAIN}") and len(parts[0]) == 1:
            return parts[0], parts[2]
    return None


def _move_tracking(store: GitStore, new: str) -> None:
    # git moves the tracking ref itself when the configured refspec maps main; make sure,
    # without moving it backwards past a concurrent fetch that saw something newer.
    current = remote_tip(store)
    if current == new or (current is not None and not store.is_ancestor(current, new)):
        return
    run_git(
        store.git_dir,
        ["update-ref", "-m", "corrections: pushed", TRACKING, new, current or ""],
        check=False,
    )


# ---------------------------------------------------------------------- how far apart


def ahead_behind(store: GitStore, local: str | None, remote: str | None) -> tuple[int, int]:
    """(commits on ``local`` not on ``remote``, commits on ``remote`` not on ``local``)."""
    for commit in (local, remote):
        if commit is not None:
            _check_commit(commit)
    if local is None and remote is None:
        return 0, 0
    if local is None or remote is None:
        only = _count(store, local or remote or "")
        return (only, 0) if remote is None else (0, only)
    out = run_git(
        store.git_dir,
        ["rev-list", "--left-right", "--count", "--end-of-options", f"{local}...{remote}"],
    ).stdout.split()
    return int(out[0]), int(out[1])


def _count(store: GitStore, commit: str) -> int:
    out = run_git(store.git_dir, ["rev-list", "--count", "--end-of-options", commit]).stdout
    return int(out)


def local_only_commits(store: GitStore, local: str | None, remote: str | None) -> list[str]:
    """Commits on ``local`` that ``remote`` lacks, oldest first, following first parents
    (the steps a sync must replay onto the remote's tip)."""
    if local is None:
        return []
    _check_commit(local)
    revs = [local]
    if remote is not None:
        _check_commit(remote)
        revs = [f"{remote}..{local}"]
    out = run_git(
        store.git_dir,
        ["rev-list", "--reverse", "--topo-order", "--first-parent", "--end-of-options", *revs],
    ).stdout.decode()
    return out.split()


# ---------------------------------------------------------------------- clone


def clone(url: str, dest: Path, *, timeout: float | None = None) -> Path:
    """Clone the newsroom's store from ``url`` into ``dest`` (absent, or an empty directory).

    Only ``main`` is cloned, as ``origin``. An empty remote, or one without a corrections
    store, is a :class:`StoreNotFound`; on any failure what was made here is removed again.
    """
    check_url(url)
    dest = dest.absolute()
    existed = dest.exists()
    if existed and (not dest.is_dir() or any(dest.iterdir())):
        raise BadInput(f"{dest} exists and is not an empty directory")
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        _clone_into(url, dest, CLONE_TIMEOUT if timeout is None else timeout)
    except BaseException:
        _remove_made(dest, existed)
        raise
    return dest


def _clone_into(url: str, dest: Path, timeout: float) -> None:
    args = [
        "clone",
        "--quiet",
        "--origin",
        REMOTE,
        "--branch",
        "main",
        "--single-branch",
        "--no-tags",
        "--",
        url,
        str(dest),
    ]
    try:
        result = run_git(None, args, network=True, timeout=timeout, cwd=dest.parent, check=False)
    except GitTimeout as error:
        raise RemoteUnreachable(f"cannot reach the remote {display_url(url)}: {error}") from None
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0:
        if _EMPTY_CLONE in stderr.lower():
            raise StoreNotFound(
                f"{display_url(url)} has no main branch (an empty remote?): nothing to clone; "
                "push a corrections store to it first"
            )
        raise classify(url, stderr)
    git_dir = dest / ".git"
    has_config = run_git(
        git_dir, ["cat-file", "-e", f"{MAIN}:{CONFIG_FILE}"], check=False
    ).returncode
    if has_config != 0:
        raise StoreNotFound(
            f"{display_url(url)} is not a corrections store (its main has no {CONFIG_FILE})"
        )
    # Objects and refs reach the disk before a commit is reported done (as init does).
    run_git(git_dir, ["config", "core.fsync", "added,reference"])
    # The team's article catalog, if one was shared: the first listing then reads only the
    # commits made since (see store.catalog). A clone does not fail for want of it.
    args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", REMOTE, SHARED_REFSPEC]
    with contextlib.suppress(CorrectionsError):
        run_git(git_dir, args, network=True, timeout=timeout, check=False)


def _remove_made(dest: Path, existed: bool) -> None:
    if not existed:
        shutil.rmtree(dest, ignore_errors=True)
        return
    for child in list(dest.iterdir()) if dest.is_dir() else []:
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                child.unlink()


# ---------------------------------------------------------------------- errors


def _require_url(store: GitStore) -> str:
    url = remote_url(store)
    if url is None:
        raise BadInput(f"{store.root} has no remote '{REMOTE}': set one first")
    return check_url(url)


def _check_commit(commit: str) -> None:
    if not _COMMIT.match(commit):
        raise StoreError(f"not a commit id: {commit!r}")


def _run_network(
    store: GitStore, url: str, args: list[str], timeout: float | None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return run_git(
            store.git_dir, args, network=True, timeout=timeout, cwd=store.root, check=False
        )
    except GitTimeout as error:
        failure = RemoteUnreachable(f"cannot reach the remote {display_url(url)}: {error}")
        note_sync(store, error=str(failure))
        raise failure from None


def _failed(store: GitStore, url: str, stderr: str) -> StoreError:
    error = classify(url, stderr)
    if isinstance(error, RemoteUnreachable):
        note_sync(store, error=str(error))
    return error
