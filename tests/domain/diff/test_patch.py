"""unified_patch against the real ``git apply``: the file must end up byte for byte new."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corrections.domain.diff import line_hunks, unified_patch

GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

# Everything that tends to break patches: CRLF, lone CR, U+2028 and form feeds (line breaks
# to str.splitlines but not to git), combining accents, zero-width and bidi characters,
# lines that look like patch syntax, missing final newlines.
PIECES = [
    "alpha", "beta", "Mr.", "café", "cafe\u0301", "\u0301", " ", "\t", "\n", "\n", "\n\n",
    "\r\n", "\r", "\u2028", "\x0c", "\u200b", "\u202e", "\x1b[1m", "-", "+", "@@ ", "\\ ",
    "--- a/x", "中",
]  # fmt: skip
piece = st.sampled_from(PIECES)


@st.composite
def patch_pairs(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(st.lists(piece, max_size=50))
    new = list(old) if draw(st.booleans()) else draw(st.lists(piece, max_size=50))
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(new)))
        if draw(st.booleans()) or at == len(new):
            new.insert(at, draw(piece))
        else:
            del new[at]
    return "".join(old), "".join(new)


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=GIT_ENV, input=stdin, capture_output=True, check=False
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("patch-repo")
    assert _git(path, "init", "-q").returncode == 0
    return path


def apply_with_git(repo: Path, old: str, new: str, *, git_header: bool) -> bytes:
    """Write ``old``, apply our patch with ``git apply`` and return the file's bytes."""
    article = repo / "article.md"
    article.write_bytes(old.encode("utf-8"))
    patch = unified_patch(old, new, git_header=git_header)
    if old == new:
        assert patch == ""
        return article.read_bytes()
    data = patch.encode("utf-8")
    check = _git(repo, "apply", "--check", "-", stdin=data)
    assert check.returncode == 0, check.stderr.decode() + "\n" + patch
    done = _git(repo, "apply", "-", stdin=data)
    assert done.returncode == 0, done.stderr.decode() + "\n" + patch
    return article.read_bytes()


@pytest.mark.parametrize("git_header", [False, True])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("a\nb\nc", "a\nB\nc", id="no-final-newline-both"),
        pytest.param("a\nb\n", "a\nb", id="final-newline-removed"),
        pytest.param("a\nb", "a\nb\n", id="final-newline-added"),
        pytest.param("one\r\ntwo\r\n", "one\ntwo\n", id="crlf-to-lf"),
        pytest.param("one\ntwo\n", "one\r\ntwo\r\nthree\r\n", id="lf-to-crlf"),
        pytest.param("a\u2028b\nc\n", "a\u2028B\nc\n", id="u2028-inside-a-line"),
        pytest.param("page\x0cbreak\nx\n", "page\x0cBREAK\nx\n", id="form-feed"),
        pytest.param("cafe\u0301\n", "café\n", id="nfd-to-nfc"),
        pytest.param("zero\u200bwidth\n", "zerowidth\n", id="zero-width"),
        pytest.param("", "new text\nhere", id="empty-to-text"),
        pytest.param("", "new text\n", id="empty-to-text-newline"),
        pytest.param("old text\nhere", "", id="text-to-empty"),
        pytest.param("old\n", "", id="text-newline-to-empty"),
        pytest.param("\\ looks like a marker\n-x\n+y\n", "\\ still\n-x\n+z\n", id="patch-syntax"),
        pytest.param(
            "\n".join(f"line {n}" for n in range(40)),
            "\n".join(f"line {n}" if n % 13 else f"LINE {n}" for n in range(40)),
            id="several-hunks",
        ),
    ],
)
def test_git_apply_accepts_the_patch(repo: Path, old: str, new: str, git_header: bool) -> None:
    assert apply_with_git(repo, old, new, git_header=git_header) == new.encode("utf-8")


def test_patch_format() -> None:
    patch = unified_patch("a\nb\nc", "a\nB\nc")
    assert patch == (
        "--- a/article.md\n"
        "+++ b/article.md\n"
        "@@ -1,3 +1,3 @@\n"
        " a\n"
        "-b\n"
        "+B\n"
        " c\n"
        "\\ No newline at end of file\n"
    )
    headed = unified_patch("x\n", "y\n", old_path="a/p.md", new_path="b/p.md", git_header=True)
    assert headed.startswith("diff --git a/p.md b/p.md\n--- a/p.md\n+++ b/p.md\n@@ -1 +1 @@\n")
    assert unified_patch("same\n", "same\n") == ""
    assert unified_patch("", "a\n").splitlines()[2] == "@@ -0,0 +1 @@"
    assert unified_patch("a\n", "").splitlines()[2] == "@@ -1 +0,0 @@"


def test_u2028_and_form_feed_are_not_line_breaks() -> None:
    (hunk,) = line_hunks("a\u2028b\x0cc\n", "a\u2028b\x0cC\n")
    assert hunk.lines == ("-a\u2028b\x0cc\n", "+a\u2028b\x0cC\n")


def test_context_size() -> None:
    old = "".join(f"{n}\n" for n in range(20))
    new = old.replace("10\n", "ten\n")
    (narrow,) = line_hunks(old, new, context=1)
    assert (narrow.old_start, narrow.old_count) == (10, 3)
    (wide,) = line_hunks(old, new)
    assert (wide.old_start, wide.old_count) == (8, 7)
    with pytest.raises(ValueError):
        unified_patch(old, new, context=-1)
    with pytest.raises(ValueError):
        unified_patch(old, new, old_path="a/x\ny")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pair=patch_pairs(), git_header=st.booleans())
def test_git_apply_property(repo: Path, pair: tuple[str, str], git_header: bool) -> None:
    old, new = pair
    assert apply_with_git(repo, old, new, git_header=git_header) == new.encode("utf-8")
