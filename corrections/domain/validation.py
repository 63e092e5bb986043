"""What `corrections validate` checks, as pure functions over records, notes and paths.

Each check returns findings and never stops at the first: CI should see every problem.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from corrections.domain.catalog import EVENT_PATH
from corrections.domain.events import is_event_file_name
from corrections.domain.kinds import Kind, has_public_note
from corrections.domain.records import ID_PATTERN
from corrections.domain.sanitize import BIDI_CONTROLS, CONTROLS_BUT_LINES
from corrections.domain.slugs import SLUG_MAX

# Patterns are kept as text and compiled by ``re`` on first use (and cached there): a
# command that only shows a record does not pay for compiling every rule at start-up.
_SLUG_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_LEGACY_PATH = r"^corrections/([^/]+)/([^/]+)\.yaml$"
_BIDI = "[" + "".join(sorted(BIDI_CONTROLS)) + "]"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is (file and line when known, or a commit) and what it is."""

    path: str
    line: int | None
    code: str  # a short stable name, e.g. "stealth-edit", "record-invalid"
    message: str
    commit: str | None = None

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


# ---------------------------------------------------------------------- paths


def check_paths(paths: Mapping[str, str]) -> list[Finding]:
    """Tree entries (path → git mode) under articles/ and corrections/.

    Only regular files may be there (a symlink could point outside the store), article
    files must be ``articles/<slug>.md`` and records ``corrections/<slug>/<id>.yaml``, and no
    two names may collide once case and Unicode normalisation are folded away (they would
    overwrite each other on a case-insensitive checkout).
    """
    findings = []
    folded: dict[str, str] = {}
    for path, mode in sorted(paths.items()):
        name = path.rsplit("/", 1)[-1]
        if mode not in ("100644", "100755"):
            findings.append(
                Finding(
                    path, None, "path-not-a-file", f"{path} is not a regular file (git mode {mode})"
                )
            )
        if name == ".gitkeep":
            continue
        if path.startswith("articles/"):
            slug = path.removeprefix("articles/").removesuffix(".md")
            if not path.endswith(".md") or "/" in slug or not _valid_slug(slug):
                findings.append(
                    Finding(
                        path,
                        None,
                        "path-invalid",
                        f"{path} is not articles/<slug>.md with a valid slug",
                    )
                )
        elif path.startswith("corrections/"):
            findings += _correction_path(path)
        key = unicodedata.normalize("NFKC", path).casefold()
        if key in folded:
            findings.append(
                Finding(
                    path,
                    None,
                    "path-collision",
                    f"{path} collides with {folded[key]} when case and Unicode forms are folded",
                )
            )
        else:
            folded[key] = path
    return findings


def _correction_path(path: str) -> list[Finding]:
    legacy = re.match(_LEGACY_PATH, path)
    if legacy and _valid_slug(legacy.group(1)) and re.fullmatch(ID_PATTERN, legacy.group(2)):
        return [
            Finding(
                path,
                None,
                "legacy-layout",
                f"{path} is a record in the old single-file layout: run 'corrections migrate'",
            )
        ]
    match = EVENT_PATH.match(path)
    if (
        not match
        or not _valid_slug(match.group(1))
        or not re.fullmatch(ID_PATTERN, match.group(2))
        or not is_event_file_name(match.group(3))
    ):
        return [
            Finding(
                path,
                None,
                "path-invalid",
                f"{path} is not corrections/<slug>/<id>/<event>.yaml (proposal.yaml, "
                "revision-N.yaml, review-<time>-<who>-<tag>.yaml, withdrawn.yaml, published.yaml)",
            )
        ]
    return []


def _valid_slug(slug: str) -> bool:
    return len(slug) <= SLUG_MAX and bool(re.fullmatch(_SLUG_RE, slug))


# ---------------------------------------------------------------------- records


def check_unique_ids(ids: Iterable[tuple[str, str]]) -> list[Finding]:
    """(path, id) pairs: an id names one record, whichever article's folder it sits in."""
    seen: dict[str, str] = {}
    findings = []
    for path, record_id in ids:
        if record_id in seen:
            findings.append(
                Finding(
                    path,
                    None,
                    "duplicate-id",
                    f"{path}: id {record_id} is also used by {seen[record_id]}",
                )
            )
        else:
            seen[record_id] = path
    return findings


# ---------------------------------------------------------------------- notes

# Words a note of each kind uses to say what it is (in any house style).
_TRIGGERS: dict[Kind, str] = {  # matched ignoring case
    Kind.correction: (
        r"correct|amended|earlier (online )?version|previous version|misstat|misidentif|"
        r"misspel|misquot|incorrect|erroneous|in fact"
    ),
    Kind.clarification: r"clarif|amended|updated|should (also )?have|more precise",
    Kind.update: r"updat|amended|added|includ",
    Kind.editors_note: r"editor|updated|amended|correct",
    Kind.retraction: r"retract|withdr|removed|unpublish",
}
# AP: "We do not use euphemisms such as 'recasts', 'fixes', 'clarifies' or 'changes' when
# correcting a factual error."
_EUPHEMISMS = r"\b(recasts?|fix(es|ed)?|clarifies|changes)\b"  # ignoring case


def check_note(
    path: str,
    kind: Kind,
    note: str | None,
    note_date: dt.date | None,
    label: str | None,
    article_published: dt.date | None,
) -> list[Finding]:
    """A published note says what kind of note it is, plainly, and is dated sensibly."""
    if not has_public_note(kind) or not note:
        return []
    findings = []
    trigger = _TRIGGERS.get(kind)
    labelled = label is not None and label != "" and label.lower() in note.lower()
    if trigger and not re.search(trigger, note, re.I) and not labelled:
        findings.append(
            Finding(
                path,
                None,
                "note-unlabelled",
                f"{path}: the {kind.value} note does not say what it is "
                f"(no label or trigger phrase): {note[:80]!r}",
            )
        )
    if kind is Kind.correction:
        euphemism = re.search(_EUPHEMISMS, note, re.I)
        if euphemism:
            findings.append(
                Finding(
                    path,
                    None,
                    "note-euphemism",
                    f"{path}: a correction of a factual error must say "
                    f"'corrected', not {euphemism.group()!r}",
                )
            )
    if note_date and article_published and note_date < article_published:
        findings.append(
            Finding(
                path,
                None,
                "note-date",
                f"{path}: the note is dated {note_date}, before the "
                f"article was published ({article_published})",
            )
        )
    return findings


def note_problem(note: str) -> str | None:
    """Why a note's text cannot be published as it is: a control character (an escape
    sequence, a line separator) or a bidi control. Notes are plain text; the tool's own
    cleaning removes these, so one that is there was written by hand."""
    bad = CONTROLS_BUT_LINES.search(note) or re.search(_BIDI, note)
    if bad is None:
        return None
    return f"holds the control character U+{ord(bad.group()):04X}: notes are plain text"


def check_notes_block(
    article: str, actual: tuple[str, str], expected: tuple[str, str], line: int | None
) -> list[Finding]:
    """The article shows exactly the notes (top and bottom blocks) its published records
    render to."""
    if actual == expected:
        return []
    if not any(expected):
        message = "has a notes block, but no published correction with a note"
    elif not any(actual):
        message = "is missing the notes block of its published corrections"
    else:
        message = "has a notes block that differs from its published corrections' notes"
    return [Finding(article, line, "notes-block", f"{article} {message}")]


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(set(findings), key=lambda f: (f.path, f.line or 0, f.code, f.message))
