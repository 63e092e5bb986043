"""Correction records: ``corrections/<slug>/<id>.yaml``, one per correction, every status.

The YAML record is the source of truth for a correction. The model is strict (unknown
fields, wrong types and bad ids are errors), so a hand-edited or hostile record fails
loudly, naming its file and line, instead of being half understood.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from enum import StrEnum
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
from corrections.domain.slugs import SLUG_MAX
from corrections.domain.yamlwrite import dump_record

SCHEMA_VERSION = 1
ID_PATTERN = r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$"
_ID_RE = re.compile(ID_PATTERN)
_SHA_PATTERN = r"^[0-9a-f]{40}$"


class Status(StrEnum):
    proposed = "proposed"
    changes_requested = "changes_requested"
    approved = "approved"
    published = "published"
    rejected = "rejected"
    withdrawn = "withdrawn"


OPEN_STATUSES = frozenset({Status.proposed, Status.changes_requested, Status.approved})
FINAL_STATUSES = frozenset({Status.published, Status.rejected, Status.withdrawn})


class Verdict(StrEnum):
    approve = "approve"
    request_changes = "request_changes"
    reject = "reject"


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
        return _parse_time(value)


class Published(_Strict):
    publisher: Name
    at: dt.datetime
    # The commit the publish commit was made on top of. The publish commit itself holds
    # this record, so its own id cannot be written inside it; it is the child of
    # ``parent`` whose Correction-Id trailer names this record.
    parent: Sha
    merged: StrictBool = False  # the article had moved on and the change was merged three ways

    @field_validator("at", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        return _parse_time(value)


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

    @field_validator("proposed_at", "updated_at", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        return _parse_time(value)

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
        return record_path(self.article, self.id)

    def current_reviews(self) -> tuple[Review, ...]:
        """Reviews of the current revision of the current diff: older ones are void."""
        return tuple(
            r for r in self.reviews if r.revision == self.revision and r.diff_hash == self.diff_hash
        )

    def approvers(self) -> list[str]:
        """People whose approval counts: never the proposer, each person once."""
        seen: list[str] = []
        for review in self.current_reviews():
            counts = review.verdict is Verdict.approve and review.reviewer != self.proposer
            if counts and review.reviewer not in seen:
                seen.append(review.reviewer)
        return seen


def _parse_time(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date-time") from None
        if parsed.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone")
        return parsed
    return value


def record_path(slug: str, record_id: str) -> str:
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


def diff_hash(base_text: str, proposed_text: str) -> str:
    """The identity of a proposed change: what it was made against and what it makes."""
    digest = hashlib.sha256()
    for part in (base_text, proposed_text):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def parse_record(data: bytes, name: str) -> CorrectionRecord:
    """Read a record strictly; every error names the file and, where known, the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInput(f"{name}:{line}: not valid UTF-8") from None
    try:
        fields = yamlsafe.load(text)
    except yamlsafe.YamlError as error:
        raise BadInput(f"{name}:{error.line or 1}: {error.reason}") from None
    if not isinstance(fields, dict):
        raise BadInput(f"{name}:1: a record is a mapping of field: value")
    try:
        return CorrectionRecord.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        line = _line_of(text, str(first["loc"][0])) if first["loc"] else 1
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown field"
        raise BadInput(f"{name}:{line}: {where}: {message}") from None


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def record_to_bytes(record: CorrectionRecord) -> bytes:
    data = record.model_dump(mode="json", exclude_none=True)
    return dump_record(data).encode("utf-8")
