"""When the tool itself fails: exit 70 and a crash report, never a finding or a traceback.

The failures are real ones of a broken installation: a dependency that raises when it is
imported, found first on the real console script's path.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from corrections import __version__, services
from tests.support import git, run_cli, seed_correction

ARTICLE_WORDS = "Argentina withdrew its candidacy"
BAKERY = "old-mill-bakery-fifty-years"


def broken_yaml(tmp_path: Path) -> dict[str, str]:
    """An installation whose YAML library fails when imported, with article text in its
    message (as an exception about a document can quote it)."""
    package = tmp_path / "broken" / "yaml"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "import os\nraise RuntimeError(os.environ['QUOTED_TEXT'])\n"
    )
    return {
        "PYTHONPATH": str(tmp_path / "broken"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "QUOTED_TEXT": ARTICLE_WORDS,
    }


def the_report(tmp_path: Path, stderr: str) -> str:
    (line,) = stderr.splitlines()
    found = re.fullmatch(r"corrections: internal error \((\w+)\); crash report: (\S+)", line)
    assert found is not None, line
    path = Path(found.group(2))
    assert path.parent == tmp_path / "cache" / "corrections"
    return path.read_text(encoding="utf-8")


def test_validate_crash_is_not_a_finding(demo: Path, tmp_path: Path) -> None:
    assert run_cli("validate", cwd=demo).returncode == 0
    # Without its caches, validate reads every article's front matter: YAML loads.
    shutil.rmtree(demo / ".git" / "corrections")
    done = run_cli("validate", cwd=demo, env=broken_yaml(tmp_path))
    assert done.returncode == 70
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    report = the_report(tmp_path, done.stderr)
    assert f"corrections: {__version__}" in report
    assert re.search(r"^python: CPython 3\.\d+", report, re.M)
    assert re.search(r"^git: git version \d", report, re.M)
    assert "doing: corrections validate\n" in report
    assert "Traceback (most recent call last):" in report
    assert "builtins.RuntimeError (message left out)" in report
    assert 'File "' in report
    assert ARTICLE_WORDS not in report


def broken_ruamel(tmp_path: Path) -> dict[str, str]:
    """An installation whose YAML writer (loaded only when a step writes an event) fails
    when imported."""
    package = tmp_path / "broken" / "ruamel"
    (package / "yaml").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "yaml" / "__init__.py").write_text("raise RuntimeError('broken installation')\n")
    return {"PYTHONPATH": str(tmp_path / "broken"), "XDG_CACHE_HOME": str(tmp_path / "cache")}


def test_a_step_that_crashes_leaves_a_whole_store(demo: Path, tmp_path: Path) -> None:
    head = git(demo, "rev-parse", "HEAD")
    new_text = tmp_path / "new.md"
    shown = run_cli("show", BAKERY, cwd=demo).stdout
    new_text.write_text(shown.replace("50", "fifty", 1))
    done = run_cli(
        "--as",
        "Maya Editor",
        "propose",
        BAKERY,
        "--kind",
        "correction",
        "--text-file",
        str(new_text),
        "--summary",
        "Secret summary words",
        cwd=demo,
        env=broken_ruamel(tmp_path),
    )
    assert done.returncode == 70, done.stderr
    report = the_report(tmp_path, done.stderr)
    # The command is named with its options, never their values.
    assert "doing: corrections --as … propose … --kind … --text-file … --summary …\n" in report
    assert "Secret summary" not in report
    assert BAKERY not in report
    assert "Maya" not in report
    # Nothing was written: main, the work tree and the records are as they were.
    assert git(demo, "rev-parse", "HEAD") == head
    assert git(demo, "status", "--porcelain") == ""
    with services.open_store(demo) as store:
        records, _ = services.list_corrections(store, article=BAKERY)
    assert records == []
    assert run_cli("validate", cwd=demo).returncode == 0


def test_crash_report_goes_to_the_temporary_directory_if_the_cache_is_unusable(
    demo: Path, tmp_path: Path
) -> None:
    env = broken_yaml(tmp_path)
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("")
    env["XDG_CACHE_HOME"] = str(blocked)
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    done = run_cli("list", cwd=demo, env=env)
    assert done.returncode == 70
    assert f"crash report: {tmp_path / 'tmp' / 'corrections'}/crash-" in done.stderr


def test_seed_article_really_holds_the_words(demo: Path) -> None:
    """The words the reports must not contain are the article's own."""
    shown = run_cli("view", seed_correction(demo), cwd=demo)
    assert ARTICLE_WORDS in shown.stdout
