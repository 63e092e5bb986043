"""Starting the app from the command line; without a terminal the commands print instead."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_cli


def test_tui_needs_a_terminal(tui_demo: Path) -> None:
    path = tui_demo
    result = run_cli("--store", str(path), "tui")
    assert result.returncode == 2
    assert result.stderr == "corrections: the terminal UI needs a terminal on stdin and stdout\n"


def test_no_command_prints_help_when_piped(tui_demo: Path) -> None:
    path = tui_demo
    result = run_cli(cwd=path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Usage: corrections [OPTIONS] COMMAND [ARGS]..." in result.stderr
    assert "tui " in result.stderr


def test_demo_prints_when_piped(tmp_path: Path) -> None:
    result = run_cli("demo", str(tmp_path / "demo"))
    assert result.returncode == 0
    assert "globe-and-mail-putin-xi-2024" in result.stdout
    result = run_cli("demo", str(tmp_path / "demo"), "--no-tui")
    assert result.returncode == 0
    assert "Using the existing demo store" in result.stderr
