"""Writing YAML with ruamel.yaml (YAML 1.2), block style, keys in the order given."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML


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
