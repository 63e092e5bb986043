"""Correction events: ``corrections/<slug>/<id>/``, one immutable file per step.

A correction is a folder of events: ``proposal.yaml``, ``revision-<n>.yaml``,
``review-<time>-<who>-<tag>.yaml``, ``withdrawn.yaml``, ``published.yaml``. Steps taken on
two machines add different files, so git merges them without a conflict; nothing is ever
edited in place. What a correction *is* (its status, approvers, current text) is a fold
over these events (``corrections.domain.fold``), never stored.

Every model is strict (unknown fields, wrong types and bad values are errors), and every
parse error names the file and line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from typing import Annotated, Any, Literal

from corrections.domain.catalog import split_event_path as split_event_path
from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind
from corrections.domain.records import (
    CorrectionId,
    Day,
    Digest,
    Name,
    Revision,
    Sha,
    StrictBool,
    Time,
    Verdict,
)
from corrections.domain.slugs import SLUG_MAX
from corrections.domain.strict import (
    FORBID_EXTRA,
    Field,
    Invalid,
    Strict,
    adapter,
    check_as,
    from_data,
    to_data,
)

EVENTS_SCHEMA_VERSION = 2
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]

PROPOSAL_FILE = "proposal.yaml"
WITHDRAWN_FILE = "withdrawn.yaml"
PUBLISHED_FILE = "published.yaml"
_REVISION_FILE = re.compile(r"^revision-([2-9]|[1-9][0-9]+)\.yaml$")
_REVIEW_FILE = re.compile(r"^review-[0-9]{8}T[0-9]{6}Z-[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{6}\.yaml$")
MIGRATE_STEP = "migrate"  # the Correction-Step of the commit that turned old records into events


@frozen(kw_only=True)
class _Event:
    """What every event file holds: its schema version, correction, article and time."""

    __pydantic_config__ = FORBID_EXTRA

    schema_version: Literal[2] = 2
    id: CorrectionId  # the correction this event belongs to
    article: Slug
    at: Time


@frozen(kw_only=True)
class _Content(_Event):
    """What a proposal or a revision proposes: the whole text, the kind and the note."""

    kind: Kind
    summary: Annotated[str, Field(max_length=2_000)] = ""
    proposed_text: str  # the whole article as it should become (front matter and body)
    diff_hash: Digest  # base text, proposed text and note: what a reviewer approves
    draft_note: str | None = None  # what the tool drafted from the diff
    note: str | None = None  # the note as the editor left it (None: no public note)


@frozen(kw_only=True)
class ProposalEvent(_Content):
    """A correction proposed: the new text, its kind, summary and note (``proposal.yaml``)."""

    type: Literal["proposal"] = "proposal"
    proposer: Name
    # The commit the proposal was made against; the article there, without its notes
    # block, is the base of the diff (kept in git, not copied here).
    base_commit: Sha
    # 1 for every new proposal. A correction migrated from the single-file layout starts
    # at the revision it had reached, since earlier texts were not kept there.
    revision: Revision = 1
    # Corrections proposed together (the same change to several articles) share a group:
    # the id of the group's first correction. They are published together, in one commit.
    group: CorrectionId | None = None


@frozen(kw_only=True)
class RevisionEvent(_Content):
    """The proposer's later version of the change (``revision-N.yaml``)."""

    type: Literal["revision"] = "revision"
    revision: Annotated[int, Strict(), Field(ge=2)]
    by: Name


@frozen(kw_only=True)
class ReviewEvent(_Event):
    """A reviewer's verdict on one exact change (``review-….yaml``)."""

    type: Literal["review"] = "review"
    reviewer: Name
    verdict: Verdict
    comment: Annotated[str, Field(max_length=10_000)] = ""
    revision: Revision
    diff_hash: Digest  # the exact change this verdict was about


@frozen(kw_only=True)
class WithdrawalEvent(_Event):
    """The proposer took the proposal back (``withdrawn.yaml``)."""

    type: Literal["withdrawal"] = "withdrawal"
    by: Name
    revision: Revision


@frozen(kw_only=True)
class PublicationEvent(_Event):
    """The change went out, with its note, in the publish commit (``published.yaml``)."""

    type: Literal["publication"] = "publication"
    publisher: Name
    kind: Kind  # as published: the publish commit's history check reads it from here
    revision: Revision
    diff_hash: Digest  # the approved change that was published
    approvers: Annotated[tuple[Name, ...], Field(min_length=1)]
    # The commit the publish commit was made on top of. The publish commit itself holds
    # this event, so its own id cannot be written inside it; it is the child of
    # ``parent`` whose Correction-Id trailer names this correction.
    parent: Sha
    merged: StrictBool = False  # the article had moved on and the change was merged three ways
    note_date: Day | None = None  # the date the public note carries (None: no note)


Event = ProposalEvent | RevisionEvent | ReviewEvent | WithdrawalEvent | PublicationEvent
EVENT_TYPES: tuple[type[_Event], ...] = (
    ProposalEvent,
    RevisionEvent,
    ReviewEvent,
    WithdrawalEvent,
    PublicationEvent,
)
_BY_TYPE: dict[str, type[Any]] = {
    "proposal": ProposalEvent,
    "revision": RevisionEvent,
    "review": ReviewEvent,
    "withdrawal": WithdrawalEvent,
    "publication": PublicationEvent,
}
# Any event, told apart by its ``type``.
ANY_EVENT = Annotated[Event, Field(discriminator="type")]


