"""Whether an event was added by a workflow step of the person it names.

An event file says who took the step (the reviewer of a review, the proposer of a
proposal...), but anyone who can push can write such a file. What proves it is the commit
that added the file: a workflow step commit carries a ``Correction-Id`` trailer naming the
correction, and its author is the person who took the step. An approval "by Boss" added in
a plain ``git commit`` by someone else is therefore not Boss's approval: ``validate``
reports it and ``publish`` does not count it.

With ``[policy] require_signed``, the step commit must also carry a git signature by a key
that the store's allowed-signers file lists for that person (git checks the signature; this
module judges what git found).
"""

from __future__ import annotations

from corrections.domain.frozen import frozen
from corrections.domain.people import canonical, same_person
from corrections.domain.sanitize import one_line


@frozen
class AddedBy:
    """The commit that added an event file, as git's log tells it."""

    commit: str
    author: str
    correction_ids: tuple[str, ...]  # its Correction-Id trailers
    # A ``corrections migrate`` commit that also removed this correction's single-file
    # record: the events it wrote carry over steps proven in the old layout's history.
    migrated: bool = False


@frozen
class Signature:
    """What git found of a commit's signature (``%G?`` and ``%GS``)."""

    status: str  # G good and listed, U good but not listed, N none, B bad, E cannot check...
    signer: str  # the allowed-signers principal(s) of the key, comma-separated


_STATUS = {
    "N": "is not signed",
    "U": "is signed by a key the allowed-signers file does not list",
    "B": "has a bad signature",
    "X": "is signed with an expired signature",
    "Y": "is signed by an expired key",
    "R": "is signed by a revoked key",
    "E": "has a signature that cannot be checked",
}


def step_problem(path: str, correction_id: str, person: str, added: AddedBy | None) -> str | None:
    """Why the event at ``path`` is not proven to be ``person``'s step, or None."""
    if added is None:
        return (
            f"{path}: no commit on main added it (a merge brought it in?), so no step of "
            f"{one_line(person)} proves it"
        )
    if added.migrated:
        return None
    if correction_id not in added.correction_ids:
        return (
            f"{path} was added by {_commit(added)}, which is not a workflow step of "
            f"correction {correction_id} (no Correction-Id trailer naming it)"
        )
    if not same_person(added.author, person):
        return (
            f"{path} names {one_line(person)}, but was added by {_commit(added)}: only "
            f"{one_line(person)}'s own step can add it"
        )
    return None


def _commit(added: AddedBy) -> str:
    return f"commit {added.commit[:12]} by {one_line(added.author)}"


def signature_problem(
    path: str, person: str, added: AddedBy, signature: Signature | None
) -> str | None:
    """Why the step that added ``path`` is not signed by a key listed for ``person``."""
    who = _commit(added)
    status = signature.status if signature is not None else "N"
    if status != "G" or signature is None:
        reason = _STATUS.get(status, f"has a signature git judged {status!r}")
        return f"{path}: {who}, which added it, {reason}: the store requires signed steps"
    principals = [p for p in signature.signer.split(",") if p.strip()]
    if not any(canonical(p) == canonical(person) for p in principals):
        return (
            f"{path}: {who}, which added it, is signed by the key of "
            f"{one_line(signature.signer)}, not of {one_line(person)}"
        )
    return None
