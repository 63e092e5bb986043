"""Build large benchmark stores quickly with ``git fast-import``.

The store looks like a real newsroom's: every article published in a commit of its own,
then a share of them corrected in later commits.
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

from corrections.domain.ci.settings import CiSettings
from corrections.domain.config import default_config_text

# The benchmark store has no CI workflow, and says so.
NO_CI = CiSettings(host="none")
WORDS = [
    "council",
    "budget",
    "minister",
    "said",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "on",
    "that",
    "with",
    "as",
    "was",
    "by",
    "at",
    "province",
    "report",
    "year",
    "city",
    "police",
    "court",
    "election",
    "vote",
    "market",
    "price",
    "trade",
    "talks",
    "announced",
    "million",
    "percent",
    "week",
    "officials",
    "residents",
    "company",
    "plan",
    "government",
]

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def article_text(rng: random.Random, number: int, words: int = 600) -> bytes:
    paragraphs = []
    remaining = words
    while remaining > 0:
        size = min(remaining, rng.randint(30, 80))
        sentence_words = [rng.choice(WORDS) for _ in range(size)]
        paragraphs.append(" ".join(sentence_words).capitalize() + ".")
        remaining -= size
    front = (
        f'---\nheadline: "Story number {number} about the {rng.choice(WORDS)}"\n'
        f"byline: Reporter {number % 97}\npublished: 2025-{1 + number % 12:02d}-"
        f"{1 + number % 28:02d}\nsection: {rng.choice(['World', 'Local', 'Business'])}\n---\n"
    )
    return (front + "\n\n".join(paragraphs) + "\n").encode()


def build_store(
    path: Path, articles: int, corrections: int, seed: int = 7, per_commit: int = 1
) -> Path:
    """A non-bare store with ``articles`` articles and ``corrections`` later edits.

    ``per_commit`` > 1 publishes the articles that many at a time: at 100,000 articles one
    commit each would take fast-import hours (every commit rewrites a 100,000-entry tree);
    the corrections still get a commit each."""
    rng = random.Random(seed)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True, env=env)
    chunks: list[bytes] = []
    stamp = 1_700_000_000

    def commit(message: str, files: dict[str, bytes], first: bool = False) -> None:
        nonlocal stamp
        stamp += 60
        msg = message.encode()
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(b"committer Bench <bench@x> %d +0000\n" % stamp)
        chunks.append(b"data %d\n%s\n" % (len(msg), msg))
        for name, data in files.items():
            chunks.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))

    commit(
        "Start the corrections store",
        {
            "corrections.toml": default_config_text("globe", NO_CI).encode(),
            "articles/.gitkeep": b"",
            "corrections/.gitkeep": b"",
        },
        first=True,
    )
    texts: dict[int, bytes] = {}
    for first in range(0, articles, per_commit):
        numbers = range(first, min(articles, first + per_commit))
        for number in numbers:
            texts[number] = article_text(rng, number)
        subject = f"Publish story-{first:06d}" if per_commit == 1 else f"Publish {len(numbers)}"
        commit(subject, {f"articles/story-{n:06d}.md": texts[n] for n in numbers})
    for _ in range(corrections):
        number = rng.randrange(articles)
        texts[number] = texts[number].replace(b" the ", b" a ", 1) + b"\nUpdated.\n"
        commit(f"Correct story-{number:06d}", {f"articles/story-{number:06d}.md": texts[number]})
    # Short delta chains: a 100,000-entry tree rebuilt through 50 deltas for every commit
    # a history walk reads would measure the fixture, not the store.
    depth = ["--depth=10"] if per_commit > 1 else []
    subprocess.run(
        ["git", "-C", str(path), "fast-import", "--quiet", *depth],
        input=b"".join(chunks),
        check=True,
        env=env,
    )
    subprocess.run(["git", "-C", str(path), "checkout", "-q", "-f", "main"], check=True, env=env)
    if per_commit == 1:  # a repack of thousands of 100,000-entry trees takes too long
        subprocess.run(["git", "-C", str(path), "gc", "-q"], check=True, env=env)
    return path
