"""The built-in house styles by name: what `init --style` accepts, without loading the models."""

from __future__ import annotations

from typing import Literal

StyleName = Literal["globe", "nyt", "ap", "guardian", "reuters"]
STYLE_NAMES: tuple[StyleName, ...] = ("globe", "nyt", "ap", "guardian", "reuters")
HOUSE_NAMES: dict[str, str] = {
    "globe": "The Globe and Mail",
    "nyt": "The New York Times",
    "ap": "The Associated Press",
    "guardian": "The Guardian",
    "reuters": "Reuters",
}
