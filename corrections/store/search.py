"""Full-text search of the articles at a commit with ``git grep`` (multi-threaded, no index).

One ``git grep -o --column`` over the commit's ``articles/`` tree gives every match with its
line and byte column; one ``cat-file --batch`` then reads the files that matched, so the
domain can say which paragraph and sentence each match is in. The pattern is passed after
``-e`` (never read as an option) and the commit is a full object id; a pattern that
runs too long is stopped with its process group and reported as a bad pattern.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Literal

from corrections.domain.catalog import ARTICLES_DIR, slug_of_path
from corrections.domain.errors import BadInput, StoreError
from corrections.domain.frozen import frozen
from corrections.store import bulk
from corrections.store.gitcmd import start_git
from corrections.store.objects import read_objects

Mode = Literal["fixed", "regex"]

_OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")

SEARCH_TIMEOUT = 30.0
"""Seconds a search may take before it is stopped (a pattern that backtracks forever).

Plain text takes git about 1 s per 10,000 articles on a busy 2-core machine."""
MAX_PATTERN = 1000
NAMED_READS = 4  # up to this many matched files are read by name, more by blob id
# git prints UTF-8 columns and matches characters (not bytes) in a UTF-8 locale; its
# messages stay in English in C.UTF-8 as in C.
_UTF8_ENV = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


@frozen(slots=True)
class GrepMatch:
    """One match: the article's slug, 1-based line, 1-based byte column, matched bytes."""

    slug: str
    line: int
    column: int
    text: bytes


@frozen
class GrepResult:
    commit: str
    matches: list[GrepMatch]
    files: dict[str, bytes]  # slug -> the article file at ``commit``, for each slug matched
    truncated: bool  # stopped at the limit: more matches exist


def check_pattern(pattern: str) -> None:
    if not pattern:
        raise BadInput("search: the pattern is empty")
    if "\n" in pattern or "\r" in pattern or "\0" in pattern:
        raise BadInput("search: a pattern is one line (no line breaks or NUL characters)")
    if len(pattern) > MAX_PATTERN:
        raise BadInput(f"search: the pattern is longer than {MAX_PATTERN} characters")


def grep_args(commit: str, pattern: str, *, mode: Mode, ignore_case: bool, word: bool) -> list[str]:
    args = ["grep", "-z", "-n", "-o", "--column", "-I", "--no-color", "--full-name"]
    args.append("-F" if mode == "fixed" else "-P")
    if ignore_case:
        args.append("-i")
    if word:
        args.append("-w")
    # git grep takes ``--end-of-options`` only from git 2.43 on (before, it reads it as a
    # revision): the commit is a full object id, checked above, so it cannot be an option.
    # The pattern follows ``-e``, which takes the next argument whatever it looks like.
    if not _OBJECT_ID.fullmatch(commit):
        raise StoreError(f"git grep: {commit!r} is not a commit id")
    return [*args, "-e", pattern, commit, "--", f"{ARTICLES_DIR}/*.md"]


def grep_articles(
    git_dir: Path,
    commit: str,
    pattern: str,
    *,
    mode: Mode = "fixed",
    ignore_case: bool = True,
    word: bool = False,
    limit: int | None = None,
    timeout: float = SEARCH_TIMEOUT,
) -> GrepResult:
    """Every match of ``pattern`` in the articles at ``commit`` (at most ``limit``)."""
    check_pattern(pattern)
    args = grep_args(commit, pattern, mode=mode, ignore_case=ignore_case, word=word)
    matches, truncated = _run(git_dir, args, commit, limit, timeout, pattern)
    files = _read_articles(git_dir, commit, list(dict.fromkeys(m.slug for m in matches)))
    placed = _true_columns([m for m in matches if m.slug in files], files, word)
    return GrepResult(commit, placed, files, truncated)


def _read_articles(git_dir: Path, commit: str, slugs: list[str]) -> dict[str, bytes]:
    """The files of ``slugs`` at ``commit``, through one ``cat-file --batch``.

    A few are named ``commit:path``; more are read by blob id from one ``ls-tree``, since
    git looks each ``commit:path`` up by reading the whole ``articles/`` tree again (with
    10,000 articles, 3,000 files read by name took 14 s, by id under 1 s).
    """
    if len(slugs) <= NAMED_READS:
        names = [f"{commit}:{ARTICLES_DIR}/{slug}.md" for slug in slugs]
        texts = [data for _, data in read_objects(git_dir, names, missing_ok=True)]
        return {slug: data for slug, data in zip(slugs, texts, strict=True) if data is not None}
    tree = bulk.ls_tree(git_dir, commit, ARTICLES_DIR)
    wanted = {tree[path]: slug for slug in slugs if (path := f"{ARTICLES_DIR}/{slug}.md") in tree}
    files = {wanted[oid]: data for oid, data in read_objects(git_dir, list(dict.fromkeys(wanted)))}
    return {slug: files[slug] for slug in slugs if slug in files}


