"""The history of ``main`` in one pass: every commit, its parents, trailers and file changes."""

from __future__ import annotations

from corrections.domain.history_rules import CommitChanges as CommitChanges
from corrections.store.git_store import GitStore
from corrections.store.gitcmd import run_git

_R = "\x1e"
_F = "\x1f"
# Trailers are read with git's own parser, never from free text.
_FORMAT = _F.join(
    [
        f"{_R}%H",
        "%P",
        "%an",
        "%ae",
        "%(trailers:key=Correction-Id,valueonly,separator=%x2C)",
        "%(trailers:key=Correction-Kind,valueonly,separator=%x2C)",
        "%(trailers:key=Approved-by,valueonly,separator=%x2C)",
        "%(trailers:key=Correction-Step,valueonly,separator=%x2C)",
    ]
)


def commits_with_changes(
    store: GitStore, head: str, since: str | None = None
) -> list[CommitChanges]:
    """Commits reachable from ``head`` (and not from ``since``), oldest first.

    Merge commits are listed with no changes: what they bring in is checked in the commits
    that made it.
    """
    revisions = [head] if since is None else [head, f"^{since}"]
    out = run_git(
        store.git_dir,
        [
            "log",
            "--reverse",
            f"--format={_FORMAT}",
            "-z",
            "--name-status",
            "--no-renames",
            "--end-of-options",
            *revisions,
            "--",
        ],
    ).stdout.decode("utf-8", "surrogateescape")
    commits = []
    for record in out.split(_R):
        if not record:
            continue
        header, _, rest = record.partition("\0")
        commit, parents, author, email, ids, kinds, approved, steps = header.split(_F)
        fields = [f for f in rest.lstrip("\n").split("\0") if f]
        changes = tuple(zip(fields[0::2], fields[1::2], strict=False))
        commits.append(
            CommitChanges(
                commit,
                tuple(parents.split()),
                author,
                email,
                _split(ids),
                _split(kinds),
                _split(approved),
                _split(steps),
                changes,
            )
        )
    return commits


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.replace("\n", ",").split(",") if v.strip())


def tree_modes(store: GitStore, commit: str, directories: list[str]) -> dict[str, str]:
    """Path → git mode for every entry under ``directories`` (symlinks and submodules too)."""
    out = run_git(
        store.git_dir,
        ["ls-tree", "-z", "-r", "--end-of-options", commit, "--", *[f"{d}/" for d in directories]],
    ).stdout.decode("utf-8", "surrogateescape")
    modes = {}
    for entry in out.split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            modes[path] = meta.split()[0]
    return modes


def commit_meta(store: GitStore, commit: str) -> tuple[str, str]:
    """A commit's author date (ISO 8601) and its exact message."""
    out = run_git(
        store.git_dir, ["show", "-s", "--format=%aI%x00%B", "--end-of-options", commit]
    ).stdout.decode("utf-8", "surrogateescape")
    date, _, message = out.partition("\0")
    return date, message.removesuffix("\n")
