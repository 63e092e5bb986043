"""What every command does first: open the store and name who acts.

Kept apart from ``services.articles`` so that opening a store loads no article, catalog
or input-reading code: every command starts here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from corrections.store.git_store import GitStore, Identity
from corrections.store.setup import find_store, identity_from


def open_store(
    explicit: Path | None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> GitStore:
    return find_store(explicit, os.environ if env is None else env, cwd or Path.cwd())


def identity(
    store: GitStore | None, name: str | None, env: Mapping[str, str] | None = None
) -> Identity:
    return identity_from(store, name, os.environ if env is None else env)


def commit_date(env: Mapping[str, str] | None = None) -> str | None:
    """A pinned commit date, when the caller set one (reproducible demos and tests)."""
    return (os.environ if env is None else env).get("GIT_AUTHOR_DATE") or None
