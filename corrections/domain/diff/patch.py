"""Unified patches that ``git apply`` accepts byte for byte.

Lines are split on "\\n" only, like git, so CRLF endings, U+2028, form feeds and other
characters ``str.splitlines`` would break on stay inside their line. A last line without a
newline is followed by git's "\\ No newline at end of file" marker.
"""

from __future__ import annotations

from corrections.domain.frozen import frozen

from .lines import split_lines
from .matcher import matcher

NO_NEWLINE = "\\ No newline at end of file\n"


@frozen(slots=True)
class Hunk:
    """One ``@@`` hunk. Starts are 1-based as in the header (0 for an empty side); ``lines``
    are the body lines with their " ", "-" or "+" prefix and their own line endings."""

    old_start: int
    old_count: int
    new_start: int
    new_count: int
    lines: tuple[str, ...]

    @property
    def header(self) -> str:
        old = _range(self.old_start, self.old_count)
        new = _range(self.new_start, self.new_count)
        return f"@@ -{old} +{new} @@\n"

    def format(self) -> str:
        out = [self.header]
        for line in self.lines:
            out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
        return "".join(out)


def _range(start: int, count: int) -> str:
    # git writes "5" for a one-line range and "4,0" for an empty one after line 4.
    return str(start) if count == 1 else f"{start},{count}"


def line_hunks(old: str, new: str, *, context: int = 3) -> tuple[Hunk, ...]:
    """The hunks of a line diff of ``old`` and ``new`` with ``context`` lines around changes."""
    if context < 0:
        raise ValueError("context must not be negative")
    a, b = split_lines(old), split_lines(new)
    hunks = []
    for group in matcher(a, b).get_grouped_opcodes(context):
        i1, j1 = group[0][1], group[0][3]
        i2, j2 = group[-1][2], group[-1][4]
        lines: list[str] = []
        for tag, s1, s2, t1, t2 in group:
            if tag == "equal":
                lines += [" " + line for line in a[s1:s2]]
                continue
            lines += ["-" + line for line in a[s1:s2]]
            lines += ["+" + line for line in b[t1:t2]]
        old_count, new_count = i2 - i1, j2 - j1
        hunks.append(
            Hunk(
                i1 + 1 if old_count else i1,
                old_count,
                j1 + 1 if new_count else j1,
                new_count,
                tuple(lines),
            )
        )
    return tuple(hunks)


def unified_patch(
    old: str,
    new: str,
    *,
    old_path: str = "a/article.md",
    new_path: str = "b/article.md",
    context: int = 3,
    git_header: bool = False,
) -> str:
    """A unified diff from ``old`` to ``new``; "" when they are equal.

    With ``git_header`` the patch starts with a ``diff --git`` line, which ``git apply``
    inside a repository expects of a patch it did not make itself. Paths are used as given
    (with their "a/" and "b/" prefixes) and must not contain line breaks.
    """
    for path in (old_path, new_path):
        if not path or any(c in path for c in "\n\r\t\0"):
            raise ValueError(f"unusable path in a patch header: {path!r}")
    hunks = line_hunks(old, new, context=context)
    if not hunks:
        return ""
    head = f"diff --git {old_path} {new_path}\n" if git_header else ""
    return head + f"--- {old_path}\n+++ {new_path}\n" + "".join(h.format() for h in hunks)
