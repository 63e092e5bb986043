"""What the tables show, built off the event loop: rows sorted, search keys lowercased once.

Cells are made lazily, only for the rows on screen, so a table of 100,000 articles costs a
sort and one lowercase string per row, not 500,000 formatted cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from typing import Any, Literal

from corrections.domain.catalog import ArticleSummary, Version
from corrections.domain.frozen import frozen
from corrections.domain.records import CorrectionRecord, Status
from corrections.tui.render import line, when


@frozen
class Column:
    title: str
    width: int | None  # None: this column takes the width the others leave
    align: Literal["left", "right"] = "left"
    shrink_to: int | None = None  # on a narrow screen this column may give width away


@frozen
class TableData:
    """Rows for a :class:`~corrections.tui.widgets.row_table.RowTable`.

    ``keys`` identify rows (a slug, a correction id); ``search`` holds one lowercase string
    per row for the filter; ``cells`` turns an item into its (sanitised) cells on demand.
    """

    columns: tuple[Column, ...]
    items: Sequence[Any]
    keys: Sequence[str]
    search: Sequence[str]
    cells: Callable[[Any], tuple[str, ...]] = field(repr=False)

    def __len__(self) -> int:
        return len(self.items)


EMPTY = TableData((), (), (), (), lambda item: ())

ARTICLE_COLUMNS = (
    Column("Headline", None),
    Column("Slug", 34, shrink_to=14),
    Column("Versions", 8, "right"),
    Column("Last change", 16),
    Column("Open", 4, "right"),
)

_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def article_table(
    summaries: Sequence[ArticleSummary], open_counts: Mapping[str, int] | None = None
) -> TableData:
    """Every article, most recently changed first."""
    ordered = sorted(summaries, key=lambda s: s.slug)
    ordered.sort(key=lambda s: s.updated or _OLDEST, reverse=True)
    return TableData(
        ARTICLE_COLUMNS,
        ordered,
        [s.slug for s in ordered],
        [f"{s.headline} {s.slug}".lower() for s in ordered],
        _article_cells(open_counts),
    )


def with_counts(data: TableData, open_counts: Mapping[str, int]) -> TableData:
    """The same article rows, with the open-corrections column filled in."""
    return TableData(data.columns, data.items, data.keys, data.search, _article_cells(open_counts))


def _article_cells(open_counts: Mapping[str, int] | None) -> Callable[[Any], tuple[str, ...]]:
    counts = dict(open_counts or {})

    def cells(s: ArticleSummary) -> tuple[str, ...]:
        count = counts.get(s.slug, 0)
        shown = (str(count) if count else "") if open_counts is not None else "…"
        return (line(s.problem or s.headline), s.slug, str(s.versions), when(s.updated), shown)

    return cells


QUEUE_COLUMNS = (
    Column("Status", 17),
    Column("Kind", 13),
    Column("Article", 26, shrink_to=12),
    Column("Proposer", 14, shrink_to=10),
    Column("Summary", None),
)

OPEN = "open"


def queue_table(records: Sequence[CorrectionRecord], status: str = OPEN) -> TableData:
    """Corrections with ``status`` (or every open one), oldest first: the queue order."""
    from corrections.domain.records import OPEN_STATUSES

    if status == OPEN:
        chosen = [r for r in records if r.status in OPEN_STATUSES]
    elif status == "all":
        chosen = list(records)
    else:
        chosen = [r for r in records if r.status is Status(status)]

    def cells(r: CorrectionRecord) -> tuple[str, ...]:
        return (
            r.status.label,
            r.kind.label,
            r.article,
            line(r.proposer),
            line(r.summary),
        )

    return TableData(
        QUEUE_COLUMNS,
        chosen,
        [r.id for r in chosen],
        [
            " ".join((r.id, r.status.value, r.kind.value, r.article, r.proposer, r.summary)).lower()
            for r in chosen
        ],
        cells,
    )


HISTORY_COLUMNS = (
    Column("#", 4, "right"),
    Column("Date", 16),
    Column("Author", 18, shrink_to=10),
    Column("Message", None),
    Column("Commit", 12),
)


def history_table(versions: Sequence[Version]) -> TableData:
    """Versions, newest first."""
    ordered = list(reversed(versions))

    def cells(v: Version) -> tuple[str, ...]:
        return (str(v.number), when(v.date), line(v.author), line(v.message), v.commit[:12])

    return TableData(
        HISTORY_COLUMNS,
        ordered,
        [str(v.number) for v in ordered],
        [f"{v.number} {v.author} {v.message}".lower() for v in ordered],
        cells,
    )
