"""`init --ci/--ci-install`, `ci write` and what `validate` says about the store's CI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corrections import __version__
from corrections.domain.ci.workflows import WORKFLOW_PATHS
from tests.support import git, run_cli
from tests.support.store import set_ci

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def commits(path: Path) -> int:
    return int(git(path, "rev-list", "--count", "main").strip())


def test_version_is_the_package_version() -> None:
    result = run_cli("--version")
    assert result.stdout == f"corrections {__version__}\n"


@pytest.mark.parametrize("host", ["github", "gitlab", "forgejo"])
def test_init_writes_the_chosen_hosts_workflow_and_records_it(tmp_path: Path, host: str) -> None:
    path = tmp_path / "store"
    result = run_cli("init", str(path), "--ci", host, "--ci-install", "0.0.7")
    assert result.returncode == 0, result.stderr
    assert "installs newsroom-corrections==0.0.7" in result.stderr
    toml = (path / "corrections.toml").read_text()
    assert f'host = "{host}"' in toml
    assert 'install = "newsroom-corrections==0.0.7"' in toml
    tracked = git(path, "ls-files").split()
    for other, workflow in WORKFLOW_PATHS.items():
        assert (workflow in tracked) == (other == host), workflow
    text = (path / WORKFLOW_PATHS[host]).read_text()  # type: ignore[index]
    assert "python -m pip install 'newsroom-corrections==0.0.7'" in text
    assert commits(path) == 1
    assert run_cli("--store", str(path), "validate").returncode == 0


def test_init_defaults_to_github_and_this_version(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path)).returncode == 0
    toml = (path / "corrections.toml").read_text()
    assert f'install = "newsroom-corrections=={__version__}"' in toml
    workflow = (path / WORKFLOW_PATHS["github"]).read_text()
    assert f"python -m pip install 'newsroom-corrections=={__version__}'" in workflow
    assert "corrections==0.1.*" not in workflow


def test_init_with_no_ci_writes_no_workflow(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path), "--ci", "none").returncode == 0
    assert not any(line.endswith(".yml") for line in git(path, "ls-files").split())
    assert run_cli("--store", str(path), "validate").returncode == 0


def test_init_takes_a_wheel_file_as_an_absolute_file_url(tmp_path: Path) -> None:
    wheels = tmp_path / "my wheels"
    wheels.mkdir()
    (wheels / "newsroom_corrections-0.1.0-py3-none-any.whl").write_bytes(b"PK")
    path = tmp_path / "store"
    result = run_cli(
        "init",
        str(path),
        "--ci-install",
        "my wheels/newsroom_corrections-0.1.0-py3-none-any.whl",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    url = (wheels / "newsroom_corrections-0.1.0-py3-none-any.whl").as_uri()
    assert "%20" in url
    assert f'install = "newsroom-corrections @ {url}"' in (path / "corrections.toml").read_text()


@pytest.mark.parametrize(
    "spec",
    [
        "corrections",
        "newsroom-corrections",
        "newsroom-corrections>=0.1",
        "0.1.*",
        "corrections==0.1.*",
        "git+https://github.com/newsroom/corrections@main",
        "git+https://github.com/newsroom/corrections",
        "./no-such-dir/newsroom_corrections-0.1.0-py3-none-any.whl",
    ],
)
def test_init_refuses_unpinned_installs_before_making_anything(tmp_path: Path, spec: str) -> None:
    path = tmp_path / "store"
    result = run_cli("init", str(path), "--ci-install", spec)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"corrections: --ci-install {spec!r}:")
    assert "Traceback" not in result.stderr
    assert not path.exists()


def test_init_refuses_an_unknown_host(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "store"), "--ci", "bitbucket")
    assert result.returncode == 2
    assert "github, gitlab, forgejo, none" in result.stderr
    assert not (tmp_path / "store").exists()


def test_validate_reports_an_install_line_that_differs_from_the_config(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path), "--ci-install", "0.1.0").returncode == 0
    set_ci(path, install="newsroom-corrections==0.1.1")
    result = run_cli("--store", str(path), "validate")
    assert result.returncode == 1
    workflow = WORKFLOW_PATHS["github"]
    assert re.match(
        rf"{re.escape(workflow)}:\d+: CI runs .*newsroom-corrections==0\.1\.0", result.stdout
    )
    assert "corrections ci write" in result.stdout
    report = json.loads(run_cli("--store", str(path), "validate", "--format", "json").stdout)
    assert [f["code"] for f in report["findings"]] == ["ci-install-mismatch"]


def test_validate_reports_the_old_stranger_install(tmp_path: Path) -> None:
    """A store made before the distribution had a name of its own installs `corrections`."""
    path = tmp_path / "store"
    assert run_cli("init", str(path)).returncode == 0
    workflow = path / WORKFLOW_PATHS["github"]
    text = workflow.read_text()
    text = re.sub(
        r"(?m)^ *python -m pip install .*$",
        '      - run: python -m pip install "corrections==0.1.*"',
        text,
    )
    workflow.write_text(text)
    git(path, "commit", "-qam", "The workflow as it used to be")
    result = run_cli("--store", str(path), "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith(f"::error file={WORKFLOW_PATHS['github']},line=")
    assert "ci-install-mismatch" in result.stdout
    fixed = run_cli("--store", str(path), "ci", "write")
    assert fixed.returncode == 0, fixed.stderr
    assert run_cli("--store", str(path), "validate").returncode == 0


def test_ci_write_regenerates_the_workflow_in_one_commit(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path), "--ci-install", "0.1.0").returncode == 0
    set_ci(path, install="newsroom-corrections==0.1.1")
    before = commits(path)
    result = run_cli("--store", str(path), "--as", "Ada Admin", "ci", "write", "--json")
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)
    assert done["install"] == "newsroom-corrections==0.1.1"
    assert done["written"] == [WORKFLOW_PATHS["github"]]
    assert done["removed"] == []
    assert commits(path) == before + 1
    assert git(path, "rev-parse", "HEAD").strip() == done["commit"]
    assert git(path, "log", "-1", "--format=%an|%s").strip() == (
        "Ada Admin|CI on github installs newsroom-corrections==0.1.1"
    )
    assert git(path, "status", "--porcelain") == ""
    assert "'newsroom-corrections==0.1.1'" in (path / WORKFLOW_PATHS["github"]).read_text()
    assert run_cli("--store", str(path), "validate").returncode == 0
    # Nothing to do: no commit.
    again = run_cli("--store", str(path), "ci", "write")
    assert again.returncode == 0
    assert "already installs" in again.stderr
    assert commits(path) == before + 1


def test_ci_write_moves_hosts_and_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path)).returncode == 0
    theirs = path / ".forgejo" / "workflows" / "corrections.yml"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("on: push\njobs: {}\n")
    git(path, "add", "-A")
    git(path, "commit", "-qm", "A workflow of our own")
    set_ci(path, host="gitlab")
    result = run_cli("--store", str(path), "ci", "write", "--json")
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)
    assert done["written"] == [".gitlab-ci.yml"]
    assert done["removed"] == [WORKFLOW_PATHS["github"]]
    tracked = git(path, "ls-files").split()
    assert ".gitlab-ci.yml" in tracked
    assert WORKFLOW_PATHS["github"] not in tracked
    assert not (path / WORKFLOW_PATHS["github"]).exists()
    assert not (path / ".github").exists()  # emptied folders go too, as git checkout does
    assert WORKFLOW_PATHS["forgejo"] in tracked  # not ours: kept
    assert run_cli("--store", str(path), "validate").returncode == 0
    set_ci(path, host="none")
    assert run_cli("--store", str(path), "ci", "write").returncode == 0
    assert ".gitlab-ci.yml" not in git(path, "ls-files").split()


def test_ci_write_reads_the_committed_config(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path)).returncode == 0
    config = path / "corrections.toml"
    config.write_text(config.read_text().replace('host = "github"', 'host = "gitlab"'))
    result = run_cli("--store", str(path), "ci", "write")
    assert result.returncode == 0
    assert "already installs" in result.stderr
    assert not (path / ".gitlab-ci.yml").exists()


def test_a_missing_workflow_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path), "--ci", "forgejo").returncode == 0
    git(path, "rm", "-q", WORKFLOW_PATHS["forgejo"])
    git(path, "commit", "-qm", "No CI")
    result = run_cli("--store", str(path), "validate")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{WORKFLOW_PATHS['forgejo']} is missing")


def test_a_bad_ci_table_is_a_finding_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path)).returncode == 0
    set_ci(path, install="corrections==0.1.*")
    result = run_cli("--store", str(path), "validate")
    assert result.returncode == 1
    assert "ci.install: 'corrections==0.1.*'" in result.stdout
    refused = run_cli("--store", str(path), "ci", "write")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "ci.install" in refused.stderr


def test_validate_gitlab_format_is_a_code_quality_report(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_cli("init", str(path), "--ci", "gitlab").returncode == 0
    clean = run_cli("--store", str(path), "validate", "--format", "gitlab")
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])
    set_ci(path, install="newsroom-corrections==9.9.9")
    result = run_cli("--store", str(path), "validate", "--format", "gitlab")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    assert len(issues) == 1
    issue = issues[0]
    assert issue["check_name"] == "ci-install-mismatch"
    assert issue["location"]["path"] == ".gitlab-ci.yml"
    assert issue["location"]["lines"]["begin"] > 1
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    # The job log shows the findings as text, since stdout goes to the report file.
    assert ".gitlab-ci.yml:" in result.stderr
    again = json.loads(run_cli("--store", str(path), "validate", "-f", "gitlab").stdout)
    assert again == issues
