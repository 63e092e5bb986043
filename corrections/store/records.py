"""Reading corrections from their event folders, ``corrections/<slug>/<id>/``, in bulk.

One ``ls-tree`` lists every event file and one ``cat-file --batch`` reads them; each
folder is then folded into the correction it describes (``corrections.domain.fold``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from corrections.domain.catalog import RECORDS_DIR, split_event_path
from corrections.domain.config import Policy
from corrections.domain.errors import BadInput, NotFound
from corrections.domain.events import Event, checked_event_from, parse_event, read_checked_event
from corrections.domain.fold import fold
from corrections.domain.frozen import frozen
from corrections.domain.records import CorrectionRecord, validate_id
from corrections.domain.strict import to_data
from corrections.domain.validation import Finding
from corrections.store import bulk, checked_folders, event_cache, record_rows
from corrections.store.git_store import GitStore
from corrections.store.objects import missing_object, read_objects
from corrections.store.record_rows import RecordProblem as RecordProblem


def event_files(
    store: GitStore, commit: str, article: str | None = None
) -> dict[str, dict[str, str]]:
    """Every correction folder at ``commit`` → its event files (path → blob id)."""
    directory = RECORDS_DIR if article is None else f"{RECORDS_DIR}/{article}"
    folders: dict[str, dict[str, str]] = {}
    for path, oid in bulk.ls_tree(store.git_dir, commit, directory).items():
        parts = split_event_path(path)
        if parts is not None:
            folders.setdefault(path.rsplit("/", 1)[0], {})[path] = oid
    return folders


def legacy_files(store: GitStore, commit: str) -> list[str]:
    """Records left in the single-file layout (``corrections/<slug>/<id>.yaml``)."""
    return [
        path
        for path in bulk.ls_tree(store.git_dir, commit, RECORDS_DIR)
        if path.count("/") == 2 and path.endswith(".yaml")
    ]


def read_events(
    store: GitStore, files: Mapping[str, str], *, checked: bool = False, keep: bool = False
) -> tuple[dict[str, Event], list[RecordProblem]]:
    """Parse event files (path → blob id) read through one ``cat-file --batch``.

    ``checked``: these very files were parsed strictly before (see ``load_correction``),
    so they are read back without pydantic; one that does not read back is parsed
    strictly after all. ``keep``: the events are also kept as JSON by blob id
    (``store.event_cache``), and checked ones kept before are read from there, without
    the YAML parser."""
    names: dict[str, list[str]] = {}
    for path, oid in files.items():
        names.setdefault(oid, []).append(path)
    events: dict[str, Event] = {}
    if checked and keep:
        for oid in list(names):
            kept = _kept_event(store, oid)
            if kept is not None:
                events.update(dict.fromkeys(names.pop(oid), kept))
    problems: list[RecordProblem] = []
    read: dict[str, Any] = {}
    for oid, data in _blobs(store, names):
        for path in names[oid]:
            event = _read_checked(data, path) if checked else None
            if event is None:
                try:
                    event = parse_event(data, path)
                except BadInput as error:
                    problems.append(RecordProblem(path, str(error)))
                    continue
            events[path] = event
            read[oid] = event
    if keep and not problems:
        event_cache.save(store, {oid: to_data(event) for oid, event in read.items()})
    return events, problems


def _kept_event(store: GitStore, oid: str) -> Event | None:
    data = event_cache.load(store, oid)
    if data is None:
        return None
    try:
        return checked_event_from(data)
    except Exception:  # any surprise: the file is read again
        return None


FEW_FILES = 32  # read through the store's open reader; more: through a batch of their own


def _blobs(store: GitStore, oids: Mapping[str, object]) -> Iterable[tuple[str, bytes]]:
    if len(oids) > FEW_FILES:
        return read_objects(store.git_dir, oids)
    found = []
    for oid in oids:
        data = store.read_object(oid)
        if data is None:  # as read_objects does: a missing object is named
            raise missing_object(store.git_dir, oid)
        found.append((oid, data))
    return found


def _read_checked(data: bytes, path: str) -> Event | None:
    try:
        return read_checked_event(data, path)
    except Exception:  # any surprise: the file is checked strictly instead
        return None


def fold_folders(
    folders: Mapping[str, Mapping[str, str]], events: Mapping[str, Event], policy: Policy
) -> tuple[list[CorrectionRecord], list[RecordProblem]]:
    records: list[CorrectionRecord] = []
    problems: list[RecordProblem] = []
    for folder, files in folders.items():
        folded = fold(folder, {p: events[p] for p in files if p in events}, policy)
        problems += [RecordProblem(f.path, f.message) for f in folded.problems]
        if folded.record is not None:
            records.append(folded.record)
    records.sort(key=lambda r: r.id)
    return records, problems


def load_records(
    store: GitStore, policy: Policy, commit: str | None = None, article: str | None = None
) -> tuple[list[CorrectionRecord], list[RecordProblem]]:
    """Every correction at ``commit`` (default: main), and what could not be read."""
    head = commit or store.head()
    if head is None:
        return [], []
    folders = event_files(store, head, article)
    events, problems = read_events(store, {p: o for f in folders.values() for p, o in f.items()})
    records, fold_problems = fold_folders(folders, events, policy)
    legacy = [] if article is not None else legacy_files(store, head)
    problems += [
        RecordProblem(
            path, f"{path}: a record in the old single-file layout: run 'corrections migrate'"
        )
        for path in legacy
    ]
    return records, problems + fold_problems


def find_correction(store: GitStore, commit: str, record_id: str) -> str:
    """The folder of a correction given its id, or a unique prefix of it."""
    if len(record_id) < 6 or not all(c.isalnum() or c == "-" for c in record_id):
        raise BadInput(f"invalid correction id {record_id!r}")
    folders = record_rows.read_layout(store, commit).files
    matches = sorted(f for f in folders if f.rsplit("/", 1)[1].startswith(record_id))
    if not matches:
        if any(p.endswith(f"/{record_id}.yaml") for p in legacy_files(store, commit)):
            raise BadInput(
                f"correction {record_id} is in the old single-file layout: run "
                "'corrections migrate' first"
            )
        raise NotFound(f"no correction {record_id!r} in {store.root}")
    if len(matches) > 1:
        raise BadInput(f"correction id {record_id!r} is ambiguous: give more of it")
    validate_id(matches[0].rsplit("/", 1)[1])
    return matches[0]


@frozen
class LoadedCorrection:
    """A correction read from ``main``: its folder, its events and its record."""

    folder: str
    events: dict[str, Event]
    record: CorrectionRecord
    problems: tuple[Finding, ...]  # what the fold found illegal, if anything


def load_correction(store: GitStore, commit: str, folder: str, policy: Policy) -> LoadedCorrection:
    """One correction's events and what they fold to; an unreadable event is an error.

    A folder checked whole before, with the same tree id (``store.checked_folders``), is
    read back without checking its files again."""
    layout = record_rows.read_layout(store, commit)  # as find_correction read it: no git
    files = layout.files.get(folder, {})
    tree = layout.folder_trees.get(folder)
    checked = tree is not None and tree in checked_folders.checked(store)
    events, problems = read_events(store, files, checked=checked, keep=True)
    if not problems and not checked and tree is not None:
        checked_folders.add(store, [tree])
    if problems:
        raise BadInput(problems[0].message)
    folded = fold(folder, events, policy)
    if folded.record is None:
        raise BadInput(folded.problems[0].message)
    return LoadedCorrection(folder, events, folded.record, folded.problems)
