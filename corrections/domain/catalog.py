"""What the store knows about articles as a whole: summaries for lists, versions for history."""

from __future__ import annotations

import datetime as dt
import re

from corrections.domain.frozen import frozen

CONFIG_FILE = "corrections.toml"  # what makes a git repository a store
ARTICLES_DIR = "articles"
RECORDS_DIR = "corrections"
ARTICLE_SUFFIX = ".md"


# Where a correction's events live: corrections/<slug>/<id>/<file>.
EVENT_PATH = re.compile(r"^corrections/([^/]+)/([^/]+)/([^/]+)$")


def split_event_path(path: str) -> tuple[str, str, str] | None:
    """``corrections/<slug>/<id>/<file>`` → (slug, id, file), or None for another path."""
    match = EVENT_PATH.match(path)
    return (match.group(1), match.group(2), match.group(3)) if match else None


def article_path(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}{ARTICLE_SUFFIX}"


def slug_of_path(path: str) -> str | None:
    """The slug of ``articles/<slug>.md``, or None for anything else under articles/."""
    prefix = ARTICLES_DIR + "/"
    if path.startswith(prefix) and path.endswith(ARTICLE_SUFFIX) and "/" not in path[len(prefix) :]:
        return path[len(prefix) : -len(ARTICLE_SUFFIX)]
    return None


@frozen(slots=True)  # made by the thousand
class ArticleSummary:
    """An article as the catalogue lists it: slug, headline and what is known of it."""

    slug: str
    headline: str
    section: str | None
    published: str | None
    versions: int
    updated: dt.datetime | None
    blob: str
    problem: str | None = None  # why the file could not be read, if it could not


@frozen
class Version:
    """One published version of an article: its number, the commit and when."""

    number: int
    commit: str
    date: dt.datetime
    author: str
    email: str
    message: str
