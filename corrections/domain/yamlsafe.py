"""A strict, fast YAML 1.2 reader for front matter and records.

Reading thousands of files is the hot path of listing and validation, so parsing uses
libyaml's C parser (through PyYAML) when it is available, about ten times faster than a
pure-Python parser. On top of it:

* the YAML 1.2 core schema replaces YAML 1.1's surprises: ``no`` and ``on`` stay strings,
  ``010`` is ten, dates stay strings until a model parses them;
* duplicate keys are an error, not a silent overwrite (``status:`` given twice must fail);
* anchors and aliases are an error (no billion-laughs, no hidden sharing);
* errors carry the line number so callers can name file and line.

Writing goes through ruamel.yaml elsewhere; this module only reads.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import yaml

from corrections.domain.errors import BadInput

_BaseLoader: type[yaml.SafeLoader]
try:
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing: same rules, slower
    _BaseLoader = yaml.SafeLoader


class YamlError(BadInput):
    """A YAML document that cannot be read; ``line`` is 1-based within the document."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.reason = message


_NON_KEY_TAGS = frozenset({"tag:yaml.org,2002:null"})
_STR_TAG = "tag:yaml.org,2002:str"


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The composer hands back the same node object for every alias of an anchor, so a
        # node constructed twice is an alias.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases are not allowed", node.start_mark
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        # Keys are plain scalars (anything else is refused), so a key is known by its tag
        # and text without constructing it: twice as fast on records, which are all keys.
        seen: set[tuple[str, object]] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag in _NON_KEY_TAGS:
                raise yaml.constructor.ConstructorError(
                    None, None, "mapping keys must be plain scalars", key_node.start_mark
                )
            if key_node.tag == _STR_TAG:
                identity: tuple[str, object] = (_STR_TAG, key_node.value)
            else:  # 1 and 01 are the same integer key
                identity = ("value", self.construct_object(key_node))
                self.constructed_objects.pop(key_node, None)
            if identity in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                )
            seen.add(identity)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = str(self.construct_scalar(node))
        if value.startswith(("0o", "0x")):
            return int(value, 0)
        return int(value, 10)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = str(self.construct_scalar(node)).lower()
        if value.endswith(".inf"):
            return -math.inf if value.startswith("-") else math.inf
        if value == ".nan":
            return math.nan
        return float(value)


def _add(tag: str, pattern: str, first: str) -> None:
    _StrictLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])
_add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_add(
    "tag:yaml.org,2002:float",
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)
# No timestamps, sets, ordered maps, merge keys or binary: plain data only.
for _tag in ("timestamp", "set", "omap", "pairs", "binary", "merge"):
    _StrictLoader.yaml_constructors.pop(f"tag:yaml.org,2002:{_tag}", None)


def load(text: str) -> Any:
    """Parse one YAML document strictly; raise YamlError with a 1-based line on failure."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a strict safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = error.problem or error.context or "invalid YAML"
        raise YamlError(str(reason), line) from None
    except yaml.YAMLError as error:
        raise YamlError(f"invalid YAML: {error}") from None
    except RecursionError:
        raise YamlError("YAML nested too deeply") from None


def load_mapping(data: bytes, name: str, what: str) -> tuple[str, dict[str, Any]]:
    """A file's text and the mapping it holds; every error names the file and line.

    ``what`` names the document in the error for a non-mapping ("an event", "a record").
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInput.at(name, line, "not valid UTF-8") from None
    try:
        fields = load(text)
    except YamlError as error:
        raise BadInput.at(name, error.line or 1, error.reason) from None
    if not isinstance(fields, dict):
        raise BadInput.at(name, 1, f"{what} is a mapping of field: value")
    return text, fields


def line_of_key(text: str, key: str) -> int:
    """The line a top-level ``key:`` starts on (1 when it is not there)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
