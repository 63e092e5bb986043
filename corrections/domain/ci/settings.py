"""The ``[ci]`` table of corrections.toml: which git host runs the store's CI, and what it
installs there."""

from __future__ import annotations

import re
from dataclasses import field
from typing import Annotated, Literal

from corrections import __version__
from corrections.domain.ci.install import (
    DISTRIBUTION,
    check_hash,
    check_requirement,
    install_commands,
    is_git,
)
from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.domain.strict import FORBID_EXTRA, AfterValidator

CiHost = Literal["github", "gitlab", "forgejo", "none"]
CI_HOSTS: tuple[CiHost, ...] = ("github", "gitlab", "forgejo", "none")
# python:3.12-bookworm (Python 3.12.14 on Debian bookworm, with pip and git) by the digest
# docker-library/repo-info recorded for it: a tag alone can be moved under us.
DEFAULT_IMAGE = (
    "python:3.12-bookworm@sha256:dbbe4ceb97851e2e5fa83798b239811f871cb743b259ba3563737349f6bcfaa0"
)
_IMAGE = r"[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}"  # compiled when first matched


def default_install() -> str:
    """The tool that writes a store is the tool its CI installs."""
    return f"{DISTRIBUTION}=={__version__}"


def _pinned(value: str) -> str:
    try:
        return check_requirement(value)
    except BadInput as error:
        raise ValueError(str(error)) from None


def _hashes(value: list[str]) -> list[str]:
    try:
        return [check_hash(h) for h in value]
    except BadInput as error:
        raise ValueError(str(error)) from None


def _image(value: str) -> str:
    if not re.fullmatch(_IMAGE, value):
        raise ValueError(f"{value!r}: pin the image by digest, e.g. {DEFAULT_IMAGE}")
    return value


@frozen(kw_only=True)
class CiSettings:
    """The ``[ci]`` table: the CI host, how it installs the tool, and the image it runs in."""

    __pydantic_config__ = FORBID_EXTRA

    host: CiHost = "github"
    # A pinned pip requirement for our distribution (see corrections.domain.ci.install).
    install: Annotated[str, AfterValidator(_pinned)] = field(default_factory=default_install)
    # Hashes of the release file `install` names, checked by pip (--require-hashes).
    hashes: Annotated[list[str], AfterValidator(_hashes)] = field(default_factory=list)
    # The container GitLab and Forgejo run the job in, pinned by digest.
    image: Annotated[str, AfterValidator(_image)] = DEFAULT_IMAGE

    def __post_init__(self) -> None:
        if self.hashes and is_git(self.install):
            raise ValueError("pip cannot check hashes of a git checkout: remove hashes")

    def install_commands(self) -> list[str]:
        return install_commands(self.install, self.hashes)


def ci_table(settings: CiSettings) -> str:
    """The ``[ci]`` table as corrections.toml text (values are checked: no quotes in them)."""
    hashes = ", ".join(f'"{h}"' for h in settings.hashes)
    return f"""[ci]
# Where the store's CI runs: github, gitlab, forgejo or none. After changing this table,
# `corrections ci write` writes the workflow again; `corrections validate` checks it.
host = "{settings.host}"
# What CI installs: newsroom-corrections pinned exactly (on the package index, `corrections`
# is someone else's project). A version, a wheel, or git+https://…@<commit id>.
install = "{settings.install}"
# sha256:… hashes of the release file, once published: pip then refuses any other file.
hashes = [{hashes}]
# The container image for GitLab and Forgejo, pinned by digest.
image = "{settings.image}"
"""
