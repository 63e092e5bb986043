"""Matching long sequences: cut at anchors found once on each side, still a true edit script."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from corrections.domain.diff import apply_diff, diff_texts
from corrections.domain.diff.matcher import ANCHOR_ABOVE, Opcode, matcher, opcodes


def replayed(a: Sequence[str], b: Sequence[str], ops: list[Opcode]) -> list[str]:
    """``b`` rebuilt from ``a`` by the opcodes, checking that they tile both sides."""
    out: list[str] = []
    at_a = at_b = 0
    for tag, a1, a2, b1, b2 in ops:
        assert (a1, b1) == (at_a, at_b), ops
        if tag == "equal":
            assert list(a[a1:a2]) == list(b[b1:b2])
        else:
            assert (a2 - a1) + (b2 - b1) > 0
        out += b[b1:b2]
        at_a, at_b = a2, b2
    assert (at_a, at_b) == (len(a), len(b))
    return out


items = st.lists(st.sampled_from("abcdefghij"), max_size=40) | st.lists(
    st.integers(0, 200).map(str), max_size=40, unique=True
)


@given(items, items)
@settings(max_examples=300)
def test_anchored_matching_is_an_edit_script(a: list[str], b: list[str]) -> None:
    # A tiny threshold sends every sequence through the anchors, gaps and all.
    ops = opcodes(a, b, anchor_above=2)
    assert replayed(a, b, ops) == b
    # Equal stretches that meet are one opcode, as difflib gives them.
    for first, second in itertools.pairwise(ops):
        assert not (first[0] == second[0] == "equal")


@given(items, items)
def test_short_sequences_are_matched_as_difflib_matches_them(a: list[str], b: list[str]) -> None:
    assert opcodes(a, b) == matcher(a, b).get_opcodes()


def test_items_found_once_on_each_side_anchor_the_match() -> None:
    old = [f"s{i}" for i in range(3000)]
    new = [f"t{i}" if i % 2 else f"s{i}" for i in range(3000)]  # every other one replaced
    ops = opcodes(old, new)
    assert replayed(old, new, ops) == new
    equal = sum(a2 - a1 for tag, a1, a2, _, _ in ops if tag == "equal")
    assert equal == 1500  # every unchanged item is matched
    assert min(len(old), len(new)) > ANCHOR_ABOVE


def test_a_paragraph_of_thousands_of_edited_sentences_is_diffed_word_by_word() -> None:
    old = " ".join(f"Word{i} is here today." for i in range(5000))
    new = " ".join(
        (f"Term{i} is here today." if i % 2 else f"Word{i} is here today.") for i in range(5000)
    )
    diff = diff_texts(old, new)
    assert apply_diff(old, diff) == new
    (block,) = diff.blocks
    changed = [s.text for s in block.segments if s.kind != "equal"]
    assert "Word1" in changed
    assert "Term1" in changed
    assert "Word4999" in changed
    assert "Term4999" in changed
    assert all(" is here today" not in text for text in changed)  # only the words that differ


def test_a_long_run_of_repeated_words_is_still_an_edit_script() -> None:
    # Lower case: one "sentence" of thousands of words, where no token is found once on both
    # sides inside the edited stretch (difflib alone takes minutes here).
    old = " ".join(f"word{i} is here." for i in range(6000))
    new = old.replace("word5", "term5")
    assert apply_diff(old, diff_texts(old, new)) == new
