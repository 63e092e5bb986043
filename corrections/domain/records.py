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
import hashlib
import re
import secrets
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    field_validator,
)

from corrections.domain import yamlsafe
from corrections.domain.errors import BadInput
from corrections.domain.kinds import Kind
from corrections.domain.people import canonical, name_problem
from corrections.domain.slugs import SLUG_MAX
from corrections.domain.statuses import FINAL_STATUSES as FINAL_STATUSES
from corrections.domain.statuses import OPEN_STATUSES as OPEN_STATUSES
from corrections.domain.statuses import Status as Status
from corrections.domain.statuses import Verdict as Verdict

ID_PATTERN = r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$"
_ID_RE = re.compile(ID_PATTERN)
_SHA_PATTERN = r"^[0-9a-f]{40}$"


Name = Annotated[str, Field(min_length=1, max_length=200)]
Sha = Annotated[str, Field(pattern=_SHA_PATTERN)]
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Review(_Strict):
    reviewer: Name
    verdict: Verdict
    comment: str = Field(default="", max_length=10_000)
    at: dt.datetime
    revision: StrictInt = Field(ge=1)
    diff_hash: Digest  # the exact change this verdict was about

    @field_validator("at", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        return parse_time(value)


class Published(_Strict):
    publisher: Name
    at: dt.datetime
    approvers: tuple[Name, ...] = ()  # as the publication recorded them
    # The commit the publish commit was made on top of. The publish commit itself holds
    # this record, so its own id cannot be written inside it; it is the child of
    # ``parent`` whose Correction-Id trailer names this record.
    parent: Sha
    merged: StrictBool = False  # the article had moved on and the change was merged three ways

    @field_validator("at", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        return parse_time(value)


class CorrectionRecord(_Strict):
    schema_version: Literal[1] = 1
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    article: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=SLUG_MAX)]
    kind: Kind
    status: Status
    summary: str = Field(default="", max_length=2_000)
    revision: StrictInt = Field(default=1, ge=1)
    # The commit the proposal was made against; the article there, without its notes
    # block, is the base of the diff (kept in git, not copied here).
    base_commit: Sha
    proposed_text: str  # the whole article as it should become (front matter and body)
    diff_hash: Digest
    draft_note: str | None = None  # what the tool drafted from the diff
    note: str | None = None  # the note as the editor left it (None: typo, no public note)
    note_date: dt.date | None = None
    proposer: Name
    proposed_at: dt.datetime
    updated_at: dt.datetime
    reviews: tuple[Review, ...] = ()
    published: Published | None = None
    # The id of the first correction of a group proposed (and published) together.
    group: Annotated[str, Field(pattern=ID_PATTERN)] | None = None

    @field_validator("proposed_at", "updated_at", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        return parse_time(value)

    @field_validator("note_date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
        return value

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


def legacy_record_path(slug: str, record_id: str) -> str:
    """Where the single-file layout kept a correction."""
    return f"corrections/{slug}/{record_id}.yaml"


def new_id(now: dt.datetime) -> str:
    """Time plus randomness: ids made in two clones at once never collide."""
    return f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


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
    digest = hashlib.sha256()
    note_part = "\0none" if note is None else f"\0note\0{note}"
    for part in (base_text, proposed_text, note_part):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def parse_legacy_record(data: bytes, name: str) -> CorrectionRecord:
    """Read a single-file-layout record strictly; errors name the file and line."""
    text, fields = yamlsafe.load_mapping(data, name, "a record")
    try:
        return CorrectionRecord.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        line = yamlsafe.line_of_key(text, str(first["loc"][0])) if first["loc"] else 1
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown field"
        raise BadInput.at(name, line, f"{where}: {message}") from None


def legacy_record_to_bytes(record: CorrectionRecord) -> bytes:
    """A record in the single-file layout (for tests and benchmarks of old stores)."""
    data = record.model_dump(mode="json", exclude_none=True)
    # ruamel.yaml loads only when something is written, not at every command's start.
    from corrections.domain.yamlwrite import dump_record

    return dump_record(data).encode("utf-8")
