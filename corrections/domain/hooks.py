"""``[hooks]`` in ``corrections.toml``: what runs after each workflow step, and what it is sent.

Three ways out, all optional: a command that reads the event as JSON on stdin, webhooks that
receive the same JSON in a POST signed with HMAC-SHA256, and notifications to chat and mail
through apprise URLs. Secrets never live in the store: a webhook names the environment
variable that holds its secret, and a notification URL may take parts from the environment
(``${NAME}``).
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from corrections.domain.frozen import frozen
from corrections.domain.strict import FORBID_EXTRA, AfterValidator, BeforeValidator, Field

if TYPE_CHECKING:
    from corrections.domain.records import CorrectionRecord

HOOK_EVENTS = ("proposed", "reviewed", "revised", "withdrawn", "published")
HookEvent = Literal["proposed", "reviewed", "revised", "withdrawn", "published"]
_ALL_EVENTS: tuple[HookEvent, ...] = ("proposed", "reviewed", "revised", "withdrawn", "published")
SIGNATURE_HEADER = "X-Corrections-Signature"
PAYLOAD_VERSION = 1
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]{0,127})\}")
# How much of the word diff a notification carries.
SHORT_DIFF_CHARS = 1_200


def _no_secret_inside(value: Any) -> Any:
    if isinstance(value, dict) and "secret" in value:
        raise ValueError(
            "a secret never goes in corrections.toml: name the environment variable "
            "that holds it with secret_env"
        )
    return value


def _web_address(value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise ValueError(f"{value!r} is not an http:// or https:// address")
    return value


def _env_name(value: str) -> str:
    if not _ENV_NAME.fullmatch(value):
        raise ValueError(f"{value!r} is not the name of an environment variable")
    return value


@frozen(kw_only=True)
class Webhook:
    """One ``[[hooks.webhook]]``: where events are posted and how they are signed."""

    __pydantic_config__ = FORBID_EXTRA
    url: Annotated[str, Field(max_length=2_000), AfterValidator(_web_address)]
    # The environment variable holding the signing secret (never the secret itself).
    secret_env: Annotated[str, AfterValidator(_env_name)]


def _command(value: list[str]) -> list[str]:
    if value and not value[0].strip():
        raise ValueError("the command's first word names the program; it is empty")
    if any("\0" in part for part in value):
        raise ValueError("the command contains a NUL character")
    return value


def _apprise_urls(value: list[str]) -> list[str]:
    for url in value:
        if "://" not in url or any(c.isspace() for c in url):
            raise ValueError(
                f"{redacted_url(url)!r} is not an apprise URL (e.g. slack://…, mailto://…)"
            )
    return value


@frozen(kw_only=True)
class Hooks:
    """The ``[hooks]`` table: a command and webhooks told of every workflow step."""

    __pydantic_config__ = FORBID_EXTRA
    # Run with the event as JSON on stdin, in the store's folder; no shell.
    command: Annotated[list[str], Field(max_length=100), AfterValidator(_command)] = field(
        default_factory=list
    )
    webhooks: Annotated[
        list[Annotated[Webhook, BeforeValidator(_no_secret_inside)]], Field(max_length=20)
    ] = field(default_factory=list)
    # apprise URLs: slack://…, matrix://…, msteams://…, mailto://…; ${NAME} is taken from
    # the environment when the notification is sent.
    notify: Annotated[list[str], Field(max_length=20), AfterValidator(_apprise_urls)] = field(
        default_factory=list
    )
    # Which steps run the hooks (default: every step).
    events: list[HookEvent] = field(default_factory=lambda: list(_ALL_EVENTS))
    # Seconds for the command, and for each webhook or notification attempt.
    timeout: Annotated[float, Field(gt=0, le=300)] = 10.0
    # Further attempts of a webhook after a failed one (connection error, timeout, 5xx, 429).
    retries: Annotated[int, Field(ge=0, le=5)] = 2

    @property
    def configured(self) -> bool:
        return bool(self.command or self.webhooks or self.notify)


def redacted_url(url: str) -> str:
    """An address fit to print: its scheme and host, never a token or password in it."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "…"
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    if scheme in ("http", "https"):
        return f"{scheme}://{host}/…" if "/" in rest else f"{scheme}://{host}"
    return f"{scheme}://…"


