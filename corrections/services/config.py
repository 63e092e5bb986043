"""The store's ``corrections.toml``, read from a commit.

Checking a configuration takes pydantic, which costs a command more to load than all its
other work; so a configuration once checked is kept, by the hash of its text and the
tool's version, in the store's cache (``.git/corrections/config-v1.json``) and read back
as it is: a command that finds its configuration there never loads the validator.
"""

from __future__ import annotations

import hashlib

from corrections import __version__
from corrections.domain.article import decode
from corrections.domain.config import CONFIG_FILE, StoreConfig, parse_config
from corrections.domain.errors import NotFound
from corrections.domain.strict import from_data, to_data
from corrections.store import caches
from corrections.store.git_store import GitStore

CACHE_NAME = "config-v1"
CACHE_KEEPS = 8  # configurations: history checks read the ones of older commits too
_checked: dict[str, StoreConfig] = {}  # by key, for this process


def load_config(store: GitStore, commit: str | None = None) -> StoreConfig:
    head = commit or store.head()
    data = store.read_file(head, CONFIG_FILE) if head else None
    if data is None:
        raise NotFound(f"{store.root}: {CONFIG_FILE} is missing on main")
    text = decode(data, CONFIG_FILE)
    key = hashlib.sha256(f"{__version__}\0{text}".encode()).hexdigest()
    found = _checked.get(key) or _cached(store, key)
    if found is None:
        found = parse_config(text, CONFIG_FILE)  # a bad one raises, and is never cached
        caches.remember(store, CACHE_NAME, key, to_data(found), CACHE_KEEPS)
    _checked[key] = found
    return found


def _cached(store: GitStore, key: str) -> StoreConfig | None:
    data = caches.entry(store, CACHE_NAME, key)
    if not isinstance(data, dict):
        return None
    try:
        return from_data(StoreConfig, data)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None  # damaged: checked again and written anew


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