def _true_columns(matches: list[GrepMatch], files: dict[str, bytes], word: bool) -> list[GrepMatch]:
    """Columns of every match, where git's are off.

    With ``-o --column`` git gives the first match of a line its true column, but each later
    match on that line the previous one's column plus the distance from the start of the
    rest of the line to the previous match's end. From those, each match's end follows
    exactly; the last match of a line is found from the previous one's end onwards.
    """
    out: list[GrepMatch] = []
    at = 0
    while at < len(matches):
        end = at + 1
        first = matches[at]
        while end < len(matches) and (matches[end].slug, matches[end].line) == (
            first.slug,
            first.line,
        ):
            end += 1
        group = matches[at:end]
        at = end
        if len(group) == 1:
            out.append(first)
            continue
        line = _line(files[first.slug], first.line)
        origin = first.column
        for number, match in enumerate(group):
            if number == 0:
                out.append(match)
            elif number < len(group) - 1:
                match_end = group[number + 1].column - origin
                out.append(_at(match, match_end - len(match.text) + 1))
            else:
                rest = match.column - origin
                out.append(_at(match, _find(line, match.text, rest, word) + 1))
    return out


def _at(match: GrepMatch, column: int) -> GrepMatch:
    return GrepMatch(match.slug, match.line, column, match.text)


def _line(data: bytes, number: int) -> bytes:
    start = 0
    for _ in range(number - 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return b""
    end = data.find(b"\n", start)
    return data[start : len(data) if end < 0 else end]


def _find(line: bytes, text: bytes, start: int, word: bool) -> int:
    at = line.find(text, start)
    while word and at >= 0 and not _word_bounded(line, at, at + len(text)):
        at = line.find(text, at + 1)
    return max(at, start)


def _word_bounded(line: bytes, start: int, end: int) -> bool:
    # git's -w: the bytes either side are not letters, digits or "_" (ASCII).
    def word_byte(at: int) -> bool:
        return 0 <= at < len(line) and (
            (chr(line[at]).isalnum() and line[at] < 128) or line[at] == 95
        )

    return not word_byte(start - 1) and not word_byte(end)


def _run(
    git_dir: Path, args: list[str], commit: str, limit: int | None, timeout: float, pattern: str
) -> tuple[list[GrepMatch], bool]:
    process = start_git(git_dir, args, env=_UTF8_ENV, new_session=True)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        process.kill_group()

    timer = threading.Timer(timeout, stop)
    timer.daemon = True
    timer.start()
    matches: list[GrepMatch] = []
    truncated = False
    prefix = f"{commit}:".encode()
    try:
        if process.stdout is None:  # pragma: no cover - asked for a pipe
            raise StoreError("git grep: no pipe")
        for raw in process.stdout:
            if limit is not None and len(matches) >= limit:
                truncated = True
                break
            match = _parse(raw, prefix)
            if match is not None:
                matches.append(match)
        if not truncated:
            process.wait()  # git has written everything; the timer still bounds this
    finally:
        timer.cancel()
        process.stop()
    if timed_out.is_set():
        raise BadInput(
            f"search: no answer within {timeout:g} s for {pattern!r} (a pattern that "
            "backtracks without end, or a very large store): simplify it, or give more time"
        )
    if not truncated and process.returncode not in (0, 1):
        raise _error(process.stderr_text(), pattern)
    return matches, truncated


def _parse(raw: bytes, prefix: bytes) -> GrepMatch | None:
    # "<commit>:articles/<slug>.md\0<line>\0<column>\0<match>\n"
    parts = raw.rstrip(b"\n").split(b"\0", 3)
    if len(parts) != 4 or not parts[0].startswith(prefix):
        return None
    path = parts[0][len(prefix) :].decode("utf-8", "surrogateescape")
    slug = slug_of_path(path)
    if slug is None or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return GrepMatch(slug, int(parts[1]), int(parts[2]), parts[3])


def _error(stderr: str, pattern: str) -> CorrectionsErrorType:
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in stderr.splitlines()]
    reason = next((line for line in lines if line.strip()), "failed")
    # A pattern git cannot compile ("-e option, '(': missing closing parenthesis") or
    # one PCRE gave up on (its backtracking or JIT stack limits) is the user's input.
    if reason.startswith(("command line,", "-e option,")) or "pcre" in reason.lower():
        reason = reason.split(": ", 1)[-1] if "': " in reason else reason
        return BadInput(f"search: bad pattern {pattern!r}: {reason}")
    return StoreError(f"git grep: {reason}")


CorrectionsErrorType = BadInput | StoreError
