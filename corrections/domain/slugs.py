"""Names that come from users and end up in paths or git arguments, validated by regex."""

from __future__ import annotations

import re
import unicodedata

from corrections.domain.errors import BadInput, InvalidSlug

SLUG_MAX = 120
_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def validate_slug(slug: str) -> str:
    """Return ``slug`` if it is a valid article slug, else raise InvalidSlug naming it."""
    if len(slug) > SLUG_MAX:
        raise InvalidSlug(f"slug is longer than {SLUG_MAX} characters: {slug[:40]!r}...")
    if not _SLUG_RE.fullmatch(slug):
        raise InvalidSlug(
            f"invalid slug {slug!r}: use lowercase letters, digits and single hyphens"
        )
    return slug


def slugify(text: str) -> str:
    """Derive a slug from a headline or file name: ASCII, lowercase, hyphen-separated."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)[:SLUG_MAX].strip("-")
    if not slug:
        raise InvalidSlug(f"cannot derive a slug from {text[:60]!r}: pass --slug")
    return slug


_REVISION_RE = re.compile(r"^(?!-)[A-Za-z0-9._/~^@{}-]{1,200}$")


def validate_revision(rev: str) -> str:
    """A revision name from a user (``main~3``, a tag, a commit id): never an option."""
    if not _REVISION_RE.fullmatch(rev) or ".." in rev:
        raise BadInput(f"invalid revision {rev!r}")
    return rev
