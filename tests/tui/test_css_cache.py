"""The app's CSS is parsed once per source and theme in a process, into the rules Textual
itself makes of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from corrections.tui import css_cache
from tests.support.tui import running, settle

pytestmark = pytest.mark.asyncio


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every source Textual parses, by where it was read from; none kept from before."""
    parsed: list[str] = []
    textual = css_cache._textual_parse_rules

    def counted(self: Stylesheet, css: str, read_from: Any, *args: Any) -> Any:
        parsed.append(repr(read_from))
        return textual(self, css, read_from, *args)

    monkeypatch.setattr(css_cache, "_textual_parse_rules", counted)
    monkeypatch.setattr(css_cache, "_parsed", {})
    return parsed


def made(rule: RuleSet) -> str:
    """What a rule selects and sets (layouts compare by identity: their names are compared)."""
    rules = sorted(rule.styles.get_rules().items())
    return repr((rule.selector_set, rules, rule.is_default_rules, rule.tie_breaker))


async def test_a_second_start_and_screen_parse_no_css_again(demo: Path, parses: list[str]) -> None:
    async with running(demo) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        first = list(parses)
        stylesheet = pilot.app.stylesheet
        # What the app styles with is what Textual makes of each source.
        for read_from, (css, is_default, tie_breaker, scope) in stylesheet.source.items():
            fresh = Stylesheet(variables=stylesheet._variables)
            textual = css_cache._textual_parse_rules(
                fresh, css, read_from, is_default, tie_breaker, scope
            )
            kept = stylesheet._parse_rules(css, read_from, is_default, tie_breaker, scope)
            assert [made(rule) for rule in kept] == [made(rule) for rule in textual]
    assert any("corrections.tcss" in name for name in first)
    del parses[:]
    async with running(demo) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        assert parses == []
        pilot.app.theme = "textual-light" if pilot.app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert parses  # the new theme's variables: parsed anew
