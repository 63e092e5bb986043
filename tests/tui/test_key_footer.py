"""The footer of key bindings: it looks like Textual's own, and its keys are made in the
footer's style instead of being restyled after they are mounted."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.widgets._footer import FooterKey

from corrections.tui.widgets.key_footer import KeyFooter
from tests.support.tui import until

pytestmark = pytest.mark.asyncio


class Keys(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "articles", "Articles"),
        Binding("f3", "queue", "Queue"),
        Binding("f4", "propose", "Propose"),
    ]

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield Input(id="filter")
        yield Static("text")
        yield self.footer()

    def action_articles(self) -> None:
        pass

    def action_queue(self) -> None:
        pass

    def action_propose(self) -> None:
        pass


class KeysApp(App[None]):
    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer = footer
        self.restyled: list[DOMNode] = []

    def on_mount(self) -> None:
        self.push_screen(Keys(self.footer))

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        self.restyled.append(node)
        super().update_styles(node, animate)


async def shown(footer: type[Footer]) -> tuple[list[Any], list[DOMNode]]:
    """The footer's keys (as rendered, and their classes), and the nodes restyled while
    the screen was shown and its bindings changed twice (the footer composed anew)."""
    app = KeysApp(footer)
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        app.screen.query_one(Input).focus()
        await pilot.pause()
        app.screen.query_one(Static).focus()
        await pilot.pause()
        found = app.screen.query_one(footer)
        keys = []
        for key in found.children:
            painted = key.render()
            assert isinstance(painted, Text)
            keys.append((painted.plain, sorted(key.classes)))
        return keys, list(app.restyled)


async def test_keys_look_as_textuals_and_are_never_restyled_after_mounting() -> None:
    ours, ours_restyled = await shown(KeyFooter)
    textuals, textuals_restyled = await shown(Footer)
    assert ours == textuals
    assert any("Propose" in description for description, _ in ours)
    assert not [node for node in ours_restyled if isinstance(node, FooterKey)]
    # The restyle it saves: Textual's footer restyles each key when its setting arrives.
    assert [node for node in textuals_restyled if isinstance(node, FooterKey)]


class Shortcut(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "sync", "Sync")]

    def action_sync(self) -> None:
        pass


class CountingFooter(KeyFooter):
    made = 0  # times the keys were made

    def compose(self) -> ComposeResult:
        self.made += 1
        yield from super().compose()


class Both(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f2", "articles", "Articles")]

    def compose(self) -> ComposeResult:
        yield Input(id="filter")
        yield Static("text", id="plain")
        yield Shortcut("sync here", id="shortcut")
        yield CountingFooter()

    def action_articles(self) -> None:
        pass


async def test_the_keys_are_made_again_only_when_what_they_show_changes() -> None:
    app = App[None]()
    async with app.run_test(size=(60, 6)) as pilot:
        await app.push_screen(Both())
        footer = app.screen.query_one(CountingFooter)

        def shown() -> list[str]:
            return [key.description for key in footer.query(FooterKey)]

        await until(pilot, lambda: shown() == ["Articles", "palette"], "the first keys")
        made = footer.made
        # The filter brings hidden bindings of its own only; the shortcut one more key. The
        # footer composes again after the next refresh, in the order focus moved.
        app.screen.query_one("#filter").focus()
        app.screen.query_one("#shortcut").focus()
        await until(pilot, lambda: shown() == ["Sync", "Articles", "palette"], "the Sync key")
        assert footer.made == made + 1
        app.screen.query_one("#filter").focus()
        await until(pilot, lambda: shown() == ["Articles", "palette"], "Sync gone again")
        assert footer.made == made + 2
