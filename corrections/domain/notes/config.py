"""The built-in styles as ``HouseStyle`` objects, and a newsroom's own from its config."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from corrections.domain.errors import BadInput
from corrections.domain.notes.builtin import STYLE_DATA
from corrections.domain.notes.styles import HouseStyle
from corrections.domain.strict import Invalid, check, from_data

DEFAULT_STYLE = "globe"


class _BuiltinStyles(Mapping[str, HouseStyle]):
    """The built-in styles by name, each built when first asked for. They are the tool's
    own data (a test checks every one against the full schema), so building one checks its
    templates but does not load the schema validator."""

    def __init__(self) -> None:
        self._built: dict[str, HouseStyle] = {}

    def __getitem__(self, name: str) -> HouseStyle:
        style = self._built.get(name)
        if style is None:
            style = self._built[name] = from_data(HouseStyle, STYLE_DATA[name])
        return style

    def __iter__(self) -> Iterator[str]:
        return iter(STYLE_DATA)

    def __len__(self) -> int:
        return len(STYLE_DATA)


BUILTIN_STYLES: Mapping[str, HouseStyle] = _BuiltinStyles()


def get_style(name: str) -> HouseStyle:
    try:
        return BUILTIN_STYLES[name]
    except KeyError:
        known = ", ".join(BUILTIN_STYLES)
        raise BadInput(f"unknown house style {name!r} (known: {known})") from None


def house_style(style: str, templates: Mapping[str, Any]) -> HouseStyle:
    """The style ``corrections.toml``'s ``[house]`` chose, with its own templates over it."""
    if templates:
        return styles_from_config({"base": style, **templates})
    return get_style(style)


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
        return check(HouseStyle, merged)
    except Invalid as error:
        raise BadInput(f"house style: {error.where or 'style'}: {error.message}") from None


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
