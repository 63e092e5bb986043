"""The store's shared remote, by name and address: ``origin``.

Every step asks whether the store has a remote before it commits; the answer takes one
``git config``, and this module, unlike ``store.remote`` (fetching, pushing, cloning),
loads nothing else, so a store that works on one machine never loads the remote code.
"""

from __future__ import annotations

from corrections.store.git_store import GitStore
from corrections.store.gitcmd import run_git

REMOTE = "origin"


def remote_url(store: GitStore) -> str | None:
    """The URL configured for ``origin``, or None: then the store works purely locally."""
    result = run_git(store.git_dir, ["config", "--get", f"remote.{REMOTE}.url"], check=False)
    url = result.stdout.decode("utf-8", "surrogateescape").strip()
    return url if result.returncode == 0 and url else None
