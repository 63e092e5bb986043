"""Time note drafting on a 3,000-word article and print the golden corpus's match table.

Run: ``.venv/bin/python benchmarks/bench_notes.py`` (or ``python3 dev.py bench notes``).
The article is built from the corpus's fictional articles, so the run is deterministic; the
edits touch a number, a quotation and a name in different paragraphs, as a busy correction
would. "draft" is the fact stage and the house wording on the diff's sentence summary;
"propose path" adds the article diff and the summary, which ``propose`` also runs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script from a checkout: make the package (and the tests' helpers, which
    # load the notes corpus) importable without installing it.
    sys.path.insert(0, str(ROOT))

from corrections.domain.article_diff import diff_articles  # noqa: E402
from corrections.domain.diff import summarize  # noqa: E402
from corrections.domain.notes import draft_note, get_style  # noqa: E402
from tests.support import golden  # noqa: E402 - the corpus helpers the notes tests use

WORDS = 3000
RUNS = 50
EDITS = (
    ("voted 7-2", "voted 6-3"),
    ("the room they have", "the space they have"),
    ("Board chair Linda Park said", "Board chair Linda Parks said"),
)


def article() -> tuple[str, str]:
    """A published article of about 3,000 words and its corrected version."""
    bodies = [a["body"].strip() for a in _articles().values()]
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < WORDS:
        paragraphs += bodies
    body = "\n\n".join(paragraphs) + "\n"
    old = f'---\nheadline: "Riverton council approves library expansion"\n---\n{body}'
    new = old
    for before, after in EDITS:
        new = new.replace(before, after, 1)
    return old, new


def _articles() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = tomllib.loads(
        (golden.CORPUS / "articles.toml").read_text("utf-8")
    )
    return data


def _time(action: Callable[[], object]) -> tuple[float, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> int:
    old, new = article()
    style = get_style("nyt")
    date = dt.date(2026, 3, 14)
    change = diff_articles(old.encode(), new.encode(), "published", "proposed")
    summary = summarize(change.body)

    def draft() -> object:
        return draft_note("correction", summary.changes, style, date, context=change.new_text)

    def propose_path() -> object:
        diffed = diff_articles(old.encode(), new.encode(), "published", "proposed")
        changes = summarize(diffed.body).changes
        return draft_note("correction", changes, style, date, context=diffed.new_text)

    words = len(old.split())
    note = draft()
    print(f"article: {words} words, {len(summary.changes)} changed sentences")
    print(f"note: {getattr(note, 'text', note)}")
    for name, action in (("draft", draft), ("propose path", propose_path)):
        median, p95 = _time(action)
        print(f"{name:>13}: median {median:.2f} ms, p95 {p95:.2f} ms ({RUNS} runs)")
    outcomes = golden.run(golden.load_cases())
    print()
    print(golden.format_table(golden.table(outcomes)))
    misses = [o for o in outcomes if not o.matched]
    for outcome in misses:
        print(f"\nmiss {outcome.case.id}:\n  got      {outcome.note.text}")
        print(f"  expected {outcome.case.expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
