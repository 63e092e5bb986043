"""What the store's CI installs: only our distribution, pinned; checked workflows; reports."""

from __future__ import annotations

import json
import re

from corrections.domain.validation import Finding
from corrections.outputs.codequality import code_quality


def test_code_quality_report_has_what_gitlab_reads() -> None:
    findings = [
        Finding("articles/a.md", None, "stealth-edit", "articles/a.md changed\x1b[2J", "c0ffee"),
        Finding("corrections/a/x.yaml", 6, "record-invalid", "corrections/a/x.yaml:6: bad"),
    ]
    issues = code_quality(findings)
    assert json.loads(json.dumps(issues)) == issues
    assert [i["check_name"] for i in issues] == ["stealth-edit", "record-invalid"]
    assert [i["severity"] for i in issues] == ["critical", "major"]
    assert [i["location"] for i in issues] == [
        {"path": "articles/a.md", "lines": {"begin": 1}},
        {"path": "corrections/a/x.yaml", "lines": {"begin": 6}},
    ]
    assert "\x1b" not in issues[0]["description"]
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    # Stable: the same finding has the same fingerprint on any run; a different one differs.
    assert code_quality(findings) == issues
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    assert code_quality([]) == []
