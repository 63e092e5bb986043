"""The search screen: results as you type, in a worker; Enter opens the article at the match."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import SystemCommand
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from corrections import services
from corrections.domain.records import Status
from corrections.store.git_store import Identity
from corrections.tui.messages import EditArticle, OpenCorrection
from corrections.tui.screens.article import ArticleScreen
from corrections.tui.screens.editor import EditorScreen
from corrections.tui.screens.group import GroupScreen
from corrections.tui.screens.review import ReviewScreen
from corrections.tui.screens.search import DEBOUNCE, SearchScreen
from corrections.tui.widgets.elsewhere import ElsewherePanel
from corrections.tui.widgets.safe_text_area import SafeTextArea
from tests.support import SEED_SLUG
from tests.support.tui import flat, notifications, running, screen_text, settle

pytestmark = pytest.mark.asyncio


async def searched(pilot: Pilot[None], text: str) -> SearchScreen:
    """Type ``text`` into the search field and wait for the search it starts."""
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*text)
    await pilot.pause(DEBOUNCE + 0.2)
    await settle(pilot)
    return screen


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#status", Static).render())


async def test_search_as_you_type_and_open_at_the_match(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        screen = await searched(pilot, "first major renovation")
        # Keys typed quickly start one search, not one per key.
        assert screen.searches == 1
        assert [hit.slug for hit in screen.hits] == ["riverton-library-expansion"]
        assert "1 sentence in 1 article" in status(screen)
        assert "paragraph" in flat(screen_text(pilot))

        await pilot.press("down", "enter")
        await settle(pilot)
        article = pilot.app.screen
        assert isinstance(article, ArticleScreen)
        assert article.slug == "riverton-library-expansion"
        assert "first major renovation" in flat(screen_text(pilot))

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)


async def test_opening_scrolls_to_a_match_far_down(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        screen = await searched(pilot, "unprecedented level")
        [hit] = screen.hits
        assert hit.slug == SEED_SLUG
        await pilot.press("enter")  # Enter in the field goes to the results
        await pilot.press("enter")
        await settle(pilot)
        article = pilot.app.screen
        assert isinstance(article, ArticleScreen)
        scroll = article.query_one("#text-scroll", VerticalScroll)
        assert scroll.scroll_y > 0
        assert "unprecedented level of strategic partnership" in flat(screen_text(pilot))


async def test_options_and_a_bad_pattern(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path) as pilot:
        pilot.app.action_search()  # type: ignore[attr-defined]
        await settle(pilot)
        # The demo's first story and its follow-up both say it.
        screen = await searched(pilot, "VOTED 7-2")
        assert len(screen.hits) == 2

        await pilot.press("f7")  # match case
        await pilot.pause(DEBOUNCE + 0.2)
        await settle(pilot)
        assert screen.hits == []
        assert "0 sentences in 0 articles" in status(screen)

        screen.query_one("#filter", Input).value = ""
        await pilot.press("f7", "f6")  # any case again, and a regular expression
        screen = await searched(pilot, "(unclosed")
        assert screen.hits == []
        assert "bad pattern" in status(screen)
        assert pilot.app.is_running

        screen.query_one("#filter", Input).value = ""
        screen = await searched(pilot, r"voted \d-\d")
        assert len(screen.hits) == 2
        assert screen.query_one("#results", OptionList).option_count == 2


async def test_palette_has_search(tui_demo: Path) -> None:
    path = tui_demo
    async with running(path) as pilot:
        commands = list(pilot.app.get_system_commands(pilot.app.screen))
        [entry] = [c for c in commands if c.title == "Search the articles' text"]
        assert isinstance(entry, SystemCommand)
        entry.callback()
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)


async def test_review_and_editor_show_the_same_wording_elsewhere(
    tui_demo: Path, tmp_path: Path
) -> None:
    path = tui_demo
    source = tmp_path / "riverton-library-vote-explainer.md"
    source.write_text(
        "---\nheadline: What the library vote means\npublished: 2026-01-12\n---\n"
        "Council voted 7-2 to expand the library.\n"
    )
    with services.open_store(path) as store:
        services.add_articles(store, [source], Identity("Desk", "desk@newsroom.invalid"))
        records, _ = services.list_corrections(store, article="riverton-library-expansion")
    async with running(path) as pilot:
        pilot.app.post_message(OpenCorrection(records[0].id))
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        panel = pilot.app.screen.query_one(ElsewherePanel)
        [use] = panel.uses
        assert use.wording == "voted 7-2"
        assert use.articles == [
            "riverton-library-vote-explainer",
            "riverton-library-what-happens-next",
        ]
        text = flat(screen_text(pilot))
        assert "“voted 7-2” in 2 other articles" in text
        assert "What the library vote means" in text

        # Proposing the same fix elsewhere: the editor's panel finds the article under
        # correction (the explainer's own text is left out).
        pilot.app.post_message(EditArticle("riverton-library-vote-explainer"))
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, EditorScreen)
        area = editor.query_one("#editor", SafeTextArea)
        area.text = area.text.replace("voted 7-2", "voted 6-3")
        await pilot.pause(0.4)
        await settle(pilot)
        [use] = editor.query_one(ElsewherePanel).uses
        assert use.articles == ["riverton-library-expansion", "riverton-library-what-happens-next"]


async def test_propose_to_all_from_the_panel_and_publish_the_group(
    tui_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, "2026-03-20T12:00:00+00:00")
    path = tui_demo
    async with running(path, "Maya Editor") as pilot:
        pilot.app.post_message(EditArticle("riverton-library-expansion"))
        await settle(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, EditorScreen)
        area = editor.query_one("#editor", SafeTextArea)
        area.text = area.text.replace("voted 7-2", "voted 6-3")
        await pilot.pause(0.4)
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen)
        assert [m.article for m in review.members] == [
            "riverton-library-expansion",
            "riverton-library-what-happens-next",
        ]
        assert "Publishing one publishes them all" in flat(screen_text(pilot))
        first = review.record_id
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert pilot.app.screen.record_id != first
        ids = [m.id for m in review.members]

    # The reviewer sees both diffs side by side and approves each one.
    async with running(path, "Sam Reviewer") as pilot:
        pilot.app.post_message(OpenCorrection(ids[0]))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        group = pilot.app.screen
        assert isinstance(group, GroupScreen)
        assert [v.record.id for v in group.views] == ids
        shown = flat(screen_text(pilot))
        assert "riverton-library-expansion · proposed · 0 of 1 approvals" in shown
        assert "riverton-library-what-happens-next · proposed" in shown
        for _ in ids:
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("enter")  # no comment
            await settle(pilot)
            await pilot.press("tab")
        assert [v.record.status for v in group.views] == [Status.approved, Status.approved]
    async with running(path, "Pat Publisher") as pilot:
        pilot.app.post_message(OpenCorrection(ids[1]))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "The rest of its group is published in the same commit" in flat(screen_text(pilot))
        await pilot.press("y")
        await settle(pilot)
        notes = notifications(pilot)
        assert any(n.startswith("Published with 1 more article of its group") for n in notes)
    with services.open_store(path) as store:
        records, _ = services.list_corrections(store)
    assert {r.id: r.status for r in records if r.id in ids} == dict.fromkeys(ids, Status.published)
