"""Option and argument values turned into Python values without building pydantic models.

Typer checks every value with a pydantic ``TypeAdapter`` built on first use, which made
every command import pydantic and build schemas before doing any work. The values our
commands take are simple (text, numbers, paths, flags, a choice from an enum, lists
of those), so they are converted here, with the same messages; anything else (a ranged
number, say) keeps Typer's own conversion, so commands check their ranges themselves.
"""

from __future__ import annotations

import enum
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from typer._click import Context
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor
from typer.core import TyperArgument, TyperOption

_SIMPLE = (str, int, float, bool, Path)


class PlainRuntimeParam(RuntimeParam):
    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        return _converted(_without_none(self.annotation), value, param, ctx)


def use_plain_conversion(params: list[Any]) -> None:
    """Give each simple Typer parameter the plain conversion before it is first used."""
    for param in params:
        if not isinstance(param, TyperOption | TyperArgument) or param._runtime_param:
            continue
        if _plain(param.type_descriptor):
            param._runtime_param = PlainRuntimeParam(
                parameter_info=param.type_descriptor.parameter_info,
                annotation=param.type_descriptor.annotation,
            )


def _plain(descriptor: TypeDescriptor) -> bool:
    if descriptor.file_annotation is not None or descriptor.is_ranged:
        return False
    annotation = _without_none(descriptor.annotation)
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    return annotation in _SIMPLE or (
        isinstance(annotation, type) and issubclass(annotation, enum.Enum)
    )


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(kept) == 1:
            return kept[0]
    return annotation


def _converted(annotation: Any, value: Any, param: Any, ctx: Context) -> Any:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return [_converted(item, v, param, ctx) for v in value]
    if isinstance(value, annotation):
        return value
    if annotation is int:
        try:
            return int(value)
        except ValueError:
            raise BadParameter(f"{value!r} is not a whole number", ctx, param) from None
    if annotation is float:
        try:
            return float(value)
        except ValueError:
            raise BadParameter(f"{value!r} is not a number", ctx, param) from None
    if annotation is Path:
        return Path(value)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        try:
            return annotation(value)
        except ValueError:
            choices = ", ".join(repr(member.value) for member in annotation)
            raise BadParameter(f"{value!r} is not one of {choices}", ctx, param) from None
    if annotation is bool:
        return str(value).lower() in {"1", "true", "yes", "on"}
    return str(value)
