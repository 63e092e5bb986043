"""The article catalog shared through the team's remote: a new clone lists without
walking the whole history, and a catalog that does not fit main is never used."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from corrections import services
from corrections.services.sync import attach_remote, sync
from corrections.store import catalog, remote
from corrections.store.git_store import GitStore
from tests.support import EDITOR, git, run_cli, write_article
from tests.support.remote import RemoteRepo


def add(store: GitStore, directory: Path, *names: str) -> None:
    files = [write_article(directory, f"{n}.md", f"About {n}", f"{n} happened.\n") for n in names]
    services.add_articles(store, files, EDITOR)


def no_walks(monkeypatch: pytest.MonkeyPatch) -> None:
    def walk(*_: object) -> None:
        raise AssertionError("the whole history was walked")

    monkeypatch.setattr(catalog, "_build", walk)


def rows(store: GitStore) -> list[tuple[str, str, int]]:
    return [(a.slug, a.headline, a.versions) for a in services.list_articles(store)]


@pytest.mark.parametrize("remote_repo", ["file", "http"], indirect=True)
def test_a_new_clone_lists_from_the_catalog_its_team_shared(
    store: GitStore, remote_repo: RemoteRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, tmp_path, "council-vote", "bridge-opens")
    attach_remote(store, remote_repo.url)
    first = rows(store)  # built cold here; a listing writes no ref
    assert store.repository.ref(catalog.SHARED_REF) is None
    sync(store)  # the remote has no catalog yet: this clone's is shared
    assert store.repository.ref(catalog.SHARED_REF) is not None
    assert "refs/corrections/catalog" in git(remote_repo.path, "for-each-ref")
    # Work goes on after the catalog was shared: the clone reads only those commits.
    add(store, tmp_path, "school-budget")
    sync(store)
    clone = GitStore.open(remote.clone(remote_repo.url, tmp_path / "clone"))
    try:
        no_walks(monkeypatch)
        assert rows(clone) == rows(store)
        assert {slug for slug, _, _ in first} < {slug for slug, _, _ in rows(clone)}
    finally:
        clone.close()


def test_a_catalog_that_does_not_fit_main_is_not_used(store: GitStore, tmp_path: Path) -> None:
    add(store, tmp_path, "council-vote", "bridge-opens")
    rows(store)
    shared = json.loads(catalog.cache_path(store).read_bytes())
    built: list[str] = []
    real_build = catalog._build

    def counted(opened: GitStore, head: str) -> object:
        built.append(head)
        return real_build(opened, head)

    forged = dict(
        shared,
        articles=[
            [*row[:1], "A forged headline", *row[2:6], "0" * 40, None] for row in shared["articles"]
        ],
    )
    other = git(
        store.root,
        "commit-tree",
        git(store.root, "rev-parse", "HEAD^{tree}").strip(),
        "-m",
        "not in main",
    ).strip()
    for data in (forged, dict(shared, head=other), {"head": 1}):
        blob = subprocess.run(
            ["git", "-C", str(store.root), "hash-object", "-w", "--stdin"],
            input=json.dumps(data),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        git(store.root, "update-ref", catalog.SHARED_REF, blob)
        catalog.cache_path(store).unlink()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(catalog, "_build", counted)
            assert "A forged headline" not in {h for _, h, _ in rows(store)}
    assert len(built) == 3  # each time the history was walked instead


def test_doctor_optimize_shares_the_catalog_afresh(store: GitStore, tmp_path: Path) -> None:
    add(store, tmp_path, "council-vote")
    done = run_cli("doctor", "--optimize", cwd=store.root)
    assert done.returncode == 0, done.stderr
    first = store.repository.ref(catalog.SHARED_REF)
    assert first is not None
    add(store, tmp_path, "bridge-opens")
    assert run_cli("doctor", "--optimize", cwd=store.root).returncode == 0
    second = store.repository.ref(catalog.SHARED_REF)
    assert second not in (None, first)
    shared = json.loads(git(store.root, "cat-file", "blob", second or ""))
    assert shared["head"] == store.head()
    assert "bridge-opens" in {row[0] for row in shared["articles"]}
