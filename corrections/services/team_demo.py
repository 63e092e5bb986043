"""``corrections demo --team DIR``: a newsroom on two machines, on one machine.

``DIR/newsroom.git`` is the shared remote (a bare repository, as a git host would keep it),
``DIR/maya`` is Maya Editor's clone (she made the demo's proposals) and ``DIR/sam`` is Sam
Reviewer's. A step taken in one clone reaches the other through the remote, as it would
between two laptops.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from corrections.domain.errors import Refused
from corrections.domain.frozen import frozen
from corrections.services.demo import EDITOR, REVIEWER, build_demo
from corrections.services.opening import open_store
from corrections.services.sync import attach_remote, clone_store
from corrections.store.git_store import Identity
from corrections.store.setup import init_bare_remote, set_local_identity

TEAM_MARKER = ".corrections-team-demo"
REVIEWER_IDENTITY = Identity(REVIEWER, "sam.reviewer@newsroom.invalid")


@frozen
class TeamDemo:
    root: Path
    remote: str  # the remote's URL
    editor: Path  # Maya Editor's clone
    reviewer: Path  # Sam Reviewer's clone
    created: bool


def build_team_demo(root: Path, fresh: bool = False) -> TeamDemo:
    root = root.resolve()
    bare, editor, reviewer = root / "newsroom.git", root / "maya", root / "sam"
    if root.exists() and any(root.iterdir()):
        if not (root / TEAM_MARKER).is_file():
            raise Refused(f"{root} exists and is not a team demo: choose another directory")
        if not fresh:
            return TeamDemo(root, bare.as_uri(), editor, reviewer, False)
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / TEAM_MARKER).write_text("built by corrections demo --team\n")
    url = init_bare_remote(bare)
    build_demo(editor)
    store = open_store(editor)
    try:
        attach_remote(store, url)
        set_local_identity(store, EDITOR)
    finally:
        store.close()
    store = clone_store(url, reviewer)
    try:
        set_local_identity(store, REVIEWER_IDENTITY)
    finally:
        store.close()
    return TeamDemo(root, url, editor, reviewer, True)
