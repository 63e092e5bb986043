"""A group's replacements: the wordings a change replaces, applied to other articles as
whole words in the body only."""

from __future__ import annotations


def test_replacements_are_whole_words_in_the_body() -> None:
    from corrections.domain.diff import diff_texts, summarize
    from corrections.domain.groups import apply_replacements, replacements

    old = "The council voted 7-2 on Monday. The mayor, John Smith, agreed.\n"
    new = "The council voted 6-3 on Monday. The mayor, Jon Smith, agreed.\n"
    pairs = replacements(summarize(diff_texts(old, new)))
    assert pairs == [("voted 7-2", "voted 6-3"), ("John Smith", "Jon Smith")]
    other = (
        "---\nheadline: John Smith's council\n---\n"
        "Councillors voted 7-2. John Smith said so; they had voted 7-20 before.\n"
    )
    assert apply_replacements(other, "other", pairs) == (
        "---\nheadline: John Smith's council\n---\n"
        "Councillors voted 6-3. Jon Smith said so; they had voted 7-20 before.\n"
    )
