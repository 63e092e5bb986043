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


# Functions that start a process, by module.
_STARTERS = {
    "subprocess": {"Popen", "run", "call", "check_call", "check_output"},
    "os": {"system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp"},
    "asyncio": {"create_subprocess_exec", "create_subprocess_shell"},
    "pty": {"spawn", "fork"},
}
_OS_PREFIXES = ("exec", "spawn")


def _starts_process(module: str, name: str) -> bool:
    if module == "subprocess" and name in {"getoutput", "getstatusoutput"}:
        return True
    if module == "os" and name.startswith(_OS_PREFIXES):
        return True
    return name in _STARTERS.get(module, set())


def _process_starts(path: Path) -> list[str]:
    """Where ``path`` starts a process: a call of one of the functions above (through any
    alias), or a class made from ``subprocess.Popen``."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> module
    functions: dict[str, tuple[str, str]] = {}  # local name -> (module, function)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                functions[alias.asname or alias.name] = (node.module, alias.name)

    def starter(expression: ast.expr) -> bool:
        if isinstance(expression, ast.Subscript):  # subprocess.Popen[bytes]
            expression = expression.value
        if isinstance(expression, ast.Attribute) and isinstance(expression.value, ast.Name):
            module = modules.get(expression.value.id)
            return module is not None and _starts_process(module, expression.attr)
        if isinstance(expression, ast.Name) and expression.id in functions:
            return _starts_process(*functions[expression.id])
        return False

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and starter(node.func):
            found.append(f"line {node.lineno}")
        elif isinstance(node, ast.ClassDef) and any(starter(base) for base in node.bases):
            found.append(f"class {node.name}")
    return found


def test_every_git_process_starts_in_one_function() -> None:
    """One door into git: the only process the package starts for git is
    ``store/gitcmd.py``'s ``GitProcess``, made by ``start_git`` alone (``run_git`` and every
    reader go through it); the user's $EDITOR and the hooks' command are the only other
    processes. GitPython is loaded in store/ only, to write git's config (setup.py)."""
    package = ROOT / "corrections"
    modules = sorted(package.rglob("*.py"))
    starts = {
        str(path.relative_to(ROOT)): found for path in modules if (found := _process_starts(path))
    }
    assert starts == {
        "corrections/store/gitcmd.py": ["class GitProcess"],
        **{where: starts.get(where, []) for where in OTHER_PROCESSES},
    }
    assert all(starts[where] for where in OTHER_PROCESSES)
    made = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in modules
        for line in path.read_text(encoding="utf-8").splitlines()
        if "GitProcess(" in line and not line.lstrip().startswith(("class ", "def "))
    ]
    assert made == ["corrections/store/gitcmd.py: return GitProcess("]
    gitcmd = (package / "store" / "gitcmd.py").read_text(encoding="utf-8")
    start_git = gitcmd.split("\ndef start_git(", 1)[1].split("\ndef ", 1)[0]
    assert "return GitProcess(" in start_git
    outside = [
        str(path.relative_to(ROOT))
        for path in modules
        if path.name != "gitcmd.py"
        and any(f"{name}(" in path.read_text(encoding="utf-8") for name in ("git_argv", "git_env"))
    ]
    assert outside == []
    git_python = [
        str(path.relative_to(ROOT))
        for path in modules
        if any(n == "git" or n.startswith("git.") for n in _imports(path))
    ]
    assert git_python == ["corrections/store/setup.py"]
