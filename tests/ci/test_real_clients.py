"""The store's CI, run for real: a wheel built from this checkout with `dev.py build`,
installed by the generated workflow's own steps into a fresh virtual environment, and
validating a store; every workflow checked against its host's published schema; the
pre-commit hook run by pre-commit itself.

Slow (a build, fresh environments, packages from the index): marked ``slow`` so they can
be picked out, and part of the default run all the same. One build, one CI environment
and one published demo store serve the whole session.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from corrections import __version__
from corrections.domain.ci.install import install_commands
from corrections.domain.ci.settings import CiSettings
from corrections.domain.ci.workflows import WORKFLOW_PATHS, workflow_files
from corrections.domain.strict import check
from tests.support import PINNED, ROOT, SEED_SLUG, git, run_cli, write_article
from tests.support.fixtures import made_once
from tests.support.store import set_ci

pytestmark = pytest.mark.slow


BIN = Path(sys.executable).parent
WHEEL_NAME = f"newsroom_corrections-{__version__}-py3-none-any.whl"
ARTICLE = f"articles/{SEED_SLUG}.md"


# ---------------------------------------------------------------------- session fixtures


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `python3 dev.py build` makes from this checkout: the sdist, and the wheel that
    `build` makes from the sdist (so a file missing from the sdist breaks the wheel); built
    once for the whole run, whichever test process needs it first. Built with the test
    environment's hatchling (``--no-isolation``) rather than two fresh build environments:
    the files are the same, and pre-commit's install below builds the package isolated,
    from its declared build requirements."""

    def build(out: Path) -> None:
        result = subprocess.run(
            [sys.executable, str(ROOT / "dev.py"), "build", "--no-isolation", "--outdir", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    return made_once(tmp_path_factory, "dist", build)


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    return dist / WHEEL_NAME


def fresh_python(path: Path) -> Path:
    """A fresh environment with nothing but pip, standing in for the CI's Python (made by
    virtualenv, which seeds pip from its cache in a second where ``venv`` takes several)."""
    made = subprocess.run(
        [sys.executable, "-m", "virtualenv", "--quiet", "--no-setuptools", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    return path


@pytest.fixture(scope="session")
def ci_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_python(tmp_path_factory.mktemp("ci-venv"))


# ---------------------------------------------------------------------- the build


def test_dev_py_build_makes_our_wheel_and_sdist(dist: Path, wheel: Path) -> None:
    sdist = dist / f"newsroom_corrections-{__version__}.tar.gz"
    assert sorted(p.name for p in dist.iterdir()) == sorted([wheel.name, sdist.name])
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"newsroom_corrections-{__version__}.dist-info/METADATA")
        entry_points = archive.read(
            f"newsroom_corrections-{__version__}.dist-info/entry_points.txt"
        ).decode()
    assert re.search(rb"^Name: newsroom-corrections$", metadata, re.M)
    assert re.search(rf"^Version: {re.escape(__version__)}$".encode(), metadata, re.M)
    assert "corrections = corrections.cli:main" in entry_points
    assert f"corrections/demo_articles/{SEED_SLUG}.md" in names
    assert "corrections/schema/events.schema.json" in names
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert {"pyproject.toml", "README.md", ARTICLE, "corrections/__init__.py"} <= members


# ---------------------------------------------------------------------- schemas


SCHEMAS = {
    "github": "vendor.github-workflows",
    # Forgejo Actions reads GitHub's workflow syntax.
    "forgejo": "vendor.github-workflows",
    "gitlab": "vendor.gitlab-ci",
}
VARIANTS: list[dict[str, Any]] = [
    {},
    {"hashes": ["sha256:" + "a" * 64, "sha256:" + "b" * 64]},
    {"install": "newsroom-corrections @ git+https://example.org/n/c@" + "c" * 40},
    {"install": f"newsroom-corrections @ https://example.org/dl/{WHEEL_NAME}"},
]
# A dead proxy: if check-jsonschema tried to download anything, it would fail.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def check_schema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
        check=False,
    )


@pytest.mark.parametrize("host", ["github", "forgejo", "gitlab"])
def test_every_workflow_passes_its_hosts_schema(host: str, tmp_path: Path) -> None:
    files = []
    for number, variant in enumerate(VARIANTS):
        settings = check(CiSettings, {"host": host, **variant})
        (text,) = workflow_files(settings).values()
        files.append(tmp_path / f"{number}.yml")
        files[-1].write_text(text)
    result = check_schema(SCHEMAS[host], files)
    assert result.returncode == 0, result.stdout + result.stderr
    # The check can fail: a misspelt key is caught.
    broken = tmp_path / "broken.yml"
    wrong = {"gitlab": ("script:", "scripts:")}.get(host, ("runs-on:", "runs_on:"))
    broken.write_text(files[0].read_text().replace(*wrong))
    assert check_schema(SCHEMAS[host], [broken]).returncode == 1


# ---------------------------------------------------------------------- the steps, run


@dataclass
class Run:
    code: int
    output: str


# What a CI host's environment does not have: the test run's own Python settings.
NOT_ON_CI = {
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONDONTWRITEBYTECODE",
    "CORRECTIONS_STORE",
}
# pip byte-compiles every file of every dependency it installs, most of the time an install
# takes; without it (PIP_NO_COMPILE=0 is how pip's environment spells --no-compile),
# Python compiles just the modules a command imports, once, as it runs.
NO_COMPILE = {"PIP_NO_COMPILE": "0"}


def ci_env(python: Path, work: Path) -> dict[str, str]:
    """The CI's environment: its Python first on PATH, none of the test run's own."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_ON_CI}
    env.update(PINNED)
    env.update(NO_COMPILE)
    env["PATH"] = f"{python / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    env["GIT_CONFIG_GLOBAL"] = str(work.parent / f"{work.name}.gitconfig")
    env["GITHUB_STEP_SUMMARY"] = str(work.parent / f"{work.name}.summary.md")
    return env


def steps(host: str, document: Any) -> list[tuple[str, dict[str, str]]]:
    """(script, env) for each shell step: GitHub/Forgejo ``run:`` steps (``uses:`` steps are
    the runner's checkout and Python), GitLab's job script as one shell session."""
    if host == "gitlab":
        (job,) = document.values()
        return [("\n".join([*job.get("before_script", []), *job["script"]]), {})]
    (job,) = document["jobs"].values()
    out = []
    for step in job["steps"]:
        if "run" in step:
            env = {
                k: ("not-a-token" if "${{" in str(v) else str(v))
                for k, v in step.get("env", {}).items()
            }
            out.append((step["run"], env))
        else:
            assert re.fullmatch(r"actions/(checkout|setup-python)@[0-9a-f]{40}", step["uses"])
    return out


def run_ci(host: str, store: Path, work: Path, python: Path) -> Run:
    """Check ``store`` out as the host would and run the workflow's shell steps in order."""
    document = yaml.safe_load((store / WORKFLOW_PATHS[host]).read_text())  # type: ignore[index]
    env = ci_env(python, work)
    if host == "forgejo":
        # The workflow fetches the store itself, from the server the runner names.
        work.mkdir()
        env |= {
            "GITHUB_SERVER_URL": store.parent.as_uri(),
            "GITHUB_REPOSITORY": store.name,
            "GITHUB_REF": "refs/heads/main",
        }
    else:
        # What actions/checkout (fetch-depth: 0) and GitLab's runner leave for a pull or
        # merge request: the whole history, the commit detached, no local main.
        subprocess.run(["git", "clone", "-q", "--no-local", str(store), str(work)], check=True)
        git(work, "checkout", "-q", "--detach")
        git(work, "branch", "-q", "-D", "main")
    output = []
    for script, step_env in steps(host, document):
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=work,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            check=False,
        )
        output.append(f"$ {script}\n{result.stdout}{result.stderr}")
        if result.returncode:
            return Run(result.returncode, "\n".join(output))
    return Run(0, "\n".join(output))


def installed(python: Path) -> Mapping[str, Any]:
    """What the CI environment has: our distribution (and from where), or the stranger's."""
    probe = (
        "import importlib.metadata as m, json\n"
        "def get(name):\n"
        "    try:\n"
        "        d = m.distribution(name)\n"
        "    except m.PackageNotFoundError:\n"
        "        return None\n"
        "    return {'version': d.version, 'url': json.loads(d.read_text('direct_url.json')"
        " or '{}').get('url')}\n"
        "print(json.dumps({n: get(n) for n in ('newsroom-corrections', 'corrections')}))\n"
    )
    out = subprocess.run(
        [str(python / "bin" / "python"), "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    data: Mapping[str, Any] = json.loads(out)
    return data


# The three share one CI environment (made once per test process): kept in one process.
@pytest.mark.xdist_group("ci-venv")
@pytest.mark.parametrize("host", ["github", "gitlab", "forgejo"])
def test_the_workflow_steps_install_our_wheel_and_validate_the_store(
    host: str, published_template: Path, wheel: Path, ci_venv: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(published_template, store, symlinks=True)
    set_ci(
        store,
        "CI from a wheel of this checkout",
        host=host,
        install=f"newsroom-corrections @ {wheel.as_uri()}",
    )
    written = run_cli("--store", str(store), "ci", "write")
    assert written.returncode == 0, written.stderr

    green = run_ci(host, store, tmp_path / "ci-green", ci_venv)
    assert green.code == 0, green.output
    assert "0 problems" in green.output
    assert installed(ci_venv) == {
        "newsroom-corrections": {"version": __version__, "url": wheel.as_uri()},
        "corrections": None,
    }
    if host == "github":
        summary = (tmp_path / "ci-green.summary.md").read_text()
        assert "No problems" in summary
    if host == "gitlab":
        assert json.loads((tmp_path / "ci-green" / "gl-code-quality-report.json").read_text()) == []

    # A plain git commit that changes published text: CI must go red.
    article = store / ARTICLE
    article.write_text(article.read_text().replace("record-breaking", "historic"))
    git(store, "commit", "-qam", "Quiet tweak")
    red = run_ci(host, store, tmp_path / "ci-red", ci_venv)
    assert red.code == 1, red.output
    assert "without a published correction" in red.output
    assert ARTICLE in red.output
    if host == "gitlab":
        report = json.loads((tmp_path / "ci-red" / "gl-code-quality-report.json").read_text())
        assert [(i["check_name"], i["location"]["path"]) for i in report] == [
            ("stealth-edit", ARTICLE)
        ]


def test_a_hash_checked_install_takes_only_the_file_it_names(wheel: Path, tmp_path: Path) -> None:
    python = fresh_python(tmp_path / "venv")
    env = ci_env(python, tmp_path / "work")
    requirement = f"newsroom-corrections @ {wheel.as_uri()}"
    good = "sha256:" + hashlib.sha256(wheel.read_bytes()).hexdigest()

    def install(hashes: list[str]) -> subprocess.CompletedProcess[str]:
        first = install_commands(requirement, hashes)[0]  # the hash-checked, --no-deps line
        return subprocess.run(
            ["bash", "-eo", "pipefail", "-c", first],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

    refused = install(["sha256:" + "0" * 64])
    assert refused.returncode != 0
    assert "DO NOT MATCH THE HASHES" in refused.stdout + refused.stderr
    assert installed(python)["newsroom-corrections"] is None
    accepted = install(["sha256:" + "0" * 64, good])  # any one listed hash may match
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert installed(python)["newsroom-corrections"] == {
        "version": __version__,
        "url": wheel.as_uri(),
    }


# ---------------------------------------------------------------------- pre-commit


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as it is on disk, committed into a throwaway repository: pre-commit
    clones what is committed, and the worktree's own history is not ours to touch."""
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "This checkout")
    return repo, git(repo, "rev-parse", "HEAD").strip()


def test_pre_commit_runs_the_hook_on_a_store(hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    repo, commit = hook_repo
    store = tmp_path / "store"
    assert run_cli("init", str(store)).returncode == 0
    source = write_article(tmp_path, "council-vote.md", "Council votes", "The vote was 7-2.\n")
    assert run_cli("--store", str(store), "add", str(source)).returncode == 0
    # As a newsroom uses the hook: named in the store's own .pre-commit-config.yaml, its
    # environment installed once (in PRE_COMMIT_HOME) and reused by the second run.
    (store / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {commit}\n"
        "    hooks:\n      - id: corrections-validate\n"
    )
    git(store, "add", ".pre-commit-config.yaml")
    git(store, "commit", "--quiet", "-m", "Check records and articles before each commit")
    env = {k: v for k, v in os.environ.items() if k not in NOT_ON_CI}
    env |= PINNED | NO_COMPILE | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=store, env=env, capture_output=True, text=True, check=False
        )

    clean = run()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"corrections validate\.+Passed", clean.stdout), clean.stdout

    record = store / "corrections" / "council-vote" / "20260115T120000Z-1a2b3c4d.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("id: 20260115T120000Z-1a2b3c4d\nid: 20260115T120000Z-1a2b3c4e\n")
    git(store, "add", "-A")
    broken = run()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert re.search(r"corrections validate\.+Failed", broken.stdout), broken.stdout
    assert (
        "corrections/council-vote/20260115T120000Z-1a2b3c4d.yaml:2: duplicate key 'id'"
        in broken.stdout
    )
