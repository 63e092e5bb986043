"""The tool's own caches in the git directory, ``.git/corrections/<name>.json``.

Each cache is keyed by what git already names (commits, tree and blob ids), so it is never
wrong for long: a reader checks the keys it needs and rebuilds what does not match. A cache
that cannot be read is treated as missing, and one that cannot be written (a read-only
checkout in CI) costs only speed; either way the command's answer is the same.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from corrections.store.git_store import GitStore


def cache_path(store: GitStore, name: str) -> Path:
    return store.git_dir / "corrections" / f"{name}.json"


def load_json(store: GitStore, name: str) -> Any:
    """The cache's data, or None when there is none or it cannot be read."""
    try:
        return json.loads(cache_path(store, name).read_bytes())
    except (OSError, ValueError):
        return None


def save_json(store: GitStore, name: str, data: Any) -> None:
    """Replace the cache whole and atomically (a reader sees the old one or the new one)."""
    target = cache_path(store, name)
    with contextlib.suppress(OSError):
        target.parent.mkdir(exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
