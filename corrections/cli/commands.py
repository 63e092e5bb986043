"""Every command's name, the module that defines it and its one-line help, in help order.

The command line imports a command's module only when that command runs, so ``--help``
lists the commands from this table instead of importing them all. A test checks that it
matches the commands themselves, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import NamedTuple

DESCRIPTION = "Change published articles honestly: propose, review and publish corrections."

# The global options, in help order: (what is typed, help). The Typer application takes
# its help texts from here; the completion options are Typer's own.
STORE_HELP = (
    "The store to use (default: $CORRECTIONS_STORE, then the nearest store above the "
    "current directory)."
)
AS_HELP = "Who is acting (default: $CORRECTIONS_USER, then git's user.name)."
OFFLINE_HELP = "Keep steps on this machine; 'corrections sync' delivers them."
VERSION_HELP = "Show the version and exit."
GLOBAL_OPTIONS: tuple[tuple[str, str], ...] = (
    ("--store <path>", STORE_HELP),
    ("--as <str>", AS_HELP),
    ("--offline", OFFLINE_HELP),
    ("--version", VERSION_HELP),
    ("--install-completion", "Install completion for the current shell."),
    (
        "--show-completion",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    ("-h, --help", "Show this message and exit."),
)


class Entry(NamedTuple):
    module: str
    summary: str


COMMANDS: dict[str, Entry] = {
    "init": Entry(
        "articles", "Create a newsroom store: a git repository with corrections.toml and articles/."
    ),
    "add": Entry("articles", "Add articles as their first published version, in one commit."),
    "articles": Entry("articles", "List every article with its version count and last change."),
    "show": Entry("articles", "Print an article as published (or as of an earlier version)."),
    "history": Entry(
        "articles", "The versions of an article: every commit on main that changed it."
    ),
    "diff": Entry("articles", "Word-level diff of two versions of an article, or of two files."),
    "demo": Entry(
        "articles",
        "Build a demo newsroom store and open it in the app (on a terminal; else print it).",
    ),
    "import": Entry(
        "cms",
        "Import articles from the CMS (WordPress, HTML pages, ninjs): new ones in one commit.",
    ),
    "export": Entry(
        "cms", "Export an article with its correction notes (ninjs, HTML or JSON) for a CMS."
    ),
    "doctor": Entry(
        "articles", "Find what killed processes left: lock files, a work tree behind main."
    ),
    "search": Entry(
        "search",
        "Find text in every published article at main: slug, headline, paragraph, sentence.",
    ),
    "propose": Entry(
        "corrections",
        "Propose a correction to a published article; the note is drafted from the diff.",
    ),
    "list": Entry("corrections", "List corrections, newest last."),
    "view": Entry("corrections", "Show a correction: record, reviews, word diff and note."),
    "review": Entry("corrections", "Approve, request changes or reject a proposed correction."),
    "revise": Entry(
        "corrections", "Revise a proposed correction (earlier approvals stop counting)."
    ),
    "withdraw": Entry("corrections", "Withdraw your own proposed correction (final)."),
    "publish": Entry(
        "corrections",
        "Publish an approved correction: article, note and record in one commit.",
    ),
    "migrate": Entry(
        "corrections",
        "Turn records of the old single-file layout into event folders, in one commit.",
    ),
    "feed": Entry(
        "feed",
        "The public, dated corrections log: every published correction, newest first.",
    ),
    "clone": Entry("sync", "Join a newsroom: clone its store from the shared remote."),
    "sync": Entry(
        "sync",
        "Fetch, replay local steps onto the remote's tip, push: nothing lost or applied twice.",
    ),
    "status": Entry(
        "sync",
        "The store, its remote, ahead and behind, unpushed steps, the last sync, failed hooks.",
    ),
    "tui": Entry(
        "tui",
        "Open the terminal UI: browse articles, propose, review and publish corrections.",
    ),
    "serve": Entry(
        "serve",
        "Serve the terminal UI to a browser: loopback only, with a token; Ctrl+C stops it.",
    ),
    "validate": Entry(
        "validate",
        "Check the whole store: records, notes, and that no text changed without a correction.",
    ),
    "schema": Entry("validate", "Print the JSON Schema of correction events (every event type)."),
    "ci": Entry("ci", "The store's CI: the workflow that installs corrections and runs validate."),
    "help": Entry("help", "Show the help of a command: corrections help COMMAND."),
}
