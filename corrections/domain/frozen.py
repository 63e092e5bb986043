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
refuse assignment, which let each field be set once; and ``__init__`` is made from the
fields without compiling anything (``_initializer``). A plain ``@frozen`` class of four
fields is defined in about 0.3 ms, where ``@dataclass(frozen=True)`` takes 1.6 ms.

That ``__init__`` costs an instance about a fifth more than a compiled one, so the types
made by the thousand (diff segments, listed articles, log entries) are declared
``@frozen(slots=True)``: those are frozen dataclasses proper, whose compiled ``__init__``
sets their slots directly, with the shared comparison, hash and repr. (A slotted and a plain
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
        if not cls.__doc__ and not slots:
            # Dataclass would describe the class by the signature of an __init__ it has not
            # got yet (object's, parsed from its text): name the fields instead.
            names = ", ".join(vars(cls).get("__annotations__", {}))
            cls.__doc__ = f"{cls.__name__}({names})"
        if slots:
            # A slotted type is made in bulk: its generated guard costs less per instance.
            made = dataclasses.dataclass(
                cls, frozen=True, kw_only=kw_only, slots=True, repr=False, eq=False
            )
        else:
            made = dataclasses.dataclass(cls, init=False, kw_only=kw_only, repr=False, eq=False)
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        if not slots and "__init__" not in own:
            made.__init__ = _initializer(made, fields)  # type: ignore[method-assign]
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


def _initializer(cls: type[Any], fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The ``__init__`` a dataclass would generate for ``fields``, without compiling one:
    the same parameters (positional, then keyword-only), defaults and factories, errors for
    missing, unknown and repeated arguments, fields stored in their declared order, then
    ``__post_init__``. Compiling each class's own ``__init__`` took most of the time of
    defining a type; a type made by the thousand is slotted and keeps the compiled one."""
    declared = vars(cls)["__dataclass_fields__"].values()
    if any(f._field_type is dataclasses._FIELD_INITVAR for f in declared):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__qualname__}: @frozen takes no InitVar (none needed one)")
    taken = [f for f in fields if f.init]
    order = tuple(f.name for f in taken)
    positional = tuple(f.name for f in taken if not f.kw_only)
    accepted = frozenset(order)
    defaults = {f.name: f.default for f in taken if f.default is not dataclasses.MISSING}
    factories: tuple[tuple[str, Callable[[], Any]], ...] = tuple(
        (f.name, f.default_factory) for f in taken if f.default_factory is not dataclasses.MISSING
    )
    # Every field is stored in its declared order; one left out of __init__ gets its
    # factory's value (one with a plain default is not stored: the class holds it).
    stored: tuple[tuple[str, Callable[[], Any] | None], ...] = tuple(
        (f.name, None if f.init else f.default_factory)  # type: ignore[misc]
        for f in fields
        if f.init or f.default_factory is not dataclasses.MISSING
    )
    only_given = len(stored) == len(order)  # nothing stored but the arguments
    all_positional = only_given and len(positional) == len(order)
    pick: Callable[[dict[str, Any]], tuple[Any, ...]]
    if len(order) > 1:
        pick = operator.itemgetter(*order)
    else:  # itemgetter of one name gives the value itself, of none nothing at all
        pick = lambda given: tuple(given[name] for name in order)  # noqa: E731
    post_init = hasattr(cls, "__post_init__")
    where = f"{cls.__qualname__}.__init__()"

    def __init__(self: Any, *args: Any, **given: Any) -> None:
        if all_positional and not given and len(args) == len(order):
            self.__dict__.update(zip(order, args, strict=True))  # every field, in order
            if post_init:
                self.__post_init__()
            return
        # ``given`` is this call's own dict: the positional arguments join it by name.
        if args:
            if len(args) > len(positional):
                raise TypeError(
                    f"{where} takes {len(positional) + 1} positional arguments "
                    f"but {len(args) + 1} were given"
                )
            for name in positional[: len(args)]:
                if name in given:
                    raise TypeError(f"{where} got multiple values for argument {name!r}")
            given.update(zip(positional, args, strict=False))
        if not accepted.issuperset(given):
            unknown = next(name for name in given if name not in accepted)
            raise TypeError(f"{where} got an unexpected keyword argument {unknown!r}")
        if len(given) < len(order):
            given = defaults | given
            for name, factory in factories:
                if name not in given:
                    given[name] = factory()
            if len(given) < len(order):
                missing = ", ".join(repr(name) for name in order if name not in given)
                raise TypeError(f"{where} missing required arguments: {missing}")
        if only_given:
            self.__dict__.update(zip(order, pick(given), strict=True))
        else:
            state = self.__dict__
            for name, made_by in stored:
                state[name] = given[name] if made_by is None else made_by()
        if post_init:
            self.__post_init__()

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


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
