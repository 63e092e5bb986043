"""Hooks that failed after a step: ``.git/corrections/hooks-failed.jsonl``.

One JSON object a line, appended when a command, webhook or notification fails; the step
itself stands. ``corrections status`` lists them and ``corrections status --clear-hooks``
empties the file. It lives in the git directory: it is this machine's, never committed.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict
from pathlib import Path

from corrections.domain.frozen import frozen
from corrections.store.files import atomic_write
from corrections.store.git_store import GitStore

HOOKS_FAILED_FILE = "corrections/hooks-failed.jsonl"
# Lines kept: a hook failing for months must not grow the file without bound.
KEEP = 1_000


@frozen
class HookFailure:
    at: str  # ISO 8601, UTC
    event: str  # proposed, reviewed, …
    id: str  # the correction
    commit: str
    hook: str  # "command", "webhook https://host/…", "notify slack://…" (never a secret)
    error: str


def hooks_failed_file(store: GitStore) -> Path:
    return store.repository.common_dir / HOOKS_FAILED_FILE


def record_failures(store: GitStore, failures: list[HookFailure]) -> None:
    """Append ``failures``; bookkeeping never turns a step into a failure."""
    if not failures:
        return
    path = hooks_failed_file(store)
    lines = [json.dumps(asdict(f), ensure_ascii=False) for f in failures]
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
        _trim(path)


def _trim(path: Path) -> None:
    if path.stat().st_size < KEEP * 200:
        return
    kept = path.read_bytes().splitlines(keepends=True)[-KEEP:]
    atomic_write(path, b"".join(kept), durable=False)


def hook_failures(store: GitStore) -> list[HookFailure]:
    """The failures recorded, oldest first; unreadable lines are skipped."""
    try:
        text = hooks_failed_file(store).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: list[HookFailure] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            found.append(HookFailure(**{k: str(data[k]) for k in HookFailure.__dataclass_fields__}))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def clear_failures(store: GitStore) -> int:
    """Forget the recorded failures; returns how many there were."""
    count = len(hook_failures(store))
    with contextlib.suppress(FileNotFoundError):
        hooks_failed_file(store).unlink()
    return count
