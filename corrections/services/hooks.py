"""Hooks out: after a step's commit, its event goes to the store's ``[hooks]``.

A command gets the event as JSON on stdin; each webhook gets the same JSON in a POST signed
with HMAC-SHA256 (``X-Corrections-Signature: sha256=<hex>``), retried a bounded number of
times; each apprise URL gets a notification with the note and a short diff. Hooks run on
the machine that took the step, once its commit is made (a step kept offline says
``"delivered": false``; ``sync`` does not run them again). A failing hook never undoes or
blocks the step: it is recorded in ``.git/corrections/hooks-failed.jsonl`` and reported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from corrections import __version__
from corrections.domain.article import (
    decode,
    parse_front_matter_only,
    split_front_matter,
    split_notes,
)
from corrections.domain.catalog import article_path
from corrections.domain.config import StoreConfig
from corrections.domain.errors import CorrectionsError
from corrections.domain.frozen import frozen
from corrections.domain.hooks import (
    SIGNATURE_HEADER,
    HookEvent,
    Hooks,
    Webhook,
    expand_env,
    hook_payload,
    missing_env,
    notification,
    redacted_url,
    signature,
)
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord
from corrections.domain.sanitize import one_line
from corrections.services.config import load_config
from corrections.store.git_store import GitStore
from corrections.store.hook_log import HookFailure, record_failures

# Seconds before the second attempt of a webhook; doubled for each further one.
RETRY_DELAY = 0.5
_STDERR_CHARS = 300

# What failed after the steps of an open store, for the front ends to say.
_FAILED: WeakKeyDictionary[GitStore, list[str]] = WeakKeyDictionary()
# Events built but not sent yet, per open store (see ``sending_later``).
_DEFERRED: WeakKeyDictionary[GitStore, list[tuple[Hooks, dict[str, Any]]]] = WeakKeyDictionary()


def failed_hooks(store: GitStore) -> list[str]:
    """One line per hook that failed after a step taken through this open store."""
    return _FAILED.setdefault(store, [])


@frozen
class _Pending:
    """A correction's note as it would stand once published today (a note source)."""

    id: str
    kind: Kind
    note: str | None
    note_date: dt.date | None
    published_at: dt.datetime | None


def after_step(
    store: GitStore,
    event: HookEvent,
    record: CorrectionRecord,
    commit: str,
    by: str,
    config: StoreConfig | None = None,
) -> None:
    """Run the store's hooks for a step committed as ``commit`` (whose configuration the
    caller may have read already). Never raises.

    ``CORRECTIONS_NO_HOOKS=1`` turns them off on this machine."""
    if os.environ.get("CORRECTIONS_NO_HOOKS", "") not in ("", "0"):
        return
    if config is None:
        try:
            config = load_config(store, commit)
        except CorrectionsError:
            return
    hooks = config.hooks
    if not hooks.configured or event not in hooks.events:
        return
    started = _now()
    try:
        payload = build_payload(store, config, event, record, commit, by)
    except Exception as error:  # a hook must never break a step that is already done
        _fail(store, [_failure(started, event, record, commit, "payload", str(error))])
        return
    queue = _DEFERRED.get(store)
    if queue is not None:
        queue.append((hooks, payload))
        return
    run_hooks(store, hooks, payload)


@contextlib.contextmanager
def sending_later(store: GitStore) -> Iterator[list[Callable[[], object]]]:
    """Inside, a step builds its event but sends nothing; afterwards the list holds one
    call per step that sends them, for a front end to run once it let go of the store
    (a webhook that times out and is tried again then holds up nothing else)."""
    queue: list[tuple[Hooks, dict[str, Any]]] = []
    _DEFERRED[store] = queue
    sends: list[Callable[[], object]] = []
    try:
        yield sends
    finally:
        _DEFERRED.pop(store, None)
        for hooks, payload in queue:
            sends.append(functools.partial(run_hooks, store, hooks, payload))


def run_hooks(store: GitStore, hooks: Hooks, payload: dict[str, Any]) -> list[HookFailure]:
    """Send ``payload`` to every hook; record and return what failed."""
    started = _now()
    body = json.dumps(payload, ensure_ascii=False, indent=None).encode("utf-8")
    errors: list[tuple[str, str]] = []
    if hooks.command:
        error = run_command(hooks.command, body, str(store.root), hooks.timeout)
        if error:
            errors.append(("command", error))
    import uuid

    delivery_id = str(uuid.uuid4())
    for webhook in hooks.webhooks:
        error = post_webhook(webhook, body, payload["event"], delivery_id, hooks)
        if error:
            errors.append((f"webhook {redacted_url(webhook.url)}", error))
    if hooks.notify:
        title, text = notification(payload)
        for url in hooks.notify:
            error = send_notification(url, title, text, os.environ)
            if error:
                errors.append((f"notify {redacted_url(url)}", error))
    failures = [
        HookFailure(started, payload["event"], payload["id"], payload["commit"], hook, error)
        for hook, error in errors
    ]
    _fail(store, failures)
    return failures


def _fail(store: GitStore, failures: list[HookFailure]) -> None:
    if not failures:
        return
    record_failures(store, failures)
    failed_hooks(store).extend(f"{f.hook} after {f.event} {f.id}: {f.error}" for f in failures)


def _failure(
    at: str, event: str, record: CorrectionRecord, commit: str, hook: str, error: str
) -> HookFailure:
    return HookFailure(at, event, record.id, commit, hook, one_line(error))


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


# ---------------------------------------------------------------------- the event


