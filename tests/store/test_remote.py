"""The remote transport layer over real transports: file://, git daemon and smart HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corrections import services
from corrections.domain.config import CONFIG_FILE
from corrections.domain.errors import (
    EXIT_FINDINGS,
    EXIT_LOCKED,
    AuthenticationFailed,
    BadInput,
    RemoteMoved,
    RemoteRejected,
    RemoteUnreachable,
    StoreError,
    StoreNotFound,
)
from corrections.store import remote, sync_state
from corrections.store.git_store import GitStore, PlannedCommit, Snapshot
from tests.support import EDITOR, git
from tests.support.remote import (
    HTTP_PASSWORD,
    HTTP_USER,
    GitDaemon,
    GitHttpServer,
    PushGate,
    RemoteRepo,
    live_group_members,
    make_bare,
    unused_port,
)

# Every failure must come back well within this, whatever the transport.
BOUND = 15.0


def commit(store: GitStore, path: str, text: str) -> str:
    """One commit on the store's main writing ``path``."""

    def plan(_: Snapshot) -> PlannedCommit:
        return PlannedCommit({path: text.encode()}, f"Write {path}", EDITOR)

    return store.write(plan)


def many_commits(store: GitStore, count: int) -> str:
    """``count`` commits on main at once (one fast-import), each a second newer than the last."""
    stream = b"".join(
        b"commit refs/heads/main\ncommitter T <t@x> %d +0000\ndata 2\nn\n"
        b"M 100644 inline articles/n%d.md\ndata 2\nn\n\n" % (1769947200 + number, number)
        for number in range(count)
    )
    subprocess.run(
        ["git", "--git-dir", str(store.git_dir), "fast-import", "--quiet"],
        input=b"reset refs/heads/main\nfrom %s\n\n%s" % (str(store.head()).encode(), stream),
        check=True,
        capture_output=True,
    )
    return str(store.head())


