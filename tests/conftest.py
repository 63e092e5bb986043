"""Every test gets the shared fixtures of ``tests/support`` (real git repositories in
temporary directories, pinned identities, real transports)."""

pytest_plugins = ["tests.support.fixtures", "tests.support.remote"]
