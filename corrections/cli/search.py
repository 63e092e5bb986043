"""``corrections search``: where a wording occurs in the published articles, with ``git grep``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from corrections.cli import render
from corrections.cli.app import app, emit_json, fail, with_store
from corrections.domain.errors import EXIT_BAD_INPUT, EXIT_FINDINGS
from corrections.domain.sanitize import one_line

if TYPE_CHECKING:
    from corrections.domain.search import SearchHit
    from corrections.services.searching import SearchResult, WordingUse

DEFAULT_LIMIT = 1000
SEARCH_TIMEOUT = 30.0  # as the store's default; not imported from it, to keep --help light


@app.command()
def search(
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="What to find: plain text (or a regular expression with --regex). "
            "Text that starts with '-' goes after '--': corrections search -- -30%.",
        ),
    ] = None,
    regex: Annotated[
        bool, typer.Option("--regex", "-P", help="TEXT is a Perl-compatible regular expression.")
    ] = False,
    case_sensitive: Annotated[
        bool, typer.Option("--case-sensitive", "-c", help="Match case (default: ignore it).")
    ] = False,
    word: Annotated[bool, typer.Option("--word", "-w", help="Match whole words only.")] = False,
    notes: Annotated[
        bool, typer.Option("--notes", help="Search the notes blocks of the articles too.")
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="Stop after N matches.")
    ] = DEFAULT_LIMIT,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="Stop a search that takes longer (exit 2).",
        ),
    ] = SEARCH_TIMEOUT,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    elsewhere: Annotated[
        str | None,
        typer.Option(
            "--elsewhere",
            metavar="ID",
            help="Instead of TEXT: the old wording each fact of correction ID replaces, in "
            "the other articles that still carry it.",
        ),
    ] = None,
) -> None:
    """Find text in every published article at main: slug, headline, paragraph, sentence."""
    from corrections import services
    from corrections.services.searching import search as run_search

    if (text is None) == (elsewhere is None):
        raise fail("search: give TEXT, or --elsewhere ID (not both)", EXIT_BAD_INPUT)
    # Ranges checked here: Typer's min= loads pydantic to check a number.
    if limit < 1:
        raise fail(f"--limit must be 1 or more, not {limit}", EXIT_BAD_INPUT)
    if not timeout >= 0.1:
        raise fail(f"--timeout must be at least 0.1 seconds, not {timeout}", EXIT_BAD_INPUT)
    if text is None:
        _elsewhere(str(elsewhere), as_json)
        return
    pattern = text

    def action(store: services.GitStore) -> SearchResult:
        return run_search(
            store,
            pattern,
            regex=regex,
            case_sensitive=case_sensitive,
            word=word,
            include_notes=notes,
            limit=limit,
            timeout=timeout,
        )

    result = with_store(action)
    if as_json:
        emit_json(result_json(result))
    else:
        print_hits(result.hits, render.is_terminal())
    if result.truncated:
        sys.stderr.write(f"corrections: stopped after {limit} matches; --limit N shows more\n")
    if not result.hits:
        # Like grep: nothing found is exit 1, without a message.
        raise typer.Exit(EXIT_FINDINGS)
    articles = len(result.articles)
    sys.stderr.write(
        f"{len(result.hits)} sentence{'s' if len(result.hits) != 1 else ''} in "
        f"{articles} article{'s' if articles != 1 else ''}\n"
    )


def _elsewhere(record_id: str, as_json: bool) -> None:
    from corrections import services

    def action(store: services.GitStore) -> tuple[str, list[WordingUse]]:
        shown = services.view(store, record_id)
        wordings = services.wordings_replaced(shown.diff)
        article = shown.record.article
        return article, services.same_wording_elsewhere(store, article, wordings)

    article, uses = with_store(action)
    if as_json:
        emit_json(
            {
                "correction": record_id,
                "article": article,
                "wordings": [
                    {
                        "wording": use.wording,
                        "articles": len(use.articles),
                        "truncated": use.truncated,
                        "hits": [hit_json(hit) for hit in use.hits],
                    }
                    for use in uses
                ],
            }
        )
    else:
        colour = render.is_terminal()
        for use in uses:
            count = len(use.articles)
            sys.stdout.write(
                f"“{one_line(use.wording)}”: {count} other article{'s' if count != 1 else ''}\n"
            )
            sys.stdout.flush()
            print_hits(use.hits, colour)
    if not uses:
        sys.stderr.write("corrections: this correction replaces no wording (it adds text)\n")
    if not any(use.hits for use in uses):
        raise typer.Exit(EXIT_FINDINGS)


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "slug": hit.slug,
        "headline": hit.headline,
        "where": hit.where,
        "paragraph": hit.paragraph,
        "line": hit.line,
        "sentence": hit.sentence,
        "matches": [{"start": start, "end": end} for start, end in hit.spans],
        "marked": hit.marked(),
    }


def result_json(result: SearchResult) -> dict[str, Any]:
    return {
        "pattern": result.pattern,
        "commit": result.commit,
        "truncated": result.truncated,
        "articles": len(result.articles),
        "hits": [hit_json(hit) for hit in result.hits],
    }


def place(hit: SearchHit) -> str:
    """Where a hit is, in words: "paragraph 7", "headline", "notes"."""
    if hit.paragraph is not None:
        return f"paragraph {hit.paragraph}"
    return hit.where


def print_hits(hits: list[SearchHit], colour: bool) -> None:
    """Grouped by article: its slug and headline, then each sentence with the match marked
    (``{+match+}`` when piped, highlighted on a terminal)."""
    if colour:
        _print_coloured(hits)
        return
    out: list[str] = []
    slug = None
    for hit in hits:
        if hit.slug != slug:
            slug = hit.slug
            out.append(f"{hit.slug}  {one_line(hit.headline)}")
        out.append(f"  {place(hit)}: {_marked(hit, '{+', '+}')}")
    if out:
        sys.stdout.write("\n".join(out) + "\n")


def _marked(hit: SearchHit, before: str, after: str) -> str:
    out, at = [], 0
    for start, end in hit.spans:
        out += [_spaced(hit.sentence[at:start]), before, _spaced(hit.sentence[start:end]), after]
        at = end
    out.append(_spaced(hit.sentence[at:]))
    return "".join(out)


def _print_coloured(hits: list[SearchHit]) -> None:
    from rich.console import Console
    from rich.text import Text

    text = Text()
    slug = None
    for hit in hits:
        if hit.slug != slug:
            slug = hit.slug
            text.append(hit.slug, style="bold")
            text.append(f"  {one_line(hit.headline)}\n")
        text.append(f"  {place(hit)}: ", style="dim")
        at = 0
        for start, end in hit.spans:
            text.append(_spaced(hit.sentence[at:start]))
            text.append(_spaced(hit.sentence[start:end]), style="black on yellow")
            at = end
        text.append(_spaced(hit.sentence[at:]) + "\n")
    Console(highlight=False, soft_wrap=True).print(text, end="")


def _spaced(text: str) -> str:
    # one_line drops the spaces at either end; inside a sentence they are part of it.
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return (" " if lead else "") + one_line(text) + (" " if trail and text.strip() else "")
