"""The public corrections log: published corrections with their articles, rendered.

Reads the store through the existing services and hands plain data to the pure renderers
in ``corrections.outputs``. One unreadable record or article never breaks the feed: it is
left out (or shown with what is known) and reported back as a problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from corrections import outputs
from corrections.domain.article import ArticleDocument
from corrections.domain.catalog import ArticleSummary
from corrections.domain.errors import BadInput, CorrectionsError, InvalidSlug
from corrections.domain.frozen import frozen
from corrections.domain.notes import HouseStyle, note_for, render_note
from corrections.domain.public_notes import PublicNote, public_notes
from corrections.domain.records import CorrectionRecord, Status
from corrections.domain.slugs import slugify
from corrections.services.articles import current, list_articles
from corrections.services.config import load_config
from corrections.services.listing import list_corrections
from corrections.services.notes import house_style
from corrections.store.git_store import GitStore

Progress = Callable[[int, int], None]


@frozen
class FeedOutput:
    text: str
    format: outputs.FeedFormat
    entries: int
    problems: tuple[str, ...]  # what was skipped or only partly shown, one line each


def corrections_log(
    store: GitStore,
    base_url: str | None = None,
    limit: int | None = None,
    on_progress: Progress | None = None,
) -> tuple[outputs.CorrectionsLog, list[str]]:
    """The log of published corrections, newest first; and the problems met on the way."""
    checked_url = outputs.base_url(base_url) if base_url is not None else None
    if limit is not None and limit < 1:
        raise BadInput(f"--limit must be at least 1, not {limit}")
    config = load_config(store)
    style = house_style(config)
    records, unreadable = list_corrections(store, status=Status.published)
    problems = [_problem(p.path, p.message) for p in unreadable]
    public = public_notes(records)
    public.reverse()
    if limit is not None:
        public = public[:limit]
    articles = _articles(store, sorted({n.source.article for n in public}), problems, on_progress)
    notes = []
    for entry in public:
        try:
            notes.append(_published_note(entry, style, articles[entry.source.article]))
        except (CorrectionsError, ValueError) as error:
            problems.append(_problem(entry.source.path, str(error)))
    house = config.house.name
    return (
        outputs.build_log(
            house,
            _house_slug(house),
            notes,
            checked_url,
            updated_if_empty=_last_change(store) if not notes else outputs.EPOCH,
        ),
        problems,
    )


def build_feed(
    store: GitStore,
    fmt: str,
    base_url: str | None = None,
    limit: int | None = None,
    on_progress: Progress | None = None,
) -> FeedOutput:
    """The corrections log in ``fmt`` (atom, rss, json or html)."""
    chosen = outputs.feed_format(fmt)
    log, problems = corrections_log(store, base_url, limit, on_progress)
    return FeedOutput(outputs.render(log, chosen), chosen, len(log.entries), tuple(problems))


def _published_note(
    entry: PublicNote[CorrectionRecord], style: HouseStyle, article: outputs.ArticleRef
) -> outputs.PublishedNote:
    record = entry.source
    note = note_for(record.kind.value, entry.text, entry.date, style)
    return outputs.PublishedNote(
        correction_id=record.id,
        kind=record.kind.value,
        note=outputs.unescape_markdown(render_note(note, style)),
        note_date=entry.date,
        date_text=style.format_date(entry.date),
        published=entry.published_at,
        article=article,
    )


def _articles(
    store: GitStore, slugs: list[str], problems: list[str], on_progress: Progress | None
) -> dict[str, outputs.ArticleRef]:
    """What readers know of each corrected article, read once each at the head."""
    found: dict[str, outputs.ArticleRef] = {}
    summaries: dict[str, ArticleSummary] | None = None
    for number, slug in enumerate(slugs, start=1):
        try:
            found[slug] = _article_ref(slug, current(store, slug))
        except CorrectionsError as error:
            problems.append(_problem(f"articles/{slug}.md", str(error)))
            if summaries is None:
                summaries = {s.slug: s for s in list_articles(store)}
            known = summaries.get(slug)
            headline = known.headline if known is not None and not known.problem else slug
            found[slug] = outputs.ArticleRef(slug, headline, None, None)
        if on_progress is not None:
            on_progress(number, len(slugs))
    return found


def _article_ref(slug: str, document: ArticleDocument) -> outputs.ArticleRef:
    meta = document.meta
    when = meta.published
    return outputs.ArticleRef(
        slug=slug,
        headline=meta.headline,
        url=meta.url,
        published=when.date() if isinstance(when, dt.datetime) else when,
        section=meta.section,
    )


def _house_slug(name: str) -> str:
    try:
        return slugify(name)
    except InvalidSlug:
        return "newsroom"


def _last_change(store: GitStore) -> dt.datetime:
    """For a log with no entries: when an article last changed (still not the clock)."""
    dates = [s.updated for s in list_articles(store) if s.updated is not None]
    return max(dates) if dates else outputs.EPOCH


def _problem(path: str, message: str) -> str:
    return message if message.startswith(path) else f"{path}: {message}"
