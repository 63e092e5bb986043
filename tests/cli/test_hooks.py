"""Hooks from the command line: a step whose hook fails says so and still exits 0."""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from corrections import services
from corrections.domain.kinds import Kind
from tests.support import EDITOR, SEED_SLUG, seed_body
from tests.support.store import add_to_config


def test_cli_step_reports_a_failed_hook_and_exits_0(seeded: Path, tmp_path: Path) -> None:
    (seeded / "fail.py").write_text("import sys\nsys.stderr.write('CMS said no\\n')\nsys.exit(3)\n")
    add_to_config(seeded, f'[hooks]\ncommand = ["{sys.executable}", "fail.py"]\n')
    with services.open_store(seeded) as store:
        record_id = services.propose(store, SEED_SLUG, seed_body(), Kind.clarification, EDITOR).id
    from corrections.cli.app import app

    result = CliRunner().invoke(
        app, ["--store", str(seeded), "--as", "Sam Reviewer", "review", record_id, "--approve"]
    )
    assert result.exit_code == 0, result.output
    assert "hook failed: command after reviewed" in result.stderr
    assert "exited with status 3: CMS said no" in result.stderr
