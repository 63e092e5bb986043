"""A hook that fails after a step taken in the app: the step stands, a warning says so."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.records import Status
from tests.support import git, seed_correction
from tests.support.tui import notifications, open_from_queue, running, settle

pytestmark = pytest.mark.asyncio


async def test_a_failing_hook_is_a_notice_and_the_step_stands(tui_demo: Path) -> None:
    path = tui_demo
    (path / "refuse.py").write_text("import sys\nsys.stderr.write('CMS is down\\n')\nsys.exit(1)\n")
    config = path / "corrections.toml"
    config.write_text(
        config.read_text() + f'\n[hooks]\ncommand = ["{sys.executable}", "refuse.py"]\n'
    )
    git(path, "commit", "--quiet", "-am", "A hook")
    async with running(path) as pilot:
        await open_from_queue(pilot, "argentina")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Checked.", "enter")
        await settle(pilot, 8)
        notes = notifications(pilot)
    failed = [n for n in notes if n.startswith("Hook failed (the step stands)")]
    assert len(failed) == 1, notes
    assert "command after reviewed" in failed[0]
    assert "exited with status 1: CMS is down" in failed[0]
    with services.open_store(path) as store:
        record = services.view(store, seed_correction(path)).record
    assert record.status is Status.approved