def remote_main(bare: Path) -> str | None:
    result = subprocess.run(
        ["git", "--git-dir", str(bare), "rev-parse", "--verify", "--quiet", "refs/heads/main"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def assert_fsck_clean(bare: Path) -> None:
    result = subprocess.run(
        ["git", "--git-dir", str(bare), "fsck", "--strict", "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def published(store: GitStore, remote_repo: RemoteRepo) -> Iterator[GitStore]:
    """The test store with ``remote_repo`` as origin, its main pushed there."""
    remote.set_remote(store, remote_repo.url)
    assert remote.fetch(store) is None
    head = store.head()
    assert head is not None
    remote.push(store, head, None)
    yield store
    assert_fsck_clean(remote_repo.path)


@pytest.fixture
def colleague(published: GitStore, remote_repo: RemoteRepo, tmp_path: Path) -> Iterator[GitStore]:
    """A second clone of the same remote: someone else in the newsroom."""
    opened = GitStore.open(remote.clone(remote_repo.url, tmp_path / "colleague"))
    yield opened
    opened.close()


# ---------------------------------------------------------------------- over each transport


def test_a_store_pushed_to_an_empty_remote_can_be_cloned(
    store: GitStore, remote_repo: RemoteRepo, tmp_path: Path
) -> None:
    assert remote.remote_url(store) is None
    remote.set_remote(store, remote_repo.url)
    assert remote.remote_url(store) == remote_repo.url
    assert remote.fetch(store) is None
    assert remote.remote_tip(store) is None
    head = store.head()
    assert head is not None

    remote.push(store, head, None)  # lease "must not exist"

    assert remote_main(remote_repo.path) == head
    assert remote.remote_tip(store) == head
    dest = remote.clone(remote_repo.url, tmp_path / "clone")
    assert (dest / CONFIG_FILE).is_file()
    assert git(dest, "config", "core.fsync").strip() == "added,reference"
    assert git(dest, "config", "--get-all", "remote.origin.fetch").split() == [
        "+refs/heads/main:refs/remotes/origin/main"
    ]
    with GitStore.open(dest) as cloned:
        assert cloned.head() == head
        assert remote.remote_tip(cloned) == head
        assert remote.remote_url(cloned) == remote_repo.url
        assert services.list_articles(cloned) == []
    assert_fsck_clean(remote_repo.path)


def test_fetch_returns_the_remote_tip(published: GitStore, colleague: GitStore) -> None:
    theirs = commit(colleague, "articles/a.md", "theirs\n")
    remote.push(colleague, theirs, published.head())

    assert remote.fetch(published) == theirs
    assert remote.remote_tip(published) == theirs
    assert remote.ahead_behind(published, published.head(), theirs) == (0, 1)


def test_push_with_the_right_lease_lands_and_a_stale_one_is_refused(
    published: GitStore, colleague: GitStore, remote_repo: RemoteRepo
) -> None:
    base = published.head()
    assert base is not None
    theirs = commit(colleague, "articles/theirs.md", "theirs\n")
    remote.push(colleague, theirs, base)
    assert remote_main(remote_repo.path) == theirs
    assert remote.remote_tip(colleague) == theirs

    ours = commit(published, "articles/ours.md", "ours\n")
    with pytest.raises(RemoteMoved) as moved:
        remote.push(published, ours, base)  # planned on base: the remote has moved on
    assert remote_main(remote_repo.path) == theirs
    assert remote_repo.url in str(moved.value)
    assert moved.value.exit_code == EXIT_LOCKED
    with pytest.raises(RemoteMoved):
        remote.push(published, ours, None)  # "must not exist", but it does
    assert remote_main(remote_repo.path) == theirs


def test_ahead_behind_and_local_only_commits(
    published: GitStore, colleague: GitStore, remote_repo: RemoteRepo
) -> None:
    base = published.head()
    assert base is not None
    theirs = [commit(colleague, f"articles/t{i}.md", f"{i}\n") for i in range(2)]
    remote.push(colleague, theirs[-1], base)
    ours = [commit(published, f"articles/o{i}.md", f"{i}\n") for i in range(3)]

    tip = remote.fetch(published)
    assert tip == theirs[-1]
    assert remote.ahead_behind(published, ours[-1], tip) == (3, 2)
    assert remote.ahead_behind(published, tip, ours[-1]) == (2, 3)
    assert remote.ahead_behind(published, base, base) == (0, 0)
    assert remote.ahead_behind(published, ours[-1], None) == (4, 0)
    assert remote.ahead_behind(published, None, tip) == (0, 3)
    assert remote.ahead_behind(published, None, None) == (0, 0)
    assert remote.local_only_commits(published, ours[-1], tip) == ours
    assert remote.local_only_commits(published, tip, tip) == []
    assert remote.local_only_commits(published, ours[-1], None) == [base, *ours]
    assert remote.local_only_commits(published, None, tip) == []


def test_a_push_that_would_rewrite_the_remote_is_refused_before_it_leaves(
    published: GitStore, remote_repo: RemoteRepo
) -> None:
    base = published.head()
    assert base is not None
    newer = commit(published, "articles/a.md", "a\n")
    remote.push(published, newer, base)
    with pytest.raises(StoreError, match="rewrite the shared history"):
        remote.push(published, base, newer)  # the lease holds, but it would drop `newer`
    assert remote_main(remote_repo.path) == newer


def test_a_server_hook_refusing_the_push_is_not_a_moved_remote(
    published: GitStore, remote_repo: RemoteRepo
) -> None:
    hook = remote_repo.path / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'main is protected' >&2\nexit 1\n")
    hook.chmod(0o755)
    base = published.head()
    ours = commit(published, "articles/a.md", "a\n")
    with pytest.raises(RemoteRejected, match="pre-receive hook declined") as rejected:
        remote.push(published, ours, base)
    assert rejected.value.exit_code == EXIT_FINDINGS
    assert remote_main(remote_repo.path) == base


# ---------------------------------------------------------------------- failures


@pytest.mark.parametrize(
    "scheme",
    ["git://127.0.0.1:{port}/newsroom.git", "http://127.0.0.1:{port}/newsroom.git", "ssh"],
)
def test_an_unreachable_remote_fails_fast_with_its_url(store: GitStore, scheme: str) -> None:
    port = unused_port()
    url = (
        f"ssh://git@127.0.0.1:{port}/newsroom.git" if scheme == "ssh" else scheme.format(port=port)
    )
    remote.set_remote(store, url)
    started = time.monotonic()
    with pytest.raises(RemoteUnreachable) as failed:
        remote.fetch(store)
    assert time.monotonic() - started < BOUND
    message = str(failed.value)
    assert not isinstance(failed.value, AuthenticationFailed)
    assert url in message
    assert "\n" not in message
    assert "refused" in message.lower() or "couldn't connect" in message.lower()
    assert failed.value.exit_code == EXIT_LOCKED
    with pytest.raises(RemoteUnreachable):
        remote.push(store, store.head() or "", None)
    state = sync_state.sync_state(store)
    assert state.last_error == message
    assert state.last_fetch is None


def test_a_missing_repository_is_unreachable(store: GitStore, tmp_path: Path) -> None:
    url = (tmp_path / "nowhere.git").as_uri()
    remote.set_remote(store, url)
    with pytest.raises(RemoteUnreachable, match="does not appear to be a git repository"):
        remote.fetch(store)


def test_a_host_that_never_answers_is_given_up_on(store: GitStore) -> None:
    with socket.socket() as silent:  # accepts connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        url = f"git://127.0.0.1:{port}/newsroom.git"
        remote.set_remote(store, url)
        started = time.monotonic()
        with pytest.raises(RemoteUnreachable, match="no answer within 2 s") as failed:
            remote.fetch(store, timeout=2)
        assert 2 <= time.monotonic() - started < 2 + BOUND
    assert url in str(failed.value)
    assert not _processes_mentioning(f":{port}/")


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            cmdline = entry.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(cmdline)
    return found


@pytest.fixture
def hanging_askpass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's askpass program (a GUI, say) that would wait for ever: it must never run."""
    marker = tmp_path / "askpass-ran"
    script = tmp_path / "askpass"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\nsleep 60\n")
    script.chmod(0o755)
    monkeypatch.setenv("GIT_ASKPASS", str(script))
    monkeypatch.setenv("SSH_ASKPASS", str(script))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("GIT_TERMINAL_PROMPT", raising=False)
    return marker


def test_http_authentication_failure_says_how_to_authenticate_and_never_prompts(
    store: GitStore, git_http_auth: GitHttpServer, hanging_askpass: Path
) -> None:
    make_bare(git_http_auth.root / "newsroom.git")
    url = git_http_auth.url("newsroom.git")
    remote.set_remote(store, url)
    started = time.monotonic()
    with pytest.raises(AuthenticationFailed) as failed:
        remote.fetch(store)
    assert time.monotonic() - started < BOUND
    message = str(failed.value)
    assert url in message
    assert "\n" not in message
    assert "SSH key" in message
    assert "credential.helper" in message
    assert failed.value.exit_code == EXIT_LOCKED
    assert isinstance(failed.value, RemoteUnreachable)  # the step stays local, like offline
    assert not hanging_askpass.exists()
    assert {request[2] for request in git_http_auth.requests} == {401}


def test_wrong_credentials_are_an_authentication_failure_with_the_password_hidden(
    store: GitStore, git_http_auth: GitHttpServer
) -> None:
    make_bare(git_http_auth.root / "newsroom.git")
    url = git_http_auth.url("newsroom.git", credentials=(HTTP_USER, "wrong-password"))
    remote.set_remote(store, url)
    with pytest.raises(AuthenticationFailed) as failed:
        remote.fetch(store)
    assert "wrong-password" not in str(failed.value)
    assert f"{HTTP_USER}:***@" in str(failed.value)
    assert "wrong-password" not in (sync_state.sync_state(store).last_error or "")


def test_a_credential_helper_still_authenticates(
    store: GitStore, git_http_auth: GitHttpServer
) -> None:
    make_bare(git_http_auth.root / "newsroom.git")
    remote.set_remote(store, git_http_auth.url("newsroom.git"))
    helper = f"!f() {{ echo username={HTTP_USER}; echo 'password={HTTP_PASSWORD}'; }}; f"
    git(store.root, "config", "credential.helper", helper)
    head = store.head()
    assert head is not None
    assert remote.fetch(store) is None
    remote.push(store, head, None)
    assert remote_main(git_http_auth.root / "newsroom.git") == head


def _fake_ssh(directory: Path, name: str) -> tuple[Path, Path]:
    directory.mkdir(exist_ok=True)
    argv_file = directory / f"{name}.argv"
    script = directory / name
    script.write_text(
        f"#!/bin/sh\necho \"$@\" > '{argv_file}'\n"
        "echo 'git@example.invalid: Permission denied (publickey).' >&2\nexit 255\n"
    )
    script.chmod(0o755)
    return script, argv_file


def test_ssh_runs_in_batch_mode_unless_the_user_chose_an_ssh_command(
    store: GitStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, argv_file = _fake_ssh(tmp_path / "bin", "ssh")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    monkeypatch.delenv("GIT_SSH", raising=False)
    remote.set_remote(store, "git@example.invalid:newsroom.git")
    with pytest.raises(AuthenticationFailed, match=r"Permission denied \(publickey\)"):
        remote.fetch(store)
    assert "BatchMode=yes" in argv_file.read_text()

    theirs, their_argv = _fake_ssh(tmp_path / "bin", "my-ssh")
    git(store.root, "config", "core.sshCommand", str(theirs))
    with pytest.raises(AuthenticationFailed):
        remote.fetch(store)
    assert "BatchMode" not in their_argv.read_text()

    git(store.root, "config", "--unset", "core.sshCommand")
    monkeypatch.setenv("GIT_SSH_COMMAND", f"{theirs} -o Mine=yes")
    with pytest.raises(AuthenticationFailed):
        remote.fetch(store)
    assert "Mine=yes" in their_argv.read_text()
    assert "BatchMode" not in their_argv.read_text()


@pytest.mark.parametrize(
    "url", ["-uhttp://x/y.git", "--upload-pack=touch /tmp/x", "ext::sh -c touch% /tmp/x", "a\nb"]
)
def test_a_url_that_is_not_a_url_is_refused(store: GitStore, tmp_path: Path, url: str) -> None:
    with pytest.raises(BadInput):
        remote.set_remote(store, url)
    assert remote.remote_url(store) is None
    with pytest.raises(BadInput):
        remote.clone(url, tmp_path / "clone")
    assert not (tmp_path / "clone").exists()


def test_changing_the_remote_url(store: GitStore, tmp_path: Path) -> None:
    first, second = (make_bare(tmp_path / name).as_uri() for name in ("a.git", "b.git"))
    remote.set_remote(store, first)
    remote.set_remote(store, second)
    assert remote.remote_url(store) == second
    assert git(store.root, "config", "--get-all", "remote.origin.fetch").split() == [
        "+refs/heads/main:refs/remotes/origin/main"
    ]


def test_cloning_an_empty_remote_leaves_nothing_behind(tmp_path: Path) -> None:
    url = make_bare(tmp_path / "empty.git").as_uri()
    with pytest.raises(StoreNotFound, match="no main branch"):
        remote.clone(url, tmp_path / "clone")
    assert not (tmp_path / "clone").exists()
    (tmp_path / "mine").mkdir()
    with pytest.raises(StoreNotFound):
        remote.clone(url, tmp_path / "mine")
    assert (tmp_path / "mine").is_dir()
    assert not any((tmp_path / "mine").iterdir())


def test_cloning_a_repository_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    git(plain, "init", "-q", "-b", "main")
    (plain / "README").write_text("not a store\n")
    git(plain, "add", "README")
    git(plain, "commit", "-qm", "plain")
    with pytest.raises(StoreNotFound, match=f"no {CONFIG_FILE}"):
        remote.clone(plain.as_uri(), tmp_path / "clone")
    assert not (tmp_path / "clone").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(BadInput, match="not an empty directory"):
        remote.clone(plain.as_uri(), tmp_path / "full")
    assert (tmp_path / "full" / "x").exists()


def test_sync_bookkeeping(published: GitStore, tmp_path: Path) -> None:
    state = sync_state.sync_state(published)
    assert state.last_fetch is not None
    assert state.last_push is not None
    assert state.last_error is None
    assert state.last_synced is None
    url = remote.remote_url(published)
    assert url is not None
    remote.set_remote(published, f"git://127.0.0.1:{unused_port()}/newsroom.git")
    with pytest.raises(RemoteUnreachable):
        remote.fetch(published)
    failed = sync_state.sync_state(published)
    assert failed.last_error
    assert failed.last_error_at
    assert failed.last_fetch == state.last_fetch
    remote.set_remote(published, url)
    remote.fetch(published)
    assert sync_state.sync_state(published).last_error is None
    assert sync_state.note_sync(published, synced=True).last_synced is not None
    assert sync_state.sync_state(published).last_synced is not None
    sync_state.sync_file(published).write_text("{not json")
    assert sync_state.sync_state(published) == sync_state.SyncState()


# ---------------------------------------------------------------------- servers dying mid-push


@pytest.mark.parametrize("transport", ["daemon", "http"])
def test_a_server_killed_in_the_middle_of_a_push(
    store: GitStore, transport: str, request: pytest.FixtureRequest
) -> None:
    server: GitDaemon | GitHttpServer = request.getfixturevalue(
        "git_daemon" if transport == "daemon" else "git_http"
    )
    bare = make_bare(server.root / "newsroom.git")
    remote.set_remote(store, server.url("newsroom.git"))
    base = store.head()
    assert base is not None
    remote.push(store, base, None)
    ours = commit(store, "articles/a.md", "a\n")
    errors: list[BaseException] = []

    def pushing() -> None:
        try:
            remote.push(store, ours, base)
        except BaseException as error:
            errors.append(error)

    with PushGate(bare) as gate:
        thread = threading.Thread(target=pushing)
        thread.start()
        gate.wait_arrived()
        server.kill()
        thread.join(BOUND)
    assert not thread.is_alive()
    assert len(errors) == 1, errors
    assert isinstance(errors[0], RemoteUnreachable), errors[0]
    assert remote_main(bare) == base  # the hook never let the ref move
    assert remote.remote_tip(store) == base

    server.restart()
    assert remote.fetch(store) == base
    remote.push(store, ours, base)
    assert remote_main(bare) == ours
    assert_fsck_clean(bare)


def test_stopping_a_daemon_leaves_no_process_behind(git_daemon: GitDaemon) -> None:
    make_bare(git_daemon.root / "newsroom.git")
    assert git_daemon.process is not None
    group = git_daemon.process.pid
    assert live_group_members(group)
    git_daemon.stop()
    assert live_group_members(group) == []
    git_daemon.start()  # the fixture stops it again


def test_http_server_handles_chunked_and_gzip_request_bodies(
    store: GitStore, git_http: GitHttpServer, tmp_path: Path
) -> None:
    bare = make_bare(git_http.root / "newsroom.git")
    remote.set_remote(store, git_http.url("newsroom.git"))
    # Over http.postBuffer (1 MiB): git sends the pack chunked.
    head = commit(store, "articles/big.md", os.urandom(1_500_000).hex())
    remote.push(store, head, None)
    assert ("POST", "/newsroom.git/git-receive-pack", 200, "chunked", "") in git_http.requests

    # Many commits the remote lacks: the fetch negotiation is big enough to be gzipped
    # (git gzips upload-pack requests over 1 KiB in protocol v0/v1, not in v2).
    git(store.root, "config", "protocol.version", "0")
    other = GitStore.open(remote.clone(git_http.url("newsroom.git"), tmp_path / "other"))
    theirs = commit(other, "articles/theirs.md", "theirs\n")
    remote.push(other, theirs, head)
    other.close()
    many_commits(store, 60)  # newer than the common commit: negotiation offers them first
    assert remote.fetch(store) == theirs
    assert any(request[4] == "gzip" for request in git_http.requests), git_http.requests
    assert_fsck_clean(bare)


def test_errors_are_one_line_with_their_exit_codes() -> None:
    assert RemoteUnreachable("a\nb").exit_code == EXIT_LOCKED
    assert str(AuthenticationFailed("a\nb")) == "a b"
    assert issubclass(AuthenticationFailed, RemoteUnreachable)
    assert RemoteMoved("x").exit_code == EXIT_LOCKED
    assert RemoteRejected("x").exit_code == EXIT_FINDINGS
    for kind in (RemoteUnreachable, RemoteMoved, RemoteRejected):
        assert issubclass(kind, StoreError)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://reporter:s3cret@git.example/newsroom.git", "https://reporter:***@git.example/"),
        ("https://ghp_token@github.com/o/newsroom.git", "https://***@github.com/"),
        ("ssh://git@git.example/newsroom.git", "ssh://git@git.example/"),
        ("git@github.com:o/newsroom.git", "git@github.com:o/"),
    ],
)
def test_secrets_in_urls_are_hidden_in_messages(url: str, shown: str) -> None:
    assert remote.display_url(url).startswith(shown)
