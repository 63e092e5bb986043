"""Drafting a note from the sentence-level change summary, in a house style."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from corrections.domain.errors import BadInput
from corrections.domain.kinds import has_public_note
from corrections.domain.notes.clean import plain
from corrections.domain.notes.kinds import Kind
from corrections.domain.notes.model import Note, SentenceChangeLike
from corrections.domain.notes.phrases import (
    classify,
    field_part,
    minimal_words,
    summary,
    to_clause,
    trim,
)
from corrections.domain.notes.styles import HouseStyle, KindStyle
from corrections.domain.notes.templates import fill, uses

FieldChange = tuple[str, object, object]
MAX_DESCRIBED = 5  # a longer list of changes reads as noise; the rest become "$count other"


@dataclass
class _Item:
    """One change, ready to be worded: which template, and the values for it."""

    template: str  # a KindStyle field: inserted, replaced, deleted, removed, headline
    values: dict[str, str] = field(default_factory=dict)
    fix: str = ""  # the KindStyle field of its follow-up sentence, if any

    @property
    def is_headline(self) -> bool:
        return self.template == "headline"


def draft_note(
    kind: Kind | str,
    changes: Sequence[SentenceChangeLike],
    style: HouseStyle,
    date: dt.date,
    *,
    field_changes: Sequence[FieldChange] = (),
    article_noun: str | None = None,
    context: str = "",
) -> Note | None:
    """The note a house would write for these changes, or None for a typo fix.

    ``article_noun`` overrides the house's word for a piece ("column"); ``context`` is the
    article text, used only to tell names from ordinary words at the start of a clause.
    """
    try:
        kind = Kind(kind)
    except ValueError:
        raise BadInput(f"unknown kind of correction {kind!r}") from None
    if not has_public_note(kind):
        return None
    kind_style = style.for_kind(kind)
    if article_noun is not None:
        style = style.model_copy(update={"noun": _noun(article_noun)})
    context = " ".join([plain(context), *(plain(c.old_sentence) for c in changes)])
    items = _field_items(field_changes, style) + _body_items(changes, style, context)
    text, needs_editing = _compose(items, kind_style, style)
    return Note(
        kind=kind,
        text=text,
        date=date,
        label=kind_style.label,
        placement=kind_style.placement,
        needs_editing=needs_editing,
    )


def note_for(kind: Kind | str, text: str, date: dt.date, style: HouseStyle) -> Note:
    """A stored note's text, labelled and placed the house's way for its kind."""
    kind_style = style.for_kind(kind)
    return Note(
        kind=Kind(kind),
        text=text,
        date=date,
        label=kind_style.label,
        placement=kind_style.placement,
        needs_editing=plain(style.reason) in plain(text),
    )


def _noun(noun: str) -> str:
    noun = plain(noun)
    if not noun or len(noun) > 40 or not all(c.isalpha() or c in " -" for c in noun):
        raise BadInput(f"article noun must be a plain word such as 'column': {noun!r}")
    return noun


def _body_items(
    changes: Sequence[SentenceChangeLike], style: HouseStyle, context: str
) -> list[_Item]:
    items: list[_Item] = []
    for change in changes:
        paragraph = str(change.paragraph)
        old_phrase, new_phrase = plain(change.old_phrase), plain(change.new_phrase)
        if change.kind == "inserted" or (
            change.kind == "replaced" and new_phrase and not old_phrase
        ):
            # A clause added inside a sentence is told as the whole new sentence: a clause
            # on its own ("which later withdrew") would not read after "clarify that".
            clause = to_clause(change.new_sentence or change.new_phrase, context)
            if clause:
                items.append(_Item("inserted", {"clause": clause, "paragraph": paragraph}))
        elif change.kind == "deleted":
            sentence = summary(change.old_sentence or change.old_phrase)
            if sentence:
                items.append(_Item("deleted", {"sentence": sentence, "paragraph": paragraph}))
        elif change.kind == "replaced" and old_phrase and not new_phrase:
            open_, close = style.quotes
            items.append(
                _Item(
                    "removed",
                    {
                        "old": open_ + trim(old_phrase) + close,
                        "sentence": summary(change.old_sentence),
                        "paragraph": paragraph,
                    },
                )
            )
        elif change.kind == "replaced" and old_phrase != new_phrase:
            found = classify(
                change.old_sentence, change.new_sentence, old_phrase, new_phrase, style.quotes
            )
            values = _replacement_values(found.what, found.old, found.new, style)
            values.update(paragraph=paragraph, sentence=summary(change.new_sentence))
            items.append(_Item("replaced", values, fix="replaced_fix"))
    return items


def _field_items(field_changes: Sequence[FieldChange], style: HouseStyle) -> list[_Item]:
    items: list[_Item] = []
    for name, old, new in field_changes:
        part = field_part(name)
        if part is None or not isinstance(old, str) or not isinstance(new, str):
            continue  # only reader-facing text fields are named in a note
        old_text, new_text = plain(old), plain(new)
        if old_text == new_text:
            continue
        old_phrase, new_phrase = minimal_words(old_text, new_text)
        if old_phrase and new_phrase:
            found = classify(old_text, new_text, old_phrase, new_phrase, style.quotes)
            values = _replacement_values(found.what, found.old, found.new, style)
        else:  # words only added or only taken out: show the headlines themselves
            open_, close = style.quotes
            values = _replacement_values(
                "wording", open_ + old_text + close, open_ + new_text + close, style
            )
        values.update(part=part, headline=new_text, old_headline=old_text)
        items.append(_Item("headline", values, fix="headline_fix"))
    return items


def _replacement_values(what: str, old: str, new: str, style: HouseStyle) -> dict[str, str]:
    wrong = fill(style.wrong_value, {"old": old, "new": new}) if style.repeat_wrong else ""
    return {
        "what": style.whats[what],
        "verb": style.verbs[what],
        "object": style.objects[what],
        "old": old,
        "new": new,
        "wrong": wrong,
    }


def _compose(items: list[_Item], kind_style: KindStyle, style: HouseStyle) -> tuple[str, bool]:
    """opening + descriptions joined + ending, then fix sentences, then closing."""
    common = {"noun": style.noun, "reason": style.reason, "subject": _subject(items, style)}
    parts = [p for i in items if i.is_headline for p in [i.values["part"]]]
    common["part"] = " and ".join(dict.fromkeys(parts))
    described = [i for i in items if getattr(kind_style, i.template)]
    used: list[str] = []

    def render(template: str, values: dict[str, str]) -> str:
        used.append(template)
        return fill(template, {**common, **values})

    if not described:
        text = render(kind_style.generic, {})
        return _capitalise(text), any(uses(t, "reason") for t in used)
    left_out = described[MAX_DESCRIBED - 1 :] if len(described) > MAX_DESCRIBED else []
    shown = described[: MAX_DESCRIBED - 1] if left_out else described
    bodies: list[str] = []
    previous: str | None = None
    for item in shown:
        template = getattr(kind_style, item.template)
        body = render(template, item.values)
        if style.factor and template == previous:
            body = _factor(template, body)
        bodies.append(body)
        previous = template
    if left_out and kind_style.more:
        bodies.append(render(kind_style.more, {"count": str(len(left_out))}))
    sentence = render(kind_style.opening, {}) + _join(bodies, kind_style)
    sentence = _end(sentence, render(kind_style.ending, {}))
    fixes = [render(getattr(kind_style, i.fix), i.values) for i in shown if i.fix]
    closing = render(kind_style.closing, {})
    text = " ".join(p.strip() for p in [sentence, *fixes, closing] if p.strip())
    return _capitalise(text), any(uses(t, "reason") for t in used)


def _subject(items: list[_Item], style: HouseStyle) -> str:
    parts = " and ".join(dict.fromkeys(i.values["part"] for i in items if i.is_headline))
    body = any(not i.is_headline for i in items)
    if parts and body:
        template = style.subject_both
    elif parts:
        template = style.subject_headline
    else:
        template = style.subject
    return fill(template, {"noun": style.noun, "part": parts})


def _factor(template: str, body: str) -> str:
    """ "include that A and include that B" -> "include that A and that B"."""
    prefix = template.split("$", 1)[0]
    for keep in ("that ", "that the "):
        if prefix.endswith(keep) and len(prefix) > len(keep) and body.startswith(prefix):
            return body[len(prefix) - len(keep) :]
    return body


def _join(bodies: list[str], kind_style: KindStyle) -> str:
    if len(bodies) <= 1:
        return "".join(bodies)
    return kind_style.joiner.join(bodies[:-1]) + kind_style.last_joiner + bodies[-1]


def _end(sentence: str, ending: str) -> str:
    # A clause that already ends a sentence ("... the U.S.", "... to leave?") takes no
    # second full stop.
    if ending.startswith(".") and sentence.rstrip().endswith((".", "?", "!")):
        ending = ending[1:]
    return sentence + ending


def _capitalise(text: str) -> str:
    # A note may open with a template word ("(corrects ...") that starts the sentence.
    for index, char in enumerate(text[:2]):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text
