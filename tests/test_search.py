"""Search: git grep over the articles at main, matches placed in paragraphs and sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EDITOR, SEED_SLUG
from corrections import services
from corrections.domain.errors import BadInput
from corrections.domain.records import Verdict
from corrections.domain.search import RawMatch, headline_of, locate_matches
from corrections.store.git_store import GitStore, Identity

REVIEWER = Identity("Sam Reviewer", "sam@newsroom.invalid")
PUBLISHER = Identity("Pat Publisher", "pat@newsroom.invalid")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store with the seed clarification approved and published."""
    path = tmp_path_factory.mktemp("search") / "demo"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
        patch.setenv("GIT_AUTHOR_DATE", "2026-01-15T12:00:00+00:00")
        patch.setenv("GIT_COMMITTER_DATE", "2026-01-15T12:00:00+00:00")
        services.build_demo(path)
    return path


def seed_record(store: GitStore) -> str:
    records, _ = services.list_corrections(store, article=SEED_SLUG)
    return records[0].id


def test_seed_wording_found_after_its_clarification_is_published(demo_template: Path) -> None:
    with services.open_store(demo_template) as store:
        before = services.search(store, "withdrew its candidacy")
        assert before.hits == []
        record_id = seed_record(store)
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


def test_cli_search_exit_codes_and_json(demo_template: Path) -> None:
    from corrections.cli.app import app

    runner = CliRunner()
    store = str(demo_template)
    found = runner.invoke(app, ["--store", store, "search", "voted 7-2"])
    assert found.exit_code == 0, found.output
    assert "riverton-library-expansion" in found.stdout
    assert "{+voted 7-2+}" in found.stdout

    # The demo's follow-up repeats the figure its first story got wrong.
    as_json = runner.invoke(app, ["--store", store, "search", "Voted 7-2", "--json"])
    data = json.loads(as_json.stdout)
    assert data["articles"] == 2
    first, follow_up = data["hits"]
    assert first["slug"] == "riverton-library-expansion"
    assert follow_up["slug"] == "riverton-library-what-happens-next"
    assert follow_up["paragraph"] == 1
    span = first["matches"][0]
    assert first["sentence"][span["start"] : span["end"]] == "voted 7-2"

    none = runner.invoke(app, ["--store", store, "search", "no such wording anywhere"])
    assert none.exit_code == 1
    assert none.stdout == ""
    assert none.stderr == ""

    bad = runner.invoke(app, ["--store", store, "search", "--regex", "(x"])
    assert bad.exit_code == 2
    assert "bad pattern" in bad.stderr

    dashed = runner.invoke(app, ["--store", store, "search", "--", "-30%"])
    assert dashed.exit_code == 1, dashed.output


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


def test_same_wording_elsewhere(demo_template: Path, tmp_path: Path) -> None:
    source = tmp_path / "riverton-library-vote-explainer.md"
    source.write_text(
        "---\nheadline: What the library vote means\npublished: 2026-01-12\n---\n"
        "Council voted 7-2 to expand the library. Unanimous? No: it voted 7-2.\n"
    )
    demo = tmp_path / "demo"
    shutil.copytree(demo_template, demo, symlinks=True)
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


def test_cli_search_elsewhere(demo_template: Path, tmp_path: Path) -> None:
    from corrections.cli.app import app

    demo = tmp_path / "demo"
    shutil.copytree(demo_template, demo, symlinks=True)
    source = tmp_path / "library-explainer.md"
    source.write_text(
        "---\nheadline: What the library vote means\npublished: 2026-01-12\n---\n"
        "Council voted 7-2 to expand the library.\n"
    )
    with services.open_store(demo) as store:
        records, _ = services.list_corrections(store, article="riverton-library-expansion")
        seed = seed_record(store)
    runner = CliRunner()
    record_id = records[0].id
    one = runner.invoke(app, ["--store", str(demo), "search", "--elsewhere", record_id])
    assert one.exit_code == 0, one.output
    assert "“voted 7-2”: 1 other article\nriverton-library-what-happens-next" in one.stdout

    with services.open_store(demo) as store:
        services.add_articles(store, [source], EDITOR)
    found = runner.invoke(app, ["--store", str(demo), "search", "--elsewhere", record_id, "--json"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.stdout)
    assert data["article"] == "riverton-library-expansion"
    [wording] = data["wordings"]
    assert wording["wording"] == "voted 7-2"
    assert [hit["slug"] for hit in wording["hits"]] == [
        "library-explainer",
        "riverton-library-what-happens-next",
    ]
    gone = runner.invoke(
        app, ["--store", str(demo), "search", "--elsewhere", "20990101T000000Z-ffffffff"]
    )
    assert gone.exit_code == 2

    # The seed clarification only adds a sentence: no wording to look for.
    adds = runner.invoke(app, ["--store", str(demo), "search", "--elsewhere", seed])
    assert adds.exit_code == 1
    assert "replaces no wording" in adds.stderr

    both = runner.invoke(app, ["--store", str(demo), "search", "x", "--elsewhere", seed])
    assert both.exit_code == 2
