"""Reading correction records from ``corrections/<slug>/<id>.yaml`` in bulk."""

from __future__ import annotations

from dataclasses import dataclass

from corrections.domain.catalog import RECORDS_DIR
from corrections.domain.errors import BadInput, NotFound
from corrections.domain.records import CorrectionRecord, parse_record, validate_id
from corrections.store import bulk
from corrections.store.git_store import GitStore


@dataclass(frozen=True)
class RecordProblem:
    path: str
    message: str


def record_paths(store: GitStore, commit: str, article: str | None = None) -> dict[str, str]:
    """Every record file at ``commit`` (path → blob id), from one ``ls-tree``."""
    directory = RECORDS_DIR if article is None else f"{RECORDS_DIR}/{article}"
    return {
        path: oid
        for path, oid in bulk.ls_tree(store.git_dir, commit, directory).items()
        if path.endswith(".yaml") and path.count("/") == 2
    }


def load_records(
    store: GitStore, commit: str | None = None, article: str | None = None
) -> tuple[list[CorrectionRecord], list[RecordProblem]]:
    """All records at ``commit`` (default: main), and the files that could not be read."""
    head = commit or store.head()
    if head is None:
        return [], []
    paths = record_paths(store, head, article)
    names = {oid: path for path, oid in paths.items()}
    records: list[CorrectionRecord] = []
    problems: list[RecordProblem] = []
    for oid, data in bulk.read_blobs(store.git_dir, names):
        try:
            record = parse_record(data, names[oid])
        except BadInput as error:
            problems.append(RecordProblem(names[oid], str(error)))
            continue
        if record.path != names[oid]:
            problems.append(
                RecordProblem(names[oid], f"{names[oid]}: the record says it is {record.path}")
            )
            continue
        records.append(record)
    records.sort(key=lambda r: r.id)
    return records, problems


def find_record_path(store: GitStore, commit: str, record_id: str) -> str:
    """The path of a record given its id, or a unique prefix of it."""
    if len(record_id) < 6 or not all(c.isalnum() or c == "-" for c in record_id):
        raise BadInput(f"invalid correction id {record_id!r}")
    matches = [
        path
        for path in record_paths(store, commit)
        if path.rsplit("/", 1)[1].removesuffix(".yaml").startswith(record_id)
    ]
    if not matches:
        raise NotFound(f"no correction {record_id!r} in {store.root}")
    if len(matches) > 1:
        raise BadInput(f"correction id {record_id!r} is ambiguous: give more of it")
    validate_id(matches[0].rsplit("/", 1)[1].removesuffix(".yaml"))
    return matches[0]


def read_record(store: GitStore, commit: str, path: str) -> CorrectionRecord:
    data = store.read_file(commit, path)
    if data is None:
        raise NotFound(f"{path} does not exist at {commit[:12]}")
    return parse_record(data, path)
