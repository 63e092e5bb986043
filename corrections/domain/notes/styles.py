"""House styles as data: the wording, labels, dates and placement of notes.

A style holds templates, never code: the built-in styles and a newsroom's own (from
``corrections.toml``) are the same kind of object, validated the same way, and every
placeholder in every template is checked when the style is built.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from corrections.domain.errors import BadInput
from corrections.domain.frozen import frozen
from corrections.domain.kinds import NOTE_KINDS, DatePlacement, Kind, Placement, has_public_note
from corrections.domain.notes.dates import AP_DATE, DATE_PLACEHOLDERS, format_date
from corrections.domain.notes.templates import check
from corrections.domain.strict import FORBID_EXTRA, Field, to_data

# How a replaced phrase is classified; each style words each class its own way.
CLASSES = ("figure", "name", "spelling", "title", "quote", "date", "wording")

# Placeholders the note templates may use. Values that do not apply to a change are "".
BODY_PLACEHOLDERS = frozenset(
    {
        "noun",  # "article", "story", "column"
        "subject",  # "this article", "the headline on this article", ...
        "part",  # "headline", "subheadline"
        "new",  # the right value
        "old",  # the wrong value
        "wrong",  # the style's wrong_value (", not $old") or "" when it does not repeat it
        "clause",  # an inserted sentence made into a clause: "Argentina withdrew ..."
        "sentence",  # a removed sentence, quoted faithfully, shortened if long
        "paragraph",  # 1-based paragraph number
        "what",  # "figure", "name", "title", "quote", "date", "wording"
        "verb",  # "misstated", "misspelled", "misquoted", ...
        "object",  # "a figure", "a name", ...
        "headline",  # the new headline (or other front-matter text), whole
        "old_headline",  # the old one
        "reason",  # what only the editor can say: filled with the style's placeholder text
        "count",  # how many further changes a long note leaves out
        "thing",  # what a fact is about: "the council's vote", the speaker of a quotation
        "topic",  # the same as a noun phrase: "a quotation from Mayor Ellen Marsh"
        "be",  # "is", "was", or "said" for a quotation
        "referent",  # how a fix sentence starts: "It", "She", "The council's vote"
        "old_clause",  # the clause that held the wrong value, for a thing with no name
        "new_clause",  # the same clause as it now reads
        "where",  # the style's where_body or where_part, filled
    }
)
_NOUN = re.compile(r"[A-Za-z][A-Za-z -]{0,39}")


@frozen(kw_only=True)
class KindStyle:
    """How one kind of note is worded and placed.

    A note is ``opening`` + the change descriptions (joined) + ``ending``, then the "fix"
    sentences of replaced phrases, then ``closing``. A change type whose template is ""
    is not described. When nothing can be described, ``generic`` is the whole note.
    """

    __pydantic_config__ = FORBID_EXTRA
    label: str | None = None  # "Correction:", "Editor's Note:"; None for no label
    placement: Placement = "bottom"
    opening: str = ""
    inserted: str = ""  # an inserted sentence or clause: "clarify that $clause"
    replaced: str = ""  # a replaced phrase: "$verb $object"
    replaced_fix: str = ""  # the sentence after the note: "It is $new$wrong."
    deleted: str = ""  # a removed sentence: "remove a sentence that said “$sentence”"
    removed: str = ""  # words removed from a sentence that stays
    restated: str = ""  # a fact whose thing has no name: "said $old_clause"
    restated_fix: str = ""  # "In fact, $new_clause."
    headline: str = ""  # a changed headline (or other front-matter text)
    headline_fix: str = ""
    generic: str  # the whole note when the diff cannot say what changed
    more: str = ""  # stands for the changes left out of a long note ($count)
    joiner: str = "; "
    last_joiner: str = " and "
    ending: str = "."
    closing: str = ""

    def __post_init__(self) -> None:
        # TOML has no null: an empty label means "no label".
        if self.label is not None and not self.label.strip():
            object.__setattr__(self, "label", None)
        elif self.label is not None:
            object.__setattr__(self, "label", self.label.strip())


TEMPLATE_FIELDS = (
    "opening", "inserted", "replaced", "replaced_fix", "deleted", "removed", "restated",
    "restated_fix", "headline",
    "headline_fix", "generic", "more", "joiner", "last_joiner", "ending", "closing",
)  # fmt: skip


@frozen(kw_only=True)
class HouseStyle:
    """One newsroom's way of writing, dating and placing correction notes."""

    __pydantic_config__ = FORBID_EXTRA
    name: Annotated[str, Field(min_length=1, max_length=80)]
    noun: str = "article"  # what the house calls a piece: "article", "story"
    date_format: str = AP_DATE
    date_placement: DatePlacement = "suffix"
    dates: bool = True  # dated by default, even where a house usually omits the date
    dateline: str = "$label $date"  # the header line, for date_placement "dateline"
    inline_date: str = "on $date"  # put after the first of inline_after in the text
    inline_after: tuple[str, ...] = (
        "amended", "updated", "corrected", "clarified", "withdrawn", "retracted",
    )  # fmt: skip
    suffix: str = " ($date)"
    repeat_wrong: bool = True  # "It is X, not Y." rather than "It is X."
    wrong_value: str = ", not $old"
    where_body: str = ""  # where a fact sits, for houses that say so: " in paragraph $paragraph"
    where_part: str = " in the $part"  # a fact in the headline or another front-matter part
    quotes: tuple[str, str] = ("“", "”")
    # American usage puts a comma or full stop inside the closing quotation mark; the
    # Guardian's puts it outside unless it belongs to the quotation.
    punctuation_inside_quotes: bool = True
    # Braces, not brackets: no Markdown meaning, so the slot reads the same everywhere.
    reason: str = "{to be completed by the editor}"
    factor: bool = True  # "include that A and that B" rather than repeating "include"
    subject: str = "this $noun"
    subject_headline: str = "the $part on this $noun"
    subject_both: str = "this $noun and its $part"
    verbs: dict[str, str]
    objects: dict[str, str]
    whats: dict[str, str]
    correction: KindStyle
    clarification: KindStyle
    update: KindStyle
    editors_note: KindStyle
    retraction: KindStyle

    def __post_init__(self) -> None:
        if not _NOUN.fullmatch(self.noun):
            raise BadInput(f"house style {self.name}: noun must be a plain word: {self.noun!r}")
        for field in ("verbs", "objects", "whats"):
            table: dict[str, str] = getattr(self, field)
            missing = [c for c in CLASSES if c not in table]
            extra = sorted(set(table) - set(CLASSES))
            if missing or extra:
                name = (missing or extra)[0]
                raise BadInput(
                    f"house style {self.name}: {field}: "
                    + (f"missing {name!r}" if missing else f"unknown class {name!r}")
                    + f" (classes: {', '.join(CLASSES)})"
                )
        if self.date_placement == "none" and self.dates:
            raise BadInput(
                f"house style {self.name}: date_placement 'none' turns dates off: set dates = false"
            )
        check(self.date_format, DATE_PLACEHOLDERS, "date_format")
        check(self.dateline, {"label", "date"}, "dateline")
        check(self.inline_date, {"date"}, "inline_date")
        check(self.suffix, {"date"}, "suffix")
        check(self.wrong_value, {"old", "new"}, "wrong_value")
        check(self.where_body, {"paragraph"}, "where_body")
        check(self.where_part, {"part"}, "where_part")
        check(self.reason, (), "reason")
        for field in ("subject", "subject_headline", "subject_both"):
            check(getattr(self, field), {"noun", "part"}, field)
        for kind in NOTE_KINDS:
            kind_style = self.for_kind(kind)
            for field in TEMPLATE_FIELDS:
                check(getattr(kind_style, field), BODY_PLACEHOLDERS, f"{kind}.{field}")
            if not kind_style.generic.strip():
                raise BadInput(f"house style {self.name}: {kind}.generic must not be empty")

    def for_kind(self, kind: Kind | str) -> KindStyle:
        kind = Kind(kind)
        if not has_public_note(kind):
            raise BadInput("a typo fix has no public note")
        style: KindStyle = getattr(self, kind.value)
        return style

    def format_date(self, date: dt.date) -> str:
        return format_date(self.date_format, date)

    def to_data(self) -> dict[str, Any]:
        """Plain data (lists for tuples), the form a custom style is merged onto."""
        data: dict[str, Any] = to_data(self)
        return data
