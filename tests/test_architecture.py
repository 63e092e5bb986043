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


# The processes started outside store/, each for a reason of its own and none of them git.
OTHER_PROCESSES = {
    "corrections/cli/corrections.py": "the user's $EDITOR, for propose --edit",
    "corrections/services/hooks.py": "the newsroom's hook command, after a step",
}


def _imports(path: Path) -> set[str]:
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_store_talks_to_git() -> None:
    """One door into git: outside store/, no module imports GitPython or starts a process,
    except the two that start the user's own programs (never git)."""
    package = ROOT / "corrections"
    outside = [p for p in package.rglob("*.py") if (package / "store") not in p.parents]
    assert len(outside) > 50  # the scan sees the package
    git_users, process_users = [], set()
    for path in outside:
        names = _imports(path)
        where = str(path.relative_to(ROOT))
        if any(n == "git" or n.startswith("git.") for n in names):
            git_users.append(where)
        if names & {"subprocess", "multiprocessing", "pty", "pexpect"} or "os.system(" in (
            path.read_text(encoding="utf-8")
        ):
            process_users.add(where)
    assert git_users == []
    assert process_users == set(OTHER_PROCESSES)
    for where in OTHER_PROCESSES:
        text = (ROOT / where).read_text(encoding="utf-8")
        assert '"git"' not in text, where
        assert "'git'" not in text, where


def test_the_readme_layout_names_every_package() -> None:
    """README's layout section is the tree: every package of the tool appears in it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Development\n", 1)[1].split("```", 2)[1]
    packages = sorted(
        path.parent.relative_to(ROOT / "corrections").as_posix()
        for path in (ROOT / "corrections").rglob("__init__.py")
        if path.parent != ROOT / "corrections"
    )
    assert len(packages) >= 10
    for package in packages:
        assert f"{package.rsplit('/', 1)[-1]}/" in section, package