def build_payload(
    store: GitStore,
    config: StoreConfig,
    event: HookEvent,
    record: CorrectionRecord,
    commit: str,
    by: str,
) -> dict[str, Any]:
    """The event of a step as hooks receive it, read at the step's commit."""
    from corrections.domain.diff import render_words, unified_patch
    from corrections.domain.public_notes import notes_block
    from corrections.services.notes import house_style
    from corrections.services.sync import delivery
    from corrections.services.viewing import base_text, diff_articles_text

    name = article_path(record.article)
    data = store.read_file(commit, name)
    text = decode(data, name) if data is not None else ""
    headline = url = None
    if data is not None:
        meta = parse_front_matter_only(data, name)
        headline, url = meta.headline, meta.url
    change = diff_articles_text(base_text(store, record), record.proposed_text)
    unified = unified_patch(
        change.old_text, change.new_text, old_path=f"a/{name}", new_path=f"b/{name}"
    )
    words = render_words(change.body)
    if event == "published":
        parts = split_front_matter(text, name)
        top, _, bottom = split_notes(parts[2] if parts else text)
        block = "\n".join(b for b in (top, bottom) if b)
    else:
        when = record.updated_at
        pending = _Pending(record.id, record.kind, record.note, when.date(), when)
        block = "\n".join(b for b in notes_block([pending], house_style(config)) if b)
    state = delivery(store)
    delivered = state.remote is None or state.undelivered is None
    return hook_payload(
        event,
        record,
        by=by,
        commit=commit,
        delivered=delivered,
        headline=headline,
        url=url,
        notes_block=block,
        unified=unified,
        words=words,
    )


# ---------------------------------------------------------------------- the ways out


def run_command(command: list[str], body: bytes, cwd: str, timeout: float) -> str | None:
    """Run the hook command with ``body`` on stdin; why it failed, or None."""
    import subprocess

    try:
        done = subprocess.run(
            command,
            input=body,
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        return f"{command[0]!r} not found"
    except PermissionError:
        return f"{command[0]!r} cannot be run (permission denied)"
    except subprocess.TimeoutExpired:
        return f"stopped after {timeout:g} s"
    except OSError as error:
        return f"{command[0]!r} could not start: {error.strerror or error}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().split("\n")[-1:]
        tail = one_line(said[0])[:_STDERR_CHARS] if said and said[0] else ""
        return f"exited with status {done.returncode}" + (f": {tail}" if tail else "")
    return None


def post_webhook(
    webhook: Webhook,
    body: bytes,
    event: str,
    delivery_id: str,
    hooks: Hooks,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """POST ``body`` signed with the webhook's secret; retried on a connection error, a
    timeout, 429 or 5xx. Why it failed in the end, or None."""
    # Loaded when a webhook is configured: a step without hooks never pays for them.
    import time
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        """A webhook's POST is never turned into a GET somewhere else."""

        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    env = os.environ if environ is None else environ
    secret = env.get(webhook.secret_env)
    if not secret:
        return f"${webhook.secret_env} is not set: nothing sent (webhooks are always signed)"
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"corrections/{__version__}",
        "X-Corrections-Event": event,
        "X-Corrections-Delivery": delivery_id,
        SIGNATURE_HEADER: signature(secret, body),
    }
    opener = urllib.request.build_opener(NoRedirect)
    error = "not sent"
    for attempt in range(hooks.retries + 1):
        if attempt:
            time.sleep(RETRY_DELAY * 2 ** (attempt - 1))
        # The scheme is http or https: the configuration allows no other.
        request = urllib.request.Request(webhook.url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with opener.open(request, timeout=hooks.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as answer:
            status = answer.code
        except TimeoutError:
            error = f"no answer within {hooks.timeout:g} s"
            continue
        except (urllib.error.URLError, OSError) as failed:
            reason = getattr(failed, "reason", failed)
            error = f"could not connect: {one_line(str(reason))}"
            continue
        if 200 <= status < 300:
            return None
        error = f"answered HTTP {status}"
        if not (status == 429 or status >= 500):
            break
    tries = attempt + 1
    return f"{error} ({tries} attempt{'s' if tries > 1 else ''})"


def send_notification(url: str, title: str, body: str, environ: Mapping[str, str]) -> str | None:
    """Notify through one apprise URL; why it failed, or None. Nothing said names a
    token or password from the URL."""
    missing = missing_env(url, dict(environ))
    if missing:
        return f"${missing[0]} is not set: not sent"
    expanded = expand_env(url, dict(environ))
    if expanded is None:  # pragma: no cover - missing_env said so already
        return "not sent"
    try:
        import apprise  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return "apprise is not installed: pip install 'newsroom-corrections[notify]'"
    # apprise logs what it does, addresses included: none of it reaches the terminal.
    import logging

    logger = logging.getLogger("apprise")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    sender = apprise.Apprise()
    if not sender.add(expanded):
        return "not an address apprise knows"
    try:
        sent = sender.notify(title=title, body=body)
    except Exception as error:
        return f"failed: {type(error).__name__}"
    return None if sent else "not accepted"


# ---------------------------------------------------------------------- the record


def recorded_failures(store: GitStore) -> list[HookFailure]:
    """Every hook failure recorded on this machine, oldest first."""
    from corrections.store.hook_log import hook_failures

    return hook_failures(store)


def clear_recorded_failures(store: GitStore) -> int:
    """Forget the recorded hook failures; returns how many there were."""
    from corrections.store.hook_log import clear_failures

    return clear_failures(store)
