"""The terminal UI (Textual): browse articles, propose, review and publish corrections.

Screens coordinate, widgets show, workers call :mod:`corrections.services` through
:class:`~corrections.tui.backend.Backend`, and every piece of untrusted text is turned into
``Content`` by :mod:`corrections.tui.render`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corrections.services import GitStore


def run(store: GitStore, user: str | None, *, offline: bool = False) -> int:
    """Run the app on an open store until the user quits; returns the exit code.

    ``offline``: steps stay on this machine and nothing syncs in the background (F5 still
    syncs when asked)."""
    from corrections import services
    from corrections.tui.app import CorrectionsApp
    from corrections.tui.backend import Backend

    if offline:
        services.work_offline(store)
    app = CorrectionsApp(Backend(store, user), offline=offline)
    app.run()
    return app.return_code or 0
