"""The rules of ``main``'s history, judged commit by commit: pure, given each commit's
changes and what its publish commits wrote.

Every commit that changed an article is its first add or the publish commit of a
correction that names it; event files are only ever added, never edited or deleted.
A publish commit is judged by what that commit wrote (its publication event, or in stores
from before events, its record), so a file broken or edited later cannot hide (or excuse)
what happened then. Reading the commits and caching what was judged is
``corrections.services.validate_history``'s work.
"""

from __future__ import annotations

from dataclasses import dataclass

from corrections.domain.catalog import slug_of_path, split_event_path
from corrections.domain.errors import CorrectionsError
from corrections.domain.events import MIGRATE_STEP, PublicationEvent, parse_event
from corrections.domain.frozen import frozen
from corrections.domain.records import Status, legacy_record_path, parse_legacy_record
from corrections.domain.validation import Finding

# Joins the fields of an event's "added by" entry (kept as one string in the JSON cache).
US = "\x1f"


@frozen
class CommitChanges:
    """One commit as the history rules see it: who, its trailers, and what it changed."""

    commit: str
    parents: tuple[str, ...]
    author: str
    email: str
    correction_ids: tuple[str, ...]
    correction_kinds: tuple[str, ...]
    approved_by: tuple[str, ...]
    steps: tuple[str, ...]  # Correction-Step trailers: propose, approve, migrate, ...
    changes: tuple[tuple[str, str], ...]  # (status letter, path)


@frozen
class Publication:
    """What one commit said it published: enough to judge that commit."""

    id: str
    article: str
    kind: str
    parent: str
    approvers: tuple[str, ...]


def legacy_path(path: str) -> bool:
    return path.startswith("corrections/") and path.count("/") == 2 and path.endswith(".yaml")


def publication(path: str, data: bytes) -> Publication | None:
    """The publication a file written by a commit describes, if it is one."""
    try:
        if legacy_path(path):
            record = parse_legacy_record(data, path)
            if record.status is not Status.published or record.published is None:
                return None
            return Publication(
                record.id,
                record.article,
                record.kind.value,
                record.published.parent,
                tuple(record.approvers()),
            )
        event = parse_event(data, path)
    except CorrectionsError:
        return None
    if not isinstance(event, PublicationEvent):
        return None
    return Publication(event.id, event.article, event.kind.value, event.parent, event.approvers)


@dataclass
class HistoryState:
    seen: set[str]
    publish_commits: dict[str, str]  # correction id → the commit that published it
    written: dict[str, Publication]  # "commit:path" → the publication that commit wrote
    # Event file → the commit that added it last, as "commit<US>author<US>flags" (one
    # string: this is kept in the JSON cache, which a warm run reads whole); flags hold
    # "i" when its Correction-Id trailers name the event's correction, "m" when migrated.
    added: dict[str, str]

    def check(self, commit: CommitChanges) -> list[Finding]:
        self._note_added_events(commit)
        findings = []
        parent = commit.parents[0] if commit.parents else None
        publishes = [
            found
            for status, path in commit.changes
            if (found := self.written.get(f"{commit.commit}:{path}")) is not None
            and found.parent == parent
            and found.id in commit.correction_ids
        ]
        who = f"{commit.author} <{commit.email}>"
        added = {path for status, path in commit.changes if status == "A"}
        for status, path in commit.changes:
            slug = slug_of_path(path)
            if slug is not None:
                findings += self._article_change(commit, status, path, slug, publishes, who)
            elif legacy_path(path):
                findings += self._legacy_change(commit, status, path, publishes, who, added)
            elif split_event_path(path) is not None and status != "A":
                verb = "deleted" if status == "D" else "changed"
                findings.append(
                    Finding(
                        path,
                        None,
                        "event-changed",
                        f"commit {commit.commit[:12]} by {who} {verb} {path}: correction "
                        "events are only ever added",
                        commit.commit,
                    )
                )
        for found in publishes:
            self.publish_commits.setdefault(found.id, commit.commit)
        return findings

    def _note_added_events(self, commit: CommitChanges) -> None:
        deleted = {path for status, path in commit.changes if status == "D"}
        for status, path in commit.changes:
            parts = split_event_path(path) if status == "A" else None
            if parts is None:
                continue
            # A migration turns a single-file record into events in the commit that
            # removes the record: those events carry steps proven in the old layout.
            migrated = (
                MIGRATE_STEP in commit.steps and legacy_record_path(parts[0], parts[1]) in deleted
            )
            # Only whether the commit names this event's correction matters (and a commit
            # may name many, so keeping them all would bloat the cache).
            flags = ("i" if parts[1] in commit.correction_ids else "") + ("m" if migrated else "")
            self.added[path] = f"{commit.commit}{US}{commit.author}{US}{flags}"

    def _article_change(
        self,
        commit: CommitChanges,
        status: str,
        path: str,
        slug: str,
        publishes: list[Publication],
        who: str,
    ) -> list[Finding]:
        if status == "A" and path not in self.seen:
            self.seen.add(path)
            return []
        if status == "D":
            self.seen.discard(path)
            return [
                Finding(
                    path,
                    None,
                    "article-removed",
                    f"commit {commit.commit[:12]} by {who} removed {path} without a "
                    "correction record",
                    commit.commit,
                )
            ]
        mine = [p for p in publishes if p.article == slug]
        if not mine:
            return [
                Finding(
                    path,
                    None,
                    "stealth-edit",
                    f"commit {commit.commit[:12]} by {who} changed {path} without a "
                    "published correction (no record and note)",
                    commit.commit,
                )
            ]
        findings = []
        for found in mine:
            if found.kind not in commit.correction_kinds:
                findings.append(
                    Finding(
                        path,
                        None,
                        "trailer-mismatch",
                        f"commit {commit.commit[:12]}: Correction-Kind trailer "
                        f"does not say {found.kind}",
                        commit.commit,
                    )
                )
            # A group's commit names every approver of its corrections; each correction's
            # own approvers must be among them. A single correction's must be exactly them.
            approved = set(commit.approved_by)
            if (
                not set(found.approvers) <= approved
                if len(publishes) > 1
                else sorted(commit.approved_by) != sorted(found.approvers)
            ):
                findings.append(
                    Finding(
                        path,
                        None,
                        "trailer-mismatch",
                        f"commit {commit.commit[:12]}: Approved-by trailers "
                        f"{list(commit.approved_by)} differ from the record's "
                        f"approvers {list(found.approvers)}",
                        commit.commit,
                    )
                )
        return findings

    def _legacy_change(
        self,
        commit: CommitChanges,
        status: str,
        path: str,
        publishes: list[Publication],
        who: str,
        added: set[str],
    ) -> list[Finding]:
        """A record of the single-file layout: rewritten until published, then frozen;
        removed only by the migration that turned it into events."""
        record_id = path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if any(p.id == record_id for p in publishes):
            return []
        migrated = status == "D" and (
            MIGRATE_STEP in commit.steps and f"{path[:-5]}/proposal.yaml" in added
        )
        if record_id in self.publish_commits and not migrated:
            verb = "deleted" if status == "D" else "changed"
            return [
                Finding(
                    path,
                    None,
                    "published-record-changed",
                    f"commit {commit.commit[:12]} by {who} {verb} {path} after it was "
                    "published: published records and notes are append-only",
                    commit.commit,
                )
            ]
        return []
