"""The git store on real repositories: init, safe writes, concurrent writers, locks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.errors import Refused, StoreError, StoreLocked, StoreNotFound
from corrections.store import bulk, catalog
from corrections.store.git_store import GitStore, PlannedCommit, Snapshot
from corrections.store.objects import read_objects
from tests.support import EDITOR, PINNED, git, write_article


def test_init_makes_a_store_with_one_commit(store_path: Path) -> None:
    for name in ("corrections.toml", ".gitattributes", ".github/workflows/corrections.yml"):
        assert (store_path / name).is_file(), name
    assert git(store_path, "config", "core.fsync").strip() == "added,reference"
    assert git(store_path, "rev-list", "--count", "main").strip() == "1"
    assert git(store_path, "status", "--porcelain") == ""
    assert "eol=lf" in (store_path / ".gitattributes").read_text()
    git(store_path, "fsck", "--strict")


def test_init_twice_is_refused(store_path: Path) -> None:
    with pytest.raises(Refused, match="already a corrections store"):
        services.init(store_path, "nyt", EDITOR)
    assert git(store_path, "rev-list", "--count", "main").strip() == "1"


def test_store_is_found_by_flag_then_env_then_walking_up(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nested = store_path / "articles"
    found = services.open_store(None, env={}, cwd=nested)
    assert found.root == store_path
    found.close()
    other = tmp_path / "other"
    services.init(other, "ap", EDITOR).close()
    from_env = services.open_store(None, env={"CORRECTIONS_STORE": str(other)}, cwd=nested)
    assert from_env.root == other
    from_env.close()
    explicit = services.open_store(store_path, env={"CORRECTIONS_STORE": str(other)}, cwd=other)
    assert explicit.root == store_path
    explicit.close()
    with pytest.raises(StoreNotFound, match="no corrections store"):
        services.open_store(None, env={}, cwd=tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    git(plain, "init", "-q")
    with pytest.raises(StoreNotFound, match="not a corrections store"):
        services.open_store(plain, env={}, cwd=tmp_path)


def test_write_updates_work_tree_and_index(store: GitStore, store_path: Path) -> None:
    def plan(snapshot: Snapshot) -> PlannedCommit:
        return PlannedCommit({"articles/a.md": b"one\n"}, "Add a", EDITOR)

    commit = store.write(plan)
    assert store.head() == commit
    assert (store_path / "articles/a.md").read_bytes() == b"one\n"
    assert git(store_path, "status", "--porcelain") == ""
    assert git(store_path, "log", "-1", "--format=%an <%ae>").strip() == (
        "Test Editor <editor@newsroom.invalid>"
    )


def test_uncommitted_edits_are_never_overwritten(
    store: GitStore, store_path: Path, tmp_path: Path
) -> None:
    services.add_articles(store, [write_article(tmp_path, "a.md", "A", "Body.\n")], EDITOR)
    target = store_path / "articles/a.md"
    target.write_text(target.read_text() + "my local edit\n")
    head = store.head()

    def plan(snapshot: Snapshot) -> PlannedCommit:
        return PlannedCommit({"articles/a.md": b"replaced\n"}, "Change a", EDITOR)

    with pytest.raises(Refused, match=r"articles/a\.md has uncommitted changes"):
        store.write(plan)
    assert store.head() == head
    assert target.read_text().endswith("my local edit\n")


def test_untracked_file_in_the_way_is_refused(store: GitStore, store_path: Path) -> None:
    (store_path / "articles/new.md").write_text("mine\n")
    with pytest.raises(Refused, match="uncommitted"):
        store.write(lambda s: PlannedCommit({"articles/new.md": b"theirs\n"}, "Add", EDITOR))
    assert (store_path / "articles/new.md").read_text() == "mine\n"


def test_a_write_that_changes_nothing_is_refused(store: GitStore) -> None:
    store.write(lambda s: PlannedCommit({"articles/a.md": b"x\n"}, "Add", EDITOR))
    with pytest.raises(Refused, match="nothing changed"):
        store.write(lambda s: PlannedCommit({"articles/a.md": b"x\n"}, "Again", EDITOR))


def test_trailers_cannot_be_forged_through_a_newline(store: GitStore) -> None:
    forged = PlannedCommit(
        {"articles/a.md": b"x\n"},
        "Add",
        EDITOR,
        trailers=[("Correction-Id", "abc\nApproved-by: Someone Else")],
    )
    with pytest.raises(StoreError, match="invalid value for trailer"):
        store.write(lambda s: forged)
    assert store.read_file(store.head() or "", "articles/a.md") is None


def test_trailers_are_written(store: GitStore, store_path: Path) -> None:
    store.write(
        lambda s: PlannedCommit(
            {"articles/a.md": b"x\n"},
            "Publish",
            EDITOR,
            trailers=[("Correction-Id", "c-1"), ("Approved-by", "Rita Reviewer")],
        )
    )
    trailers = git(store_path, "log", "-1", "--format=%(trailers:only,unfold)")
    assert trailers.strip().splitlines() == ["Correction-Id: c-1", "Approved-by: Rita Reviewer"]


def test_bare_store_accepts_writes(tmp_path: Path, store_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(store_path), str(bare))
    opened = services.open_store(bare, env={}, cwd=tmp_path)
    try:
        services.add_articles(opened, [write_article(tmp_path, "b.md", "B", "Text.\n")], EDITOR)
        assert [s.slug for s in services.list_articles(opened)] == ["b"]
    finally:
        opened.close()


WRITER = """
import sys
from pathlib import Path
from corrections import services
from corrections.store.git_store import Identity
store = services.open_store(Path(sys.argv[1]))
me = Identity("Writer " + sys.argv[2], "w@x")
for n in range(int(sys.argv[3])):
    path = Path(sys.argv[4]) / f"w{sys.argv[2]}-{n}.md"
    text = f"---\\nheadline: From {sys.argv[2]} {n}\\npublished: 2026-01-01\\n---\\n"
    path.write_text(text + "Body\\n")
    services.add_articles(store, [path], me)
