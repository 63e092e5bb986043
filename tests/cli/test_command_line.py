"""How people type: global options after the command, one-line mistakes with a suggestion,
``corrections help COMMAND`` and shell completion; and what each light command imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from corrections import services
from corrections.domain.records import Status
from tests.support import CLI, PINNED, SEED_SLUG, run_cli, run_console_script, seed_correction

# What a command must not load: the libraries of other commands, and the models when it
# only prints what git holds. --version answers before any library is imported at all.
HEAVY = ("textual", "pydantic", "rich", "feedgen", "ruamel.yaml", "yaml")


def imported(*args: str, cwd: Path | None = None) -> set[str]:
    """Every module the real console script imported to run ``args``."""
    done = run_cli(*args, cwd=cwd, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert done.returncode == 0, done.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


# ---------------------------------------------------------------------- import budget


def test_version_imports_no_library() -> None:
    modules = imported("--version")
    assert "corrections" in modules  # the measurement works
    for package in ("typer", "git", *HEAVY):
        assert not loaded(modules, package), package
    # Nor any of the standard library Python's own start-up did not load (typing, re and
    # functools once doubled what it executes).
    started = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    at_start = {line.rsplit("|", 1)[1].strip() for line in started.splitlines() if "|" in line}
    assert "encodings" in at_start
    assert modules - at_start == {
        "__future__",
        "gc",  # built into the interpreter: nothing to load
        "corrections",
        "corrections.cli",
        "corrections.cli.launch",
    }


def test_help_imports_no_library() -> None:
    modules = imported("--help")
    for package in ("typer", "git", "corrections.services", "corrections.cli.articles", *HEAVY):
        assert not loaded(modules, package), package


@pytest.mark.parametrize("columns", ["80", "62", "40", "200"])
def test_quick_help_is_what_typer_writes(columns: str) -> None:
    """--help alone is written without Typer; with a global option before it, Typer writes
    it. Both must be the same, at any terminal width."""
    quick = run_cli("--help", env={"COLUMNS": columns})
    typer = run_cli("--offline", "--help", env={"COLUMNS": columns})
    assert quick.returncode == typer.returncode == 0
    assert "Commands:" in quick.stdout
    assert quick.stdout == typer.stdout
    assert run_cli("help", env={"COLUMNS": columns}).stdout == typer.stdout


@pytest.mark.parametrize(
    "args", [("articles",), ("history", SEED_SLUG)], ids=["articles", "history"]
)
def test_listing_commands_load_no_models(demo: Path, args: tuple[str, ...]) -> None:
    modules = imported(*args, cwd=demo)
    assert loaded(modules, "corrections.store.objects")  # the store was read
    for package in ("corrections.services.sync", "corrections.domain.notes", *HEAVY):
        assert not loaded(modules, package), package


@pytest.mark.parametrize(
    "args",
    [("articles",), ("show", SEED_SLUG), ("history", SEED_SLUG), ("list",)],
    ids=["articles", "show", "history", "list"],
)
def test_reading_a_store_needs_no_git_library(demo: Path, args: tuple[str, ...]) -> None:
    """Opening a store and reading from it goes through git itself (``store/objects``,
    ``store/repository``): GitPython alone costs more than a whole command may take."""
    modules = imported(*args, cwd=demo)
    assert loaded(modules, "corrections.store.repository")
    for package in ("git", "gitdb", "smmap", "filelock"):
        assert not loaded(modules, package), package
    if args[0] != "list":  # a first listing checks corrections.toml, keyed by its digest
        # Nor OpenSSL (``_hashlib``), for the digest only a write or a check makes.
        assert not loaded(modules, "_hashlib")


def test_list_loads_no_diff_engine_notes_or_sync(demo: Path) -> None:
    cold = imported("list", cwd=demo)
    assert loaded(cold, "pydantic")  # no rows cached yet: the records are folded from events
    for package in (
        "corrections.domain.diff",
        "corrections.domain.notes",
        "corrections.services.sync",
        "textual",
        "rich",
        "feedgen",
        "ruamel.yaml",
    ):
        assert not loaded(cold, package), package
    warm = imported("list", cwd=demo)
    assert loaded(warm, "corrections.store.record_rows")
    for package in ("corrections.domain.events", "corrections.domain.fold", *HEAVY):
        assert not loaded(warm, package), package


def test_a_listed_correction_is_viewed_and_reviewed_without_the_validator(demo: Path) -> None:
    """Event files already checked (their folder's tree is in the records cache) are read
    back without pydantic; a folder that changed since is checked again, strictly."""
    record = seed_correction(demo)
    imported("list", cwd=demo)  # folds every folder and caches it
    for args in (("view", record), ("review", record, "--approve", "--as", "Sam Reviewer")):
        modules = imported(*args, cwd=demo)
        assert loaded(modules, "corrections.domain.events"), args
        assert not loaded(modules, "pydantic"), args
    after_review = imported("view", record, cwd=demo)
    assert loaded(after_review, "pydantic")  # the new review file is checked before it counts
    assert not loaded(imported("view", record, cwd=demo), "pydantic")  # and then only once


def test_a_note_once_checked_is_shown_again_without_the_notes_engine(demo: Path) -> None:
    record = seed_correction(demo)
    assert loaded(imported("view", record, cwd=demo), "corrections.domain.notes")
    assert not loaded(imported("view", record, cwd=demo), "corrections.domain.notes")


def test_a_review_drafts_no_note(demo: Path) -> None:
    """Nor, in a store without a remote or hooks, does it load the code for either."""
    modules = imported(
        "review", seed_correction(demo), "--approve", "--as", "Sam Reviewer", cwd=demo
    )
    assert loaded(modules, "corrections.services.sync")  # the step asked about a remote
    for package in (
        "corrections.domain.diff",
        "corrections.domain.notes",
        "corrections.store.remote",
        "corrections.services.replay",
        "corrections.services.hooks",
        "textual",
        "feedgen",
        "git",
        "filelock",  # the step lock is flock(2) itself
        "asyncio",
    ):
        assert not loaded(modules, package), package


@pytest.mark.parametrize(
    "args",
    [("diff", SEED_SLUG, "--sentences", "1"), ("search", "Argentina", "--limit", "5")],
    ids=["diff", "search"],
)
def test_diff_and_search_load_no_models(demo: Path, args: tuple[str, ...]) -> None:
    """Their numeric options are checked by the commands, not by Typer's pydantic check."""
    modules = imported(*args, cwd=demo)
    assert loaded(modules, "corrections.store.objects")
    for package in ("pydantic", "textual", "git", "corrections.domain.events"):
        assert not loaded(modules, package), package


def test_show_prints_without_models_or_the_diff_engine(demo: Path) -> None:
    modules = imported("show", SEED_SLUG, cwd=demo)
    for package in ("textual", "rich", "feedgen", "corrections.domain.diff", *HEAVY):
        assert not loaded(modules, package), package


def test_the_help_table_matches_the_commands() -> None:
    """--help lists commands from a table: it must name every command, with its own help."""
    from typer.main import get_command

    from corrections.cli.app import app
    from corrections.cli.commands import COMMANDS

    group = get_command(app)
    ctx = group.make_context("corrections", [])
    for name, entry in COMMANDS.items():
        command = group.get_command(ctx, name)  # type: ignore[attr-defined]
        assert command is not None, name
        assert command.get_short_help_str(limit=1000) == entry.summary, name
    registered = {info.name or info.callback.__name__ for info in app.registered_commands}  # type: ignore[union-attr]
    assert registered - {"articles_cmd", "list_cmd"} <= set(COMMANDS)
    assert len(app.registered_commands) + len(app.registered_groups) == len(COMMANDS)


# ---------------------------------------------------------------------- global options


def test_review_with_global_options_after_the_command(demo: Path, tmp_path: Path) -> None:
    record = seed_correction(demo)
    done = run_cli(
        "review", record, "--approve", "--as", "Sam Reviewer", "--store", str(demo), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    with services.open_store(demo) as store:
        shown = services.view(store, record).record
    assert shown.status is Status.approved
    assert [r.reviewer for r in shown.reviews] == ["Sam Reviewer"]


def test_a_global_option_after_the_command_wins(demo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "nowhere"
    done = run_cli("--store", str(elsewhere), "articles", "--store", str(demo))
    assert done.returncode == 0, done.stderr
    assert SEED_SLUG in done.stdout
    empty_name = run_cli(
        "--store", str(demo), "review", seed_correction(demo), "--approve", "--as", ""
    )
    assert empty_name.returncode == 2


def test_runs_in_one_process_share_the_commands_built_but_not_their_options(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer.main

    from corrections.cli import lazy

    first = run_cli("--store", str(demo), "--as", "Sam Reviewer", "articles")
    assert first.returncode == 0, first.stderr
    built: list[str] = []

    def counted(command_info: Any, **settings: Any) -> Any:
        built.append(command_info.name or command_info.callback.__name__)
        return real(command_info, **settings)

    real = typer.main.get_command_from_info
    monkeypatch.setattr(typer.main, "get_command_from_info", counted)
    monkeypatch.setattr(lazy, "get_command_from_info", counted)
    again = run_cli("articles", "--store", str(demo))
    assert again.returncode == 0, again.stderr
    assert SEED_SLUG in again.stdout
    assert built == []
    # The first run's --store is not the second's: outside a store, no store is found.
    alone = run_cli("articles", cwd=tmp_path)
    assert alone.returncode != 0
    assert "store" in alone.stderr
    assert str(demo) not in alone.stderr


def test_only_a_command_that_takes_a_step_asks_git_for_the_remote(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corrections.services.sync  # noqa: F401 - loaded, as by an earlier command here
    from corrections.store import origin

    record = seed_correction(demo)
    asked: list[object] = []
    real = origin.remote_url

    def remote_url(store: Any) -> str | None:
        asked.append(store)
        return real(store)

    monkeypatch.setattr(origin, "remote_url", remote_url)
    listed = run_cli("--store", str(demo), "list")
    assert listed.returncode == 0, listed.stderr
    assert asked == []
    approved = run_cli("--store", str(demo), "--as", "Sam Reviewer", "review", record, "--approve")
    assert approved.returncode == 0, approved.stderr
    assert len(asked) == 1


# ---------------------------------------------------------------------- mistakes


def test_mistyped_option_suggests_the_right_one(demo: Path) -> None:
    done = run_cli("review", seed_correction(demo), "--aprove", cwd=demo)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "no such option --aprove; did you mean --approve?" in done.stderr
    assert "corrections help review" in done.stderr


def test_mistyped_command_suggests_the_right_one() -> None:
    done = run_cli("artcles")
    assert done.returncode == 2
    assert done.stderr == (
        "corrections: no command 'artcles'; did you mean articles? (see 'corrections -h')\n"
    )


def test_missing_argument_is_one_line() -> None:
    done = run_cli("show")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Missing argument" in done.stderr


# ---------------------------------------------------------------------- help, completion


def test_help_command() -> None:
    review = run_cli("help", "review")
    assert review.returncode == 0
    assert review.stdout.startswith("Usage: corrections review [OPTIONS] {ID}")
    assert "--request-changes" in review.stdout
    assert "--as" in review.stdout  # the global options are the command's too
    assert run_cli("review", "--help").stdout == review.stdout
    write = run_cli("help", "ci", "write")
    assert write.stdout.startswith("Usage: corrections ci write")
    top = run_cli("help")
    assert top.returncode == 0
    assert "Commands:" in top.stdout
    assert "help " in top.stdout


def test_help_for_an_unknown_command() -> None:
    done = run_cli("help", "reviw")
    assert done.returncode == 2
    assert done.stderr.startswith("corrections: no command 'reviw'; did you mean review")
    assert done.stderr.count("\n") == 1


def test_shell_completion(tmp_path: Path) -> None:
    """Completion is the installed script answering its shell: run it for real."""
    # Typer finds the shell among the command's parents, as when a user types it in bash
    # (a second command keeps bash from replacing itself with the script).
    script = subprocess.run(
        ["bash", "-c", f"'{CLI}' --show-completion; exit $?"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **PINNED},
    )
    assert script.returncode == 0, script.stderr
    assert "_CORRECTIONS_COMPLETE" in script.stdout
    words = run_console_script(
        env={
            "_CORRECTIONS_COMPLETE": "complete_bash",
            "COMP_WORDS": "corrections rev",
            "COMP_CWORD": "1",
        }
    )
    assert words.stdout.split() == ["review", "revise"]
    options = run_console_script(
        env={
            "_CORRECTIONS_COMPLETE": "complete_bash",
            "COMP_WORDS": "corrections review --app",
            "COMP_CWORD": "2",
        }
    )
    assert options.stdout.split() == ["--approve"]


def test_lazy_service_names_are_not_submodule_names() -> None:
    """Importing a submodule rebinds the package attribute of its name to the module."""
    import pkgutil

    import corrections.services as package

    submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    assert submodules
    assert set(package.__all__) & submodules == set()


# ---------------------------------------------------------------------- the cyclic collector


def test_the_collector_is_off_until_a_command_starts_only_in_the_console_script(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import corrections.cli.articles as articles_module

    seen: list[tuple[bool, int]] = []
    monkeypatch.setattr(
        articles_module,
        "with_store",
        lambda action: seen.append((gc.isenabled(), gc.get_freeze_count())),
    )
    # Objects an earlier freeze kept (the app freezes its catalog) may have gone since: the
    # count of frozen objects can fall, and only rises when something freezes.
    before = gc.get_freeze_count()
    # In process (the tests, a library): the collector is left as it is.
    assert run_cli("articles", cwd=demo).returncode == 0
    ((enabled, frozen),) = seen
    assert enabled
    assert frozen <= before
    # The console script's main() turns it off for start-up: the command runs with it on,
    # what start-up made frozen.
    gc.disable()
    try:
        assert run_cli("articles", cwd=demo).returncode == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    enabled, frozen = seen[1]
    assert enabled
    assert frozen > before  # what start-up made, and whatever else was alive then
