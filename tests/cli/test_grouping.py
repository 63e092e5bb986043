"""`corrections propose --also`: one change proposed to several articles as a group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corrections import services
from tests.support.fixtures import set_git_date

FIRST = "riverton-library-expansion"
FOLLOW_UP = "riverton-library-what-happens-next"


def test_cli_propose_also(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corrections.cli.app import app

    set_git_date(monkeypatch, "2026-03-20T12:00:00+00:00")  # after the demo's stories
    runner = CliRunner()
    text = demo / "fixed.md"
    with services.open_store(demo) as store:
        text.write_text(services.editable_text(store, FIRST).replace("voted 7-2", "voted 6-3"))
    args = ["--store", str(demo), "--as", "Maya Editor", "propose", FIRST, "--kind", "correction"]
    done = runner.invoke(app, [*args, "--text-file", str(text), "--also", FOLLOW_UP, "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert [d["article"] for d in data] == [FIRST, FOLLOW_UP]
    refused = runner.invoke(
        app, [*args, "--text-file", str(text), "--also", "old-mill-bakery-fifty-years"]
    )
    assert refused.exit_code == 1
    assert "old-mill-bakery-fifty-years: the old wording 'voted 7-2'" in refused.stderr
