"""Which commit added each event file, and what git makes of commits' signatures.

``publish`` proves each approval it counts by the commit that added the review's file
(one ``git log`` over the correction's folder); ``validate`` verifies the signatures of
step commits when the store requires them (one ``git log --no-walk --stdin``). SSH
signatures are checked by git itself against the store's allowed-signers file, written to
a private temporary file for the one command.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from corrections.domain.events import MIGRATE_STEP, split_event_path
from corrections.domain.provenance import AddedBy, Signature
from corrections.domain.records import legacy_record_path
from corrections.store.git_store import GitStore
from corrections.store.gitcmd import run_git

_R = "\x1e"
_F = "\x1f"
_ADDED_FORMAT = _F.join(
    [
        f"{_R}%H",
        "%an",
        "%(trailers:key=Correction-Id,valueonly,separator=%x2C)",
        "%(trailers:key=Correction-Step,valueonly,separator=%x2C)",
    ]
)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.replace("\n", ",").split(",") if v.strip())


def events_added(store: GitStore, head: str, folder: str) -> dict[str, AddedBy]:
    """Each event file of one correction folder → the (latest) commit that added it."""
    parts = split_event_path(f"{folder}/x")
    legacy = legacy_record_path(parts[0], parts[1]) if parts else None
    out = run_git(
        store.git_dir,
        [
            "log",
            "--diff-filter=AD",
            "--no-renames",
            f"--format={_ADDED_FORMAT}",
            "-z",
            "--name-status",
            "--end-of-options",
            head,
            "--",
            f"{folder}/",
            *([legacy] if legacy else []),
        ],
    ).stdout.decode("utf-8", "surrogateescape")
    added: dict[str, AddedBy] = {}
    for record in out.split(_R):  # newest first: the first add met is the latest
        if not record:
            continue
        header, _, rest = record.partition("\0")
        commit, author, ids, steps = header.split(_F)
        fields = [f for f in rest.lstrip("\n").split("\0") if f]
        changes = list(zip(fields[0::2], fields[1::2], strict=False))
        migrated = MIGRATE_STEP in _split(steps) and ("D", legacy) in changes
        for status, path in changes:
            if status == "A" and path != legacy and path not in added:
                added[path] = AddedBy(commit, author, _split(ids), migrated)
    return added


@contextlib.contextmanager
def _signers_file(store: GitStore, signers: bytes) -> Iterator[Path]:
    path = store.git_dir / f"corrections-signers-{os.getpid()}-{os.urandom(4).hex()}"
    path.write_bytes(signers)
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def signatures(store: GitStore, commits: Iterable[str], signers: bytes) -> dict[str, Signature]:
    """What git finds of each commit's signature, checked against ``signers`` (the content
    of an allowed-signers file): one ``git log --no-walk`` for all of them."""
    wanted = sorted(set(commits))
    if not wanted:
        return {}
    with _signers_file(store, signers) as allowed:
        out = run_git(
            store.git_dir,
            [
                "-c",
                f"gpg.ssh.allowedSignersFile={allowed}",
                "log",
                "--no-walk=unsorted",
                "--stdin",
                "--format=%H%x1f%G?%x1f%GS%x1e",
            ],
            input="".join(f"{c}\n" for c in wanted).encode(),
        ).stdout.decode("utf-8", "surrogateescape")
    found: dict[str, Signature] = {}
    for entry in out.split(_R):
        entry = entry.strip("\n")
        if entry:
            commit, status, signer = entry.split(_F)
            found[commit] = Signature(status.strip(), signer.strip())
    return found
