"""``corrections.toml``: the newsroom's house style and review policy."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Any

from corrections.domain.catalog import CONFIG_FILE as CONFIG_FILE
from corrections.domain.ci.settings import CiSettings, ci_table
from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.domain.hooks import Hooks
from corrections.domain.kinds import Kind
from corrections.domain.people import name_problem
from corrections.domain.strict import FORBID_EXTRA, AfterValidator, Field, Invalid, Strict, check
from corrections.domain.style_names import HOUSE_NAMES, StyleName

# Who may sign steps, in git's gpg.ssh.allowedSignersFile format (see README).
ALLOWED_SIGNERS_FILE = ".corrections/allowed_signers"


@frozen(kw_only=True)
class House:
    """The ``[house]`` table: the outlet's name and the house style its notes follow."""

    __pydantic_config__ = FORBID_EXTRA
    name: str = "Newsroom"
    style: StyleName = "globe"
    # Overrides of the style's templates, e.g. a house's own wording for clarifications.
    templates: dict[str, Any] = field(default_factory=dict)


KIND_NAMES = tuple(kind.value for kind in Kind)


def _valid_names(value: list[str]) -> list[str]:
    for name in value:
        problem = name_problem(name)
        if problem is not None:
            raise ValueError(f"{name!r}: {problem}")
    return value


def _inside_the_store(value: str) -> str:
    parts = value.split("/")
    if (
        not value
        or value.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or any(not (c.isalnum() or c in "._-") for part in parts for c in part)
    ):
        raise ValueError(
            f"{value!r} is not a relative path inside the store "
            "(letters, digits, '.', '_', '-' and '/')"
        )
    return value


def _known_kinds(value: dict[str, int]) -> dict[str, int]:
    for kind, count in value.items():
        if kind not in KIND_NAMES:
            raise ValueError(f"unknown kind {kind!r}; kinds are {', '.join(KIND_NAMES)}")
        if not 1 <= count <= 10:
            raise ValueError(f"{kind}: approvals must be between 1 and 10")
    return value


People = Annotated[list[str], AfterValidator(_valid_names)]


@frozen(kw_only=True)
class Policy:
    """The ``[policy]`` table: approvals needed (per kind), who reviews and publishes, signing."""

    __pydantic_config__ = FORBID_EXTRA
    required_approvals: Annotated[int, Field(ge=1, le=10)] = 1
    # Per kind, e.g. {"retraction": 2}: serious kinds may need more eyes.
    approvals_by_kind: Annotated[dict[str, int], AfterValidator(_known_kinds)] = field(
        default_factory=dict
    )
    # When set, only these people may review / publish (names compared canonically).
    reviewers: People = field(default_factory=list)
    publishers: People = field(default_factory=list)
    # Every step commit must carry a git SSH signature by a key the allowed-signers file
    # lists for the person who took the step.
    require_signed: Annotated[bool, Strict()] = False
    allowed_signers: Annotated[str, Field(max_length=300), AfterValidator(_inside_the_store)] = (
        ALLOWED_SIGNERS_FILE
    )


@frozen(kw_only=True)
class Sync:
    """The ``[sync]`` table: how the app keeps up with the shared remote."""

    __pydantic_config__ = FORBID_EXTRA
    # Seconds between the app's background fetches from the shared remote; 0 turns them off.
    interval: Annotated[int, Field(ge=0, le=86_400)] = 30


@frozen(kw_only=True)
class StoreConfig:
    """The whole of ``corrections.toml``."""

    __pydantic_config__ = FORBID_EXTRA
    house: House = field(default_factory=House)
    policy: Policy = field(default_factory=Policy)
    sync: Sync = field(default_factory=Sync)
    # A store written before [ci] existed gets the defaults: GitHub, this tool's version.
    ci: CiSettings = field(default_factory=CiSettings)
    # What runs after each step: a command, signed webhooks, chat and mail notifications.
    hooks: Hooks = field(default_factory=Hooks)


def parse_config(text: str, name: str = CONFIG_FILE) -> StoreConfig:
    import tomllib  # a configuration checked before is read from the cache, not parsed

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{name}: {error}") from None
    try:
        return check(StoreConfig, data)
    except Invalid as error:
        raise BadInput(f"{name}: {error.where}: {error.message}") from None


def default_config_text(style: StyleName, ci: CiSettings | None = None) -> str:
    return _house_and_policy(style) + "\n" + ci_table(ci or CiSettings())


def _house_and_policy(style: StyleName) -> str:
    return f"""# corrections: this newsroom's house style and review policy.
[house]
name = "{HOUSE_NAMES[style]}"
# How correction notes are worded: globe, nyt, ap, guardian or reuters.
style = "{style}"

[policy]
# Approvals needed before a correction can be published; the proposer's never counts.
required_approvals = 1
# More for some kinds, e.g.: approvals_by_kind = {{ retraction = 2 }}
approvals_by_kind = {{}}
# Only these people may review or publish (empty: anyone but the proposer may review).
reviewers = []
publishers = []
# Every step commit signed (git's SSH signing) by a key listed for its person in
# .corrections/allowed_signers: require_signed = true
require_signed = false

[sync]
# Seconds between the app's background fetches from the shared remote (0: never).
interval = 30
"""
