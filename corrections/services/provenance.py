"""Proving steps by their commits: what ``publish`` counts and ``validate`` reports.

An event names a person; the commit that added it must be that person's workflow step
(``corrections.domain.provenance``), and, when the store requires it, signed by a key the
store's allowed-signers file lists for them.
"""

from __future__ import annotations

from collections.abc import Mapping

from corrections.domain.config import Policy, StoreConfig
from corrections.domain.events import Event, ReviewEvent
from corrections.domain.provenance import AddedBy, Signature, signature_problem, step_problem
from corrections.domain.records import Verdict
from corrections.store.git_store import GitStore
from corrections.store.records import LoadedCorrection
from corrections.store.step_commits import events_added, signatures


def allowed_signers(store: GitStore, commit: str, policy: Policy) -> bytes | None:
    """The allowed-signers file as of ``commit`` (None when the store has none)."""
    return store.read_file(commit, policy.allowed_signers)


def missing_signers(policy: Policy) -> str:
    return (
        f"the store requires signed steps but has no allowed-signers file at "
        f"{policy.allowed_signers}"
    )


def unproven(
    path: str,
    event: Event,
    person: str,
    added: AddedBy | None,
    signed: Mapping[str, Signature] | None,
) -> str | None:
    """Why ``event`` is not proven to be ``person``'s step; ``signed`` (commit →
    signature) when the store requires signatures."""
    reason = step_problem(path, event.id, person, added)
    if reason is None and signed is not None and added is not None and not added.migrated:
        reason = signature_problem(path, person, added, signed.get(added.commit))
    return reason


def approvals_not_proven(
    store: GitStore, head: str, loaded: LoadedCorrection, config: StoreConfig
) -> dict[str, str]:
    """The approvals of one correction that no step commit of their reviewer proves
    (path → why): one ``git log`` over its folder, and one more for the signatures."""
    approvals = {
        path: event
        for path, event in loaded.events.items()
        if isinstance(event, ReviewEvent) and event.verdict is Verdict.approve
    }
    if not approvals:
        return {}
    added = events_added(store, head, loaded.folder)
    policy = config.policy
    signed: Mapping[str, Signature] | None = None
    if policy.require_signed:
        signers = allowed_signers(store, head, policy)
        if signers is None:
            return dict.fromkeys(approvals, missing_signers(policy))
        signed = signatures(store, [a.commit for a in added.values()], signers)
    found = {
        path: unproven(path, event, event.reviewer, added.get(path), signed)
        for path, event in approvals.items()
    }
    return {path: reason for path, reason in found.items() if reason is not None}
