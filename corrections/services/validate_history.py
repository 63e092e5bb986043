"""The history half of ``validate``: the commits of ``main`` read in bulk, judged by the
rules of ``corrections.domain.history_rules``, and what was judged kept in validate's cache
so a later run reads only the new commits."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from corrections.domain.errors import StoreError
from corrections.domain.events import PUBLISHED_FILE
from corrections.domain.frozen import frozen
from corrections.domain.history_rules import (
    US,
    CommitChanges,
    HistoryState,
    Publication,
    legacy_path,
    publication,
)
from corrections.domain.provenance import AddedBy
from corrections.domain.validation import Finding
from corrections.store import bulk
from corrections.store.git_store import GitStore
from corrections.store.history import commits_with_changes
from corrections.store.objects import read_objects


@frozen
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
        commit, author, flags = kept.split(US)
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
    state = HistoryState(
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
            (legacy_path(path) and path.rsplit("/", 1)[1][:-5] in c.correction_ids)
            or path.endswith(f"/{PUBLISHED_FILE}")
        )
    ]
    known: dict[str, Any] = cache.setdefault("at_commits", {})
    missing = [n for n in names if n not in known]
    for name, data in read_objects(store.git_dir, missing, missing_ok=True):
        found = publication(name.split(":", 1)[1], data) if data is not None else None
        known[name] = asdict(found) if found is not None else None
    return {
        name: Publication(**{**known[name], "approvers": tuple(known[name]["approvers"])})
        for name in names
        if known[name] is not None
    }
