"""The workflow file each git host reads, rendered from the ``[ci]`` table.

Every template checks out the whole history (validation reads all of ``main``), points
``main`` at the commit under test (a pull or merge request is checked out without a local
``main``), installs exactly what ``[ci] install`` pins, and runs ``corrections validate`` in
the host's own report format. Nothing in them is unpinned: actions by commit, images by
digest, our distribution by version, file or commit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from corrections.domain.ci.settings import CiHost, CiSettings

WORKFLOW_PATHS: Mapping[CiHost, str] = {
    "github": ".github/workflows/corrections.yml",
    "gitlab": ".gitlab-ci.yml",
    "forgejo": ".forgejo/workflows/corrections.yml",
}
# The first line of every file we write; earlier versions began with the second form.
MARKERS = ("# Written by corrections", "# Written by `corrections")
HEADER = """# Written by corrections from the [ci] table of corrections.toml: after changing
# that table, run `corrections ci write`. `corrections validate` reports an install line
# that differs from it.
"""
MAIN_AT_HEAD = "git update-ref refs/heads/main HEAD"
GITLAB_REPORT = "gl-code-quality-report.json"

_GITHUB = """{header}name: corrections
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2
        with:
          fetch-depth: 0  # validation reads the whole history of main
          persist-credentials: false
      - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b  # v5.3.0
        with:
          python-version: "3.12"
      - name: Validate the commit under test as main
        # A pull request is checked out without a local main branch.
        run: {main_at_head}
      - name: Install corrections as corrections.toml pins it
        run: |
{install}
      - name: Validate
        run: corrections validate --format github
"""

_FORGEJO = """{header}name: corrections
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  validate:
    # The label Forgejo's documentation gives runners that run jobs in containers; use
    # your runner's label if it has another.
    runs-on: docker
    container:
      # Python with pip and git, pinned by digest. Checkout actions need Node.js, which
      # this image does not have, so the store is fetched with git itself.
      image: {image}
    steps:
      - name: Fetch the commit under test with the whole history of main
        env:
          TOKEN: ${{{{ github.token }}}}
        run: |
          git config --global --add safe.directory "$PWD"
          git init -q .
          auth="Authorization: basic $(printf 'x-access-token:%s' "$TOKEN" | base64 -w0)"
          repository="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY"
          git -c http.extraHeader="$auth" fetch -q --no-tags "$repository" "$GITHUB_REF"
          git checkout -q --detach FETCH_HEAD
          {main_at_head}
      - name: Install corrections as corrections.toml pins it
        run: |
{install}
      - name: Validate
        # Plain text: Forgejo shows the log, not GitHub's annotations.
        run: corrections validate
"""

_GITLAB = """{header}corrections-validate:
  # Python with pip and git, pinned by digest.
  image: {image}
  variables:
    GIT_DEPTH: 0  # validation reads the whole history of main
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == "main"
  script:
    # A merge request is checked out without a local main branch.
    - {main_at_head}
{install}
    # The findings go to the job log too, and to merge requests as a Code Quality report.
    - corrections validate --format gitlab > {report}
  artifacts:
    when: always
    reports:
      codequality: {report}
"""


def workflow_files(settings: CiSettings) -> dict[str, str]:
    """Path → text of the workflow file(s) for ``settings.host`` (none for ``none``)."""
    commands = settings.install_commands()
    if settings.host == "github":
        text = _GITHUB.format(
            header=HEADER, main_at_head=MAIN_AT_HEAD, install=_block(commands, 10)
        )
    elif settings.host == "forgejo":
        text = _FORGEJO.format(
            header=HEADER,
            main_at_head=MAIN_AT_HEAD,
            image=settings.image,
            install=_block(commands, 10),
        )
    elif settings.host == "gitlab":
        text = _GITLAB.format(
            header=HEADER,
            main_at_head=MAIN_AT_HEAD,
            image=settings.image,
            install="\n".join(f"    - {yaml_scalar(c)}" for c in commands),
            report=GITLAB_REPORT,
        )
    else:
        return {}
    return {WORKFLOW_PATHS[settings.host]: text}


def written_by_us(data: bytes) -> bool:
    return data.startswith(tuple(m.encode() for m in MARKERS))


def _block(commands: list[str], indent: int) -> str:
    """Lines of a YAML literal block (``run: |``): taken as they are, no quoting."""
    return "\n".join(" " * indent + command for command in commands)


# A plain scalar YAML reads back as the same string: printable ASCII starting with a
# letter, with a space in it (so no YAML 1.1 reader takes it for a bool, null or number),
# and without what would start a comment or a mapping.
_PLAIN_SAFE = re.compile(r"[A-Za-z][ -~]* [ -~]*")


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML flow scalar: plain when that is safe, else double-quoted (JSON's
    string syntax, ASCII-escaped, is YAML's)."""
    plain = (
        _PLAIN_SAFE.fullmatch(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith((" ", ":"))
    )
    return text if plain else json.dumps(text)
