"""The history rules on their own: commits as data, no repository."""

from __future__ import annotations

from corrections.domain.history_rules import CommitChanges, HistoryState

ARTICLE = "articles/council-vote.md"
EVENT = "corrections/council-vote/20260115T120000Z-0123abcd/proposal.yaml"


def commit(name: str, *changes: tuple[str, str], ids: tuple[str, ...] = ()) -> CommitChanges:
    return CommitChanges(
        commit=name * 40,
        parents=(),
        author="Someone",
        email="s@x",
        correction_ids=ids,
        correction_kinds=(),
        approved_by=(),
        steps=(),
        changes=changes,
    )


def fresh() -> HistoryState:
    return HistoryState(seen=set(), publish_commits={}, written={}, added={})


def test_an_article_is_added_once_then_changed_only_by_a_publish() -> None:
    state = fresh()
    assert state.check(commit("a", ("A", ARTICLE))) == []
    (finding,) = state.check(commit("b", ("M", ARTICLE)))
    assert finding.code == "stealth-edit"
    assert finding.commit == "b" * 40
    (removed,) = state.check(commit("c", ("D", ARTICLE)))
    assert removed.code == "article-removed"


def test_events_are_only_ever_added() -> None:
    state = fresh()
    assert state.check(commit("a", ("A", EVENT), ids=("20260115T120000Z-0123abcd",))) == []
    assert "\x1fi" in state.added[EVENT]  # the commit named the event's correction
    for status in ("M", "D"):
        (finding,) = state.check(commit("b", (status, EVENT)))
        assert finding.code == "event-changed"
