"""Hooks out: a command with the event on stdin, signed webhooks to a real local HTTP server,
apprise notifications, bounded retries, failures recorded and listed, never undoing a step."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug.wrappers import Request, Response

from corrections import services
from corrections.domain.hooks import redacted_url, signature, signature_matches
from corrections.domain.kinds import Kind
from corrections.domain.records import Verdict
from corrections.services import hooks as hook_service
from corrections.store.git_store import GitStore
from corrections.store.hook_log import hooks_failed_file
from tests.support import ARGENTINA, EDITOR, PAT, SAM, SEED_SLUG, seed_body
from tests.support.store import add_to_config

SECRET = "s3cret-for-tests-only"
REVIEWER = SAM
PUBLISHER = PAT
HOOK_SCRIPT = """\
import json, sys
event = json.load(sys.stdin)
with open("hook-events.jsonl", "a", encoding="utf-8") as out:
    out.write(json.dumps(event) + "\\n")
"""


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hook_service, "RETRY_DELAY", 0.01)
    monkeypatch.setenv("CORRECTIONS_WEBHOOK_SECRET", SECRET)


def propose(store: GitStore, added: str = ARGENTINA) -> str:
    return services.propose(store, SEED_SLUG, seed_body(added), Kind.clarification, EDITOR).id


def webhook_toml(url: str, extra: str = "") -> str:
    return (
        "[hooks]\n"
        f'webhooks = [{{ url = "{url}", secret_env = "CORRECTIONS_WEBHOOK_SECRET" }}]\n' + extra
    )


@pytest.fixture
def received(httpserver: HTTPServer) -> list[Request]:
    """Every request the local server got, answered 200."""
    got: list[Request] = []

    def answer(request: Request) -> Response:
        got.append(request)
        return Response("ok")

    httpserver.expect_request("/hook", method="POST").respond_with_handler(answer)
    return got


def test_validate_reports_a_bad_hooks_table(store_path: Path) -> None:
    add_to_config(
        store_path, '[hooks]\nwebhooks = [{ url = "https://x.example", secret = "abc" }]\n'
    )
    with services.open_store(store_path) as store:
        from corrections.services.validate import validate

        report = validate(store)
    found = [f for f in report.findings if f.code == "config-invalid"]
    assert found
    assert "secret_env" in found[0].message


# ---------------------------------------------------------------------- a publish


def test_publish_runs_the_command_and_delivers_a_signed_webhook(
    seeded: Path, httpserver: HTTPServer, received: list[Request]
) -> None:
    (seeded / "hook.py").write_text(HOOK_SCRIPT)
    add_to_config(
        seeded,
        webhook_toml(
            httpserver.url_for("/hook"),
            f'command = ["{sys.executable}", "hook.py"]\n',
        ),
    )
    with services.open_store(seeded) as store:
        record_id = propose(store)
        services.review(store, record_id, REVIEWER, Verdict.approve, "Checked.")
        published = services.publish(store, record_id, PUBLISHER)
        assert services.failed_hooks(store) == []

    # The command ran once per step, with the event as JSON on stdin, in the store's folder.
    events = [json.loads(line) for line in (seeded / "hook-events.jsonl").open()]
    assert [e["event"] for e in events] == ["proposed", "reviewed", "published"]
    last = events[-1]
    assert last["id"] == record_id
    assert last["kind"] == "clarification"
    assert last["article"] == SEED_SLUG
    assert last["headline"]
    assert "Putin" in last["headline"]
    assert last["commit"] == published.commit
    assert last["by"] == "Pat Publisher"
    assert last["people"]["proposer"] == EDITOR.name
    assert last["people"]["approvers"] == ["Sam Reviewer"]
    assert last["people"]["publisher"] == "Pat Publisher"
    assert "Argentina withdrew its candidacy" in last["note"]
    assert "Argentina withdrew" in last["notes_block"]
    assert last["notes_block"] in published.article_text
    assert "+" in last["diff"]["unified"]
    assert f"a/articles/{SEED_SLUG}.md" in last["diff"]["unified"]
    assert "{+" in last["diff"]["words"]
    assert last["delivered"] is True
    assert events[1]["verdict"] == "approve"
    assert events[1]["comment"] == "Checked."

    # The webhook got the same JSON, signed with the secret from the environment.
    assert len(received) == 3
    request = received[-1]
    body = request.get_data()
    assert json.loads(body) == last
    assert request.headers["X-Corrections-Signature"] == signature(SECRET, body)
    assert signature_matches(SECRET, body, request.headers["X-Corrections-Signature"])
    assert request.headers["X-Corrections-Event"] == "published"
    assert request.headers["Content-Type"] == "application/json"
    # The secret itself never travels.
    assert SECRET.encode() not in body


def test_events_chosen_and_hooks_turned_off(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_to_config(seeded, webhook_toml("http://127.0.0.1:9/never", 'events = ["published"]\n'))
    with services.open_store(seeded) as store:
        record_id = propose(store)  # not a published event: nothing sent, nothing failed
        services.review(store, record_id, REVIEWER, Verdict.approve)
        monkeypatch.setenv("CORRECTIONS_NO_HOOKS", "1")  # this machine sends nothing
        services.publish(store, record_id, PUBLISHER)
        assert services.failed_hooks(store) == []
        monkeypatch.delenv("CORRECTIONS_NO_HOOKS")
        second = propose(store, " (It met in Kazan.)")
        services.withdraw(store, second, EDITOR)
        assert services.failed_hooks(store) == []
    assert not hooks_failed_file_of(seeded).exists()


def hooks_failed_file_of(store_path: Path) -> Path:
    with services.open_store(store_path) as store:
        return hooks_failed_file(store)


# ---------------------------------------------------------------------- retries, failures


def test_webhook_retries_a_server_error_then_succeeds(seeded: Path, httpserver: HTTPServer) -> None:
    answers = [500, 503, 200]
    got: list[bytes] = []

    def answer(request: Request) -> Response:
        got.append(request.get_data())
        return Response("", status=answers[len(got) - 1])

    httpserver.expect_request("/hook", method="POST").respond_with_handler(answer)
    add_to_config(seeded, webhook_toml(httpserver.url_for("/hook")))
    with services.open_store(seeded) as store:
        propose(store)
        assert services.failed_hooks(store) == []
    assert len(got) == 3
    assert got[0] == got[1] == got[2]  # the same event, so a receiver can deduplicate


def test_failing_hooks_never_undo_the_step_and_are_listed(
    seeded: Path, httpserver: HTTPServer
) -> None:
    got: list[Request] = []

    def down(request: Request) -> Response:
        got.append(request)
        return Response("", status=502)

    def refused(request: Request) -> Response:
        got.append(request)
        return Response("", status=403)

    httpserver.expect_request("/down", method="POST").respond_with_handler(down)
    httpserver.expect_request("/refused", method="POST").respond_with_handler(refused)
    env = 'secret_env = "CORRECTIONS_WEBHOOK_SECRET"'
    add_to_config(
        seeded,
        "[hooks]\n"
        'command = ["no-such-program-for-hooks"]\n'
        "retries = 2\n"
        "webhooks = [\n"
        f'  {{ url = "{httpserver.url_for("/down")}", {env} }},\n'
        f'  {{ url = "{httpserver.url_for("/refused")}", {env} }},\n'
        '  { url = "https://cms.example/hook", secret_env = "NOT_SET_ANYWHERE" },\n'
        "]\n",
    )
    with services.open_store(seeded) as store:
        before = store.head()
        record_id = propose(store)
        assert store.head() != before  # the step is committed
        failed = services.failed_hooks(store)
    assert len(failed) == 4
    assert "not found" in failed[0]
    assert "HTTP 502 (3 attempts)" in failed[1]  # bounded: 1 + 2 retries
    assert "HTTP 403 (1 attempt)" in failed[2]  # a refusal is not retried
    assert "$NOT_SET_ANYWHERE is not set" in failed[3]
    assert len(got) == 4
    lines = hooks_failed_file_of(seeded).read_text().splitlines()
    assert [json.loads(line)["hook"] for line in lines] == [
        "command",
        f"webhook {redacted_url(httpserver.url_for('/down'))}",
        f"webhook {redacted_url(httpserver.url_for('/refused'))}",
        "webhook https://cms.example/…",
    ]
    assert all(json.loads(line)["id"] == record_id for line in lines)
    assert SECRET not in "".join(lines)

    # `corrections status` lists them; --clear-hooks forgets them.
    from corrections.cli.app import app

    runner = CliRunner()
    shown = runner.invoke(app, ["--store", str(seeded), "status"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.count("hook       ") == 4
    assert "HTTP 502" in shown.stdout
    data = json.loads(runner.invoke(app, ["--store", str(seeded), "status", "--json"]).stdout)
    assert len(data["hooks_failed"]) == 4
    cleared = runner.invoke(app, ["--store", str(seeded), "status", "--clear-hooks"])
    assert cleared.exit_code == 0
    assert "hook " not in cleared.stdout


def test_command_that_hangs_is_stopped(seeded: Path) -> None:
    (seeded / "slow.py").write_text("import time\ntime.sleep(30)\n")
    add_to_config(seeded, f'[hooks]\ntimeout = 0.5\ncommand = ["{sys.executable}", "slow.py"]\n')
    with services.open_store(seeded) as store:
        started = time.monotonic()
        propose(store)
        took = time.monotonic() - started
        assert "stopped after 0.5 s" in services.failed_hooks(store)[0]
    assert took < 10


# ---------------------------------------------------------------------- notifications


def test_notification_through_an_apprise_url(
    seeded: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("apprise", reason="apprise is not installed")
    got: list[Request] = []

    def answer(request: Request) -> Response:
        got.append(request)
        return Response("ok")

    httpserver.expect_request("/notify", method="POST").respond_with_handler(answer)
    # The address's host and port come from the environment, as a token would.
    monkeypatch.setenv("NOTIFY_TARGET", f"127.0.0.1:{httpserver.port}")
    add_to_config(seeded, '[hooks]\nnotify = ["json://${NOTIFY_TARGET}/notify"]\n')
    with services.open_store(seeded) as store:
        propose(store)
        assert services.failed_hooks(store) == []
    assert len(got) == 1
    message = json.loads(got[0].get_data())
    assert message["title"].startswith("Correction proposed: ")
    assert "Argentina withdrew its candidacy" in message["message"]  # the note
    assert "{+" in message["message"]  # and a short diff


def test_notification_with_an_unset_variable_is_reported(seeded: Path) -> None:
    add_to_config(seeded, '[hooks]\nnotify = ["slack://${NO_SUCH_SLACK_TOKENS}"]\n')
    with services.open_store(seeded) as store:
        propose(store)
        failed = services.failed_hooks(store)
    assert failed
    assert "$NO_SUCH_SLACK_TOKENS is not set" in failed[0]
    assert "notify slack://…" in failed[0]


def test_hooks_sent_later_leave_the_step_first(
    seeded: Path, httpserver: HTTPServer, received: list[Request]
) -> None:
    """The app takes a step holding the store, then sends its hooks without holding it."""
    add_to_config(seeded, webhook_toml(httpserver.url_for("/hook")))
    with services.open_store(seeded) as store:
        with services.hooks_sent_later(store) as sends:
            record_id = propose(store)
            assert received == []  # built, not sent
        assert len(sends) == 1
        for send in sends:
            send()
        services.propose(store, SEED_SLUG, "Another body.\n", Kind.update, EDITOR)
    assert [json.loads(r.get_data())["event"] for r in received] == ["proposed", "proposed"]
    assert json.loads(received[0].get_data())["id"] == record_id
