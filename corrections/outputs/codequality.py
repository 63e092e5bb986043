"""GitLab's Code Quality report (a subset of Code Climate's issue format), so that
`corrections validate` findings show on merge requests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from corrections.domain.sanitize import one_line
from corrections.domain.validation import Finding

# Published text changed without a record, or a recorded event rewritten: the checks
# the store exists for. Everything else is a problem to fix, not a breach.
_CRITICAL = frozenset(
    {"stealth-edit", "article-removed", "event-changed", "published-record-changed"}
)


def code_quality(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """One issue per finding. The fingerprint hashes what the finding is, not where the
    report was made, so GitLab can tell a merge request's new problems from old ones."""
    issues = []
    seen: set[str] = set()
    for finding in findings:
        fingerprint = _fingerprint(finding)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        issues.append(
            {
                "type": "issue",
                "description": one_line(finding.message),
                "check_name": finding.code,
                "fingerprint": fingerprint,
                "severity": "critical" if finding.code in _CRITICAL else "major",
                "location": {"path": finding.path, "lines": {"begin": finding.line or 1}},
            }
        )
    return issues


def _fingerprint(finding: Finding) -> str:
    key = "\0".join([finding.code, finding.path, str(finding.line or ""), finding.message])
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
