"""Help: every key, screen by screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys that are not bindings of ours (Textual's own, typing into a field) and what the
# screens show: written here. Every binding comes from the screens themselves, so a key
# added to a screen is in this help, worded by its tooltip (or its description).
Notes = tuple[tuple[str, str], ...]


def sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's sections: each screen's bindings, then the notes about it."""
    from corrections.tui.app import CorrectionsApp
    from corrections.tui.screens.article import ArticleScreen
    from corrections.tui.screens.editor import EditorScreen
    from corrections.tui.screens.filtered_list import FilteredListScreen
    from corrections.tui.screens.group import GroupScreen
    from corrections.tui.screens.review import ReviewScreen
    from corrections.tui.screens.search import SearchScreen
    from corrections.tui.widgets.diff_view import DiffView

    everywhere: Notes = (
        ("Ctrl+P", "command palette: open any article or correction, run an action"),
        ("Ctrl+P import", "import articles from the CMS (WXR, REST JSON, HTML, ninjs)"),
        ("Escape", "back"),
        ("Ctrl+Q", "quit"),
    )
    lists: Notes = (
        ("type", "in the filter: every word must match"),
        ("Up Down PgUp PgDn", "move"),
        ("Enter", "open"),
        ("Tab", "move between the filter, the status choice and the list"),
    )
    editing: Notes = (("Tab", "next field"),)
    reading: Notes = (
        ("Tab", "in the editor: move to the live diff, then n N f"),
        ("{+words+}", "added: underlined; side by side a + in the right gutter"),
        ("[-words-]", "removed: struck through; side by side a - in the left gutter"),
    )
    searching: Notes = (
        ("type", "results as you type: every sentence where the words occur"),
        ("Down then Enter", "open the article at the match"),
    )
    table: list[tuple[str, list[BindingType], Notes]] = [
        ("Everywhere", CorrectionsApp.BINDINGS, everywhere),
        ("Articles and queue", FilteredListScreen.BINDINGS, lists),
        ("Article", ArticleScreen.BINDINGS, ()),
        ("Propose / revise", EditorScreen.BINDINGS, editing),
        ("Review", ReviewScreen.BINDINGS, ()),
        ("A group side by side", GroupScreen.BINDINGS, ()),
        ("Reading a diff", DiffView.BINDINGS, reading),
        ("Search", SearchScreen.BINDINGS, searching),
    ]
    return [(title, [*_rows(bindings), *notes]) for title, bindings, notes in table]


def _rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if not binding.show and not binding.tooltip:
            continue  # moving about the list: said once, in the notes
        if binding.action in ("app.back", "leave", "clear_filter") or binding.key == "escape":
            continue  # Escape is "back" everywhere: said once
        rows.append((key_label(binding.key), binding.tooltip or binding.description.lower()))
    return rows


_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "Escape",
    "enter": "Enter",
    "tab": "Tab",
    "up": "Up",
    "down": "Down",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
}


def key_label(keys: str) -> str:
    """How a binding's keys are written for people: "f1,question_mark" is "F1  ?"."""
    labels = []
    for key in keys.split(","):
        *modifiers, name = key.strip().split("+")
        name = _KEY_NAMES.get(
            name, name.upper() if name[:1] == "f" and name[1:].isdigit() else name
        )
        if modifiers:
            name = "+".join([*(m.capitalize() for m in modifiers), name.upper()])
        labels.append(name)
    return "  ".join(labels)


def help_text() -> Content:
    parts: list[str | tuple[str, str]] = []
    for title, rows in sections():
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
