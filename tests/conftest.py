"""Every test gets the shared fixtures of ``tests/support`` (real git repositories in
temporary directories, pinned identities, real transports)."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.support.fixtures", "tests.support.remote"]

# The folders whose tests take seconds each (fresh environments, the app under Pilot,
# processes killed and racing) run first: with several workers per core, the many short tests
# then fill in at the end and the workers finish together.
SLOW_FIRST = ("tests/ci/", "tests/tui/", "tests/reliability/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next(
            (n for n, folder in enumerate(SLOW_FIRST) if item.nodeid.startswith(folder)),
            len(SLOW_FIRST),
        )

    items.sort(key=rank)
