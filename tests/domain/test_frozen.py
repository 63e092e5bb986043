"""``@frozen`` behaves as ``@dataclass(frozen=True)`` would: equality, hash, repr, refusal,
copies; plain and slotted classes alike."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain.frozen import frozen


@frozen(kw_only=True)
class Note:
    kind: str
    text: str
    day: dt.date | None = None
    tags: tuple[str, ...] = ()
    seen: int = field(default=0, compare=False)


@dataclass(frozen=True, kw_only=True)
class NoteTwin:
    """The same fields made by the standard decorator, to compare against."""

    kind: str
    text: str
    day: dt.date | None = None
    tags: tuple[str, ...] = ()
    seen: int = field(default=0, compare=False)


@frozen(slots=True)
class Pair:
    left: str
    right: str


@frozen
class Empty:
    pass


@frozen
class OwnEquality:
    name: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnEquality) and self.name.lower() == other.name.lower()

    def __hash__(self) -> int:
        return hash(self.name.lower())


notes: st.SearchStrategy[dict[str, object]] = st.builds(
    dict,
    kind=st.sampled_from(["correction", "clarification"]),
    text=st.text(max_size=20),
    day=st.none() | st.dates(),
    tags=st.lists(st.text(max_size=3), max_size=3).map(tuple),
    seen=st.integers(0, 3),
)


@given(notes, notes)
def test_equality_hash_and_repr_are_those_of_a_frozen_dataclass(
    first: dict[str, object], second: dict[str, object]
) -> None:
    a, b = Note(**first), Note(**second)  # type: ignore[arg-type]
    twin_a, twin_b = NoteTwin(**first), NoteTwin(**second)  # type: ignore[arg-type]
    assert (a == b) is (twin_a == twin_b)
    assert (a != b) is (twin_a != twin_b)
    if a == b:
        assert hash(a) == hash(b)
    assert repr(a) == repr(twin_a).replace("NoteTwin(", "Note(", 1)


def test_a_field_left_out_of_comparison_is_left_out_of_hash_too() -> None:
    one, other = Note(kind="c", text="t", seen=1), Note(kind="c", text="t", seen=2)
    assert one == other
    assert hash(one) == hash(other)
    assert len({one, other}) == 1


def test_instances_of_different_classes_are_never_equal() -> None:
    note: object = Note(kind="c", text="t")
    twin: object = NoteTwin(kind="c", text="t")
    pair: object = Pair("a", "b")
    assert note != twin
    assert twin != note
    assert pair != ("a", "b")


@frozen
class Cleaned:
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.text.strip())  # as a frozen dataclass does it


def test_it_is_frozen_and_keyword_only_as_asked() -> None:
    note: Any = Note(kind="c", text="t")
    for field_name, value in (("text", "changed"), ("day", dt.date(2026, 1, 1)), ("other", 1)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(note, field_name, value)  # a set field, a default one, no field at all
    with pytest.raises(dataclasses.FrozenInstanceError):
        del note.text
    assert note == Note(kind="c", text="t")
    with pytest.raises(TypeError):
        Note("c", "t")  # type: ignore[call-arg]
    pair: Any = Pair("a", "b")
    assert pair.right == "b"
    assert not hasattr(pair, "__dict__")  # slots
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.right = "c"
    assert Cleaned("  spaced  ").text == "spaced"


def test_copies_are_equal_and_as_frozen() -> None:
    note = Note(kind="c", text="t", tags=("x",), seen=3)
    for made in (copy.copy(note), copy.deepcopy(note), pickle.loads(pickle.dumps(note))):
        assert made == note
        assert made.seen == 3
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.text = "changed"  # type: ignore[misc]


def test_the_dataclass_tools_work_on_it() -> None:
    note = Note(kind="c", text="t", tags=("x",))
    assert dataclasses.is_dataclass(note)
    assert [f.name for f in dataclasses.fields(note)] == ["kind", "text", "day", "tags", "seen"]
    assert dataclasses.replace(note, text="u") == Note(kind="c", text="u", tags=("x",))
    assert dataclasses.asdict(Pair("a", "b")) == {"left": "a", "right": "b"}
    assert pickle.loads(pickle.dumps(note)) == note
    assert pickle.loads(pickle.dumps(Pair("a", "b"))) == Pair("a", "b")


def test_a_class_with_no_fields_equals_its_kind_only() -> None:
    assert Empty() == Empty()
    assert hash(Empty()) == hash(Empty())
    assert repr(Empty()) == "Empty()"


@frozen
class OwnEqualityOnly:
    name: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnEqualityOnly) and self.name.lower() == other.name.lower()


@dataclass(frozen=True)
class OwnEqualityOnlyTwin:
    """The same by the standard decorator: hashable all the same, on its fields."""

    name: str

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnEqualityOnlyTwin) and self.name.lower() == other.name.lower()


def test_an_own_equality_without_a_hash_is_hashed_as_dataclass_hashes_it() -> None:
    assert hash(OwnEqualityOnly("Sam")) == hash(OwnEqualityOnly("Sam"))
    assert hash(OwnEqualityOnlyTwin("Sam")) == hash(OwnEqualityOnlyTwin("Sam"))
    assert OwnEqualityOnly("Sam") == OwnEqualityOnly("SAM")


def test_methods_the_class_writes_itself_are_kept() -> None:
    assert OwnEquality("Sam") == OwnEquality("SAM")
    assert hash(OwnEquality("Sam")) == hash(OwnEquality("sam"))
    assert repr(OwnEquality("Sam")) == "OwnEquality(name='Sam')"


# ---------------------------------------------------------------------- __init__


@frozen
class Story:
    slug: str
    words: int = 0
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list, init=False)
    byline: str = field(default="", kw_only=True)
    desk: str = field(default="news", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", [f"{self.slug}:{self.words}"])


@dataclass(frozen=True)
class StoryTwin:
    slug: str
    words: int = 0
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list, init=False)
    byline: str = field(default="", kw_only=True)
    desk: str = field(default="news", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", [f"{self.slug}:{self.words}"])


def build(cls: type[Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    try:
        return cls(*args, **kwargs)
    except TypeError:
        return TypeError


calls = st.tuples(
    st.lists(st.one_of(st.text(max_size=3), st.integers(0, 9)), max_size=4).map(tuple),
    st.dictionaries(
        st.sampled_from(["slug", "words", "tags", "notes", "byline", "desk", "other"]),
        st.one_of(st.text(max_size=3), st.integers(0, 9), st.lists(st.text(max_size=2))),
        max_size=4,
    ),
)


@given(calls)
def test_it_takes_and_refuses_the_arguments_a_dataclass_would(
    call: tuple[tuple[Any, ...], dict[str, Any]],
) -> None:
    args, kwargs = call
    made, twin = build(Story, args, kwargs), build(StoryTwin, args, kwargs)
    if twin is TypeError:
        assert made is TypeError
        return
    assert made is not TypeError
    assert dataclasses.astuple(made) == dataclasses.astuple(twin)
    assert list(vars(made)) == [f.name for f in dataclasses.fields(Story) if f.name != "desk"]
    assert made.desk == "news"


def test_defaults_are_fresh_for_each_instance_and_errors_name_the_class() -> None:
    one, other = Story("a"), Story("b")
    assert one.tags == other.tags == []
    assert one.tags is not other.tags
    assert (one.notes, other.notes) == (["a:0"], ["b:0"])
    too_few: tuple[Any, ...] = ()
    too_many: tuple[Any, ...] = ("a", 1, [], "x")
    twice: dict[str, Any] = {"slug": "b"}
    for args, kwargs in ((too_few, {}), (too_many, {}), (("a",), twice)):
        with pytest.raises(TypeError, match=r"^Story\.__init__\(\)"):
            Story(*args, **kwargs)
    with pytest.raises(TypeError, match="unexpected keyword argument 'desk'"):
        Story("a", desk="sports")  # type: ignore[call-arg]
