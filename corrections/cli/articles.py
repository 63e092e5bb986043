"""Commands about the store and its articles: init, add, articles, show, history, diff."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from corrections.cli import render
from corrections.cli.app import (
    DiffFormat,
    Options,
    app,
    emit_json,
    fail,
    reported,
    with_store,
)
from corrections.cli.progress import progress
from corrections.domain.errors import EXIT_BAD_INPUT
from corrections.domain.sanitize import one_line
from corrections.domain.style_names import STYLE_NAMES, StyleName


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to create the store.")] = Path("."),
    style: Annotated[
        str, typer.Option("--style", help=f"House style of notes: {', '.join(STYLE_NAMES)}.")
    ] = "globe",
    ci: Annotated[
        str,
        typer.Option("--ci", help="Where the store's CI runs: github, gitlab, forgejo or none."),
    ] = "github",
    ci_install: Annotated[
        str | None,
        typer.Option(
            "--ci-install",
            metavar="SPEC",
            help="What the store's CI installs: a version (0.1.0), a wheel file or https "
            "URL, or git+https://…@<commit id>. Default: this version of corrections.",
        ),
    ] = None,
    remote: Annotated[
        str | None,
        typer.Option("--remote", help="An empty shared remote to push the new store to."),
    ] = None,
) -> None:
    """Create a newsroom store: a git repository with corrections.toml and articles/."""
    from corrections import services

    if style not in STYLE_NAMES:
        raise fail(
            f"unknown style {style!r}: choose one of {', '.join(STYLE_NAMES)}", EXIT_BAD_INPUT
        )
    with reported():
        settings = services.ci_settings(ci, ci_install)
        author = services.identity(
            None, Options.user if Options.user is not None else "corrections"
        )
        store = services.init(path, _style(style), author, settings)
        try:
            if remote is not None:
                from corrections.services.sync import attach_remote

                attach_remote(store, remote)
        finally:
            store.close()
    sys.stderr.write(
        f"Created a {style} corrections store in {path}; its CI ({settings.host}) "
        f"installs {settings.install}\n"
    )
    if remote is not None:
        sys.stderr.write(f"Pushed it to {remote}: others join with 'corrections clone URL'\n")


def _style(name: str) -> StyleName:
    for known in STYLE_NAMES:
        if known == name:
            return known
    raise fail(f"unknown style {name!r}", EXIT_BAD_INPUT)


@app.command()
def add(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Article files: Markdown with front matter, or plain text headed by the headline."
        ),
    ],
    slug: Annotated[str | None, typer.Option("--slug", help="Slug for a single file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Add articles as their first published version, in one commit."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        author = services.identity(store, Options.user)
        with progress("Reading articles") as step:
            added, commit = services.add_articles(store, files, author, slug, on_progress=step)
        if as_json:
            emit_json(
                [
                    {
                        "slug": a.slug,
                        "headline": a.headline,
                        "path": a.path,
                        "commit": commit,
                        "converted_line_endings": a.converted_line_endings,
                    }
                    for a in added
                ]
            )
        else:
            for article in added:
                sys.stdout.write(f"{article.slug}\t{one_line(article.headline)}\n")
            for article in added:
                if article.converted_line_endings:
                    sys.stderr.write(
                        f"{article.path}: CRLF/CR line endings stored as LF "
                        "(the store's .gitattributes)\n"
                    )
            sys.stderr.write(f"Added {len(added)} article(s) in commit {commit[:12]}\n")

    with_store(action)


@app.command("articles")
def articles_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every article with its version count and last change."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        summaries = services.list_articles(store)
        if as_json:
            emit_json([render.summary_json(s) for s in summaries])
        else:
            render.print_summaries(summaries)

    with_store(action)


@app.command()
def show(
    slug: str,
    version: Annotated[
        int | None, typer.Option("--version", "-v", help="Version number (1 is the first).")
    ] = None,
) -> None:
    """Print an article as published (or as of an earlier version)."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        render.print_article(services.published_text(store, slug, version))

    with_store(action)


@app.command()
def history(
    slug: str, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """The versions of an article: every commit on main that changed it."""
    from corrections import services

    def action(store: services.GitStore) -> None:
        versions = services.history(store, slug)
        if as_json:
            emit_json([render.version_json(v) for v in versions])
        else:
            render.print_versions(versions)

    with_store(action)


@app.command()
def diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="SLUG [A [B]] (versions; default the last two), or OLD NEW with --files."
        ),
    ] = None,
    files: Annotated[bool, typer.Option("--files", help="Compare two files.")] = False,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.words
    ),
    width: Annotated[int | None, typer.Option("--width", help="Width for side-by-side.")] = None,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            help="In an edited paragraph, show only N unchanged sentences around each "
            "change (the others as …); words and side-by-side formats.",
        ),
    ] = None,
) -> None:
    """Word-level diff of two versions of an article, or of two files."""
    from corrections import services

    if sentences is not None and sentences < 0:
        # Checked here, not with Typer's min=: a ranged option loads pydantic to check it.
        raise fail(f"--sentences must be 0 or more, not {sentences}", EXIT_BAD_INPUT)
    args = args or []
    if files:
        if len(args) != 2:
            raise fail("diff --files takes exactly two files: OLD NEW", EXIT_BAD_INPUT)
        with reported():
            result = services.diff_files(Path(args[0]), Path(args[1]))
    else:
        if not 1 <= len(args) <= 3:
            raise fail("diff takes SLUG [A [B]], or --files OLD NEW", EXIT_BAD_INPUT)
        numbers = [_version_number(a) for a in args[1:]]

        def action(store: services.GitStore) -> Any:
            return services.diff_versions(store, args[0], *numbers)

        result = with_store(action)
    render.print_diff(result, fmt.value, width, sentences)


