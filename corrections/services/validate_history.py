"""The history half of ``validate``: every change to ``main`` is one the rules allow.

Every commit that changed an article is its first add or the publish commit of a
correction that names it; event files are only ever added, never edited or deleted.
A publish commit is judged by what that commit wrote (its publication event, or in stores
from before events, its record), so a file broken or edited later cannot hide (or excuse)
what happened then.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from corrections.domain.catalog import slug_of_path
from corrections.domain.errors import CorrectionsError, StoreError
from corrections.domain.events import (
    MIGRATE_STEP,
    PUBLISHED_FILE,
    PublicationEvent,
    parse_event,
    split_event_path,
)
from corrections.domain.provenance import AddedBy
from corrections.domain.records import Status, legacy_record_path, parse_legacy_record
from corrections.domain.validation import Finding
from corrections.store import bulk
from corrections.store.git_store import GitStore
from corrections.store.history import CommitChanges, commits_with_changes


@dataclass(frozen=True)
class Publication:
    """What one commit said it published: enough to judge that commit."""

    id: str
    article: str
    kind: str
    parent: str
    approvers: tuple[str, ...]


def _legacy_path(path: str) -> bool:
    return path.startswith("corrections/") and path.count("/") == 2 and path.endswith(".yaml")


def _publication(path: str, data: bytes) -> Publication | None:
    """The publication a file written by a commit describes, if it is one."""
    try:
        if _legacy_path(path):
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


_US = "\x1f"


@dataclass(frozen=True)
class History:
    findings: list[Finding]
    commits: int  # commits read
    # Event file → the latest commit that added it, kept as a string (see ``added_by``);
    # complete for the whole history unless ``since`` limited the walk.
    added: dict[str, str]
    complete: bool

    def added_by(self, path: str) -> AddedBy | None:
        """The commit that added the event file ``path`` (None: no commit read did)."""
        kept = self.added.get(path)
        if kept is None:
            return None
        commit, author, flags = kept.split(_US)
        named = (path[: path.rindex("/")].rsplit("/", 1)[1],) if "i" in flags else ()
        return AddedBy(commit, author, named, "m" in flags)


def check_history(store: GitStore, head: str, since: str | None, cache: dict[str, Any]) -> History:
    start = since
    cached = cache.get("history") or {}
    reuse = since is None and cached.get("head") and store.is_ancestor(cached["head"], head)
    if reuse:
        start = cached["head"]
    try:
        commits = commits_with_changes(store, head, start)
    except StoreError as error:
        return History([Finding("main", None, "history-unreadable", str(error))], 0, {}, False)
    existing = set(bulk.ls_tree(store.git_dir, start, "articles")) if start else set()
    state = _HistoryState(
        set(cached.get("seen", [])) if reuse else existing,
        dict(cached.get("publish_commits", {})) if reuse else {},
        _publications(store, commits, cache),
        dict(cached.get("added", {})) if reuse else {},
    )
    findings = [Finding(**f) for f in cached.get("findings", [])] if reuse else []
    for commit in commits:
        findings += state.check(commit)
    if since is None:
        cache["history"] = {
            "head": head,
            "seen": sorted(state.seen),
            "publish_commits": state.publish_commits,
            "findings": [asdict(f) for f in findings],
            "added": state.added,
        }
    return History(findings, len(commits), state.added, since is None)


def _publications(
    store: GitStore, commits: list[CommitChanges], cache: dict[str, Any]
) -> dict[str, Publication]:
    """The publications that commits with a Correction-Id trailer wrote, as of then."""
    names = [
        f"{c.commit}:{path}"
        for c in commits
        if c.correction_ids
        for status, path in c.changes
        if status != "D"
        and (
            (_legacy_path(path) and path.rsplit("/", 1)[1][:-5] in c.correction_ids)
            or path.endswith(f"/{PUBLISHED_FILE}")
        )
    ]
    known: dict[str, Any] = cache.setdefault("at_commits", {})
    missing = [n for n in names if n not in known]
    for name, data in zip(missing, bulk.read_named(store.git_dir, missing), strict=True):
        found = _publication(name.split(":", 1)[1], data) if data is not None else None
        known[name] = asdict(found) if found is not None else None
    return {
        name: Publication(**{**known[name], "approvers": tuple(known[name]["approvers"])})
        for name in names
        if known[name] is not None
    }


@dataclass
class _HistoryState:
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
            elif _legacy_path(path):
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
            self.added[path] = f"{commit.commit}{_US}{commit.author}{_US}{flags}"

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
