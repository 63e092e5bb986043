"""The sentence splitter on news prose: lossless, and not fooled by abbreviations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain.diff import sentences
from corrections.domain.diff.summary import minimal_phrase

SEED = Path("/work/shared/seeds/globe-and-mail-putin-xi-2024.txt")


def _paragraphs() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n\n")


def test_seed_article_splits_losslessly_and_keeps_abbreviations() -> None:
    found: list[str] = []
    for paragraph in _paragraphs():
        parts = sentences(paragraph)
        assert "".join(parts) == paragraph
        found += [p.strip() for p in parts]
    starts = {s.split(" ")[0] for s in found}
    # None of these may begin a sentence: each follows an abbreviation or initials.
    assert not starts & {"Putin", "Putin’s", "Xi", "Prokopenko", "Korolev", "Webster"}
    assert not any(s.endswith(("Mr.", "Ms.", "U.S.", "Sept.")) for s in found)
    assert (
        "Last year, bilateral trade between China and Russia reached a record US$240-billion."
        in found
    )
    assert any("down 13.5 per cent" in s for s in found)
    assert any(s.startswith("Mr. Putin’s two-day visit") for s in found)


def test_brics_paragraph_ends_with_the_parenthetical_sentence() -> None:
    (paragraph,) = [p for p in _paragraphs() if p.startswith("Both China and Russia")]
    parts = sentences(paragraph)
    assert len(parts) == 2
    assert parts[1] == "(Argentina withdrew its candidacy in December.)"
    assert parts[0].endswith("which focuses on defence. ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One. ", "Two."]),
        ("Mr. Putin met Ms. Smith. Then left.", ["Mr. Putin met Ms. Smith. ", "Then left."]),
        (
            "On Sept. 16, 2022, it rained. Then not.",
            ["On Sept. 16, 2022, it rained. ", "Then not."],
        ),
        ("The U.S. President spoke. Yes.", ["The U.S. President spoke. ", "Yes."]),
        ("J. R. Smith wrote it. Fine.", ["J. R. Smith wrote it. ", "Fine."]),
        ("Down 13.5 per cent. Up 2.", ["Down 13.5 per cent. ", "Up 2."]),
        ("Is it? “Yes,” he said. Fine!", ["Is it? ", "“Yes,” he said. ", "Fine!"]),
        ("He said “stop.” Then went.", ["He said “stop.” ", "Then went."]),
        ("Wait... and see. Ok.", ["Wait... and see. ", "Ok."]),
        ("See No. 5 now. Done.", ["See No. 5 now. ", "Done."]),
        ("At 9 p.m. Police came.", ["At 9 p.m. ", "Police came."]),
        ("Trailing space. ", ["Trailing space. "]),
        ("", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab. ?!\n”(Mr.USA2")), max_size=80))
def test_splitting_is_lossless(text: str) -> None:
    parts = sentences(text)
    assert "".join(parts) == text
    assert all(parts)


@pytest.mark.parametrize(
    ("old", "new", "phrases"),
    [
        ("Gas cost $2.40.", "Gas cost $1.40.", ("$2.40", "$1.40")),
        ("He met Smith on Monday.", "He met Jones on Monday.", ("Smith", "Jones")),
        ("The big dog barked.", "The dog barked.", ("big", "")),
        ("The dog barked.", "The big dog barked.", ("", "big")),
        ("It was (sort of) red.", "It was (kind of) red.", ("sort", "kind")),
        ("Colour it red.", "Colours it red.", ("Colour", "Colours")),
        ("Up 13.5 per cent.", "Up 12.5 per cent.", ("13.5", "12.5")),
    ],
)
def test_minimal_phrase(old: str, new: str, phrases: tuple[str, str]) -> None:
    assert minimal_phrase(old, new) == phrases
