"""Time the diff engine against ``git diff --no-index --word-diff=plain`` on the same files.

Run: ``.venv/bin/python benchmarks/bench_diff.py``. Another script can call :func:`run` and
get the rows as dicts. Inputs are generated deterministically (fixed seeds), so numbers from
two machines or two commits compare like for like.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script from a checkout: make the package importable without installing it.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corrections.domain.diff import diff_texts, render_words

_VOCABULARY = (
    "the government said on Thursday that its plan would cut emissions by 13.5 per cent "
    "while critics in Ottawa and Beijing warned of higher prices for consumers and farmers "
    "across the country as officials from the central bank met with ministers to discuss "
    "trade tariffs sanctions oil gas exports a record US$240-billion deal Mr. Putin Xi "
    "Russia China Ukraine Europe economy security co-operation summit leaders"
)
_WORDS = _VOCABULARY.split(" ")


def _sentence(rng: random.Random, words: int) -> str:
    body = " ".join(rng.choice(_WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def _paragraph(rng: random.Random, words: int) -> str:
    parts = []
    while words > 0:
        n = min(words, rng.randint(12, 24))
        parts.append(_sentence(rng, n))
        words -= n
    return " ".join(parts)


def make_article(words: int, *, paragraph_words: int = 66, seed: int = 1) -> str:
    """An article of about ``words`` words in paragraphs separated by blank lines."""
    rng = random.Random(seed)
    paragraphs = []
    while words > 0:
        n = min(words, paragraph_words)
        paragraphs.append(_paragraph(rng, n))
        words -= n
    return "\n\n".join(paragraphs) + "\n"


def scatter_edits(text: str, edits: int, *, seed: int = 2) -> str:
    """Replace ``edits`` words spread evenly over the text (one word each)."""
    rng = random.Random(seed)
    words = text.split(" ")
    step = max(1, len(words) // (edits + 1))
    for k in range(1, edits + 1):
        i = k * step
        words[i] = rng.choice(["revised", "corrected", "$1.40", "Argentina", "December"])
    return " ".join(words)


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _git_word_diff_ms(old: str, new: str, runs: int) -> float | None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp, "old.md"), Path(tmp, "new.md")
        a.write_text(old, encoding="utf-8", newline="")
        b.write_text(new, encoding="utf-8", newline="")
        cmd = ["git", "diff", "--no-index", "--no-color", "--word-diff=plain", str(a), str(b)]
        try:
            subprocess.run(cmd, env=env, capture_output=True, check=False)
        except FileNotFoundError:
            return None
        return _median_ms(
            lambda: subprocess.run(cmd, env=env, capture_output=True, check=False), runs
        )


def cases() -> list[tuple[str, str, str]]:
    """(name, old, new) for each benchmark input."""
    small = make_article(3_000, seed=3)
    large = make_article(20_000, seed=4)
    single = make_article(9_000, paragraph_words=10**9, seed=5)[:50_000].rstrip() + ".\n"
    # One paragraph of 4,000 sentences, every other one edited: difflib alone matches such
    # runs in time that grows with the square of their length (matcher.ANCHOR_ABOVE).
    sentences = [f"Officials met {i} times in Ottawa this year." for i in range(4_000)]
    edited = [s.replace("Ottawa", "Beijing") if i % 2 else s for i, s in enumerate(sentences)]
    return [
        ("3,000 words, 5 edits", small, scatter_edits(small, 5)),
        ("20,000 words, 20 edits", large, scatter_edits(large, 20)),
        ("50,000-char paragraph, 20 edits", single, scatter_edits(single, 20)),
        ("4,000-sentence paragraph, 2,000 edits", " ".join(sentences), " ".join(edited)),
    ]


def _diff_and_render(old: str, new: str) -> str:
    return render_words(diff_texts(old, new))


def run(*, runs: int = 15, git_runs: int = 7) -> list[dict[str, object]]:
    """Time every case; one dict per case (times in milliseconds, medians)."""
    rows: list[dict[str, object]] = []
    for name, old, new in cases():
        diff = diff_texts(old, new)
        diff_ms = _median_ms(partial(diff_texts, old, new), runs)
        render_ms = _median_ms(partial(render_words, diff), runs)
        total_ms = _median_ms(partial(_diff_and_render, old, new), runs)
        git_ms = _git_word_diff_ms(old, new, git_runs)
        rows.append(
            {
                "case": name,
                "chars": len(old),
                "words": len(old.split()),
                "paragraphs": old.count("\n\n") + 1,
                "diff_ms": round(diff_ms, 2),
                "render_ms": round(render_ms, 2),
                "total_ms": round(total_ms, 2),
                "git_ms": None if git_ms is None else round(git_ms, 2),
                "ratio_vs_git": None if not git_ms else round(total_ms / git_ms, 2),
            }
        )
    return rows


def format_table(rows: list[dict[str, object]]) -> str:
    headers = list(rows[0])
    cells = [[str(r[h]) for h in headers] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def main() -> None:
    print(f"Python {sys.version.split()[0]}; medians; total = diff_texts + render_words")
    print(format_table(run()))


if __name__ == "__main__":
    main()
