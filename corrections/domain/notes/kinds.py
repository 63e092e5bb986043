"""The kinds of correction, re-exported where the notes package has always found them."""

from corrections.domain.kinds import NOTE_KINDS, DatePlacement, Kind, Placement

__all__ = ["NOTE_KINDS", "DatePlacement", "Kind", "Placement"]
