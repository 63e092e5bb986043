"""Writing YAML with ruamel.yaml (YAML 1.2), block style, keys in the order given."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.width = 4096  # never fold long lines: a headline stays on one line
    yaml.allow_unicode = True
    return yaml


def dump_mapping(data: Mapping[str, Any]) -> str:
    stream = io.StringIO()
    _yaml().dump(dict(data), stream)
    return stream.getvalue()


def _block_safe(text: str) -> bool:
    """Can ``text`` be a literal block and read back identically? Control characters,
    tabs, CR and lines that start with a space would need escapes or break indentation."""
    return all(c == "\n" or c.isprintable() for c in text) and not any(
        line.startswith(" ") for line in text.split("\n")
    )


def _block_strings(value: Any) -> Any:
    # Multi-line text (article bodies, notes) reads best as a literal block; anything else
    # is written as a double-quoted scalar, where every character can be escaped.
    if isinstance(value, str):
        if "\n" in value and _block_safe(value):
            return LiteralScalarString(value)
        if not value.isprintable():
            return DoubleQuotedScalarString(value)
        return value
    if isinstance(value, dict):
        return {key: _block_strings(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_block_strings(item) for item in value]
    return value


def dump_record(data: Mapping[str, Any]) -> str:
    stream = io.StringIO()
    _yaml().dump(_block_strings(dict(data)), stream)
    return stream.getvalue()
