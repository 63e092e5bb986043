"""The store's ``corrections.toml``, read from a commit."""

from __future__ import annotations

from corrections.domain.article import decode
from corrections.domain.config import CONFIG_FILE, StoreConfig, parse_config
from corrections.domain.errors import NotFound
from corrections.store.git_store import GitStore


def load_config(store: GitStore, commit: str | None = None) -> StoreConfig:
    head = commit or store.head()
    data = store.read_file(head, CONFIG_FILE) if head else None
    if data is None:
        raise NotFound(f"{store.root}: {CONFIG_FILE} is missing on main")
    return parse_config(decode(data, CONFIG_FILE), CONFIG_FILE)


def signing_required(store: GitStore, commit: str | None) -> bool:
    """Whether steps committed on ``commit`` must be signed (``[policy] require_signed``).

    A commit without ``corrections.toml`` has no policy to require it; a configuration
    that cannot be read is an error (never taken as "no signatures needed")."""
    if commit is None:
        return False
    try:
        return load_config(store, commit).policy.require_signed
    except NotFound:
        return False
