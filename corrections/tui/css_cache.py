"""The app's CSS parsed once per source and theme for the whole process.

Textual parses every CSS source of the app again whenever the stylesheet changes: when a
screen first shows a widget type it had not shown (its default CSS joins the stylesheet),
and when the app starts, since ``Stylesheet.reparse`` makes a new stylesheet whose own
cache of parsed sources is empty. Opening the queue for the first time spent about a
quarter of its processor time parsing CSS that had been parsed before. Here the rules are
kept by source, place, flags and the theme's variables, so each source is parsed once per
theme in a process. Textual already shares parsed rules the same way within one
stylesheet (``Stylesheet._parse_cache`` hands the same list out again).
"""

from __future__ import annotations

from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

_parsed: dict[tuple[object, ...], list[RuleSet]] = {}
_textual_parse_rules = Stylesheet._parse_rules


def _parse_rules(
    self: Stylesheet,
    css: str,
    read_from: Any,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    # Variables are substituted as the source is parsed: a theme of its own is a key of its own.
    variables = tuple(sorted(self._variables.items()))
    key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
    rules = _parsed.get(key)
    if rules is None:  # a source that does not parse raises, and is never kept
        rules = _textual_parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed[key] = rules
    return rules


def install() -> None:
    """Keep parsed CSS for the process (Textual is pinned: pyproject.toml)."""
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
