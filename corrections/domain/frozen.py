"""``@frozen``: a frozen dataclass whose comparison, hash and repr are shared, not generated.

``@frozen`` is ``@dataclass(frozen=True)``, with the same ``kw_only`` and ``slots``, and
instances that behave as that dataclass's would: equal when they are of the same class
and their compared fields are equal, hashed on those fields, shown as
``Name(field=value, ...)``. ``dataclasses.fields``, ``replace`` and ``asdict`` work as
usual, and so do pydantic and mypy (through ``dataclass_transform``).

Why not the plain decorator: on Python 3.11 ``@dataclass`` compiles six new functions
for every frozen class, which for the hundred-odd types of the domain was the largest
single cost of starting a command. Three of them (``__eq__``, ``__hash__``,
``__repr__``) are the same for every class once they read the class's field names, so
they are written once here; only ``__init__`` and the two that refuse assignment are
still generated.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, kw_only: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T] | None = None, /, *, kw_only: bool = False, slots: bool = False) -> Any:
    def make(cls: type[T]) -> type[T]:
        own = set(vars(cls))  # what the class body defines itself is kept, as dataclass does
        made = dataclasses.dataclass(
            cls, frozen=True, kw_only=kw_only, slots=slots, repr=False, eq=False
        )
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        compared = tuple(f.name for f in fields if f.compare)
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        # Static, so that reading them from an instance does not bind it as a method.
        made.__frozen_compared__ = staticmethod(_values(compared))  # type: ignore[attr-defined]
        made.__frozen_hashed__ = staticmethod(_values(hashed))  # type: ignore[attr-defined]
        made.__frozen_shown__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
        for name, method in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
            if name not in own:
                setattr(made, name, method)
        return made

    return make if cls is None else make(cls)


def _values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The instance's values of ``names``, as one tuple (what the generated methods use)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        name = names[0]
        return lambda instance: (getattr(instance, name),)
    return operator.attrgetter(*names)


def _eq(self: Any, other: object) -> Any:
    values = self.__frozen_compared__
    if other.__class__ is not self.__class__:
        return NotImplemented
    return bool(values(self) == values(other))


def _hash(self: Any) -> int:
    return hash(self.__frozen_hashed__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__frozen_shown__)
    return f"{self.__class__.__qualname__}({shown})"
