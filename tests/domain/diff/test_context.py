"""Folding unchanged sentences around a change, and naming where the changes are."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from corrections.domain.diff import (
    Folded,
    Segment,
    change_places,
    describe_places,
    diff_texts,
    folded_segments,
    render_side_by_side,
    render_words,
    trim_context,
)

ARGENTINA_OLD = (
    "Mr. Xi welcomed Mr. Putin in Beijing. The two leaders spoke for three hours. "
    "They signed twelve agreements on energy and trade. The BRICS group, which Argentina "
    "had been invited to join, met in Kazan. Its members pledged closer ties on defence.\n"
)
ARGENTINA_NEW = ARGENTINA_OLD.replace(
    "on defence.\n", "on defence. (Argentina withdrew its candidacy in December.)\n"
)


def _pieces(old: str, new: str, context: int = 1) -> tuple[Segment | Folded, ...]:
    diff = diff_texts(old, new)
    (block,) = [b for b in diff.blocks if b.kind == "replace"]
    return trim_context(block.segments, context)


def _shown(pieces: tuple[Segment | Folded, ...]) -> str:
    return "".join(p.shown if isinstance(p, Folded) else p.text for p in pieces)


def test_a_sentence_added_at_the_end_keeps_one_sentence_before_it() -> None:
    pieces = _pieces(ARGENTINA_OLD, ARGENTINA_NEW)
    assert _shown(pieces) == (
        "… Its members pledged closer ties on defence. "
        "(Argentina withdrew its candidacy in December.)\n"
    )
    (folded,) = [p for p in pieces if isinstance(p, Folded)]
    assert folded.count == 4
    assert folded.text.startswith("Mr. Xi welcomed")  # "Mr." does not end a sentence


def test_a_change_in_the_middle_keeps_a_sentence_on_each_side() -> None:
    new = ARGENTINA_OLD.replace("twelve agreements", "11 agreements")
    shown = _shown(_pieces(ARGENTINA_OLD, new))
    # (Removed and added words are both in the pieces: "twelve" then "11".)
    assert shown == (
        "… The two leaders spoke for three hours. They signed twelve11 agreements"
        " on energy and trade. The BRICS group, which Argentina had been invited to join,"
        " met in Kazan. …\n"
    )


def test_more_context_and_short_paragraphs_fold_nothing() -> None:
    new = ARGENTINA_OLD.replace("twelve agreements", "11 agreements")
    diff = diff_texts(ARGENTINA_OLD, new)
    (block,) = [b for b in diff.blocks if b.kind == "replace"]
    assert trim_context(block.segments, 5) == block.segments
    short = _pieces("One. Two.\n", "One. Three.\n")
    assert not any(isinstance(p, Folded) for p in short)


def test_two_changes_far_apart_fold_the_middle_once() -> None:
    text = " ".join(f"Sentence {n} is here." for n in range(1, 11)) + "\n"
    new = text.replace("Sentence 1 ", "Line 1 ").replace("Sentence 10 ", "Line 10 ")
    pieces = _pieces(text, new)
    folds = [p for p in pieces if isinstance(p, Folded)]
    assert [f.count for f in folds] == [6]
    assert "Sentence 2 is here. … Sentence 9 is here." in _shown(pieces)


def test_change_places_and_their_description() -> None:
    old = "".join(f"Paragraph {n}.\n\n" for n in range(1, 25))
    new = old.replace("Paragraph 18.", "Paragraph eighteen.").replace(
        "Paragraph 21.", "Paragraph 21. Added."
    )
    places = change_places(diff_texts(old, new))
    assert [p.paragraph for p in places] == [18, 21]
    labels = [f"paragraph {p.paragraph}" for p in places]
    assert describe_places(labels, 0) == "2 changes · paragraphs 18, 21 · change 1 of 2"
    assert describe_places(labels[:1]) == "1 change · paragraph 18"
    assert describe_places(["headline", "paragraph 3"], 1) == (
        "2 changes · headline, paragraph 3 · change 2 of 2"
    )
    many = [f"paragraph {n}" for n in range(1, 10)]
    assert describe_places(many) == "9 changes · paragraphs 1, 2, 3, 4, 5, 6, …"
    assert describe_places([]) == "No change."


def test_a_moved_paragraph_counts_once_where_it_went() -> None:
    old = "Alpha one is long enough.\n\nBeta two.\n\nGamma three.\n\nDelta four.\n"
    new = "Beta two.\n\nGamma three.\n\nDelta four.\n\nAlpha one is long enough.\n"
    places = change_places(diff_texts(old, new))
    assert len(places) <= 2
    assert places[-1].paragraph == 4


WORDS = st.sampled_from(
    ["Mr.", "Putin", "said", "U.S.", "13.5", "The", "vote", "was", "7-2.", "It", "rained.",
     "“Yes.”", "(No.)", "a", "b", "…", "?", "!", "\n", "  "]
)  # fmt: skip
sentence_text = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)
segments = st.lists(
    st.tuples(st.sampled_from(["equal", "equal", "delete", "insert"]), sentence_text),
    min_size=1,
    max_size=12,
).map(lambda items: tuple(Segment(kind, text) for kind, text in items))  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(segments, st.integers(min_value=0, max_value=3))
def test_trimming_never_drops_a_changed_token(segs: tuple[Segment, ...], context: int) -> None:
    pieces = trim_context(segs, context)
    # Nothing is lost: the pieces spell the segments exactly...
    assert "".join(p.text for p in pieces) == "".join(s.text for s in segs)
    # ...every change is still there, in order, as a change...
    changes = [(s.kind, s.text) for s in segs if s.kind != "equal" and s.text]
    kept = [(p.kind, p.text) for p in pieces if isinstance(p, Segment) and p.kind != "equal"]
    assert kept == changes
    # ...and only unchanged text is folded, never next to another fold.
    for a, b in itertools.pairwise(pieces):
        assert not (isinstance(a, Folded) and isinstance(b, Folded))
    for piece in pieces:
        if isinstance(piece, Folded):
            assert piece.count >= 1
            assert piece.text


def test_plain_renderings_fold_sentences_when_asked() -> None:
    new = ARGENTINA_OLD.replace("twelve agreements", "11 agreements")
    diff = diff_texts(ARGENTINA_OLD, new)
    assert render_words(diff) == f"@@ paragraph 1 @@\n{ARGENTINA_OLD}".replace(
        "twelve", "[-twelve-]{+11+}"
    )
    assert render_words(diff, context_sentences=0) == (
        "@@ paragraph 1 @@\n… They signed [-twelve-]{+11+} agreements on energy and trade. …\n"
    )
    side = render_side_by_side(diff, width=80, context_sentences=0)
    assert "Mr. Xi" not in side
    first, second = side.splitlines()
    assert first.startswith("- … They signed [-twelve-]")
    assert "│ + … They signed {+11+}" in first
    # A fold is no change: the line holding only a fold and unchanged words has no mark.
    assert second.startswith("  on energy and trade. …")
    assert "│   energy and trade. …" in second
    whole = folded_segments(diff, 0)
    assert "".join(p.text for p in whole) == "".join(s.text for s in diff.segments())
