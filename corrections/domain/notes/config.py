"""The built-in styles as ``HouseStyle`` objects, and a newsroom's own from its config."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from corrections.domain.errors import BadInput
from corrections.domain.notes.builtin import STYLE_DATA
from corrections.domain.notes.styles import HouseStyle

BUILTIN_STYLES: dict[str, HouseStyle] = {
    name: HouseStyle.model_validate(data) for name, data in STYLE_DATA.items()
}
DEFAULT_STYLE = "globe"


def get_style(name: str) -> HouseStyle:
    try:
        return BUILTIN_STYLES[name]
    except KeyError:
        known = ", ".join(BUILTIN_STYLES)
        raise BadInput(f"unknown house style {name!r} (known: {known})") from None


def styles_from_config(custom: Mapping[str, Any]) -> HouseStyle:
    """A newsroom's own style: ``base`` (a built-in, default globe) with overrides.

    ``custom`` is a table from ``corrections.toml`` as ``tomllib`` parsed it, e.g.
    ``{"base": "nyt", "noun": "story", "correction": {"label": "Correction"}}``. Nested
    tables (a kind, the verbs) are merged key by key onto the base.
    """
    data = dict(custom)
    base_name = data.pop("base", DEFAULT_STYLE)
    if not isinstance(base_name, str):
        raise BadInput("house style: base must be the name of a built-in style")
    merged = _merge(get_style(base_name).to_data(), data)
    try:
        return HouseStyle.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "style"
        raise BadInput(f"house style: {where}: {first['msg']}") from None


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
