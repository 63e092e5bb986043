"""What the tests share: helpers to import and fixtures (``fixtures.py``, ``remote.py``)
that ``tests/conftest.py`` registers for every test.

- ``store``: the seed article, pinned identities and dates, ``git`` by hand, stores brought
  to a known state; ``cli``: the command line in process (``run_cli``) or as the real
  console script;
- ``remote``: real git transports on 127.0.0.1 (``file://``, git daemon, smart HTTP);
- ``tui``: the app under Pilot and what its screen shows; ``faults``: git killed after its
  N-th process; ``trust``: steps through the command line and commits by hand;
- ``events``: correction events built by hand; ``notes`` and ``golden``: sentence changes
  and the notes corpus; ``html``: the tags and scripts of a page.
"""

from tests.support.cli import CLI, built_demo, run_cli, run_console_script
from tests.support.store import (
    ANCHOR,
    ARCHIVE,
    ARGENTINA,
    EDITOR,
    LEE,
    MAYA,
    PAT,
    PINNED,
    ROOT,
    SAM,
    SEED_ARTICLE,
    SEED_SLUG,
    approve_and_publish,
    git,
    seed_body,
    seed_correction,
    write_article,
)

__all__ = [
    "ANCHOR",
    "ARCHIVE",
    "ARGENTINA",
    "CLI",
    "EDITOR",
    "LEE",
    "MAYA",
    "PAT",
    "PINNED",
    "ROOT",
    "SAM",
    "SEED_ARTICLE",
    "SEED_SLUG",
    "approve_and_publish",
    "built_demo",
    "git",
    "run_cli",
    "run_console_script",
    "seed_body",
    "seed_correction",
    "write_article",
]
