"""What the app says after checking the store for what killed processes left."""

from __future__ import annotations

from typing import Literal

from corrections.services.maintenance import Health, named_paths

Severity = Literal["information", "warning", "error"]


def repaired_notice(paths: list[str]) -> str:
    return (
        f"Brought {named_paths(paths)} up to date with main: an interrupted command had "
        "left them behind."
    )


def health_notice(health: Health) -> tuple[str, Severity]:
    done = []
    if health.removed:
        done.append(f"removed {len(health.removed)} stale lock file(s)")
    if health.brought_up_to_date:
        done.append(f"brought {len(health.brought_up_to_date)} file(s) up to date with main")
    if health.locks:
        young = ", ".join(lock.path.name for lock in health.locks)
        left = (
            f"{young} is younger than a minute and may be in use; if no git command is "
            "running, remove it with 'corrections doctor --repair --force'"
        )
        return ("; ".join([*done, left]).capitalize() + ".", "warning")
    if done:
        return ("; ".join(done).capitalize() + ".", "information")
    return (
        "The store is healthy: no locks left behind, the work tree matches main.",
        "information",
    )