def _version_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise fail(f"invalid version {text!r}: versions are numbered from 1", EXIT_BAD_INPUT)
    return int(text)


@app.command()
def demo(
    path: Annotated[Path, typer.Argument(help="Where to build the demo store.")] = Path(
        "demo-newsroom"
    ),
    fresh: Annotated[bool, typer.Option("--fresh", help="Rebuild an existing demo store.")] = (
        False
    ),
    no_tui: Annotated[
        bool, typer.Option("--no-tui", help="Print the demo store instead of opening the app.")
    ] = False,
    team: Annotated[
        Path | None,
        typer.Option(
            "--team",
            help="Build a shared remote and two clones (Maya Editor's, Sam Reviewer's) in DIR.",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """Build a demo newsroom store and open it in the app (on a terminal; else print it)."""
    from corrections import services
    from corrections.cli.tui import interactive, open_app

    if team is not None:
        _team_demo(team, fresh, no_tui)
        return
    with reported():
        built = services.build_demo(path, fresh)
    if not no_tui and interactive():
        # The demo's proposals are Maya Editor's; the app opens as the demo's reviewer
        # unless told who you are, so the seed can be approved and published at once.
        user = (
            Options.user
            if Options.user is not None
            else os.environ.get("CORRECTIONS_USER") or services.DEMO_REVIEWER
        )
        code = open_app(path, user)
        if code:
            raise typer.Exit(code)
        return
    with reported():
        store = services.open_store(path)
        try:
            summaries = services.list_articles(store)
            waiting, _ = services.list_corrections(store)
        finally:
            store.close()
    verb = "Built" if built.created else "Using the existing"
    sys.stderr.write(
        f"{verb} demo store in {path}: {len(summaries)} articles, {len(waiting)} corrections\n\n"
    )
    render.print_summaries(summaries)
    sys.stdout.write("\n")
    render.print_records(waiting)
    seed = next((r for r in waiting if r.article == services.DEMO_SEED_SLUG), None)
    if seed is not None and seed.status.value == "proposed":
        store_arg = f"--store {path}"
        sys.stderr.write(
            "\nNext, as the reviewer and then the publisher:\n"
            f"  corrections {store_arg} view {seed.id}\n"
            f"  corrections {store_arg} --as 'Sam Reviewer' review {seed.id} --approve\n"
            f"  corrections {store_arg} --as 'Lee Publisher' publish {seed.id}\n"
            f"  corrections {store_arg} show {seed.article}\n"
        )


@app.command()
def doctor(
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            "--remove-stale",
            help="Remove lock files older than a minute and bring the work tree and index "
            "up to date where an interrupted command left them behind main.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --repair, remove locks of any age (check first that no git "
            "command is running).",
        ),
    ] = False,
    optimize: Annotated[
        bool,
        typer.Option(
            "--optimize",
            help="Write git's commit-graph with changed-path filters (faster history on "
            "large stores) and share the article catalog with the team's remote.",
        ),
    ] = False,
) -> None:
    """Find what killed processes left: lock files, a work tree behind main."""
    from corrections.services import maintenance

    def action(store: Any) -> int:
        health = maintenance.check(store, repair=repair, force=force)
        for path in health.removed:
            sys.stdout.write(f"removed\t{path}\n")
        for path_name in health.brought_up_to_date:
            sys.stdout.write(f"brought up to date\t{path_name}\n")
        for lock in health.locks:
            note = "stale" if lock.stale else "in use?"
            sys.stdout.write(f"lock\t{lock.path}\t{int(lock.age_seconds)} s old ({note})\n")
        for path_name in health.behind:
            sys.stdout.write(f"behind main\t{path_name}\n")
        if optimize:
            maintenance.optimize(store)
            sys.stderr.write("Wrote the commit-graph with changed-path filters\n")
        if health.healthy:
            return 0
        advice = (
            "rerun with --repair --force once no git command is running"
            if repair
            else "rerun with --repair"
        )
        sys.stderr.write(
            f"{len(health.locks)} lock file(s), {len(health.behind)} path(s) behind main: "
            f"{advice}\n"
        )
        return 1

    code = with_store(action)
    if code:
        raise typer.Exit(code)


def _team_demo(root: Path, fresh: bool, no_tui: bool) -> None:
    from corrections.cli.tui import interactive, open_app
    from corrections.services.team_demo import build_team_demo

    with reported():
        built = build_team_demo(root, fresh)
    verb = "Built" if built.created else "Using the existing"
    sys.stderr.write(
        f"{verb} team demo in {root}:\n"
        f"  {built.remote}  the newsroom's shared remote\n"
        f"  {built.editor}  Maya Editor's clone (she proposed the demo's corrections)\n"
        f"  {built.reviewer}  Sam Reviewer's clone\n\n"
        "Propose in Maya's clone and watch it reach Sam's (the app syncs every 30 s; "
        "F5 syncs now):\n"
        f"  corrections --store {built.editor} propose old-mill-bakery-fifty-years "
        "--kind correction --edit\n"
        f"  corrections --store {built.reviewer} sync && "
        f"corrections --store {built.reviewer} list\n"
        f"  corrections --store {built.reviewer}    # the app, as Sam Reviewer\n"
    )
    if not no_tui and interactive():
        code = open_app(built.reviewer, Options.user if Options.user is not None else REVIEWER_NAME)
        if code:
            raise typer.Exit(code)


REVIEWER_NAME = "Sam Reviewer"
