"""A correction as a whole: what its events fold to (``corrections.domain.fold``).

``CorrectionRecord`` is the view every front end reads: status, current text, note,
reviews, publication. It is computed from the correction's event files and never stored,
except in stores made before events existed, where one file per correction
(``corrections/<slug>/<id>.yaml``, "the single-file layout") held it and was rewritten at
every step. Those files are still read, strictly, by ``corrections migrate`` and by the
history check of ``validate``; nothing writes them any more.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.domain.kinds import Kind
from corrections.domain.people import canonical, name_problem
from corrections.domain.slugs import SLUG_MAX
from corrections.domain.statuses import FINAL_STATUSES as FINAL_STATUSES
from corrections.domain.statuses import OPEN_STATUSES as OPEN_STATUSES
from corrections.domain.statuses import Status as Status
from corrections.domain.statuses import Verdict as Verdict
from corrections.domain.strict import (
    FORBID_EXTRA,
    BeforeValidator,
    Field,
    Invalid,
    Strict,
    check,
    to_data,
)

ID_PATTERN = r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$"
_ID_RE = re.compile(ID_PATTERN)
_SHA_PATTERN = r"^[0-9a-f]{40}$"


def parse_time(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date-time") from None
        if parsed.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone")
        return parsed
    return value


def parse_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return value


Name = Annotated[str, Field(min_length=1, max_length=200)]
Sha = Annotated[str, Field(pattern=_SHA_PATTERN)]
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Time = Annotated[dt.datetime, BeforeValidator(parse_time)]  # ISO 8601 with a time zone
Day = Annotated[dt.date, BeforeValidator(parse_date)]
StrictBool = Annotated[bool, Strict()]
Revision = Annotated[int, Strict(), Field(ge=1)]
CorrectionId = Annotated[str, Field(pattern=ID_PATTERN)]


@frozen(kw_only=True)
class Review:
    """One verdict in a correction's record."""

    __pydantic_config__ = FORBID_EXTRA
    reviewer: Name
    verdict: Verdict
    comment: Annotated[str, Field(max_length=10_000)] = ""
    at: Time
    revision: Revision
    diff_hash: Digest  # the exact change this verdict was about


@frozen(kw_only=True)
class Published:
    """Who published a correction, when, with whose approval, and onto which commit."""

    __pydantic_config__ = FORBID_EXTRA
    publisher: Name
    at: Time
    approvers: tuple[Name, ...] = ()  # as the publication recorded them
    # The commit the publish commit was made on top of. The publish commit itself holds
    # this record, so its own id cannot be written inside it; it is the child of
    # ``parent`` whose Correction-Id trailer names this record.
    parent: Sha
    merged: StrictBool = False  # the article had moved on and the change was merged three ways


@frozen(kw_only=True)
class CorrectionRecord:
    """A correction as its events add up to: the change, its note and where it stands."""

    __pydantic_config__ = FORBID_EXTRA
    schema_version: Literal[1] = 1
    id: CorrectionId
    article: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=SLUG_MAX)]
    kind: Kind
    status: Status
    summary: Annotated[str, Field(max_length=2_000)] = ""
    revision: Revision = 1
    # The commit the proposal was made against; the article there, without its notes
    # block, is the base of the diff (kept in git, not copied here).
    base_commit: Sha
    proposed_text: str  # the whole article as it should become (front matter and body)
    diff_hash: Digest
    draft_note: str | None = None  # what the tool drafted from the diff
    note: str | None = None  # the note as the editor left it (None: typo, no public note)
    note_date: Day | None = None
    proposer: Name
    proposed_at: Time
    updated_at: Time
    reviews: tuple[Review, ...] = ()
    published: Published | None = None
    # The id of the first correction of a group proposed (and published) together.
    group: CorrectionId | None = None

    @property
    def path(self) -> str:
        """The folder of the correction's events."""
        return f"corrections/{self.article}/{self.id}"

    @property
    def published_at(self) -> dt.datetime | None:
        return self.published.at if self.published else None

    def current_reviews(self) -> tuple[Review, ...]:
        """Reviews of the current revision of the current diff: older ones are void."""
        return tuple(
            r for r in self.reviews if r.revision == self.revision and r.diff_hash == self.diff_hash
        )

    def approvers(self) -> list[str]:
        """People whose approval counts: never the proposer, each person once."""
        return approving_people(self.current_reviews(), self.proposer)


def approving_people(reviews: Iterable[Review], proposer: str) -> list[str]:
    """Who approved, among ``reviews`` (of the current change): each person once and never
    the proposer, both judged by the canonical form of their names; a name that is not a
    valid name (a hand-written event) never counts."""
    seen = {canonical(proposer)}
    people: list[str] = []
    for review in reviews:
        key = canonical(review.reviewer)
        if (
            review.verdict is Verdict.approve
            and key not in seen
            and not name_problem(review.reviewer)
        ):
            seen.add(key)
            people.append(review.reviewer)
    return people


def legacy_record_path(slug: str, record_id: str) -> str:
    """Where the single-file layout kept a correction."""
    return f"corrections/{slug}/{record_id}.yaml"


def new_id(now: dt.datetime) -> str:
    """Time plus randomness: ids made in two clones at once never collide."""
    return f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{os.urandom(4).hex()}"


def validate_id(record_id: str) -> str:
    if not _ID_RE.fullmatch(record_id):
        raise BadInput(
            f"invalid correction id {record_id!r}: expected e.g. 20260115T120000Z-1a2b3c4d"
        )
    return record_id


def diff_hash(base_text: str, proposed_text: str, note: str | None) -> str:
    """The identity of a proposed change: what it was made against, what it makes, and
    the note readers will see. An approval is bound to this, never to a commit, so a step
    replayed onto a newer commit keeps its approvals while any change to text or note
    voids them."""
    import hashlib  # loads OpenSSL: only a new record's digest needs it

    digest = hashlib.sha256()
    note_part = "\0none" if note is None else f"\0note\0{note}"
    for part in (base_text, proposed_text, note_part):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def parse_legacy_record(data: bytes, name: str) -> CorrectionRecord:
    """Read a single-file-layout record strictly; errors name the file and line."""
    from corrections.domain import yamlsafe  # the YAML parser loads with the first file

    text, fields = yamlsafe.load_mapping(data, name, "a record")
    try:
        return check(CorrectionRecord, fields)
    except Invalid as error:
        where = error.where or "record"
        line = yamlsafe.line_of_key(text, str(error.loc[0])) if error.loc else 1
        message = "unknown field" if error.kind == "extra_forbidden" else error.message
        raise BadInput.at(name, line, f"{where}: {message}") from None


def legacy_record_to_bytes(record: CorrectionRecord) -> bytes:
    """A record in the single-file layout (for tests and benchmarks of old stores)."""
    data = to_data(record, exclude_none=True)
    # ruamel.yaml loads only when something is written, not at every command's start.
    from corrections.domain.yamlwrite import dump_record

    return dump_record(data).encode("utf-8")
