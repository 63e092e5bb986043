"""Correction events built by hand, and a correction's folder of them folded into its
record: for the rules of the domain, tested without a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from corrections.domain.config import Policy
from corrections.domain.events import Event, ProposalEvent, event_path
from corrections.domain.fold import fold
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord, diff_hash
from corrections.domain.strict import check

WHEN = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
BASE = "---\nheadline: H\npublished: 2026-01-01\n---\nThe vote was 7-2.\n"
NEW = BASE.replace("7-2", "6-3")
NOTE = "It is 6-3, not 7-2."
ID = "20260115T120000Z-0a1b2c3d"
FOLDER = f"corrections/council-vote/{ID}"
POLICY = Policy()


def proposal(**changes: object) -> ProposalEvent:
    fields: dict[str, object] = {
        "id": ID,
        "article": "council-vote",
        "at": WHEN,
        "kind": Kind.correction,
        "base_commit": "a" * 40,
        "proposed_text": NEW,
        "diff_hash": diff_hash(BASE, NEW, NOTE),
        "draft_note": NOTE,
        "note": NOTE,
        "proposer": "Maya Editor",
    }
    fields.update(changes)
    return check(ProposalEvent, fields)


class Folder:
    """A correction's events, with the steps of the workflow adding to them."""

    def __init__(self, *events: Event, policy: Policy = POLICY) -> None:
        self.events = {event_path(e): e for e in events}
        self.policy = policy

    @property
    def record(self) -> CorrectionRecord:
        folded = fold(FOLDER, self.events, self.policy)
        assert folded.record is not None
        return folded.record

    def problems(self) -> list[str]:
        return [f.code for f in fold(FOLDER, self.events, self.policy).problems]

    def add(self, make: Callable[[CorrectionRecord], Event]) -> Folder:
        event = make(self.record)
        added = Folder(policy=self.policy)
        added.events = {**self.events, event_path(event): event}
        return added
