"""Turning a failed network command into one line that says what to do.

git, ssh and curl each say it their own way; these are the phrases that tell an
authentication failure from an unreachable remote, and the noise around the real reason.
"""

from __future__ import annotations

import re

from corrections.domain.errors import AuthenticationFailed, RemoteUnreachable, StoreError
from corrections.store.gitcmd import error_from

# scheme://userinfo@ anywhere in a text (git itself strips most of them from its messages)
_USERINFO = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]*)://([^/@\s']*)@")

_AUTH_MARKS = (
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "authentication failed",
    "permission denied (publickey",
    "permission denied (password",
    "permission denied (keyboard-interactive",
    "http basic: access denied",
    "returned error: 401",
    "returned error: 403",
)
MOVED_MARKS = (
    "stale info",
    "fetch first",
    "non-fast-forward",
    "failed to update ref",
    "cannot lock ref",
    "incorrect old value",
    "already exists",
)
# Lines git adds around the real reason, and lines that only restate that the push failed.
_NOISE = (
    "could not read from remote repository",
    "please make sure you have the correct access rights",
    "and the repository exists",
    "failed to push some refs",
    "atomic push failed",
    "cloning into",
    "unable to read askpass response",
)
_HUNG_UP = "the remote end hung up unexpectedly"
_AUTH_ADVICE = (
    "set up an SSH key in your agent (ssh-add) or a git credential helper "
    "(git config --global credential.helper <helper>, e.g. cache, osxkeychain, manager), "
    "then retry"
)


def display_url(url: str) -> str:
    """A URL (or a text holding URLs) as shown in messages, secrets hidden: the password of
    ``https://user:password@host``, and over HTTP a lone user name too (it is often a token:
    ``https://<token>@host``). ``ssh://git@host`` stays as it is."""

    def hide(match: re.Match[str]) -> str:
        scheme, userinfo = match.group(1), match.group(2)
        user, has_password, _ = userinfo.partition(":")
        if has_password:
            return f"{scheme}://{user}:***@"
        if scheme.lower() in {"http", "https", "ftp", "ftps"}:
            return f"{scheme}://***@"
        return match.group(0)

    return _USERINFO.sub(hide, url)


def classify(url: str, stderr: str) -> StoreError:
    """One error for a failed network command, from git's (and ssh's, curl's) stderr."""
    lowered = stderr.lower()
    if "unable to create '" in lowered and ".lock': file exists" in lowered:
        return error_from(["fetch"], stderr)  # our own ref is locked: not the network
    reason = _reason(stderr, url)
    shown = display_url(url)
    if any(mark in lowered for mark in _AUTH_MARKS):
        return AuthenticationFailed(
            f"authentication to the remote {shown} failed ({reason}): {_AUTH_ADVICE}"
        )
    return RemoteUnreachable(f"cannot reach the remote {shown}: {reason}")


def _reason(stderr: str, url: str) -> str:
    lines = []
    for raw in stderr.replace("\r", "\n").splitlines():
        line = raw.strip()
        for prefix in ("fatal: ", "error: ", "remote: "):
            line = line.removeprefix(prefix)
        if line and not any(noise in line.lower() for noise in _NOISE):
            lines.append(line)
    meaningful = [line for line in lines if _HUNG_UP not in line.lower()] or lines
    reason = " ".join(" ".join(meaningful).split()) or "git gave no reason"
    reason = display_url(reason.replace(url, display_url(url)))
    return reason if len(reason) <= 300 else reason[:297] + "..."