def expand_env(url: str, environ: dict[str, str]) -> str | None:
    """``url`` with each ``${NAME}`` replaced from ``environ``; None when one is unset."""
    missing: list[str] = []

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            missing.append(name)
            return ""
        return environ[name]

    expanded = _ENV_REF.sub(value, url)
    return None if missing else expanded


def missing_env(url: str, environ: dict[str, str]) -> list[str]:
    return [name for name in _ENV_REF.findall(url) if name not in environ]


def signature(secret: str, body: bytes) -> str:
    """The value of the ``X-Corrections-Signature`` header for ``body``."""
    import hashlib  # loads OpenSSL: only a signed webhook needs it
    import hmac

    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signature_matches(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: compare in constant time."""
    import hmac

    return hmac.compare_digest(signature(secret, body), header)


def short_diff(words: str, limit: int = SHORT_DIFF_CHARS) -> str:
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit("\n", 1)[0] if "\n" in words[:limit] else words[:limit]
    return cut.rstrip() + "\n…"


def notification(payload: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of a chat or mail notification: what happened, the note, a short diff."""
    what = {
        "proposed": "Correction proposed",
        "reviewed": "Correction reviewed",
        "revised": "Correction revised",
        "withdrawn": "Correction withdrawn",
        "published": "Correction published",
    }[payload["event"]]
    title = f"{what}: {payload.get('headline') or payload['article']}"
    lines = [f"{payload['kind']} {payload['id']} to {payload['article']} by {payload['by']}"]
    if payload.get("verdict"):
        lines.append(f"Verdict: {payload['verdict']}")
    if payload.get("url"):
        lines.append(str(payload["url"]))
    if payload.get("note"):
        lines += ["", str(payload["note"])]
    words = str(payload.get("diff", {}).get("words") or "")
    if words:
        lines += ["", short_diff(words)]
    return title, "\n".join(lines).rstrip() + "\n"


def hook_payload(
    event: HookEvent,
    record: CorrectionRecord,
    *,
    by: str,
    commit: str,
    delivered: bool,
    headline: str | None,
    url: str | None,
    notes_block: str,
    unified: str,
    words: str,
) -> dict[str, Any]:
    """The event as hooks receive it (the command's stdin, each webhook's body)."""
    reviews = [
        {
            "reviewer": r.reviewer,
            "verdict": r.verdict.value,
            "comment": r.comment,
            "at": r.at.isoformat(),
            "revision": r.revision,
        }
        for r in record.reviews
    ]
    latest = record.reviews[-1] if event == "reviewed" and record.reviews else None
    published = record.published
    return {
        "version": PAYLOAD_VERSION,
        "event": event,
        "id": record.id,
        "kind": record.kind.value,
        "status": record.status.value,
        "revision": record.revision,
        "article": record.article,
        "headline": headline,
        "url": url,
        "by": by,
        "at": record.updated_at.isoformat(),
        "verdict": latest.verdict.value if latest else None,
        "comment": latest.comment if latest else None,
        "people": {
            "proposer": record.proposer,
            "reviewers": list(dict.fromkeys(r.reviewer for r in record.reviews)),
            "approvers": list(published.approvers) if published else record.approvers(),
            "publisher": published.publisher if published else None,
        },
        "reviews": reviews,
        "summary": record.summary,
        "note": record.note,
        "note_date": record.note_date.isoformat() if record.note_date else None,
        "notes_block": notes_block,
        "diff": {"unified": unified, "words": words},
        "commit": commit,
        # False when the step was kept on this machine (offline, or the remote unreachable):
        # `corrections sync` delivers it later under a new commit id.
        "delivered": delivered,
    }
