"""Corrections that travel together: one change proposed to several articles as a group,
each reviewed on its own, all published in one commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from corrections import services
from corrections.domain.errors import Conflict, Refused
from corrections.domain.kinds import Kind
from corrections.domain.records import Status, Verdict
from corrections.services.grouping import propose_group
from tests.support import MAYA, PAT, SAM, git
from tests.support.fixtures import set_git_date

EDITOR = MAYA
REVIEWER = SAM
PUBLISHER = PAT
FIRST = "riverton-library-expansion"
FOLLOW_UP = "riverton-library-what-happens-next"
LATER = "2026-03-20T12:00:00+00:00"


@pytest.fixture(autouse=True)
def after_the_demo_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps come after the demo's stories were published (a note may not be dated
    before them)."""
    set_git_date(monkeypatch, LATER)


def fixed(store: services.GitStore) -> str:
    return services.editable_text(store, FIRST).replace("voted 7-2", "voted 6-3")


def test_group_proposed_approved_and_published_in_one_commit(demo: Path) -> None:
    with services.open_store(demo) as store:
        first, follow_up = propose_group(
            store,
            FIRST,
            fixed(store),
            Kind.correction,
            EDITOR,
            [FOLLOW_UP],
            summary="The clerk's minutes show the vote was 6-3.",
        )
        assert first.group == follow_up.group == first.id
        assert follow_up.article == FOLLOW_UP
        assert "voted 6-3" in follow_up.proposed_text
        assert "voted 7-2" not in follow_up.proposed_text
        assert follow_up.note is not None
        assert "6-3" in follow_up.note  # its own drafted note
        proposed_in = git(demo, "log", "-1", "--format=%s%n%b")
        assert "Correction-Group: " + first.id in proposed_in

        # One approval per article diff: the follow-up alone is not enough to publish.
        services.review(store, follow_up.id, REVIEWER, Verdict.approve, "Checked.")
        with pytest.raises(Refused):
            services.publish(store, follow_up.id, PUBLISHER)
        services.review(store, first.id, REVIEWER, Verdict.approve, "Checked.")

        head_before = store.head()
        done = services.publish(store, follow_up.id, PUBLISHER)
        assert [other.record.id for other in done.group] == [first.id]
        commits = git(demo, "rev-list", f"{head_before}..main").split()
        assert len(commits) == 1
        changed = git(demo, "show", "--name-only", "--format=", "main").split()
        assert f"articles/{FIRST}.md" in changed
        assert f"articles/{FOLLOW_UP}.md" in changed
        for slug in (FIRST, FOLLOW_UP):
            text = services.published_text(store, slug, None)
            assert "voted 6-3" in text
            assert "It was 6-3, not 7-2" in text or "6-3, not 7-2" in text
        records, _ = services.list_corrections(store)
        by_id = {r.id: r for r in records}
        assert by_id[first.id].status is Status.published
        assert by_id[follow_up.id].status is Status.published
        assert services.search(store, "voted 7-2").hits == []

        from corrections.services.validate import validate

        report = validate(store)
        assert not report.findings, [f.message for f in report.findings]


def test_the_old_wording_must_be_there(demo: Path) -> None:
    with services.open_store(demo) as store:
        head = store.head()
        with pytest.raises(Refused, match="old-mill-bakery-fifty-years: the old wording"):
            propose_group(
                store,
                FIRST,
                fixed(store),
                Kind.correction,
                EDITOR,
                [FOLLOW_UP, "old-mill-bakery-fifty-years"],
            )
        assert store.head() == head  # nothing written


def test_a_conflict_stops_the_whole_group(demo: Path) -> None:
    with services.open_store(demo) as store:
        first, follow_up = propose_group(
            store, FIRST, fixed(store), Kind.correction, EDITOR, [FOLLOW_UP]
        )
        for record in (first, follow_up):
            services.review(store, record.id, REVIEWER, Verdict.approve, "")
        # The follow-up changes the same words meanwhile (a typo fix, published).
        other = services.propose(
            store,
            FOLLOW_UP,
            services.editable_text(store, FOLLOW_UP).replace("voted 7-2", "voted 7–2"),
            Kind.typo,
            EDITOR,
        )
        services.review(store, other.id, REVIEWER, Verdict.approve, "")
        services.publish(store, other.id, PUBLISHER)
        head = store.head()
        with pytest.raises(Conflict, match=FOLLOW_UP):
            services.publish(store, first.id, PUBLISHER)
        assert store.head() == head
        assert "voted 7-2" in services.published_text(store, FIRST, None)


def test_a_group_published_offline_is_replayed_whole_by_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corrections.services.sync import attach_remote, clone_store, sync, work_offline
    from corrections.services.validate import validate
    from tests.support.remote import make_bare

    bare = make_bare(tmp_path / "remote" / "newsroom.git")
    hq = tmp_path / "hq"
    services.build_demo(hq)
    with services.open_store(hq) as store:
        attach_remote(store, bare.as_uri())
    with clone_store(bare.as_uri(), tmp_path / "a") as a:
        first, follow_up = propose_group(a, FIRST, fixed(a), Kind.correction, EDITOR, [FOLLOW_UP])
        for record in (first, follow_up):
            services.review(a, record.id, REVIEWER, Verdict.approve, "")
    with services.open_store(tmp_path / "a") as a:
        work_offline(a)
        services.publish(a, first.id, PUBLISHER)  # kept on this machine
    # Meanwhile someone else's step reaches the remote first.
    with clone_store(bare.as_uri(), tmp_path / "b") as b:
        bakery = services.editable_text(b, "old-mill-bakery-fifty-years")
        services.propose(
            b, "old-mill-bakery-fifty-years", bakery + "\nMore.\n", Kind.update, EDITOR
        )
    with services.open_store(tmp_path / "a") as a:
        sync(a)
    tip = git(bare, "rev-parse", "main").strip()
    changed = git(bare, "show", "--name-only", "--format=%s", tip).split("\n")
    assert changed[0].startswith(f"Publish correction to {FIRST} and 1 more article")
    assert f"articles/{FIRST}.md" in changed
    assert f"articles/{FOLLOW_UP}.md" in changed
    with clone_store(bare.as_uri(), tmp_path / "c") as c:
        report = validate(c)
        assert not report.findings, [f.message for f in report.findings]


def test_a_withdrawn_member_leaves_the_group(demo: Path) -> None:
    with services.open_store(demo) as store:
        first, follow_up = propose_group(
            store, FIRST, fixed(store), Kind.correction, EDITOR, [FOLLOW_UP]
        )
        services.withdraw(store, follow_up.id, EDITOR)
        services.review(store, first.id, REVIEWER, Verdict.approve, "")
        done = services.publish(store, first.id, PUBLISHER)
        assert done.group == ()
        assert "voted 7-2" in services.published_text(store, FOLLOW_UP, None)
        assert "voted 6-3" in services.published_text(store, FIRST, None)
