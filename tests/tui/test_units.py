"""The TUI's pure parts: undoing TextArea rewrites, rendering diffs, table rows, the table."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets.text_area import Document

from corrections.domain.article_diff import diff_articles
from corrections.domain.catalog import ArticleSummary
from corrections.tui import render
from corrections.tui.editing import as_text_area, restore
from corrections.tui.tables import article_table
from corrections.tui.widgets.row_table import RowTable

# ---------------------------------------------------------------------- editing

PIECES = [*"ab \t", "\r", "\n", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_untouched_text_restores_exactly(original: str) -> None:
    assert as_text_area(original) == Document(original).text
    assert restore(original, Document(original).text) == original


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, st.integers(0, 50), st.integers(0, 50))
def test_restored_edit_reads_as_the_editor_left_it(
    original: str, typed: str, a: int, b: int
) -> None:
    document = Document(original)
    size = len(document.text)
    start, end = sorted((min(a, size), min(b, size)))
    document.replace_range(
        document.get_location_from_index(start), document.get_location_from_index(end), typed
    )
    restored = restore(original, document.text)
    assert Document(restored).lines == document.lines


def test_untouched_lines_keep_their_endings() -> None:
    original = "one\r\ntwo\u2028three\r\nfour"
    edited = Document(original).text.replace("four", "FOUR")
    assert restore(original, edited) == "one\r\ntwo\u2028three\r\nFOUR"


# ---------------------------------------------------------------------- rendering


def _diff(old: str, new: str) -> str:
    head = "---\nheadline: H\npublished: 2026-01-01\n---\n"
    result = diff_articles((head + old).encode(), (head + new).encode(), "a", "b")
    return render.inline_diff(result).plain


def test_inline_diff_marks_changes_without_colour() -> None:
    assert _diff("The vote was 7-2.\n", "The vote was 6-3.\n") == "The vote was [-7-2-]{+6-3+}."
    assert "{+Added.+}" in _diff("One.\n", "One.\n\nAdded.\n")
    assert "[-One.-]" in _diff("One.\n\nTwo.\n", "Two.\n")


def test_inline_diff_styles_insertions_and_deletions() -> None:
    head = "---\nheadline: H\npublished: 2026-01-01\n---\n"
    result = diff_articles((head + "a b\n").encode(), (head + "a c\n").encode(), "a", "b")
    content = render.inline_diff(result)
    styles = {str(span.style) for span in content.spans}
    assert render.DELETE_STYLE in styles
    assert render.INSERT_STYLE in styles


def test_side_by_side_has_gutters() -> None:
    head = "---\nheadline: H\npublished: 2026-01-01\n---\n"
    result = diff_articles(
        (head + "The vote was 7-2.\n").encode(), (head + "The vote was 6-3.\n").encode(), "a", "b"
    )
    lines = render.side_by_side(result, 80).plain.split("\n")
    assert lines[0].startswith("- The vote was [-7-2-].")
    assert "│ + The vote was {+6-3+}." in lines[0]


def test_diff_layouts_name_their_changes_and_fold_sentences() -> None:
    head = "---\nheadline: {}\npublished: 2026-01-01\n---\n"
    long = "One is here. Two is here. Three is here. Four is here.\n"
    body = "".join(f"Paragraph {n}.\n\n" for n in range(1, 6)) + long
    old = (head.format("Old words") + body).encode()
    new_body = body.replace("Paragraph 2.", "Paragraph two.").replace("Four is", "Four was")
    result = diff_articles(old, (head.format("New words") + new_body).encode(), "a", "b")

    layout = render.inline_layout(result)
    assert layout.places == ("headline", "paragraph 2", "paragraph 6")
    shown = [part.plain for part in layout.parts]
    assert shown[layout.targets[0]].startswith("headline changed: [-Old-]{+New+}")
    assert shown[layout.targets[1]] == "Paragraph [-2-]{+two+}."
    # In the long paragraph, the first two sentences fold into one "…".
    assert shown[layout.targets[2]] == "… Three is here. Four [-is-]{+was+} here."
    assert layout.folded == 1
    assert shown[layout.targets[2]][layout.anchors[2] :].startswith("[-is-]")
    fold = layout.parts[layout.targets[2]]
    assert any(str(span.style) == render.FOLD_STYLE for span in fold.spans)
    whole = render.inline_layout(result, sentences=None)
    assert whole.parts[whole.targets[2]].plain.startswith("One is here.")
    assert whole.folded == 0

    side = render.side_by_side_layout(result, 100)
    assert side.places == layout.places
    row = side.parts[side.targets[2]].plain
    assert row.startswith("- … Three is here. Four [-is-]")
    assert side.folded == 2  # one on each side


def test_headline_changes_are_named() -> None:
    old = b"---\nheadline: Old words\npublished: 2026-01-01\n---\nBody.\n"
    new = b"---\nheadline: New words\npublished: 2026-01-01\n---\nBody.\n"
    text = render.inline_diff(diff_articles(old, new, "a", "b")).plain
    assert text.startswith("headline changed: [-Old-]{+New+} words")


def test_editor_line_keeps_one_character_per_character() -> None:
    line = "a\x1b]8;;x\x1b\\b\u202ec\x9b"
    shown = render.editor_line(line)
    assert len(shown.plain) == len(line)
    assert "\x1b" not in shown.plain
    assert "\u202e" not in shown.plain
    assert shown.plain.startswith("a␛]8;;x␛\\b")


def test_palette_entry_is_plain_text() -> None:
    content = render.highlighted("[bold]x[/bold] headline", "headline", "slug")
    assert content.plain == "[bold]x[/bold] headline  slug"


# ---------------------------------------------------------------------- tables


def _summaries(count: int) -> list[ArticleSummary]:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return [
        ArticleSummary(
            slug=f"story-{n:05d}",
            headline=f"Story {n} about {'the budget' if n % 2 else 'the vote'}",
            section=None,
            published=None,
            versions=1,
            updated=start + dt.timedelta(hours=n),
            blob="0" * 40,
        )
        for n in range(count)
    ]


def test_articles_newest_first() -> None:
    table = article_table(_summaries(3))
    assert list(table.keys) == ["story-00002", "story-00001", "story-00000"]
    assert table.cells(table.items[0])[-1] == "…"  # counts not loaded yet


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(id="table")


@pytest.mark.asyncio
async def test_table_filters_and_keeps_the_row() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.query_one(RowTable)
        table.show(article_table(_summaries(100_000)))
        await pilot.pause()
        assert table.row_count == 100_000
        table.action_move(2)
        key = table.current_key
        table.filter("budget")
        assert table.row_count == 50_000
        assert table.current_key == key
        table.filter("budget 99")
        assert all("99" in table.data.keys[row] for row in table.shown)
        table.filter("nothing like this")
        assert table.row_count == 0
        assert table.current_key is None
        await pilot.pause()
        assert "Nothing to show." in table.render_line(1).text
        table.filter("")
        assert table.row_count == 100_000


def test_the_help_is_built_from_the_screens_bindings(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.binding import Binding

    from corrections.tui.screens import help as help_screen
    from corrections.tui.screens.review import ReviewScreen

    assert help_screen.key_label("f1,question_mark") == "F1  ?"
    assert help_screen.key_label("ctrl+s") == "Ctrl+S"
    assert help_screen.key_label("N") == "N"
    before = help_screen.help_text().plain
    assert "approve (with a comment)" in before  # a tooltip is the help's wording
    added = Binding("z", "noop", "Zoom", tooltip="zoom into the change")
    monkeypatch.setattr(ReviewScreen, "BINDINGS", [*ReviewScreen.BINDINGS, added])
    after = help_screen.help_text().plain
    assert "zoom into the change" not in before
    assert "  z                   zoom into the change" in after
