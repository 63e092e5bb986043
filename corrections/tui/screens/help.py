"""Help: every key, screen by screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("F1  ?", "this help"),
            ("F2", "articles"),
            ("F3", "corrections queue"),
            ("F4", "search the text of every article"),
            ("F5", "sync with the remote now (a store with a remote)"),
            ("Ctrl+P", "command palette: open any article or correction, run an action"),
            ("Ctrl+P import", "import articles from the CMS (WXR, REST JSON, HTML, ninjs)"),
            ("Escape", "back"),
            ("Ctrl+Q", "quit"),
        ),
    ),
    (
        "Articles and queue",
        (
            ("type", "filter the list (every word must match)"),
            ("Up Down PgUp PgDn", "move"),
            ("Enter", "open"),
            ("Tab", "move between the filter, the status choice and the list"),
            ("Ctrl+R", "reload"),
        ),
    ),
    (
        "Article",
        (
            ("t  h", "text, history"),
            ("m then d", "mark a version, then diff it with the highlighted one"),
            ("d", "diff the highlighted version with the one before"),
            ("s", "side by side or inline"),
            ("p", "propose a correction"),
            ("x", "export it with its notes to a file (.html, .ninjs.json or .json)"),
        ),
    ),
    (
        "Propose / revise",
        (
            ("Ctrl+S", "submit (an untouched text proposes nothing)"),
            ("Ctrl+T", "live diff side by side or inline"),
            ("Ctrl+R", "put the drafted note back"),
            ("Ctrl+G", "propose to all: the same change to every article the panel lists"),
            ("Tab", "next field"),
        ),
    ),
    (
        "Review",
        (
            ("a  c  x", "approve, request changes, reject (with a comment)"),
            ("p", "publish (asks first)"),
            ("g", "the next correction of its group (published together)"),
            ("t", "its group side by side: every article's diff; a approves the one in focus"),
            ("e  w", "revise, withdraw (the proposer)"),
            ("s", "side by side or inline"),
            ("i", "hide or show the record panel (under the diff below 100 columns)"),
            ("o", "open the article"),
        ),
    ),
    (
        "Reading a diff",
        (
            ("n  N", "next, previous change (the diff opens at the first)"),
            ("f", "whole paragraphs, or fold unchanged sentences into …"),
            ("Tab", "in the editor: move to the live diff, then n N f"),
            ("{+words+}", "added: underlined; side by side a + in the right gutter"),
            ("[-words-]", "removed: struck through; side by side a - in the left gutter"),
        ),
    ),
    (
        "Search",
        (
            ("type", "results as you type: every sentence where the words occur"),
            ("F6  F7  F8", "regular expression, match case, whole words (on or off)"),
            ("Down then Enter", "open the article at the match"),
        ),
    ),
)


def help_text() -> Content:
    parts: list[str | tuple[str, str]] = []
    for title, rows in KEYS:
        if parts:
            parts.append("\n")
        parts.append((title + "\n", "bold $text-accent"))
        for keys, what in rows:
            parts.append((f"  {keys:<20}", "bold"))
            parts.append(what + "\n")
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content("Keys"), classes="dialog-title")
            with VerticalScroll():
                yield Static(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
