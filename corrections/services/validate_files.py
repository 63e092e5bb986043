"""`corrections validate FILE...`: record and article files checked on their own, for a
pre-commit hook (no store, no history)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from corrections.domain.errors import BadInput, CorrectionsError
from corrections.domain.events import parse_event
from corrections.domain.fold import event_problems
from corrections.domain.validation import Finding, sort_findings
from corrections.services.inputs import read_capped
from corrections.services.validate import Report, article_facts

# Where a file sits in a store, whatever directory it was named from: an event must belong
# to the folder it is in, also when the hook passes an absolute or prefixed path.
_IN_STORE = re.compile(r"(?:^|/)(corrections/[^/]+/[^/]+/[^/]+)$")


def _store_path(name: str) -> str | None:
    match = _IN_STORE.search(name)
    return match.group(1) if match else None


def validate_files(paths: Iterable[Path]) -> Report:
    """Check record and article files on disk, without a store (a pre-commit hook).

    Each file is judged by its own content: records strictly against the model and their
    own rules, articles for readable front matter. History checks need a store.
    """
    report = Report(None)
    for path in paths:
        name = path.as_posix()
        try:
            data = read_capped(path)
        except BadInput as error:
            report.findings.append(Finding(name, None, "file-unreadable", str(error)))
            continue
        if name.endswith(".yaml"):
            report.records += 1
            try:
                event = parse_event(data, name, location=_store_path(name))
            except CorrectionsError as error:
                report.findings.append(Finding(name, error.line, "record-invalid", str(error)))
            else:
                report.findings += event_problems(name, event)
        elif name.endswith(".md"):
            article = article_facts(name, data)
            report.articles += 1
            if article.problem:
                report.findings.append(
                    Finding(name, article.problem_line, "article-invalid", article.problem)
                )
    report.findings = sort_findings(report.findings)
    return report
