"""``corrections.toml``: the newsroom's house style and review policy."""

from __future__ import annotations

import tomllib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corrections.domain.errors import BadInput

CONFIG_FILE = "corrections.toml"
StyleName = Literal["globe", "nyt", "ap", "guardian", "reuters"]
STYLE_NAMES: tuple[StyleName, ...] = ("globe", "nyt", "ap", "guardian", "reuters")
HOUSE_NAMES: dict[str, str] = {
    "globe": "The Globe and Mail",
    "nyt": "The New York Times",
    "ap": "The Associated Press",
    "guardian": "The Guardian",
    "reuters": "Reuters",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class House(_Strict):
    name: str = "Newsroom"
    style: StyleName = "globe"


class Policy(_Strict):
    required_approvals: int = Field(default=1, ge=1, le=10)


class StoreConfig(_Strict):
    house: House = House()
    policy: Policy = Policy()


def parse_config(text: str, name: str = CONFIG_FILE) -> StoreConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{name}: {error}") from None
    try:
        return StoreConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadInput(f"{name}: {where}: {first['msg']}") from None


def default_config_text(style: StyleName) -> str:
    return f"""# corrections: this newsroom's house style and review policy.
[house]
name = "{HOUSE_NAMES[style]}"
# How correction notes are worded: globe, nyt, ap, guardian or reuters.
style = "{style}"

[policy]
# Approvals needed before a correction can be published; the proposer's never counts.
required_approvals = 1
"""
