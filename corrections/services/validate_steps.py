"""The provenance half of ``validate``: every event was added by its person's own step.

For each event file at the head, the commit that added it (found by the history walk)
must be a workflow step of that correction made by the person the event names; with
``[policy] require_signed``, that commit must also be signed by a key the store's
allowed-signers file lists for them. Signature results are cached by commit and by the
allowed-signers file's content, since checking one costs an ``ssh-keygen`` run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from corrections.domain.config import Policy
from corrections.domain.provenance import AddedBy, Signature, signature_problem, step_problem
from corrections.domain.validation import Finding
from corrections.services.provenance import allowed_signers, missing_signers
from corrections.services.validate_history import History
from corrections.store.git_store import GitStore
from corrections.store.step_commits import signatures

# (event path, correction id, the person who took the step it records)
Actor = tuple[str, str, str]


def check_steps(
    store: GitStore,
    head: str,
    actors: Iterable[Actor],
    history: History,
    policy: Policy,
    cache: dict[str, Any],
) -> list[Finding]:
    findings: list[Finding] = []
    proven: list[tuple[str, str, AddedBy]] = []
    for path, correction_id, person in actors:
        added = history.added_by(path)
        if added is None and not history.complete:
            continue  # added before --since: outside the history this run reads
        reason = step_problem(path, correction_id, person, added)
        if reason is not None:
            commit = added.commit if added is not None else None
            findings.append(Finding(path, None, "step-unproven", reason, commit))
        elif added is not None and not added.migrated:
            proven.append((path, person, added))
    if policy.require_signed:
        findings += _signature_findings(store, head, proven, policy, cache)
    return findings


def _signature_findings(
    store: GitStore,
    head: str,
    steps: list[tuple[str, str, AddedBy]],
    policy: Policy,
    cache: dict[str, Any],
) -> list[Finding]:
    signers = allowed_signers(store, head, policy)
    if signers is None:
        return [Finding(policy.allowed_signers, None, "signers-missing", missing_signers(policy))]
    key = hashlib.sha256(signers).hexdigest()
    kept = cache.get("signatures")
    if not isinstance(kept, dict) or kept.get("signers") != key:
        kept = cache["signatures"] = {"signers": key, "by_commit": {}}
    known: dict[str, list[str]] = kept["by_commit"]
    missing = {added.commit for _, _, added in steps if added.commit not in known}
    for commit, found in signatures(store, missing, signers).items():
        known[commit] = [found.status, found.signer]
    findings = []
    for path, person, added in steps:
        status, signer = known.get(added.commit, ["N", ""])
        reason = signature_problem(path, person, added, Signature(status, signer))
        if reason is not None:
            findings.append(Finding(path, None, "step-unsigned", reason, added.commit))
    return findings