store.close()
"""


def test_concurrent_writers_all_land(store_path: Path, tmp_path: Path) -> None:
    writers, each = 4, 6
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    env = {**os.environ, **PINNED}
    env.pop("GIT_AUTHOR_DATE")
    env.pop("GIT_COMMITTER_DATE")
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_path), str(w), str(each), str(inputs)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    opened = services.open_store(store_path)
    try:
        slugs = {s.slug for s in services.list_articles(opened)}
    finally:
        opened.close()
    assert slugs == {f"w{w}-{n}" for w in range(writers) for n in range(each)}
    assert git(store_path, "rev-list", "--count", "main").strip() == str(1 + writers * each)
    assert git(store_path, "status", "--porcelain") == ""
    git(store_path, "fsck", "--strict")


def test_stale_ref_lock_is_reported_not_deleted(store: GitStore, store_path: Path) -> None:
    lock = store_path / ".git/refs/heads/main.lock"
    lock.write_text("")
    old = time.time() - 3600
    os.utime(lock, (old, old))
    with pytest.raises(
        StoreLocked, match=r"main\.lock has been there for \d+ s.*corrections doctor --repair"
    ):
        store.write(lambda s: PlannedCommit({"articles/a.md": b"x\n"}, "Add", EDITOR))
    assert lock.exists()
    assert [p.name for p, _ in store.lock_files()] == ["main.lock"]


def test_catalog_incremental_update_matches_full_rebuild(store: GitStore, tmp_path: Path) -> None:
    first = [write_article(tmp_path, f"a{n}.md", f"A {n}", f"Body {n}.\n") for n in range(5)]
    services.add_articles(store, first, EDITOR)
    assert len(catalog.list_articles(store)) == 5  # writes the cache
    store.write(
        lambda s: PlannedCommit(
            {
                "articles/a1.md": (tmp_path / "a1.md").read_bytes().replace(b"A 1", b"A one"),
                "articles/a3.md": None,
            },
            "Edit a1, remove a3",
            EDITOR,
        )
    )
    incremental = catalog.list_articles(store)
    catalog.cache_path(store).unlink()
    full = catalog.list_articles(store)
    assert incremental == full
    by_slug = {s.slug: s for s in full}
    assert set(by_slug) == {"a0", "a1", "a2", "a4"}
    assert by_slug["a1"].headline == "A one"
    assert by_slug["a1"].versions == 2
    assert by_slug["a0"].versions == 1


def test_listing_spawns_a_constant_number_of_processes(
    store: GitStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = [write_article(tmp_path, f"n{n}.md", f"N {n}", "x\n") for n in range(60)]
    services.add_articles(store, many, EDITOR)
    catalog.cache_path(store).unlink(missing_ok=True)
    spawned: list[object] = []
    real_popen = subprocess.Popen.__init__

    def counting(self: subprocess.Popen[bytes], *args: object, **kwargs: object) -> None:
        spawned.append(args[0] if args else kwargs.get("args"))
        real_popen(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess.Popen, "__init__", counting)
    assert len(catalog.list_articles(store)) == 60
    assert len(spawned) <= 4, spawned


def test_bulk_blob_reads_stream_many_objects(store: GitStore, tmp_path: Path) -> None:
    many = [write_article(tmp_path, f"m{n}.md", f"M {n}", f"{n}\n" * n) for n in range(40)]
    services.add_articles(store, many, EDITOR)
    files = bulk.ls_tree(store.git_dir, store.head() or "", "articles")
    assert set(files) == {"articles/.gitkeep"} | {f"articles/m{n}.md" for n in range(40)}
    contents = dict(read_objects(store.git_dir, files.values()))
    assert len(contents) == 41
    assert contents[files["articles/m7.md"]] == (tmp_path / "m7.md").read_bytes()


def test_history_walked_in_two_ranges_counts_the_same(
    store: GitStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(6):
        services.add_articles(store, [write_article(tmp_path, f"s{n}.md", f"S {n}", "x\n")], EDITOR)
    store.write(
        lambda s: PlannedCommit(
            {"articles/s2.md": (tmp_path / "s2.md").read_bytes() + b"more\n"}, "Edit s2", EDITOR
        )
    )
    one_range = catalog.list_articles(store)
    catalog.cache_path(store).unlink()
    monkeypatch.setattr(catalog, "SPLIT_FROM", 2)
    assert len(catalog._halves(store, store.head() or "")) == 2
    assert catalog.list_articles(store) == one_range
    assert {s.slug: s.versions for s in one_range}["s2"] == 2


def test_catalog_follows_main_moved_sideways_without_rebuilding(
    store: GitStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a sync replays local steps onto the remote's (main is then no descendant of the
    cached head), the catalog goes back to where the histories meet and forward again."""
    sources = [write_article(tmp_path, f"s{n}.md", f"S {n}", f"Body {n}.\n") for n in range(4)]
    services.add_articles(store, sources, EDITOR)
    meet = store.head()
    assert meet is not None

    def edit(base: str | None, files: dict[str, bytes | None], when: str) -> str:
        return store.commit_on(base, PlannedCommit(files, "step", EDITOR), when)

    text = {n: (tmp_path / f"s{n}.md").read_bytes() for n in range(4)}
    # Local steps: s1 corrected twice, s0 corrected, a new article that will be dropped.
    local = edit(meet, {"articles/s1.md": text[1] + b"More.\n"}, "2026-02-01T10:00:00Z")
    local = edit(local, {"articles/s1.md": text[1] + b"Most.\n"}, "2026-02-02T10:00:00Z")
    local = edit(local, {"articles/s0.md": text[0] + b"Zero.\n"}, "2026-02-03T10:00:00Z")
    local = edit(local, {"articles/extra.md": text[3]}, "2026-02-04T10:00:00Z")
    store.advance_main(local, meet, "local steps")
    cached = {s.slug: s for s in catalog.list_articles(store)}
    assert cached["s1"].versions == 3
    # The remote's step, then the local ones replayed onto it (s0's correction and the
    # new article dropped): main moves sideways.
    remote = edit(meet, {"articles/s2.md": text[2] + b"Remote.\n"}, "2026-02-05T10:00:00Z")
    replayed = edit(remote, {"articles/s1.md": text[1] + b"Most.\n"}, "2026-02-06T10:00:00Z")
    store.advance_main(replayed, local, "replay local steps onto the remote")
    assert not store.is_ancestor(local, replayed)

    def no_rebuild(*args: object) -> object:
        raise AssertionError("the catalog was rebuilt from the whole history")

    with monkeypatch.context() as patched:
        patched.setattr(catalog, "_build", no_rebuild)
        updated = catalog.list_articles(store)
    catalog.cache_path(store).unlink()
    assert updated == catalog.list_articles(store)  # what a full rebuild finds
    by_slug = {s.slug: s for s in updated}
    assert set(by_slug) == {"s0", "s1", "s2", "s3"}
    assert (by_slug["s0"].versions, by_slug["s1"].versions, by_slug["s2"].versions) == (1, 2, 2)
    assert by_slug["s0"].updated == cached["s3"].updated  # its dropped change is gone
    assert str(by_slug["s1"].updated) == "2026-02-06 10:00:00+00:00"


