"""`corrections export` on the command line: the file written, where it went, and an
unknown article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corrections.cli.launch import run
from tests.support import SEED_SLUG


def test_cli_writes_the_file_and_says_where(
    published_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "seed.ninjs.json"
    target.parent.mkdir()
    code = run(
        [
            "--store",
            str(published_demo),
            "export",
            SEED_SLUG,
            "--format",
            "ninjs",
            "-o",
            str(target),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert json.loads(target.read_text())["slugline"] == SEED_SLUG
    assert f"to {target}" in err
    assert run(["--store", str(published_demo), "export", "no-such-article"]) == 2
