"""Strict frozen dataclasses: the domain's types, checked by pydantic only when read from outside.

Every record, event and setting is a frozen dataclass (``@frozen(kw_only=True)``, see ``frozen``).
Its constraints sit in its annotations as inert markers (``Field``, ``Strict``,
``AfterValidator``, ``BeforeValidator``), written in pydantic's own words; pydantic reads
them through ``__get_pydantic_core_schema__`` when ``check`` first validates a class from
untrusted input (a file, a command line, ``corrections.toml``). Until then pydantic is
not imported at all, which is most of what a command costs to start: a command that reads
a cache of already-checked data (``from_data``) and writes JSON (``to_data``) never loads it.

A class sets ``__pydantic_config__ = FORBID_EXTRA`` so an unknown field is an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")

# pydantic's configuration for a stdlib dataclass (a ConfigDict is a plain dict).
FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}


class Field:
    """Constraints in pydantic's words: ``Field(min_length=1, pattern=..., ge=1)``."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        import pydantic

        return handler.generate_schema(Annotated[source, pydantic.Field(**self.constraints)])


class Strict:
    """No coercion: ``Annotated[bool, Strict()]`` takes ``true``, never ``"yes"`` or ``1``."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        import pydantic

        return handler.generate_schema(Annotated[source, pydantic.Strict()])


class AfterValidator:
    """``func(value) -> value`` once the value has its type; a ValueError is the message."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.func, handler(source))


class BeforeValidator:
    """``func(raw) -> raw`` before the value is given its type."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.func, handler(source))


class Invalid(Exception):
    """What ``check`` found first: pydantic's error ``kind``, where (``loc``) and why."""

    def __init__(self, kind: str, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.loc = loc
        self.message = message

    @property
    def where(self) -> str:
        return ".".join(str(part) for part in self.loc)


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def adapter(cls: Any) -> TypeAdapter[Any]:
    """pydantic's validator for ``cls`` (a dataclass or a union of them), built once."""
    found = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def check(cls: type[T], data: Any) -> T:
    """``data`` (parsed TOML, YAML or JSON) as a ``cls``, every constraint checked."""
    return typing.cast(T, check_as(cls, data))


def check_as(kind: Any, data: Any) -> Any:
    """``check`` for any type pydantic knows, such as an ``Annotated`` union of dataclasses."""
    from pydantic import ValidationError

    try:
        return adapter(kind).validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        kind_name, message = str(first["type"]), str(first["msg"])
        if kind_name == "unexpected_keyword_argument":  # how a dataclass says "extra field"
            kind_name, message = "extra_forbidden", "Extra inputs are not permitted"
        raise Invalid(
            kind_name, tuple(first["loc"]), message.removeprefix("Value error, ")
        ) from None


# ---------------------------------------------------------------------- to and from JSON


def to_data(value: Any, *, exclude: Iterable[str] = (), exclude_none: bool = False) -> Any:
    """A dataclass as JSON-ready data, as pydantic's ``mode="json"`` dump writes it:
    times in ISO 8601 with ``Z`` for UTC, enums as their values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = set(exclude)
        out: dict[str, Any] = {}
        for item in dataclasses.fields(value):
            if item.name in skip:
                continue
            got = getattr(value, item.name)
            if got is None and exclude_none:
                continue
            out[item.name] = to_data(got, exclude_none=exclude_none)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_data(item, exclude_none=exclude_none) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item, exclude_none=exclude_none) for key, item in value.items()}
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """A ``cls`` from data ``to_data`` wrote, trusted as it is (a cache of checked data):
    no constraint is checked, so pydantic is not needed. Unknown keys are an error."""
    hints = _HINTS.get(cls)
    if hints is None:
        module = sys.modules[cls.__module__]
        hints = _HINTS[cls] = typing.get_type_hints(cls, vars(module))
    names = {item.name for item in dataclasses.fields(typing.cast(Any, cls)) if item.init}
    unknown = set(data) - names
    if unknown:
        raise TypeError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    return cls(**{name: _convert(hints[name], value) for name, value in data.items()})


def _convert(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        if value is None:
            return None
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        return tuple(_convert(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is list:
        (arg,) = typing.get_args(kind)
        return [_convert(arg, item) for item in value]
    if origin is dict:
        _, arg = typing.get_args(kind)
        return {key: _convert(arg, item) for key, item in value.items()}
    if isinstance(kind, type):
        if dataclasses.is_dataclass(kind):
            return from_data(kind, value)
        if issubclass(kind, enum.Enum):
            return kind(value)
        if kind is dt.datetime and isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        if kind is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if kind is float and isinstance(value, int):
            return float(value)
    return value
