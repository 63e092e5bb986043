"""Facts about this installation for a crash report: versions, never anything of a store."""

from __future__ import annotations

import platform
import sys

from corrections import __version__


def versions() -> dict[str, str]:
    """corrections, Python, the platform and git, each as one line."""
    return {
        "corrections": __version__,
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "platform": platform.platform(),
        "git": git_version(),
    }


def git_version() -> str:
    """``git --version``, or why it could not be asked (a crash may come from git itself)."""
    from corrections.store.gitcmd import run_git

    try:
        result = run_git(None, ["--version"], check=False, timeout=10)
    except Exception as error:  # the report must be written whatever git does
        return f"unknown ({type(error).__name__})"
    if result.returncode:
        return f"unknown (git exited {result.returncode})"
    return result.stdout.decode("utf-8", "replace").strip()
