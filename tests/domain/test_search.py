"""Search's pure rules: matches placed in paragraphs and sentences, headlines read from
front matter, the old wordings a change replaces."""

from __future__ import annotations

import pytest

from corrections.domain.search import RawMatch, headline_of, locate_matches


def test_locate_matches_counts_paragraphs_after_a_top_notes_block() -> None:
    text = (
        "---\nheadline: X\n---\n"
        "<!-- corrections:notes -->\nThis article was corrected: the vote was 6-3.\n"
        "<!-- /corrections:notes -->\n\n"
        "First paragraph.\n\nThe vote was 6-3. It passed. The vote was close.\n"
    )
    lines = text.split("\n")
    matches = [
        RawMatch(number, line.encode().find(b"vote") + 1, 4)
        for number, line in enumerate(lines, start=1)
        if "vote" in line
    ]
    matches.append(RawMatch(len(lines) - 1, lines[-2].encode().rfind(b"vote") + 1, 4))
    hits = locate_matches("x", "X", text, matches)
    assert [(h.paragraph, h.marked()) for h in hits] == [
        (2, "The {+vote+} was 6-3."),
        (2, "The {+vote+} was close."),
    ]
    with_notes = locate_matches("x", "X", text, matches, include_notes=True)
    assert [h.where for h in with_notes] == ["notes", "body", "body"]


def test_locate_matches_counts_characters_not_bytes() -> None:
    text = "---\nheadline: X\n---\nCafé owner Zoë Müller said «yes». Next.\n"
    line = text.split("\n")[3]
    column = line.encode().find("Müller".encode()) + 1
    [hit] = locate_matches("x", "X", text, [RawMatch(4, column, len("Müller".encode()))])
    assert hit.marked() == "Café owner Zoë {+Müller+} said «yes»."


@pytest.mark.parametrize(
    ("front", "headline"),
    [
        ("headline: Plain words\n", "Plain words"),
        ('headline: "Quoted: yes"\n', "Quoted: yes"),
        ("headline: 'It''s here'\n", "It's here"),
        ('headline: "Escaped \\" quote"\n', None),
        ("headline: >\n  folded\n", None),
        ("title: none\n", None),
    ],
)
def test_headline_of(front: str, headline: str | None) -> None:
    assert headline_of(front) == headline


def test_old_wordings_widen_short_phrases() -> None:
    from corrections.domain.diff import diff_texts, summarize
    from corrections.domain.search import old_wordings

    old = (
        "The council voted 7-2 on Monday. The mayor, John Smith, agreed.\n\n"
        "The budget is $4.5 million. Paris is nice.\n"
    )
    new = (
        "The council voted 6-3 on Monday. The mayor, Jon Smith, agreed.\n\n"
        "The budget is $5.5 million. London is nice. A new sentence.\n"
    )
    assert old_wordings(summarize(diff_texts(old, new))) == [
        "voted 7-2",
        "John Smith",
        "$4.5 million",
        "Paris",
    ]
    # Only added text: nothing is replaced, nothing to look for.
    assert old_wordings(summarize(diff_texts(old, old + "\nMore.\n"))) == []