def events_json_schema() -> dict[str, Any]:
    """One JSON Schema for every event type (a union keyed by ``type``)."""
    schema: dict[str, Any] = adapter(ANY_EVENT).json_schema()
    return schema


# ---------------------------------------------------------------------- paths


def correction_dir(slug: str, correction_id: str) -> str:
    return f"corrections/{slug}/{correction_id}"


def event_file_name(event: Event) -> str:
    """The file an event lives in, inside its correction's folder."""
    if isinstance(event, ProposalEvent):
        return PROPOSAL_FILE
    if isinstance(event, RevisionEvent):
        return f"revision-{event.revision}.yaml"
    if isinstance(event, ReviewEvent):
        # Time, who, and a random tag: two verdicts never share a file, even from one
        # person in one second on two machines.
        stamp = f"{event.at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
        return f"review-{stamp}-{_name_slug(event.reviewer)}-{os.urandom(3).hex()}.yaml"
    if isinstance(event, WithdrawalEvent):
        return WITHDRAWN_FILE
    return PUBLISHED_FILE


def event_path(event: Event) -> str:
    return f"{correction_dir(event.article, event.id)}/{event_file_name(event)}"


def _name_slug(name: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_only.lower())
    return "-".join(words)[:40].strip("-") or "someone"


def is_event_file_name(name: str) -> bool:
    return (
        name in (PROPOSAL_FILE, WITHDRAWN_FILE, PUBLISHED_FILE)
        or bool(_REVISION_FILE.fullmatch(name))
        or bool(_REVIEW_FILE.fullmatch(name))
    )


# ---------------------------------------------------------------------- reading and writing


def parse_event(data: bytes, path: str, *, location: str | None = None) -> Event:
    """Read one event file strictly; every error names the file and, where known, the line.

    The event must sit where it says it belongs: its folder names its article and id, and
    its file name fits its type. ``location`` is its path in the store when ``path`` (the
    name errors use) is not, e.g. a file named on the command line from elsewhere.
    """
    from corrections.domain import yamlsafe  # the YAML parser loads with the first file

    text, fields = yamlsafe.load_mapping(data, path, "an event")
    if "type" not in fields:
        raise BadInput.at(path, 1, "type: missing (proposal, revision, review, ...)")
    try:
        event: Event = check_as(ANY_EVENT, fields)
    except Invalid as error:
        raise _validation_error(error, text, path) from None
    _check_location(event, location or path, path)
    return event


def read_checked_event(data: bytes, path: str) -> Event:
    """An event file that ``parse_event`` already accepted at this path (its folder's tree
    is unchanged since), read back without checking it again, so without pydantic. Anything
    unexpected raises, and the caller parses the file strictly instead."""
    from corrections.domain import yamlsafe  # the YAML parser loads with the first file

    _, fields = yamlsafe.load_mapping(data, path, "an event")
    return checked_event_from(fields)


def checked_event_from(fields: dict[str, Any]) -> Event:
    """An event from data it was checked as before: the fields of its file, or what
    ``to_data`` made of it."""
    event: Event = from_data(_BY_TYPE[fields["type"]], fields)
    return event


def _validation_error(error: Invalid, text: str, path: str) -> BadInput:
    from corrections.domain import yamlsafe  # the YAML parser loads with the first file

    # The discriminated union puts the type name first in the location: drop it.
    loc = [str(p) for p in error.loc]
    if loc and loc[0] in {"proposal", "revision", "review", "withdrawal", "publication"}:
        loc = loc[1:]
    where = ".".join(loc) or "event"
    line = yamlsafe.line_of_key(text, loc[0]) if loc else 1
    message = error.message
    if error.kind == "extra_forbidden":
        message = "unknown field"
    elif error.kind == "union_tag_invalid":
        where, message, line = "type", "unknown event type", yamlsafe.line_of_key(text, "type")
    return BadInput.at(path, line, f"{where}: {message}")


def _check_location(event: Event, location: str, path: str) -> None:
    parts = split_event_path(location)
    if parts is None:
        return  # a file checked on its own, outside any store folder: only its content
    slug, correction_id, name = parts
    if (slug, correction_id) != (event.article, event.id):
        raise BadInput.at(
            path,
            1,
            f"the event says it belongs to {correction_dir(event.article, event.id)},"
            f" not {correction_dir(slug, correction_id)}",
        )
    expected = event_file_name(event)
    fits = (
        bool(_REVIEW_FILE.fullmatch(name)) if isinstance(event, ReviewEvent) else name == expected
    )
    if not fits:
        raise BadInput.at(path, 1, f"a {event.type} event cannot be stored as {name}")


def event_to_bytes(event: Event) -> bytes:
    data = to_data(event, exclude_none=True)
    ordered = {"schema_version": data.pop("schema_version"), "type": data.pop("type"), **data}
    # ruamel.yaml loads only when something is written, not at every command's start.
    from corrections.domain.yamlwrite import dump_record

    return dump_record(ordered).encode("utf-8")
