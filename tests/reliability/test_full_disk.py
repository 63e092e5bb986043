"""A disk that fills up in the middle of a step: one line (exit 74) and nothing written, or
the step done; either way ``main``, the index and the work tree agree. The store lives on a
small tmpfs, so this needs the right to mount one (root in CI); elsewhere it is skipped."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import SEED_SLUG
from tests.support.trust import SAM, cli, git_out, new_store, propose, seed_body, view


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill the disk, then free ``leave`` bytes."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


def _agree(store: Path) -> None:
    assert git_out(store, "status", "--porcelain", "--untracked-files=all") == ""
    git_out(store, "fsck", "--strict", "--no-dangling")


@pytest.mark.slow
def test_steps_on_a_filling_disk_fail_whole_or_succeed(small_disk: Path) -> None:
    store = new_store(small_disk)
    record_id = propose(store)
    outcomes: dict[int, int] = {}
    for leave in (0, 4096, 8192, 12288, 16384, 24576, 32768, 49152, 65536, 131072):
        head = git_out(store, "rev-parse", "main")
        filler = _fill(small_disk, leave)
        body = seed_body().replace("December", f"December ({leave})")
        step = cli(
            store, "Ana Editor", "propose", SEED_SLUG, "--kind", "clarification",
            "--text-file", "-", input=body,
        )  # fmt: skip
        outcomes[leave] = step.returncode
        filler.unlink()
        assert step.returncode in (0, 74), f"{leave}: {step.stderr}"
        if step.returncode == 74:
            assert step.stderr.count("\n") == 1, step.stderr
            assert "space" in step.stderr.lower()
            assert git_out(store, "rev-parse", "main") == head
        _agree(store)
    assert 74 in outcomes.values(), outcomes  # the disk did fill mid-step
    assert cli(store, SAM, "review", record_id, "--approve").returncode == 0
    assert view(store, record_id)["status"] == "approved"
    _agree(store)
