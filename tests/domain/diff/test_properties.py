"""Property tests: any diff replays exactly, spells both texts, and renders safely."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corrections.domain.diff import (
    apply_diff,
    diff_texts,
    diff_to_json,
    render_side_by_side,
    render_words,
    side_by_side_rows,
    summarize,
)

# Pieces chosen to hit every awkward case: line endings git and str.splitlines disagree on,
# combining accents (NFC and NFD), zero-width and bidi characters, terminal escapes,
# abbreviations and sentence ends, wide characters.
PIECES = [
    "alpha", "Beta", "gamma", "delta", "Mr.", "U.S.", "13.5", "$2.40", "café", "cafe\u0301",
    "e\u0301", "\u0301", "中文", " ", " ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\r\n",
    "\r\n\r\n", "\r", "\u2028", "\x0c", "\x1c", "\u200b", "\u200d", "\ufeff", "\u202e", "\u2066",
    ".", ". ", ",", "(", ")", "“", "”", "?", "\x1b[31m", "\x1b]8;;x\x07", " \n", "\n \n",
]  # fmt: skip

piece = st.sampled_from(PIECES)
texts = st.lists(piece, max_size=40).map("".join)
paragraph = st.lists(st.sampled_from([*PIECES[:14], " ", ". ", ","]), min_size=1, max_size=8).map(
    "".join
)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one made from it by a few edits, so most of it is shared."""
    old = draw(st.lists(piece, max_size=60))
    new = list(old)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        at = draw(st.integers(0, len(new)))
        if op == "insert":
            new.insert(at, draw(piece))
        elif new and at < len(new):
            if op == "delete":
                del new[at]
            else:
                new[at] = draw(piece)
    return "".join(old), "".join(new)


@st.composite
def shuffled_paragraphs(draw: st.DrawFn) -> tuple[str, str]:
    """Texts whose paragraphs are reordered, dropped, added and edited: moves and pairing."""
    paras = draw(st.lists(paragraph, min_size=1, max_size=8))
    seps = st.sampled_from(["\n\n", "\n\n\n", "\r\n\r\n", "\n \n"])
    new = draw(st.permutations(paras))
    new = [p for p in new if draw(st.booleans()) or len(new) == 1]
    new += draw(st.lists(paragraph, max_size=2))
    end_old, end_new = draw(st.sampled_from(["", "\n"])), draw(st.sampled_from(["", "\n"]))
    old_text = "".join(p + draw(seps) for p in paras[:-1]) + paras[-1] + end_old
    new_text = "".join(p + draw(seps) for p in new[:-1]) + (new[-1] if new else "") + end_new
    return old_text, new_text


pairs = st.one_of(st.tuples(texts, texts), edited_pairs(), shuffled_paragraphs())


def _check(old: str, new: str) -> None:
    diff = diff_texts(old, new)
    assert diff.old == old
    assert diff.new == new
    assert apply_diff(old, diff) == new
    segments = diff.segments()
    assert "".join(s.text for s in segments if s.kind != "insert") == old
    assert "".join(s.text for s in segments if s.kind != "delete") == new
    assert all(s.text for s in segments)
    assert all(a.kind != b.kind for a, b in itertools.pairwise(segments))
    # Blocks tile both texts, and their offsets say where.
    assert "".join(b.old_text for b in diff.blocks if b.move_side != "to") == old
    assert "".join(b.new_text for b in diff.blocks) == new
    for b in diff.blocks:
        assert old[b.old_start : b.old_start + len(b.old_text)] == b.old_text
        assert new[b.new_start : b.new_start + len(b.new_text)] == b.new_text
    assert diff.changed == (old != new)
    assert {(m.from_paragraph, m.to_paragraph) for m in diff.moves} == {
        (b.move.from_paragraph, b.move.to_paragraph) for b in diff.blocks if b.move
    }


@settings(max_examples=400, deadline=None)
@given(pairs)
def test_apply_and_segments_reproduce_both_texts(pair: tuple[str, str]) -> None:
    _check(*pair)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("", "a"),
        ("a", ""),
        ("a", "a\n"),
        ("a\r\n", "a\n"),
        ("\n\n", ""),
        ("\n\nx", "x"),
        ("x\n\n\n", "x"),
        ("A\n\nB\n\nC", "C\n\nA\n\nB"),
        ("A\n\nB\n\nC\n", "B\n\nC\n\nA"),
        ("A\n\nB", "A\n\nB\n\nA"),
        ("A\n\nA\n\nB", "B\n\nA"),
        ("e\u0301\n\n\u0301", "é\n\n"),
    ],
)
def test_edge_cases_replay(old: str, new: str) -> None:
    _check(old, new)


@settings(max_examples=150, deadline=None)
@given(pairs)
def test_renderings_are_safe_and_never_silent(pair: tuple[str, str]) -> None:
    old, new = pair
    diff = diff_texts(old, new)
    outputs = [
        render_words(diff),
        render_words(diff, context_paragraphs=None),
        render_side_by_side(diff, width=50),
    ]
    for out in outputs:
        assert "\x1b" not in out
        assert "\x07" not in out
        assert "\r" not in out
        assert "\u202e" not in out
        assert bool(out) == diff.changed
    if diff.changed:
        # Something changed, so a marker must show it, however invisible the change.
        assert any(m in outputs[0] for m in ("[-", "{+"))
    for row in side_by_side_rows(diff):
        assert {s.kind for s in row.left} <= {"equal", "delete"}
        assert {s.kind for s in row.right} <= {"equal", "insert"}
    json.dumps(diff_to_json(diff))
    for change in summarize(diff):
        assert change.paragraph >= 1
        assert change.old_sentence or change.new_sentence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(pairs, texts)
def test_apply_refuses_a_different_old_text(pair: tuple[str, str], other: str) -> None:
    old, new = pair
    diff = diff_texts(old, new)
    if other == old:
        assert apply_diff(other, diff) == new
    else:
        with pytest.raises(ValueError):
            apply_diff(other, diff)
