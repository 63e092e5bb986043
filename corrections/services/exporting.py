"""An article as published now, with its public correction notes, for a CMS that pulls.

The notes are the ones readers see (``domain.public_notes``), worded and dated the house's
way exactly as the corrections feed gives them; the renderers are in ``corrections.outputs``.
"""

from __future__ import annotations

from pathlib import Path

from corrections.domain.article import split_notes
from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.domain.notes import note_for
from corrections.domain.public_notes import public_notes
from corrections.domain.records import Status
from corrections.outputs.article_export import EXPORT_FORMATS, exported, render_export
from corrections.services.articles import current, history
from corrections.services.config import load_config
from corrections.services.feed import _article_ref, _house_slug, _published_note
from corrections.services.listing import list_corrections
from corrections.services.notes import house_style
from corrections.store.git_store import GitStore

SUFFIXES = {"ninjs": ".ninjs.json", "html": ".html", "json": ".json"}


@frozen
class ExportOutput:
    text: str
    format: str
    notes: int  # public notes in it
    file_name: str  # a name to save it under: <slug>.html, <slug>.ninjs.json, <slug>.json


def export_article(store: GitStore, slug: str, fmt: str) -> ExportOutput:
    if fmt not in EXPORT_FORMATS:
        raise BadInput(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    document = current(store, slug)
    versions = history(store, slug)
    config = load_config(store)
    style = house_style(config)
    ref = _article_ref(slug, document)
    records, _ = list_corrections(store, status=Status.published, article=slug)
    public = public_notes(records)
    notes = [_published_note(entry, style, ref) for entry in public]
    placements = {
        entry.source.id: note_for(entry.source.kind.value, entry.text, entry.date, style).placement
        for entry in public
    }
    _, text, _ = split_notes(document.body)
    meta = document.meta
    last = versions[-1]
    article = exported(
        config.house.name,
        _house_slug(config.house.name),
        ref,
        byline=meta.byline,
        published=meta.published,
        updated=last.date,
        language=meta.language,
        tags=tuple(meta.tags),
        text=text,
        version=last.number,
        commit=last.commit,
        notes=notes,
        placements=placements,
    )
    return ExportOutput(render_export(article, fmt), fmt, len(notes), f"{slug}{SUFFIXES[fmt]}")


def format_for(path: Path) -> str:
    """The export format a file name asks for: .html, .ninjs.json, else json."""
    name = path.name.lower()
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith(".ninjs.json") or name.endswith(".ninjs"):
        return "ninjs"
    return "json"


def write_export(path: Path, text: str) -> None:
    """Write an export atomically: readers see the old file or the new one."""
    from corrections.store.files import atomic_write

    atomic_write(path, text.encode("utf-8"), durable=False)


def export_to_file(store: GitStore, slug: str, path: Path) -> tuple[ExportOutput, Path]:
    """Export ``slug`` in the format its file name asks for; returns it and where."""
    result = export_article(store, slug, format_for(path))
    write_export(path, result.text)
    return result, path.resolve()