def test_steps_keep_an_optimized_commit_graph_current(
    store: GitStore, store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corrections.store.git_store as git_store

    monkeypatch.setattr(git_store, "GRAPH_EVERY", 2)
    chain = store_path / ".git/objects/info/commit-graphs/commit-graph-chain"
    services.add_articles(store, [write_article(tmp_path, "g0.md", "G", "x\n")], EDITOR)
    assert not chain.exists()  # nobody asked for one: steps write none
    store.optimize()
    assert len(chain.read_text().split()) == 1
    optimized = chain.read_text()
    for n in (1, 2, 3):
        services.add_articles(store, [write_article(tmp_path, f"g{n}.md", "G", "x\n")], EDITOR)
    # The second step after optimize added a layer (git may merge small layers into one).
    assert chain.read_text() != optimized
    git(store_path, "commit-graph", "verify")
    trace = tmp_path / "trace"
    walked = subprocess.run(
        ["git", "-C", str(store_path), "log", "--format=%H", "main~1", "--", "articles/g1.md"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_TRACE2_PERF": str(trace)},
    )
    assert len(walked.stdout.split()) == 1
    # Every commit walked had its changed-path filter in the graph.
    stats = json.loads(trace.read_text().split("statistics:", 1)[1].splitlines()[0])
    walked_count = int(git(store_path, "rev-list", "--count", "main~1"))
    assert stats["filter_not_present"] == 0
    assert stats["maybe"] + stats["definitely_not"] >= walked_count - 1


def test_catalog_counts_a_file_changed_and_changed_back(store: GitStore, tmp_path: Path) -> None:
    source = write_article(tmp_path, "back.md", "Back", "Body.\n")
    services.add_articles(store, [source], EDITOR)
    assert [s.versions for s in catalog.list_articles(store)] == [1]  # writes the cache
    original = source.read_bytes()
    store.write(
        lambda s: PlannedCommit({"articles/back.md": original + b"More.\n"}, "Edit", EDITOR)
    )
    store.write(lambda s: PlannedCommit({"articles/back.md": original}, "Undo", EDITOR))
    incremental = catalog.list_articles(store)  # the folder's tree is the cached one's
    catalog.cache_path(store).unlink()
    assert incremental == catalog.list_articles(store)
    assert [s.versions for s in incremental] == [3]
