"""The diff engine on hand-made examples: blocks, segments, renderings, moves, fields, JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from corrections.domain.diff import (
    Segment,
    TextDiff,
    apply_diff,
    diff_fields,
    diff_texts,
    diff_to_json,
    field_changes_to_json,
    render_side_by_side,
    render_words,
    side_by_side_rows,
    split_lines,
    split_paragraphs,
    summarize,
)
from corrections.domain.diff.sidebyside import text_width

SEED = Path("/work/shared/seeds/globe-and-mail-putin-xi-2024.txt")
ADDED = " (Argentina withdrew its candidacy in December.)"


def sides(diff: TextDiff) -> tuple[str, str]:
    segs = diff.segments()
    old = "".join(s.text for s in segs if s.kind != "insert")
    new = "".join(s.text for s in segs if s.kind != "delete")
    return old, new


# --- lines and paragraphs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("a", ["a"]),
        ("a\n", ["a\n"]),
        ("a\nb", ["a\n", "b"]),
        ("a\r\nb\r\n", ["a\r\n", "b\r\n"]),
        ("a\u2028b\x0cc\x1cd\re\n", ["a\u2028b\x0cc\x1cd\re\n"]),
        ("\n\n", ["\n", "\n"]),
    ],
)
def test_split_lines_is_git_style(text: str, expected: list[str]) -> None:
    assert split_lines(text) == expected
    assert "".join(split_lines(text)) == text


def test_paragraph_chunks_tile_the_text_and_own_their_blank_lines() -> None:
    text = "\n\nFirst line\nsecond line  \n \n\nSecond para\r\n\r\nThird"
    chunks = split_paragraphs(text)
    pieces = [text[c.start : c.end] for c in chunks]
    bodies = [text[c.body_start : c.body_end] for c in chunks]
    assert "".join(pieces) == text
    assert bodies == ["First line\nsecond line", "Second para", "Third"]
    assert split_paragraphs("") == []
    only_blank = split_paragraphs("\n \n")
    assert len(only_blank) == 1
    assert only_blank[0].end == 3


# --- diff_texts / apply_diff ----------------------------------------------------------


def test_unchanged_text_is_one_equal_block_per_paragraph() -> None:
    text = "One.\n\nTwo.\n"
    diff = diff_texts(text, text)
    assert not diff.changed
    assert [b.kind for b in diff.blocks] == ["equal", "equal"]
    assert diff.segments() == [Segment("equal", text)]
    assert render_words(diff) == ""


def test_word_edit_inside_a_paragraph() -> None:
    old = "Intro.\n\nThe price of gas was $2.40 on Monday.\n\nOutro.\n"
    new = "Intro.\n\nThe price of gas was $1.40 on Monday.\n\nOutro.\n"
    diff = diff_texts(old, new)
    assert [b.kind for b in diff.blocks] == ["equal", "replace", "equal"]
    replace = diff.blocks[1]
    assert (replace.old_paragraph, replace.new_paragraph) == (2, 2)
    assert replace.old_start == old.index("The price")
    assert [s for s in replace.segments if s.kind != "equal"] == [
        Segment("delete", "$2.40"),
        Segment("insert", "$1.40"),
    ]
    assert apply_diff(old, diff) == new
    assert sides(diff) == (old, new)


def test_adjacent_word_changes_read_as_one_change() -> None:
    diff = diff_texts("say the quick brown fox", "say a slow red fox")
    assert render_words(diff, context_paragraphs=None) == (
        "say [-the quick brown-]{+a slow red+} fox\n"
    )


def test_inserted_and_deleted_paragraphs() -> None:
    old = "Alpha para.\n\nBeta para.\n"
    new = "Alpha para.\n\nNew words entirely here.\n\nBeta para.\n"
    diff = diff_texts(old, new)
    assert [b.kind for b in diff.blocks] == ["equal", "insert", "equal"]
    assert diff.blocks[1].new_paragraph == 2
    back = diff_texts(new, old)
    assert [b.kind for b in back.blocks] == ["equal", "delete", "equal"]
    assert back.blocks[1].old_paragraph == 2
    assert apply_diff(new, back) == old


def test_replaced_paragraph_runs_pair_by_similarity() -> None:
    old = "Keep.\n\nThe cabinet met on Monday to discuss the budget.\n\nEnd.\n"
    new = (
        "Keep.\n\nA wholly unrelated paragraph about football scores.\n\n"
        "The cabinet met on Tuesday to discuss the budget.\n\nEnd.\n"
    )
    diff = diff_texts(old, new)
    kinds = [(b.kind, b.old_paragraph, b.new_paragraph) for b in diff.blocks]
    assert kinds == [
        ("equal", 1, 1),
        ("insert", None, 2),
        ("replace", 2, 3),
        ("equal", 3, 4),
    ]
    assert apply_diff(old, diff) == new


def test_apply_diff_rebuilds_from_old_and_rejects_another_text() -> None:
    old, new = "One.\n\nTwo three.\n", "One.\n\nTwo four.\n"
    diff = diff_texts(old, new)
    assert apply_diff(old, diff) == new
    with pytest.raises(ValueError, match=r"differs|does not match"):
        apply_diff("One.\n\nTwo five.\n", diff)
    with pytest.raises(ValueError, match="longer"):
        apply_diff(old + "\nExtra.\n", diff)
    with pytest.raises(ValueError):
        apply_diff("", diff)


def test_apply_diff_uses_the_operations_not_the_stored_new_text() -> None:
    old, new = "a b c", "a x c"
    diff = diff_texts(old, new)
    forged = TextDiff(old, "something else", diff.blocks)
    assert apply_diff(old, forged) == new


def test_final_newline_and_empty_texts() -> None:
    for old, new in [("a", "a\n"), ("a\n", "a"), ("", "x\n"), ("x\n", ""), ("", "")]:
        diff = diff_texts(old, new)
        assert apply_diff(old, diff) == new
        assert sides(diff) == (old, new)
        assert diff.changed == (old != new)


# --- moves ----------------------------------------------------------------------------


def test_moved_paragraph_is_a_move_not_delete_and_insert() -> None:
    old = "First para here.\n\nSecond para here.\n\nThird para here.\n\nFourth para.\n"
    new = "Third para here.\n\nFirst para here.\n\nSecond para here.\n\nFourth para.\n"
    diff = diff_texts(old, new)
    assert len(diff.moves) == 1
    move = diff.moves[0]
    assert (move.from_paragraph, move.to_paragraph, move.text) == (3, 1, "Third para here.")
    kinds = [b.kind for b in diff.blocks]
    assert "delete" not in kinds
    assert "insert" not in kinds
    assert [b.move_side for b in diff.blocks if b.kind == "move"] == ["to", "from"]
    assert apply_diff(old, diff) == new
    assert sides(diff) == (old, new)
    text = render_words(diff, context_paragraphs=None)
    assert "{+Third para here.+} ⟨moved from paragraph 3⟩" in text
    assert "[-Third para here.-] ⟨moved to paragraph 1⟩" in text
    assert summarize(diff).changes == ()
    assert summarize(diff).moves == diff.moves


def test_move_ignores_whitespace_differences() -> None:
    old = "Alpha  beta gamma.\n\nMiddle one.\n\nEnd.\n"
    new = "Middle one.\n\nEnd.\n\nAlpha beta\ngamma.\n"
    diff = diff_texts(old, new)
    assert [(m.from_paragraph, m.to_paragraph) for m in diff.moves] == [(1, 3)]
    assert apply_diff(old, diff) == new


# --- render_words ---------------------------------------------------------------------


def test_render_words_markers_and_context() -> None:
    paragraphs = [f"Paragraph number {n}." for n in range(1, 9)]
    old = "\n\n".join(paragraphs) + "\n"
    new = old.replace("number 5", "number five")
    diff = diff_texts(old, new)
    assert render_words(diff) == (
        "@@ paragraph 4 @@\n"
        "Paragraph number 4.\n\n"
        "Paragraph number [-5-]{+five+}.\n\n"
        "Paragraph number 6.\n\n"
    )
    assert render_words(diff, context_paragraphs=0) == (
        "@@ paragraph 5 @@\nParagraph number [-5-]{+five+}.\n\n"
    )
    whole = render_words(diff, context_paragraphs=None)
    assert "@@" not in whole
    assert whole.startswith("Paragraph number 1.\n\n")
    assert whole.count("\n\n") == 7


def test_render_words_two_hunks() -> None:
    old = "\n\n".join(f"P{n} text." for n in range(1, 11)) + "\n"
    new = old.replace("P2 text", "P2 words").replace("P9 text", "P9 words")
    out = render_words(diff_texts(old, new))
    assert out.count("@@ paragraph") == 2
    assert "@@ paragraph 1 @@\n" in out
    assert "@@ paragraph 8 @@\n" in out
    assert "P5" not in out


def test_render_words_whole_paragraph_markers() -> None:
    diff = diff_texts("A.\n\nGone now.\n\nB.\n", "A.\n\nB.\n\nBrand new.\n")
    out = render_words(diff, context_paragraphs=None)
    assert out == "A.\n\n[-Gone now.-]\n\nB.\n\n{+Brand new.+}\n"


def test_terminal_escapes_never_reach_the_output() -> None:
    hostile = "Safe \x1b[2J\x1b]8;;http://evil.example\x07click\x1b]8;;\x07 end\x9b."
    diff = diff_texts("Safe words.\n", hostile + "\n")
    for out in (
        render_words(diff),
        render_words(diff, context_paragraphs=None),
        render_side_by_side(diff, width=80),
    ):
        assert "\x1b" not in out
        assert "\x07" not in out
        assert "\x9b" not in out
        assert "␛]8;;http://evil.example␇" in out
    rows = side_by_side_rows(diff)
    assert all("\x1b" not in s.text for r in rows for s in (*r.left, *r.right))


def test_escape_in_unchanged_text_is_also_shown() -> None:
    diff = diff_texts("Keep \x1b[31mred.\n\nOld.\n", "Keep \x1b[31mred.\n\nNew.\n")
    out = render_words(diff)
    assert "\x1b" not in out
    assert "Keep ␛[31mred." in out


# --- invisible changes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "kind", "marks"),
    [
        ("One line.\r\nTwo line.\r\n", "One line.\nTwo line.\n", "line-ending", "[-⏎CRLF-]{+⏎LF+}"),
        ("Two  spaces here.", "Two spaces here.", "whitespace", "[-··-]{+·+}"),
        ("No newline", "No newline\n", "whitespace", "{+⏎+}"),
        (
            "Un café noir.",
            "Un cafe\u0301 noir.",
            "unicode-normalization",
            "(NFC)-]{+cafe\u0301 (NFD)+}",
        ),
        ("Plain word.", "Plain\u200b word.", "zero-width", "{+<U+200B>+}"),
        ("Plain word.", "Plain word\u2060.", "zero-width", "{+<U+2060>+}"),
        ("abc def.", "abc \u202edef.", "bidi", "{+<U+202E>+}"),
        ("abc \u2066def\u2069.", "abc def.", "bidi", "[-<U+2066>-]"),
    ],
)
def test_invisible_changes_are_detected_and_shown(
    old: str, new: str, kind: str, marks: str
) -> None:
    diff = diff_texts(old, new)
    assert [i.kind for i in diff.invisible] == [kind]
    assert diff.invisible[0].paragraph == 1
    assert diff.invisible[0].description
    out = render_words(diff, context_paragraphs=None)
    assert marks in out
    assert apply_diff(old, diff) == new
    # A note is never drafted for a change nobody can see.
    assert summarize(diff).changes == ()
    assert summarize(diff).only_invisible


def test_whole_text_line_ending_conversion_is_not_an_empty_diff() -> None:
    old = "First para.\r\n\r\nSecond para\r\nwraps here.\r\n"
    new = old.replace("\r\n", "\n")
    diff = diff_texts(old, new)
    assert diff.changed
    assert {i.kind for i in diff.invisible} == {"line-ending"}
    assert [i.paragraph for i in diff.invisible] == [1, 2]
    assert "CRLF → LF" in diff.invisible[0].description
    out = render_words(diff)
    assert out == (
        "@@ paragraph 1 @@\n"
        "First para.[-⏎CRLF⏎CRLF-]{+⏎LF⏎LF+}\n\n"
        "Second para[-⏎CRLF-]{+⏎LF+}\nwraps here.[-⏎CRLF-]{+⏎LF+}\n"
    )
    assert render_side_by_side(diff).count("⏎CRLF") == 4


def test_hidden_character_smuggled_into_a_visible_edit_is_flagged() -> None:
    diff = diff_texts("He paid $2.40 today.", "He paid $1.40\u200b today.")
    assert [i.kind for i in diff.invisible] == ["zero-width"]
    assert "U+200B ZERO WIDTH SPACE" in diff.invisible[0].description
    assert "{+$1.40<U+200B>+}" in render_words(diff)


def test_visible_edit_alone_has_no_invisible_change() -> None:
    assert diff_texts("He paid $2.40.", "He paid $1.40.").invisible == ()


# --- summary --------------------------------------------------------------------------


def _seed() -> tuple[str, str]:
    new = SEED.read_text(encoding="utf-8")
    assert ADDED in new
    return new.replace(ADDED, ""), new


def test_seed_summary_is_one_inserted_sentence() -> None:
    old, new = _seed()
    diff = diff_texts(old, new)
    expected_paragraph = next(
        n for n, p in enumerate(new.split("\n\n"), 1) if p.startswith("Both China and Russia")
    )
    summary = summarize(diff)
    assert len(summary) == 1
    change = summary[0]
    assert change.kind == "inserted"
    assert change.new_sentence == "(Argentina withdrew its candidacy in December.)"
    assert change.paragraph == expected_paragraph == 21
    assert change.old_sentence == ""
    assert apply_diff(old, diff) == new
    words = render_words(diff)
    assert "defence.{+ (Argentina withdrew its candidacy in December.)+}" in words
    assert words.startswith("@@ paragraph 20 @@\n")


def test_replaced_phrase_is_minimal_whole_words() -> None:
    old = "Intro.\n\nShe gave the price of a litre of gas as $2.40. Another sentence stays.\n"
    new = "Intro.\n\nShe gave the price of a litre of gas as $1.40. Another sentence stays.\n"
    (change,) = summarize(diff_texts(old, new))
    assert change.kind == "replaced"
    assert change.paragraph == 2
    assert change.old_sentence == "She gave the price of a litre of gas as $2.40."
    assert change.new_sentence == "She gave the price of a litre of gas as $1.40."
    assert (change.old_phrase, change.new_phrase) == ("$2.40", "$1.40")


def test_summary_of_deleted_and_inserted_sentences_and_paragraphs() -> None:
    old = "Lead para.\n\nKeep this. Remove this claim entirely. Keep that.\n\nOld last para.\n"
    new = (
        "Lead para.\n\nKeep this. Keep that. Add a new fact.\n\n"
        "Old last para.\n\nNew para one. Two.\n"
    )
    summary = summarize(diff_texts(old, new))
    got = [(c.kind, c.paragraph, c.old_sentence or c.new_sentence) for c in summary]
    assert got == [
        ("deleted", 2, "Remove this claim entirely."),
        ("inserted", 2, "Add a new fact."),
        ("inserted", 4, "New para one."),
        ("inserted", 4, "Two."),
    ]


def test_summary_of_a_deleted_paragraph_counts_in_the_old_text() -> None:
    old = "One.\n\nTwo is going away now.\n\nThree.\n"
    new = "One.\n\nThree.\n"
    (change,) = summarize(diff_texts(old, new))
    assert (change.kind, change.paragraph) == ("deleted", 2)
    assert change.old_phrase == "Two is going away now."


# --- side by side ---------------------------------------------------------------------


def test_side_by_side_rows_are_structured_and_display_ready() -> None:
    old = "Same.\n\nThe cat sat.\n\nGone.\n"
    new = "Same.\n\nThe dog sat.\n"
    rows = side_by_side_rows(diff_texts(old, new))
    assert [r.kind for r in rows] == ["equal", "replace", "delete"]
    replace = rows[1]
    assert replace.left == (
        Segment("equal", "The "),
        Segment("delete", "cat"),
        Segment("equal", " sat."),
    )
    assert replace.right == (
        Segment("equal", "The "),
        Segment("insert", "dog"),
        Segment("equal", " sat."),
    )
    assert rows[2].right == ()
    assert rows[2].left == (Segment("delete", "Gone."),)


def test_side_by_side_elides_far_paragraphs() -> None:
    old = "\n\n".join(f"Para {n}." for n in range(1, 8)) + "\n"
    new = old.replace("Para 7.", "Para seven.")
    rows = side_by_side_rows(diff_texts(old, new), context_paragraphs=1)
    assert [r.kind for r in rows] == ["elided", "equal", "replace"]
    assert rows[0].note == "5 unchanged paragraphs"


def test_render_side_by_side_columns_markers_and_width() -> None:
    old = "Intro stays.\n\n" + "word " * 30 + "old ending.\n"
    new = "Intro stays.\n\n" + "word " * 30 + "new ending.\n"
    out = render_side_by_side(diff_texts(old, new), width=60)
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert all("│" in line for line in lines)
    changed = [line for line in lines if line.startswith("-")]
    assert len(changed) == 1
    assert "[-old-]" in changed[0]
    assert changed[0].split("│")[1].lstrip().startswith("+")
    assert "{+new+}" in changed[0]
    assert "Intro stays." in lines[0]


def test_render_side_by_side_wide_characters_keep_columns() -> None:
    out = render_side_by_side(diff_texts("中文字 old\n", "中文字 new\n"), width=40)
    first = out.splitlines()[0]
    # Each CJK character takes two cells: the divider sits at the same *cell*, not index.
    assert text_width(first[: first.index("│")]) == 2 + (40 - 7) // 2 + 1
    assert first.index("│") == 2 + (40 - 7) // 2 + 1 - 3


# --- fields and JSON ------------------------------------------------------------------


def test_field_changes_put_the_headline_first() -> None:
    old = {"slug": "a", "byline": "Staff", "headline": "Putin travels to China", "tags": ["x"]}
    new = {"slug": "a", "headline": "Putin visits China", "tags": ["x", "y"], "updated": 1}
    changes = diff_fields(old, new)
    assert [(c.name, c.kind) for c in changes] == [
        ("headline", "changed"),
        ("byline", "removed"),
        ("tags", "changed"),
        ("updated", "added"),
    ]
    headline = changes[0]
    assert [s for s in headline.segments if s.kind != "equal"] == [
        Segment("delete", "travels to"),
        Segment("insert", "visits"),
    ]
    assert changes[2].segments == ()
    assert json.loads(json.dumps(field_changes_to_json(changes)))[0]["name"] == "headline"


def test_field_type_change_counts() -> None:
    assert [c.name for c in diff_fields({"n": 1, "b": True}, {"n": True, "b": True})] == ["n"]
    assert diff_fields({"a": "x"}, {"a": "x"}) == ()


def test_diff_to_json_is_serialisable_and_complete() -> None:
    old, new = _seed()
    old = old + "\n\nMoved paragraph here.\n"
    new = "Moved paragraph here.\n\n" + new
    data = diff_to_json(diff_texts(old, new))
    round_trip = json.loads(json.dumps(data))
    assert round_trip["changed"] is True
    assert set(round_trip) == {"changed", "blocks", "segments", "summary", "invisible", "moves"}
    assert round_trip["summary"][0]["kind"] == "inserted"
    assert round_trip["moves"][0]["to_paragraph"] == 1
    kinds = {b["kind"] for b in round_trip["blocks"]}
    assert {"equal", "replace", "move"} <= kinds
    rebuilt_new = "".join(s["text"] for s in round_trip["segments"] if s["kind"] != "delete")
    assert rebuilt_new == new


# --- size -----------------------------------------------------------------------------


def test_fifty_thousand_character_paragraph_diffs() -> None:
    rng = random.Random(7)
    words = [f"word{rng.randrange(5000)}" for _ in range(7700)]
    sentences = [" ".join(words[k : k + 14]).capitalize() + "." for k in range(0, 7700, 14)]
    old = " ".join(sentences)
    assert len(old) > 50_000
    edited = old.split(" ")
    for k in range(100, len(edited), 400):
        edited[k] = "EDITED"
    new = " ".join(edited)
    diff = diff_texts(old, new)
    assert len(diff.blocks) == 1
    assert apply_diff(old, diff) == new
    edits = len(range(100, 7700, 400))
    assert sum(1 for s in diff.segments() if s.kind == "insert") == edits
    assert render_words(diff).count("{+EDITED+}") == edits


def test_long_rewritten_paragraph_is_diffed_sentence_by_sentence() -> None:
    rng = random.Random(11)
    sentences = [
        " ".join(f"w{rng.randrange(3000)}" for _ in range(12)).capitalize() + "."
        for _ in range(600)
    ]
    old = " ".join(sentences) + "\n"
    edited = [s.replace(" ", " x ", 1) if k % 2 else s for k, s in enumerate(sentences)]
    del edited[300]
    edited.insert(100, "An entirely new sentence appears here.")
    new = "\r\n".join(edited) + "\r\n"
    diff = diff_texts(old, new)
    assert len(diff.blocks) == 1
    assert apply_diff(old, diff) == new
    assert sides(diff) == (old, new)
    inserted = [s.text for s in diff.segments() if s.kind == "insert"]
    assert "An entirely new sentence appears here." in "".join(inserted)
    assert sum(1 for t in inserted if t.strip() == "x") == 300


def test_appending_and_removing_a_last_paragraph_leaves_the_one_before_unchanged() -> None:
    for old, new in [
        ("A para.\n\nB para.\n", "A para.\n\nB para.\n\nC para.\n"),
        ("A para.\n\nB para.", "A para.\n\nB para.\n\nC para."),
        ("A para.\n\nB para.\n\nC para.\n", "A para.\n\nB para.\n"),
    ]:
        diff = diff_texts(old, new)
        assert [b.kind for b in diff.blocks] in (
            ["equal", "equal", "insert"],
            ["equal", "equal", "delete"],
        )
        assert diff.invisible == ()
        assert apply_diff(old, diff) == new
        out = render_words(diff, context_paragraphs=None)
        assert out.startswith("A para.\n\nB para.\n\n")
        assert "⏎" not in out


def test_moving_the_last_paragraph_to_the_top() -> None:
    old, new = "A para.\n\nB para.\n\nC para.", "C para.\n\nA para.\n\nB para."
    diff = diff_texts(old, new)
    assert [(m.from_paragraph, m.to_paragraph) for m in diff.moves] == [(3, 1)]
    assert diff.invisible == ()
    assert apply_diff(old, diff) == new
    assert render_words(diff, context_paragraphs=None) == (
        "{+C para.+} ⟨moved from paragraph 3⟩\n\nA para.\n\nB para.\n\n"
        "[-C para.-] ⟨moved to paragraph 1⟩\n"
    )


def test_an_unchanged_front_matter_is_not_parsed_and_the_body_is_diffed() -> None:
    """Most corrections change only the body: the fields are the same when the front matter
    is the same byte for byte, even one YAML cannot read."""
    from corrections.domain.article_diff import diff_articles

    for front in ("headline: Budget passes\n", "headline: [not closed\n"):
        old = f"---\n{front}---\nThe council voted 7-2.\n".encode()
        new = f"---\n{front}---\nThe council voted 6-3.\n".encode()
        result = diff_articles(old, new, "articles/a.md", "articles/a.md")
        assert result.fields == ()
        assert result.body.changed
        assert "---" not in render_words(result.body)
    changed = diff_articles(
        b"---\nheadline: A\n---\nSame.\n", b"---\nheadline: B\n---\nSame.\n", "a.md", "a.md"
    )
    assert [f.name for f in changed.fields] == ["headline"]
