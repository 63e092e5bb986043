"""`corrections validate`: the store's CI installs exactly what ``[ci] install`` pins."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from corrections.domain.ci.settings import CiSettings
from corrections.domain.ci.workflows import WORKFLOW_PATHS, written_by_us
from corrections.domain.validation import Finding

# Any installer a workflow might run; a line that installs something named like us must be
# exactly one of the commands the [ci] table renders to.
_INSTALLS = re.compile(r"\bpip[0-9.]*\s+install\b|\bpipx\s+install\b|\buv\s+(pip|tool)\s+install\b")
_PREFIX = re.compile(r"^(?:-\s+)?(?:(?:run|script)\s*:\s*)?")


def check_workflows(settings: CiSettings, files: Mapping[str, bytes | None]) -> list[Finding]:
    """``files``: each host's workflow path → its content on main (None when absent).

    The configured host's file must exist; it, and any other host's file that we wrote
    (a store that moved hosts may still be mirrored), must install what ``[ci]`` says.
    """
    findings: list[Finding] = []
    for host, path in WORKFLOW_PATHS.items():
        data = files.get(path)
        if data is None:
            if host == settings.host:
                findings.append(
                    Finding(
                        path,
                        None,
                        "ci-workflow-missing",
                        f"{path} is missing, and corrections.toml's [ci] host is {host}: run "
                        "'corrections ci write' (or set host = \"none\")",
                    )
                )
            continue
        if host == settings.host or written_by_us(data):
            findings += check_install_lines(path, data.decode("utf-8", "replace"), settings)
    return findings


def check_install_lines(path: str, text: str, settings: CiSettings) -> list[Finding]:
    expected = settings.install_commands()
    found: set[str] = set()
    findings = []
    for number, line in enumerate(text.split("\n"), start=1):
        command = command_of(line)
        if command in expected:
            found.add(command)
        elif _INSTALLS.search(line) and "corrections" in line.lower():
            findings.append(
                Finding(
                    path,
                    number,
                    "ci-install-mismatch",
                    f"{path}:{number}: CI runs {command!r}, not what corrections.toml's [ci] "
                    f"install pins ({settings.install}): run 'corrections ci write'",
                )
            )
    missing = [c for c in expected if c not in found]
    if missing and not findings:
        findings.append(
            Finding(
                path,
                None,
                "ci-install-missing",
                f"{path} does not run {missing[0]!r}, which corrections.toml's [ci] table "
                "asks for: run 'corrections ci write'",
            )
        )
    return findings


def command_of(line: str) -> str:
    """The shell command a workflow line holds: ``- run: X``, ``- X``, a block's ``X``."""
    text = _PREFIX.sub("", line.strip(), count=1).strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            value = json.loads(text)
        except ValueError:
            return text
        return value if isinstance(value, str) else text
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text
