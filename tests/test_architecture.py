"""The layers: dependencies point inward, and the domain stays pure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_domain_modules_import_nothing_impure() -> None:
    forbidden = (
        "import git",
        "from git",
        "import textual",
        "from textual",
        "import rich",
        "from rich",
        "import typer",
        "from typer",
        "import subprocess",
        "from corrections.store",
        "from corrections.services",
        "from corrections.cli",
    )
    offenders = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in (ROOT / "corrections" / "domain").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(forbidden)
    ]
    assert offenders == []
