"""The golden corpus of correction notes: loading the cases and drafting each one.

Each case goes from the old and new article files through the real article diff and
sentence summary to the drafted note, exactly as ``propose`` does. Shared by the corpus
test and ``benchmarks/bench_notes.py``, which prints the match table.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corrections.domain.article_diff import diff_articles
from corrections.domain.diff import summarize
from corrections.domain.notes import Note, draft_note, get_style

CORPUS = Path(__file__).resolve().parents[1] / "domain" / "notes" / "corpus"
DATE = dt.date(2026, 3, 14)


@dataclass(frozen=True)
class Case:
    id: str
    style: str
    kind: str
    facts: tuple[str, ...]
    old: str  # the whole article file, front matter and body
    new: str
    expected: str
    variants: tuple[str, ...] = ()
    reason: str = ""
    needs_editing: bool | None = None  # asserted only when the case says so
    set: str = "tuned"  # "held-out": written after the rules were settled


@dataclass
class Outcome:
    case: Case
    note: Note

    @property
    def matched(self) -> bool:
        return self.note.text in (self.case.expected, *self.case.variants)


def _article(headline: str, byline: str, body: str) -> str:
    return f'---\nheadline: "{headline}"\nbyline: "{byline}"\n---\n{body.lstrip()}'


def _edited(text: str, edit: Sequence[str], where: str) -> str:
    old, new = edit
    if old not in text:
        raise ValueError(f"{where}: {old!r} is not in the article")
    return text.replace(old, new, 1)


def load_cases() -> list[Case]:
    articles: dict[str, Any] = tomllib.loads((CORPUS / "articles.toml").read_text("utf-8"))
    data = tomllib.loads((CORPUS / "cases.toml").read_text("utf-8"))
    cases: list[Case] = []
    for raw in data["case"]:
        base = articles[raw["article"]]
        headline, byline, body = base["headline"], base["byline"], base["body"]
        new_headline, new_byline, new_body = headline, byline, body
        if "headline" in raw:
            new_headline = _edited(headline, raw["headline"], raw["id"])
        if "byline" in raw:
            new_byline = _edited(byline, raw["byline"], raw["id"])
        for edit in raw.get("edits", []):
            new_body = _edited(new_body, edit, raw["id"])
        cases.append(
            Case(
                id=raw["id"],
                style=raw["style"],
                kind=raw["kind"],
                facts=tuple(raw["facts"]),
                old=_article(headline, byline, body),
                new=_article(new_headline, new_byline, new_body),
                expected=raw["expected"],
                variants=tuple(raw.get("variants", ())),
                reason=raw.get("reason", ""),
                needs_editing=raw.get("needs_editing"),
                set=raw.get("set", "tuned"),
            )
        )
    return cases


def draft(case: Case) -> Note:
    """The note for a case, drafted the way ``propose`` drafts one."""
    change = diff_articles(case.old.encode(), case.new.encode(), "published", "proposed")
    summary = summarize(change.body)
    fields = tuple((f.name, f.old, f.new) for f in change.fields)
    note = draft_note(
        case.kind,
        summary.changes,
        get_style(case.style),
        DATE,
        field_changes=fields,
        context=change.new_text,
        reason=case.reason,
    )
    if note is None:
        raise ValueError(f"{case.id}: no note drafted")
    return note


def run(cases: Iterable[Case]) -> list[Outcome]:
    return [Outcome(case, draft(case)) for case in cases]


@dataclass
class Tally:
    matched: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.matched / self.total if self.total else 0.0


def table(outcomes: Sequence[Outcome]) -> dict[str, dict[str, Tally]]:
    """Match rates by style, by kind of note and by kind of fact, and overall."""
    groups: dict[str, dict[str, Tally]] = {
        "style": defaultdict(Tally),
        "kind": defaultdict(Tally),
        "fact": defaultdict(Tally),
        "set": defaultdict(Tally),
        "all": defaultdict(Tally),
    }
    for outcome in outcomes:
        keys = {
            "style": [outcome.case.style],
            "kind": [outcome.case.kind],
            "fact": list(outcome.case.facts),
            "set": [outcome.case.set],
            "all": ["all"],
        }
        for group, names in keys.items():
            for name in names:
                tally = groups[group][name]
                tally.total += 1
                tally.matched += outcome.matched
                if not outcome.matched:
                    tally.misses.append(outcome.case.id)
    return groups


def format_table(groups: dict[str, dict[str, Tally]]) -> str:
    lines = ["| group | name | matched | cases | share |", "|---|---|---|---|---|"]
    for group in ("style", "kind", "fact", "set", "all"):
        for name, tally in sorted(groups[group].items()):
            lines.append(
                f"| {group} | {name} | {tally.matched} | {tally.total} | {tally.share:.0%} |"
            )
    return "\n".join(lines)
