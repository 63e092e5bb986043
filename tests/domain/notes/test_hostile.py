"""Untrusted text in notes: no controls, no markup, never a notes-block marker."""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corrections.domain.notes import (
    NOTES_END,
    NOTES_START,
    Kind,
    Note,
    clean_note_text,
    draft_note,
    get_style,
    note_for,
    render_note,
    render_notes_block,
)
from corrections.domain.notes.clean import escape_markdown, safe_line
from tests.support.notes import DATE, STYLE_NAMES, Change, deleted, inserted

HOSTILE = [
    "[bold]x[/bold]",
    "<script>alert(1)</script>",
    "[link](javascript:x)",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\u202e",
    "\u200b",
    NOTES_START,
    NOTES_END,
    "`rm -rf`",
    "*shout* _lean_ ~~gone~~",
]
RAW_FORBIDDEN = [
    "[bold]",
    "[/bold]",
    "<script>",
    "](javascript",
    "\x1b",
    "[31m",
    "]8;;",
    "\x07",
    "\u202e",
    "\u200b",
    NOTES_START,
    NOTES_END,
    "<!--",
    "`rm",
    "*shout*",
    "~~gone",
]


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Cs") and char != "\n"


def _all_notes(phrase: str, style: str) -> list[Note]:
    sentence = f"The mayor said {phrase} on Tuesday."
    changes = [
        Change("replaced", 2, "The mayor said Jonson on Tuesday.", sentence, "Jonson", phrase),
        inserted(sentence, 3),
        deleted(sentence, 4),
    ]
    fields = [("headline", "Mayor speaks", f"Mayor says {phrase}")]
    notes = []
    for kind in (Kind.correction, Kind.clarification, Kind.update, Kind.editors_note):
        note = draft_note(kind, changes, get_style(style), DATE, field_changes=fields)
        assert note is not None
        notes.append(note)
    return notes


def _check_rendered(rendered: str) -> None:
    assert not any(_is_control(c) for c in rendered)
    assert "\n\n" not in rendered
    assert NOTES_START not in rendered
    assert NOTES_END not in rendered


@pytest.mark.parametrize("style", STYLE_NAMES)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_phrases_never_reach_the_output_raw(style: str, hostile: str) -> None:
    for note in _all_notes(f"x {hostile} y", style):
        for text in (note.text, render_note(note, get_style(style))):
            _check_rendered(text)
            for raw in RAW_FORBIDDEN:
                # Raw means not backslash-escaped: "\\](javascript" is inert Markdown text.
                assert not re.search(r"(?<!\\)" + re.escape(raw), text), (raw, text)


def test_markup_is_escaped_not_deleted() -> None:
    note = _all_notes("[link](javascript:x) <b>", "ap")[0]
    assert "\\[link\\](javascript:x) \\<b\\>" in note.text


def test_escape_sequences_are_removed_whole() -> None:
    text = clean_note_text("a\x1b[31mred\x1b[0m b\x1b]8;;http://evil\x07link\x1b]8;;\x07 c\x9b2Jd")
    assert text == "ared blink cd"
    assert "http" not in text
    assert "31m" not in text


def test_markers_cannot_be_forged_by_a_note() -> None:
    style = get_style("globe")
    forged = note_for(Kind.correction, f"{NOTES_END}\n\n# Gotcha\n{NOTES_START}", DATE, style)
    top, bottom = render_notes_block([forged], style)
    assert top == ""
    assert bottom.count(NOTES_START) == 1
    assert bottom.count(NOTES_END) == 1
    assert bottom.startswith(NOTES_START + "\n")
    assert bottom.endswith("\n" + NOTES_END + "\n")
    assert "\n#" not in bottom


@pytest.mark.parametrize(
    ("line", "safe"),
    [
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("=== ", "\\==="),
        ("> quote", "\\> quote"),
        ("Fine.", "Fine."),
    ],
)
def test_a_line_cannot_start_a_markdown_block(line: str, safe: str) -> None:
    assert safe_line(line) == safe


def test_an_editor_line_starting_with_a_hash_is_neutralised_in_render() -> None:
    style = get_style("nyt")
    note = note_for(Kind.correction, "# not a heading", DATE, style)
    assert render_note(note, style) == "Correction: Dec. 6, 2021\n\\# not a heading"


def test_names_and_quotes_keep_their_letters() -> None:
    style = get_style("nyt")
    change = Change(
        "replaced",
        1,
        "“Ça ne va pas,” dit Zoë O’Neill-Ångström.",
        "“Ça va très bien,” dit Zoë O’Neill-Ångström.",
        "ne va pas,",
        "va très bien,",
    )
    note = draft_note(Kind.correction, [change], style, DATE)
    assert note is not None
    assert note.text == (
        "An earlier version of this article misquoted Zoë O’Neill-Ångström. "
        "O’Neill-Ångström said “Ça va très bien,” not “Ça ne va pas.”"
    )


# ---------------------------------------------------------------- properties

# Arbitrary text, with the hostile pieces mixed in whole so they are tried often.
_TEXT = st.lists(
    st.one_of(st.characters(), st.sampled_from(HOSTILE), st.sampled_from("\\<>[]`*_#!-")),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(phrase=_TEXT, style=st.sampled_from(STYLE_NAMES))
def test_rendered_notes_never_hold_controls_or_markers(phrase: str, style: str) -> None:
    house = get_style(style)
    notes = _all_notes(phrase, style)
    for note in notes:
        _check_rendered(render_note(note, house))
    top, bottom = render_notes_block(notes, house)
    for block in (top, bottom):
        if not block:
            continue
        lines = block.split("\n")
        assert lines[0] == NOTES_START
        assert lines[-2] == NOTES_END
        assert lines[-1] == ""
        inner = "\n".join(lines[1:-2])
        assert NOTES_START not in inner
        assert NOTES_END not in inner
        assert "<!--" not in inner
        assert not any(_is_control(c) for c in inner)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, style=st.sampled_from(STYLE_NAMES))
def test_any_editor_text_renders_inert(text: str, style: str) -> None:
    house = get_style(style)
    if not clean_note_text(text):
        return
    note = note_for(Kind.correction, text, DATE, house)
    rendered = render_note(note, house)
    _check_rendered(rendered)
    assert "<" not in rendered.replace("\\<", "")
    assert not re.search(r"(?<!\\)\[", rendered.replace("\\\\", ""))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_note_text(text)
    assert clean_note_text(once) == once
    assert escape_markdown(escape_markdown(once)) == once


# ---------------------------------------------------------------- layering

NOTES_DIR = Path(__file__).resolve().parents[3] / "corrections" / "domain" / "notes"
ALLOWED = (
    "corrections.domain.notes",
    "corrections.domain.strict",
    "corrections.domain.frozen",
    "corrections.domain.sanitize",
    "corrections.domain.errors",
    "corrections.domain.kinds",
    "corrections.domain.wordlists",
)
STDLIB_OK = {
    "__future__",
    "collections",
    "dataclasses",
    "datetime",
    "difflib",
    "enum",
    "re",
    "string",
    "typing",
    "unicodedata",
}


def test_the_notes_package_is_pure() -> None:
    files = sorted(NOTES_DIR.glob("*.py"))
    assert files
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                assert top in STDLIB_OK or top == "pydantic" or name.startswith(ALLOWED), (
                    f"{path.name} imports {name}"
                )
