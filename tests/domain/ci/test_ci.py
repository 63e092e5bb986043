"""What the store's CI installs: only our distribution, pinned; checked workflows; reports."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from corrections import __version__
from corrections.domain.ci.check import check_workflows, command_of
from corrections.domain.ci.install import (
    DISTRIBUTION,
    check_requirement,
    install_commands,
    requirement_from_spec,
)
from corrections.domain.ci.settings import CiSettings, default_install
from corrections.domain.ci.workflows import WORKFLOW_PATHS, workflow_files, yaml_scalar
from corrections.domain.config import default_config_text, parse_config
from corrections.domain.errors import BadInput
from corrections.domain.strict import check

COMMIT = "0123456789abcdef0123456789abcdef01234567"
WHEEL = "newsroom_corrections-0.1.0-py3-none-any.whl"


@pytest.mark.parametrize(
    ("spec", "requirement"),
    [
        ("0.1.0", "newsroom-corrections==0.1.0"),
        ("2.0.0rc1", "newsroom-corrections==2.0.0rc1"),
        ("newsroom-corrections==0.1.0", "newsroom-corrections==0.1.0"),
        ("Newsroom_Corrections == 0.3.1.post2", "newsroom-corrections==0.3.1.post2"),
        (f"/opt/wheels/{WHEEL}", f"newsroom-corrections @ file:///opt/wheels/{WHEEL}"),
        (
            f"https://example.org/dl/{WHEEL}",
            f"newsroom-corrections @ https://example.org/dl/{WHEEL}",
        ),
        (
            f"git+https://github.com/newsroom/corrections@{COMMIT}",
            f"newsroom-corrections @ git+https://github.com/newsroom/corrections@{COMMIT}",
        ),
        (
            f"git+ssh://git@example.org/newsroom/corrections.git@{COMMIT}",
            f"newsroom-corrections @ git+ssh://git@example.org/newsroom/corrections.git@{COMMIT}",
        ),
    ],
)
def test_pinned_specs_become_one_canonical_requirement(spec: str, requirement: str) -> None:
    assert requirement_from_spec(spec) == requirement
    # The canonical form is a fixed point: the config may hold it as it is.
    assert check_requirement(requirement) == requirement


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("corrections", "someone else's project"),
        ("corrections==0.1.0", "someone else's project"),
        ("Corrections==0.1.*", "someone else's project"),
        ("newsroom-corrections", "a bare name"),
        ("newsroom-corrections>=0.1", "a range"),
        ("newsroom-corrections~=0.1.0", "a range"),
        ("newsroom-corrections==0.1.*", "not one exact version"),
        ("newsroom-corrections==0.1.0,<1", "not one exact version"),
        ("newsroom-corrections===0.1.0", "a range"),
        ("newsroom-corrections[dev]==0.1.0", "extras"),
        ("0.1.*", "not one exact version"),
        (">=0.1", "a range"),
        ("pip==24.0", "installs 'pip'"),
        ("git+https://github.com/newsroom/corrections", "full 40-character commit id"),
        ("git+https://github.com/newsroom/corrections@main", "full 40-character commit id"),
        ("git+https://github.com/newsroom/corrections@0123456", "full 40-character commit id"),
        (f"git+http://example.org/repo@{COMMIT}", "https or ssh"),
        (f"git+file:///srv/repo@{COMMIT}", "https or ssh"),
        (f"http://example.org/{WHEEL}", "use https"),
        ("https://example.org/newsroom_corrections-0.1.0.tar.gz", "must name a wheel"),
        ("https://example.org/other-0.1.0-py3-none-any.whl", "must name a wheel"),
        (f"https://example.org/{WHEEL}#sha256=ab", "must name a wheel"),
        (f"https://example.org/$(id)/{WHEEL}", "cannot pass safely"),
        (f"https://example.org/a'b/{WHEEL}", "cannot pass safely"),
        (f"https://me:s3cret@example.org/{WHEEL}", "secret"),
        (f"git+https://x-token:s3cret@github.com/n/c@{COMMIT}", "secret"),
        ("newsroom-corrections==0.1.0\nnewsroom-corrections", "not a requirement"),
        ("", "not a requirement"),
    ],
)
def test_unpinned_or_foreign_specs_are_refused(spec: str, reason: str) -> None:
    with pytest.raises(BadInput, match=re.escape(reason)) as caught:
        requirement_from_spec(spec)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(repr(spec))


def test_the_default_is_this_exact_version() -> None:
    assert default_install() == f"{DISTRIBUTION}=={__version__}"
    assert CiSettings().install == f"newsroom-corrections=={__version__}"
    assert parse_config("").ci == CiSettings()


def test_install_commands_quote_the_requirement_and_check_hashes_alone() -> None:
    requirement = f"newsroom-corrections @ https://example.org/{WHEEL}"
    assert install_commands(requirement) == [f"python -m pip install '{requirement}'"]
    hashed = install_commands(requirement, ["sha256:" + "a" * 64, "sha256:" + "b" * 64])
    assert hashed == [
        f"echo '{requirement} --hash=sha256:{'a' * 64} --hash=sha256:{'b' * 64}'"
        " | python -m pip install --require-hashes --no-deps -r /dev/stdin",
        f"python -m pip install '{requirement}'",
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('install = "corrections==0.1.*"', "ci.install: 'corrections==0.1.*': 'corrections'"),
        ('install = "newsroom-corrections"', "ci.install: 'newsroom-corrections': a bare name"),
        ('hashes = ["md5:abc"]', "ci.hashes: 'md5:abc': a hash is sha256:"),
        ('image = "python:3.12"', "ci.image: 'python:3.12': pin the image by digest"),
        ('host = "bitbucket"', "ci.host:"),
        ('runner = "x"', "ci.runner:"),
        (
            f'install = "newsroom-corrections @ git+https://h/r@{COMMIT}"\n'
            f'hashes = ["sha256:{"c" * 64}"]',
            "pip cannot check hashes of a git checkout",
        ),
    ],
)
def test_the_ci_table_is_strict(table: str, message: str) -> None:
    with pytest.raises(BadInput, match=re.escape(message)):
        parse_config(f"[ci]\n{table}\n")


def test_default_config_text_round_trips_its_ci_table() -> None:
    settings = CiSettings(
        host="gitlab",
        install=f"newsroom-corrections @ https://example.org/{WHEEL}",
        hashes=["sha256:" + "d" * 64],
    )
    assert parse_config(default_config_text("ap", settings)).ci == settings
    assert parse_config(default_config_text("ap")).ci == CiSettings()


@pytest.mark.parametrize("host", ["github", "gitlab", "forgejo"])
@pytest.mark.parametrize("hashes", [[], ["sha256:" + "e" * 64]])
def test_every_workflow_runs_exactly_the_pinned_install(host: str, hashes: list[str]) -> None:
    settings = check(
        CiSettings,
        {"host": host, "install": f"newsroom-corrections @ file:///w/{WHEEL}", "hashes": hashes},
    )
    files = workflow_files(settings)
    assert list(files) == [WORKFLOW_PATHS[settings.host]]
    text = files[WORKFLOW_PATHS[settings.host]]
    commands = [line for job in _run_lines(yaml.safe_load(text)) for line in job]
    expected = settings.install_commands()
    assert [c for c in commands if "pip install" in c] == expected
    assert any(c.startswith("corrections validate") for c in commands)
    assert "git update-ref refs/heads/main HEAD" in commands
    # Nothing unpinned: no bare pip install, no action or image by tag alone.
    assert not re.search(
        r"pip install +['\"]?(corrections|newsroom-corrections)['\"]?\s*$", text, re.M
    )
    for action in re.findall(r"uses: *(\S+)", text):
        assert re.search(r"@[0-9a-f]{40}$", action), action
    for image in re.findall(r"image: *(\S+)", text):
        assert re.search(r"@sha256:[0-9a-f]{64}$", image), image
    assert check_workflows(settings, {path: data.encode() for path, data in files.items()}) == []


def test_no_host_writes_no_workflow() -> None:
    settings = CiSettings(host="none")
    assert workflow_files(settings) == {}
    assert check_workflows(settings, {}) == []


def _run_lines(document: object) -> list[list[str]]:
    """The shell lines of every job: GitHub/Forgejo ``run:`` steps, GitLab ``script:``."""
    assert isinstance(document, dict)
    jobs = document.get("jobs") or {k: v for k, v in document.items() if isinstance(v, dict)}
    out = []
    for job in jobs.values():
        lines: list[str] = []
        for step in job.get("steps", []):
            if "run" in step:
                lines += step["run"].strip().split("\n")
        lines += job.get("script", [])
        out.append([line.strip() for line in lines])
    return out


def test_a_workflow_installing_anything_else_is_reported_with_its_line() -> None:
    settings = CiSettings()
    path = WORKFLOW_PATHS["github"]
    good = workflow_files(settings)[path]
    old = good.replace(
        f"python -m pip install 'newsroom-corrections=={__version__}'",
        'python -m pip install "corrections==0.1.*"',
    )
    findings = check_workflows(settings, {path: old.encode()})
    line = old.split("\n").index('          python -m pip install "corrections==0.1.*"') + 1
    assert [(f.path, f.line, f.code) for f in findings] == [(path, line, "ci-install-mismatch")]
    assert "corrections==0.1.*" in findings[0].message
    assert "corrections ci write" in findings[0].message
    # An extra, unpinned install beside the right one is reported too.
    extra = good + "      - run: pip3 install --upgrade newsroom-corrections\n"
    assert [f.code for f in check_workflows(settings, {path: extra.encode()})] == [
        "ci-install-mismatch"
    ]
    # Removing the install line altogether is reported, without a line.
    gone = "\n".join(line for line in good.split("\n") if "pip install" not in line)
    assert [(f.code, f.line) for f in check_workflows(settings, {path: gone.encode()})] == [
        ("ci-install-missing", None)
    ]


def test_workflows_of_other_hosts_count_only_when_we_wrote_them() -> None:
    github = CiSettings(host="github")
    gitlab_ours = workflow_files(CiSettings(host="gitlab", install="newsroom-corrections==0.0.9"))
    theirs = b"build:\n  script:\n    - pip install corrections\n"
    files: dict[str, bytes | None] = {
        WORKFLOW_PATHS["github"]: workflow_files(github)[WORKFLOW_PATHS["github"]].encode(),
        WORKFLOW_PATHS["gitlab"]: theirs,
    }
    assert check_workflows(github, files) == []
    files[WORKFLOW_PATHS["gitlab"]] = gitlab_ours[WORKFLOW_PATHS["gitlab"]].encode()
    assert [f.path for f in check_workflows(github, files)] == [".gitlab-ci.yml"]
    missing = check_workflows(CiSettings(host="forgejo"), files)
    assert ("ci-workflow-missing", ".forgejo/workflows/corrections.yml") in [
        (f.code, f.path) for f in missing
    ]


@pytest.mark.parametrize(
    ("line", "command"),
    [
        ("      - run: python -m pip install 'x'", "python -m pip install 'x'"),
        ("    - python -m pip install 'x'", "python -m pip install 'x'"),
        ('    - "echo \\"a: b\\""', 'echo "a: b"'),
        ("          corrections validate", "corrections validate"),
        ("  script: 'it''s'", "it's"),
    ],
)
def test_command_of_reads_yaml_forms(line: str, command: str) -> None:
    assert command_of(line) == command


# Commands are ASCII: requirements may hold nothing else.
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1))
def test_yaml_scalar_reads_back_unchanged(text: str) -> None:
    loaded = yaml.safe_load(f"key: {yaml_scalar(text)}\n")
    assert loaded == {"key": text}
