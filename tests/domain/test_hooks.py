"""The hooks table of corrections.toml, checked strictly; webhook signatures and the
addresses shown in messages with their secrets left out."""

from __future__ import annotations

import pytest

from corrections.domain.config import parse_config
from corrections.domain.errors import BadInput
from corrections.domain.hooks import redacted_url, signature, signature_matches

SECRET = "s3cret-for-tests-only"

# ---------------------------------------------------------------------- configuration


def test_hooks_table_is_checked() -> None:
    good = parse_config(
        '[hooks]\ncommand = ["python3", "hook.py"]\n'
        'webhooks = [{ url = "https://cms.example/hook", secret_env = "CMS_SECRET" }]\n'
        'notify = ["slack://${SLACK_TOKENS}", "mailto://desk@example.org"]\n'
    )
    assert good.hooks.command == ["python3", "hook.py"]
    assert good.hooks.webhooks[0].secret_env == "CMS_SECRET"
    assert good.hooks.configured
    assert not parse_config("").hooks.configured
    bad = {
        '[hooks]\nwebhooks = [{ url = "https://x.example", secret = "abc" }]': "never goes in",
        '[hooks]\nwebhooks = [{ url = "ftp://x", secret_env = "S" }]': "not an http",
        '[hooks]\nwebhooks = [{ url = "https://x", secret_env = "no-such name" }]': "environment",
        '[hooks]\nnotify = ["just words"]': "apprise URL",
        '[hooks]\nevents = ["printed"]': "hooks.events",
        "[hooks]\ntimeout = 0": "hooks.timeout",
        '[hooks]\nshell = "rm -rf /"': "hooks.shell",
    }
    for text, expected in bad.items():
        with pytest.raises(BadInput, match=expected):
            parse_config(text)


def test_signature_and_redaction() -> None:
    body = b'{"event":"published"}'
    header = signature(SECRET, body)
    assert header.startswith("sha256=")
    assert len(header) == 7 + 64
    assert signature_matches(SECRET, body, header)
    assert not signature_matches("other", body, header)
    assert redacted_url("slack://T000/B000/XXXX") == "slack://…"
    assert redacted_url("https://user:pw@cms.example/hook?key=1") == "https://cms.example/…"
