"""One error family for the whole tool, each kind carrying its documented exit code.

Front ends print ``str(error)`` as a single line and exit with ``error.exit_code``;
nothing below the CLI decides how an error is shown.
"""

from __future__ import annotations

from typing import Self

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_CONFLICT = 3
# The tool itself failed (a bug, or a broken installation): never a finding.
EXIT_CRASH = 70
EXIT_IO = 74
EXIT_LOCKED = 75


class CorrectionsError(Exception):
    """Base of every error a user can cause or meet; never a bug."""

    exit_code = EXIT_FINDINGS
    path: str | None = None  # the file the error is about, when it is about one
    line: int | None = None  # and the line in it, when known

    def __init__(self, message: str) -> None:
        # Keep the message on one line: it is printed as is on stderr.
        super().__init__(" ".join(message.split("\n")))

    @classmethod
    def at(cls, path: str, line: int, message: str) -> Self:
        """An error about line ``line`` of the file ``path``, worded ``path:line: message``
        the way compilers and linters word theirs, with both kept as fields."""
        error = cls(f"{path}:{line}: {message}")
        error.path, error.line = path, line
        return error


class Refused(CorrectionsError):
    """The request is well-formed but not allowed (policy, a no-op, uncommitted edits)."""

    exit_code = EXIT_FINDINGS


class BadInput(CorrectionsError):
    """Malformed input: a bad slug, an unreadable file, invalid front matter."""

    exit_code = EXIT_BAD_INPUT


class InvalidSlug(BadInput):
    pass


class MalformedArticle(BadInput):
    pass


class NotFound(BadInput):
    pass


class Conflict(CorrectionsError):
    exit_code = EXIT_CONFLICT


class StoreError(CorrectionsError):
    """A git or file-system failure inside the store."""

    exit_code = EXIT_FINDINGS


class DiskError(StoreError):
    """The disk is full or failed while the store was being written."""

    exit_code = EXIT_IO


class StoreNotFound(StoreError):
    exit_code = EXIT_BAD_INPUT


class StoreLocked(StoreError):
    """Another writer holds a lock, or a killed one left it behind: retry or run doctor."""

    exit_code = EXIT_LOCKED


class RemoteUnreachable(StoreError):
    """The shared remote could not be reached: network down, host dead, no answer in time, or
    no repository at that address. Temporary from the tool's point of view: the step stays
    in the local clone and a later sync pushes it, hence "retry" (75)."""

    exit_code = EXIT_LOCKED


class AuthenticationFailed(RemoteUnreachable):
    """The remote wants credentials git could not supply (no SSH key in the agent, no
    credential helper, or they were refused). A kind of unreachable remote, so everything
    that keeps a step local when the remote is away does the same here, with a message that
    says how to authenticate; the same exit code (75): retry once authentication is set up."""


class RemoteMoved(StoreError):
    """The remote's ``main`` is no longer where the push's lease expected it (someone else
    pushed first): fetch, plan again on the new tip and push again. Retry (75)."""

    exit_code = EXIT_LOCKED


class RemoteRejected(StoreError):
    """The remote refused a push for a reason of its own (a server hook, a protected
    branch): retrying will not help until that is sorted out on the host."""

    exit_code = EXIT_FINDINGS
