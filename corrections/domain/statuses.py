"""Where a correction stands and what a reviewer decided: plain enums, light to import.

Kept apart from ``corrections.domain.records`` (which builds pydantic models) so that a
listing answered from the records cache needs no pydantic at all.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    proposed = "proposed"
    changes_requested = "changes_requested"
    approved = "approved"
    published = "published"
    rejected = "rejected"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        """How people write it: "changes requested"."""
        return self.value.replace("_", " ")


OPEN_STATUSES = frozenset({Status.proposed, Status.changes_requested, Status.approved})
FINAL_STATUSES = frozenset({Status.published, Status.rejected, Status.withdrawn})


class Verdict(StrEnum):
    approve = "approve"
    request_changes = "request_changes"
    reject = "reject"

    @property
    def label(self) -> str:
        """How people write it: "request changes"."""
        return self.value.replace("_", " ")
