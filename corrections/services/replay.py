"""Replaying local steps onto the remote's newer tip, through the same planners.

Never a blind ``git rebase`` of article text. Each local commit that is not on the remote
is rebuilt on the new base by what it was:

- a publication is planned again from scratch (the article is re-read, merged three ways if
  it moved, the notes block rendered anew); if the correction was published meanwhile, or
  the merge conflicts, the local publication is dropped and the reason reported;
- any other step (an event added, articles added) carries its files over: a file the
  base already holds with the same bytes was applied already (never twice); a file nobody
  else touched is taken; new events are folded with what the base holds, so an approval of
  a correction withdrawn meanwhile is dropped, never pushed;
- anything else (a local commit touching what the remote changed too) is dropped with the
  reason, and stays reachable in git's reflog.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from corrections.domain.errors import Conflict, CorrectionsError
from corrections.domain.events import (
    PUBLISHED_FILE,
    PublicationEvent,
    parse_event,
    split_event_path,
)
from corrections.domain.fold import fold
from corrections.services.config import load_config, signing_required
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.history import CommitChanges, commit_meta, commits_with_changes
from corrections.store.records import event_files, read_events


@dataclass
class Replayed:
    head: str  # the new chain's tip (the base itself when nothing was replayed)
    carried: dict[str, str] = field(default_factory=dict)  # old commit → its replay
    dropped: list[str] = field(default_factory=list)  # one line per step not replayed
    conflicts: list[str] = field(default_factory=list)  # publications that conflicted


def replay(store: GitStore, base: str | None, local: str) -> Replayed:
    """Rebuild every commit of ``local`` that ``base`` lacks on top of ``base``."""
    steps = commits_with_changes(store, local, base) if base else []
    done = Replayed(base or local)
    if base is None:
        return done
    for step in steps:
        if len(step.parents) != 1:
            continue  # a merge brings nothing of its own; its parents' commits are replayed
        try:
            new = _replay_step(store, done.head, step)
        except Conflict as error:
            done.conflicts.append(f"{step.commit[:12]}: {error}")
            continue
        except CorrectionsError as error:
            done.dropped.append(f"{step.commit[:12]} ({_subject(store, step)}): {error}")
            continue
        if new is not None:
            done.head = new
            done.carried[step.commit] = new
    return done


def _replay_step(store: GitStore, base: str, step: CommitChanges) -> str | None:
    when, message = commit_meta(store, step.commit)
    author = Identity(step.author, step.email)
    publication = _publication(store, step)
    if publication is not None:
        from corrections.services.publishing import plan_publish  # publish plans steps too

        planned, _ = plan_publish(
            store, Snapshot(store, base), publication.id, author, publication.at
        )
        return store.commit_on(base, replace(planned, sign=signing_required(store, base)), when)
    files: dict[str, bytes | None] = {}
    for status, path in step.changes:
        mine = None if status == "D" else store.read_file(step.commit, path)
        there = store.read_file(base, path)
        if there == mine:
            continue  # the remote holds this already: never applied twice
        if there != store.read_file(step.parents[0], path):
            raise CorrectionsError(f"{path} was changed on the remote too")
        files[path] = mine
    if not files:
        return None
    _check_events(store, base, files)
    planned = PlannedCommit(
        files,
        message.split("\n", 1)[0],
        author,
        raw_message=message,
        sign=signing_required(store, base),
    )
    return store.commit_on(base, planned, when)


def _check_events(store: GitStore, base: str, files: dict[str, bytes | None]) -> None:
    """New events must fold legally with what the base holds of their corrections."""
    policy = load_config(store, base).policy
    folders = {path.rsplit("/", 1)[0] for path in files if split_event_path(path)}
    for folder in sorted(folders):
        slug = folder.split("/")[1]
        existing = event_files(store, base, slug).get(folder, {})
        events, problems = read_events(store, existing)
        before = fold(folder, events, policy)
        for path, data in files.items():
            if path.startswith(f"{folder}/") and data is not None:
                events[path] = parse_event(data, path)
        after = fold(folder, events, policy)
        new = [p for p in after.problems if p not in before.problems]
        if new or problems:
            raise CorrectionsError(new[0].message if new else problems[0].message)


def _publication(store: GitStore, step: CommitChanges) -> PublicationEvent | None:
    for status, path in step.changes:
        if status == "A" and path.endswith(f"/{PUBLISHED_FILE}"):
            data = store.read_file(step.commit, path)
            if data is not None:
                event = parse_event(data, path)
                if isinstance(event, PublicationEvent):
                    return event
    return None


def _subject(store: GitStore, step: CommitChanges) -> str:
    return commit_meta(store, step.commit)[1].split("\n", 1)[0]
