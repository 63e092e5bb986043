"""The kinds of correction and where a note goes."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Kind(StrEnum):
    """What sort of change a correction is.

    A typo is recorded and reviewed like the others but gets no public note, as most
    newsrooms (the Globe and Mail among them) fix typos without one.
    """

    correction = "correction"
    clarification = "clarification"
    update = "update"
    editors_note = "editors_note"
    retraction = "retraction"
    typo = "typo"

    @property
    def label(self) -> str:
        """How people write it: "editors note"."""
        return self.value.replace("_", " ")


# The kinds that carry a public note, in the order a house style lists them.
NOTE_KINDS: tuple[Kind, ...] = (
    Kind.correction,
    Kind.clarification,
    Kind.update,
    Kind.editors_note,
    Kind.retraction,
)


def has_public_note(kind: Kind | str) -> bool:
    """The one rule for notes: a typo fix is recorded and reviewed, but readers get no
    note for it (publishing, validation, the feed and both front ends ask this)."""
    return Kind(kind) is not Kind.typo


Placement = Literal["top", "bottom"]
DatePlacement = Literal["dateline", "inline", "suffix", "none"]
