"""Search: git grep over the articles at main, matches placed in paragraphs and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrections import services
from corrections.domain.errors import BadInput
from corrections.domain.records import Verdict
from corrections.store.git_store import GitStore
from tests.support import EDITOR, PAT, SAM, SEED_SLUG, seed_correction

REVIEWER = SAM
PUBLISHER = PAT


def test_seed_wording_found_after_its_clarification_is_published(demo: Path) -> None:
    with services.open_store(demo) as store:
        before = services.search(store, "withdrew its candidacy")
        assert before.hits == []
        record_id = seed_correction(demo)
        services.review(store, record_id, REVIEWER, Verdict.approve, "Checked.")
        services.publish(store, record_id, PUBLISHER)

        after = services.search(store, "withdrew its candidacy")
        notes_too = services.search(store, "withdrew its candidacy", include_notes=True)

    [hit] = after.hits
    assert hit.slug == SEED_SLUG
    assert hit.headline.startswith("Putin visits Xi")
    assert hit.where == "body"
    assert hit.paragraph is not None
    assert hit.paragraph > 1
    assert hit.sentence == "(Argentina withdrew its candidacy in December.)"
    assert hit.marked() == "(Argentina {+withdrew its candidacy+} in December.)"
    # The note repeats the wording: found only when the notes block is asked for.
    assert [h.where for h in notes_too.hits] == ["body", "notes"]


def test_case_word_and_regex(store: GitStore, tmp_path: Path) -> None:
    source = tmp_path / "council-vote.md"
    source.write_text(
        "---\nheadline: The Council votes\npublished: 2026-01-10\n---\n"
        "The council voted 7-2 on Monday. Councillors met\nlater that night.\n\n"
        "Mr. Smith said the council would meet again. The COUNCIL agreed.\n"
    )
    services.add_articles(store, [source], EDITOR)

    ignoring = services.search(store, "council")
    assert [(h.where, h.paragraph) for h in ignoring.hits] == [
        ("headline", None),
        ("body", 1),
        ("body", 1),
        ("body", 2),
        ("body", 2),
    ]
    assert ignoring.hits[0].sentence == "headline: The Council votes"
    assert ignoring.hits[1].marked() == "The {+council+} voted 7-2 on Monday."
    # The line break inside the paragraph is shown as a space.
    assert ignoring.hits[2].marked() == "{+Council+}lors met later that night."
    assert ignoring.hits[3].marked() == "Mr. Smith said the {+council+} would meet again."
    assert ignoring.hits[4].marked() == "The {+COUNCIL+} agreed."

    exact = services.search(store, "COUNCIL", case_sensitive=True)
    assert [h.sentence for h in exact.hits] == ["The COUNCIL agreed."]

    words = services.search(store, "council", word=True)
    assert all("Councillors" not in h.marked() for h in words.hits)
    wide = services.search(store, "councillors met later")
    assert wide.hits == []  # git grep works line by line

    pattern = services.search(store, r"voted \d+-\d+", regex=True)
    [hit] = pattern.hits
    assert hit.marked() == "The council {+voted 7-2+} on Monday."

    spanning = services.search(store, r"Monday\. Councillors", regex=True)
    [hit] = spanning.hits
    assert hit.sentence == "The council voted 7-2 on Monday. Councillors met later that night."


def test_hostile_patterns(store: GitStore, tmp_path: Path) -> None:
    source = tmp_path / "odd.md"
    source.write_text(
        "---\nheadline: Odd\npublished: 2026-01-10\n---\n"
        "Prices fell --output=x and -30% overnight.\n\n" + " ".join(["word"] * 3000) + "!\n"
    )
    services.add_articles(store, [source], EDITOR)

    for text in ("--output=x", "-30%", "--end-of-options"):
        found = services.search(store, text)
        assert len(found.hits) == (0 if text == "--end-of-options" else 1), text

    with pytest.raises(BadInput, match="bad pattern"):
        services.search(store, "(unclosed", regex=True)
    with pytest.raises(BadInput, match="one line"):
        services.search(store, "two\nlines")
    with pytest.raises(BadInput, match="empty"):
        services.search(store, "")
    # A pattern that backtracks without end meets PCRE's own limits, or the time limit.
    with pytest.raises(BadInput, match=r"bad pattern.*limit"):
        services.search(store, r"^(\w+\s?)*$", regex=True)
    with pytest.raises(BadInput, match="no answer within"):
        services.search(store, "word", timeout=0.0001)


def test_limit_stops_early(store: GitStore, tmp_path: Path) -> None:
    sources = []
    for number in range(6):
        source = tmp_path / f"story-{number}.md"
        source.write_text(
            f"---\nheadline: Story {number}\npublished: 2026-01-10\n---\nThe budget grew.\n"
        )
        sources.append(source)
    services.add_articles(store, sources, EDITOR)
    result = services.search(store, "budget", limit=2)
    assert result.truncated
    assert len(result.hits) == 2
    # More than a few matched files are read by blob id from one ls-tree.
    everything = services.search(store, "budget")
    assert not everything.truncated
    assert [hit.slug for hit in everything.hits] == [f"story-{n}" for n in range(6)]
    assert {hit.marked() for hit in everything.hits} == {"The {+budget+} grew."}


def test_same_wording_elsewhere(demo: Path, tmp_path: Path) -> None:
    source = tmp_path / "riverton-library-vote-explainer.md"
    source.write_text(
        "---\nheadline: What the library vote means\npublished: 2026-01-12\n---\n"
        "Council voted 7-2 to expand the library. Unanimous? No: it voted 7-2.\n"
    )
    with services.open_store(demo) as store:
        services.add_articles(store, [source], EDITOR)
        records, _ = services.list_corrections(store, article="riverton-library-expansion")
        shown = services.view(store, records[0].id)
        wordings = services.wordings_replaced(shown.diff)
        assert wordings == ["voted 7-2"]
        [use] = services.same_wording_elsewhere(store, "riverton-library-expansion", wordings)
    assert use.articles == ["riverton-library-vote-explainer", "riverton-library-what-happens-next"]
    # Two sentences in the explainer, one in the demo's follow-up; the article being
    # corrected is left out.
    assert len(use.hits) == 3
