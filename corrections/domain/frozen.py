"""``@frozen``: a frozen dataclass that costs less to define than ``@dataclass(frozen=True)``.

``@frozen`` makes a dataclass, with the given ``kw_only`` and ``slots``, whose instances
behave as a frozen dataclass's: equal when they are of the same class and their compared
fields are equal, hashed on those fields, shown as ``Name(field=value, ...)``, and never
changed once made (assigning or deleting raises ``dataclasses.FrozenInstanceError``).
``dataclasses.fields``, ``replace`` and ``asdict`` work as usual, and so do pydantic and
mypy (through ``dataclass_transform``).

Why not the plain decorator: on Python 3.11 ``@dataclass(frozen=True)`` compiles six
functions for every class, and defining the domain's hundred-odd types was the largest
single cost of starting a command. Here ``__eq__``, ``__hash__`` and ``__repr__`` are
written once for all classes (they read each class's field names); so are the two that
refuse assignment, which let each field be set once, by ``__init__``. Only ``__init__`` is
still compiled per class.

That shared guard makes each field of a new instance cost a Python call, so the types
made by the thousand (diff segments, listed articles, log entries) are declared
``@frozen(slots=True)``: those are frozen dataclasses proper, whose ``__init__`` sets
their slots directly, with the shared comparison, hash and repr. (A slotted and a plain
``@frozen`` class cannot inherit from one another: dataclasses refuses to mix a frozen and
a non-frozen class, and says so when the module is imported.)
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
        if vars(cls).get("__hash__", 0) is None and "__eq__" in own:
            own.discard("__hash__")  # Python's implicit None beside an __eq__ is not a choice
        # A slotted type is made in bulk: its generated guard costs less per instance.
        made = dataclasses.dataclass(
            cls, frozen=slots, kw_only=kw_only, slots=slots, repr=False, eq=False
        )
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        compared = tuple(f.name for f in fields if f.compare)
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        # Static, so that reading them from an instance does not bind it as a method.
        made.__frozen_compared__ = staticmethod(_values(compared))  # type: ignore[attr-defined]
        made.__frozen_hashed__ = staticmethod(_values(hashed))  # type: ignore[attr-defined]
        made.__frozen_shown__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
        made.__frozen_fields__ = frozenset(f.name for f in fields)  # type: ignore[attr-defined]
        shared: list[tuple[str, Callable[..., Any]]] = [
            ("__eq__", _eq),
            ("__hash__", _hash),
            ("__repr__", _repr),
        ]
        if not slots:
            shared += [("__setattr__", _setattr), ("__delattr__", _delattr)]
        for name, method in shared:
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


def _setattr(self: Any, name: str, value: Any) -> None:
    # A field may be set once (by __init__, or by copy and pickle on a blank instance);
    # nothing else may be set at all. A default lives on the class: look at the instance.
    own = self.__dict__
    if name in own or name not in self.__frozen_fields__:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
    own[name] = value


def _delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
