"""The domain's dataclasses: checked by pydantic from outside, dumped and read back without it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corrections.domain.config import Policy, StoreConfig, parse_config
from corrections.domain.events import EVENT_TYPES, ProposalEvent, ReviewEvent
from corrections.domain.hooks import Hooks, Webhook
from corrections.domain.kinds import Kind
from corrections.domain.notes.builtin import STYLE_DATA
from corrections.domain.notes.config import BUILTIN_STYLES
from corrections.domain.notes.styles import HouseStyle
from corrections.domain.records import CorrectionRecord, Published, Review, Status, Verdict
from corrections.domain.strict import Invalid, adapter, check, from_data, to_data

SHA = "a" * 40
DIGEST = "b" * 64
ID = "20260115T120000Z-1a2b3c4d"

zones = st.sampled_from(
    [dt.UTC, dt.timezone(dt.timedelta(hours=-5)), dt.timezone(dt.timedelta(hours=5, minutes=30))]
)
times = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    zones,
)
names = st.text(st.characters(categories=["L"]), min_size=1, max_size=20)
reviews = st.builds(
    Review,
    reviewer=names,
    verdict=st.sampled_from(list(Verdict)),
    comment=st.text(max_size=30),
    at=times,
    revision=st.integers(1, 9),
    diff_hash=st.just(DIGEST),
)
records = st.builds(
    CorrectionRecord,
    id=st.just(ID),
    article=st.just("a-slug"),
    kind=st.sampled_from(list(Kind)),
    status=st.sampled_from(list(Status)),
    summary=st.text(max_size=30),
    revision=st.integers(1, 9),
    base_commit=st.just(SHA),
    proposed_text=st.text(max_size=200),
    diff_hash=st.just(DIGEST),
    draft_note=st.none() | st.text(max_size=30),
    note=st.none() | st.text(max_size=30),
    note_date=st.none() | st.dates(),
    proposer=names,
    proposed_at=times,
    updated_at=times,
    reviews=st.lists(reviews, max_size=3).map(tuple),
    published=st.none()
    | st.builds(
        Published,
        publisher=names,
        at=times,
        approvers=st.lists(names, max_size=3).map(tuple),
        parent=st.just(SHA),
        merged=st.booleans(),
    ),
    group=st.none() | st.just(ID),
)


@settings(deadline=None)  # the first example builds pydantic's validator
@given(records)
def test_a_record_dumps_as_pydantic_would_and_reads_back(record: CorrectionRecord) -> None:
    data = to_data(record)
    assert data == adapter(CorrectionRecord).dump_python(record, mode="json")
    assert from_data(CorrectionRecord, data) == record
    assert check(CorrectionRecord, data) == record


def test_settings_and_styles_dump_as_pydantic_would() -> None:
    config = parse_config(
        textwrap.dedent(
            """
            [policy]
            required_approvals = 2
            approvals_by_kind = { retraction = 3 }
            reviewers = ["Sam Reviewer"]
            [hooks]
            command = ["notify-desk"]
            webhooks = [{ url = "https://hooks.example/x", secret_env = "HOOK_SECRET" }]
            timeout = 5
            """
        )
    )
    data = to_data(config)
    assert data == adapter(StoreConfig).dump_python(config, mode="json")
    assert from_data(StoreConfig, data) == config
    assert config.hooks.webhooks == [
        Webhook(url="https://hooks.example/x", secret_env="HOOK_SECRET")
    ]
    assert config.hooks.timeout == 5.0
    assert isinstance(from_data(Hooks, to_data(config.hooks)).timeout, float)


@pytest.mark.parametrize("name", sorted(STYLE_DATA))
def test_every_builtin_style_passes_the_full_check(name: str) -> None:
    # The built-ins are built without the schema validator; the schema must agree.
    assert check(HouseStyle, STYLE_DATA[name]) == BUILTIN_STYLES[name]


@pytest.mark.parametrize(
    ("data", "kind", "where", "message"),
    [
        ({"required_approvals": 0}, "greater_than_equal", "required_approvals", "greater than"),
        ({"require_signed": "yes"}, "bool_type", "require_signed", "valid boolean"),
        ({"reviewers": ["  "]}, "value_error", "reviewers", "'  '"),
        ({"approvals_by_kind": {"typo": 11}}, "value_error", "approvals_by_kind", "between 1"),
        ({"allowed_signers": "../keys"}, "value_error", "allowed_signers", "inside the store"),
        ({"extra": 1}, "extra_forbidden", "extra", "Extra inputs are not permitted"),
    ],
)
def test_a_bad_value_is_named_by_its_field(
    data: dict[str, object], kind: str, where: str, message: str
) -> None:
    with pytest.raises(Invalid) as caught:
        check(Policy, data)
    assert caught.value.kind == kind
    assert caught.value.where == where
    assert message in caught.value.message
    assert not caught.value.message.startswith("Value error")


def test_a_secret_in_a_webhook_is_refused_before_anything_else() -> None:
    with pytest.raises(Invalid, match=r"secret never goes in corrections\.toml") as caught:
        check(Hooks, {"webhooks": [{"url": "https://x.example", "secret": "s3cret"}]})
    assert caught.value.loc == ("webhooks", 0)


def test_events_and_records_are_frozen_dataclasses() -> None:
    event = ReviewEvent(
        id=ID,
        article="a-slug",
        at=dt.datetime(2026, 1, 15, tzinfo=dt.UTC),
        reviewer="Sam",
        verdict=Verdict.approve,
        revision=1,
        diff_hash=DIGEST,
    )
    with pytest.raises(AttributeError):
        event.reviewer = "Mallory"  # type: ignore[misc]
    assert to_data(event)["at"] == "2026-01-15T00:00:00Z"
    assert all(getattr(cls, "__pydantic_config__", None) for cls in EVENT_TYPES)
    with pytest.raises(Invalid) as caught:
        check(ProposalEvent, {**to_data(event), "type": "proposal"})
    assert caught.value.kind in {"missing", "extra_forbidden", "literal_error"}


def test_reading_the_domain_does_not_load_pydantic() -> None:
    # The everyday commands build these types from caches; pydantic loads only for a check.
    code = (
        "import sys\n"
        "import corrections.domain.config, corrections.domain.events, corrections.domain.fold\n"
        "import corrections.domain.notes, corrections.domain.records\n"
        "from corrections.domain.notes.config import BUILTIN_STYLES\n"
        "from corrections.domain.strict import from_data, to_data\n"
        "from corrections.domain.config import StoreConfig\n"
        "from_data(StoreConfig, to_data(StoreConfig()))\n"
        "BUILTIN_STYLES['nyt']\n"
        "print('pydantic' in sys.modules, 'pydantic_core' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
