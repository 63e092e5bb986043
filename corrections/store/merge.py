"""Three-way merge of article texts with ``git merge-file``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from corrections.domain.frozen import frozen
from corrections.store.gitcmd import run_git


@frozen
class MergeResult:
    text: str
    conflicts: int
    passage: str  # the first conflicting passage, with git's markers, when there is one


def merge_texts(git_dir: Path, base: str, current: str, proposed: str) -> MergeResult:
    """Merge ``proposed`` (made against ``base``) into ``current``."""
    with tempfile.TemporaryDirectory(prefix="corrections-merge-") as tmp:
        files = []
        for name, text in (("current", current), ("base", base), ("proposed", proposed)):
            path = Path(tmp) / name
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            files.append(str(path))
        result = run_git(
            git_dir,
            [
                "merge-file",
                "-p",
                "--diff3",
                "-L",
                "published now",
                "-L",
                "proposal's base",
                "-L",
                "proposed",
                "--",
                *files,
            ],
            check=False,
        )
    if result.returncode < 0 or result.returncode > 127:
        from corrections.domain.errors import StoreError

        raise StoreError(f"git merge-file failed: {result.stderr.decode(errors='replace')}")
    merged = result.stdout.decode("utf-8", "surrogateescape")
    return MergeResult(
        merged, result.returncode, _first_conflict(merged) if result.returncode else ""
    )


def _first_conflict(merged: str) -> str:
    lines = merged.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("<<<<<<< "):
            for end in range(index, len(lines)):
                if lines[end].startswith(">>>>>>> "):
                    return "\n".join(lines[index : end + 1])
    return ""
