"""Drafting a note from the sentence-level change summary, in a house style.

diff summary -> facts (``facts.py``) -> one clause per fact in the house's words -> linted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from corrections.domain.errors import BadInput
from corrections.domain.kinds import Kind, has_public_note
from corrections.domain.notes.clean import plain
from corrections.domain.notes.fact import with_
from corrections.domain.notes.facts import Fact, facts_from_changes
from corrections.domain.notes.lint import lint_draft
from corrections.domain.notes.model import Note, SentenceChangeLike
from corrections.domain.notes.phrases import to_clause
from corrections.domain.notes.styles import HouseStyle, KindStyle
from corrections.domain.notes.templates import fill, uses

FieldChange = tuple[str, object, object]
MAX_DESCRIBED = 5  # a longer list of changes reads as noise; the rest become "$count other"
# Stands for a missing reason while a template is filled, then is cut out with the words
# that lead to it: the note text never holds a placeholder.
_NO_REASON = "\x00reason\x00"
_REASON_LEAD = re.compile(r"(?::| because| to clarify| to include| that)?\s*\x00reason\x00")
MISSING_REASON = "the note needs a reason only the editor can give"
_Render = Callable[[str, dict[str, str]], str]


@dataclass
class _Item:
    """One change, ready to be worded: which template, and the values for it."""

    template: str  # a KindStyle field: inserted, replaced, restated, deleted, headline
    values: dict[str, str] = field(default_factory=dict)
    fix: str = ""  # the KindStyle field of its follow-up sentence, if any
    part: str = ""  # "headline", ... when the fact is in front-matter text

    @property
    def is_headline(self) -> bool:
        return bool(self.part)


def draft_note(
    kind: Kind | str,
    changes: Sequence[SentenceChangeLike],
    style: HouseStyle,
    date: dt.date,
    *,
    field_changes: Sequence[FieldChange] = (),
    article_noun: str | None = None,
    context: str = "",
    reason: str = "",
) -> Note | None:
    """The note a house would write for these changes, or None for a typo fix.

    ``article_noun`` overrides the house's word for a piece ("column"); ``context`` is the
    article text, used to tell names from ordinary words and to refer to people the way
    the article does; ``reason`` is the proposer's own account (a retraction's or an
    editor's note's "because ..."), without which such a note is flagged for the editor.
    """
    try:
        kind = Kind(kind)
    except ValueError:
        raise BadInput(f"unknown kind of correction {kind!r}") from None
    if not has_public_note(kind):
        return None
    kind_style = style.for_kind(kind)
    if article_noun is not None:
        style = replace(style, noun=_noun(article_noun))
    context = " ".join([plain(context), *(plain(c.old_sentence) for c in changes)])
    facts, also_in = _merge_twins(facts_from_changes(changes, field_changes, context))
    items = _items(facts, style)
    reason_clause = to_clause(reason, context) if plain(reason) else ""
    text, wants_reason = _compose(items, kind_style, style, reason_clause, also_in)
    problems = [p for f in facts for p in f.problems]
    if wants_reason and not reason_clause:
        problems.append(MISSING_REASON)
    problems += lint_draft(text, kind.value, facts, style.quotes)
    return Note(
        kind=kind,
        text=text,
        date=date,
        label=kind_style.label,
        placement=kind_style.placement,
        needs_editing=bool(problems),
        problems=tuple(dict.fromkeys(problems)),
    )


def _merge_twins(facts: list[Fact]) -> tuple[list[Fact], list[str]]:
    """A headline fixed the same way as the body is one fact told once, "in this article
    and its headline", not two."""
    body = [f for f in facts if not f.part]
    kept: list[Fact] = []
    also_in: list[str] = []
    for fact in facts:
        twin = any(
            b.change == fact.change == "replaced" and (b.old, b.new) == (fact.old, fact.new)
            for b in body
        )
        if fact.part and twin:
            also_in.append(fact.part)
        else:
            kept.append(fact)
    return kept, also_in


def note_for(kind: Kind | str, text: str, date: dt.date, style: HouseStyle) -> Note:
    """A stored note's text, labelled and placed the house's way for its kind."""
    kind_style = style.for_kind(kind)
    problems = lint_draft(text, Kind(kind).value, (), style.quotes)
    if plain(style.reason) and plain(style.reason) in plain(text):
        problems.append(MISSING_REASON)
    return Note(
        kind=Kind(kind),
        text=text,
        date=date,
        label=kind_style.label,
        placement=kind_style.placement,
        needs_editing=bool(problems),
        problems=tuple(problems),
    )


def _noun(noun: str) -> str:
    noun = plain(noun)
    if not noun or len(noun) > 40 or not all(c.isalpha() or c in " -" for c in noun):
        raise BadInput(f"article noun must be a plain word such as 'column': {noun!r}")
    return noun


_CLASS_OF: dict[str, str] = {
    "number": "figure",
    "money": "figure",
    "percentage": "figure",
    "age": "figure",
    "date": "date",
    "time": "date",
    "person": "name",
    "place": "name",
    "organisation": "name",
    "title": "title",
    "quotation": "quote",
    "wording": "wording",
}


def _items(facts: Sequence[Fact], style: HouseStyle) -> list[_Item]:
    """Each fact as the template that words it and the values it fills in."""
    fixes = sum(1 for f in facts if f.change == "replaced" and f.named)
    items: list[_Item] = []
    owners: set[str] = set()
    for fact in facts:
        if fact.owner and fact.owner in owners and f" {fact.owner} " in f" {fact.thing} ":
            # "the year the branch opened and the number of residents it serves"
            fact = with_(
                fact, thing=f" {fact.thing} ".replace(f" {fact.owner} ", " it ", 1).strip()
            )
        owners.add(fact.owner)
        paragraph = str(fact.paragraph)
        if fact.change == "inserted":
            items.append(_Item("inserted", {"clause": fact.new, "paragraph": paragraph}))
        elif fact.change == "deleted":
            items.append(_Item("deleted", {"clause": fact.old, "paragraph": paragraph}))
        elif fact.named:
            items.append(
                _Item(
                    "replaced",
                    _named_values(fact, style, fixes),
                    fix="replaced_fix",
                    part=fact.part,
                )
            )
        elif fact.part:
            items.append(_Item("headline", _part_values(fact), fix="headline_fix", part=fact.part))
        else:
            values = {
                "old_clause": fact.old_clause,
                "new_clause": fact.new_clause,
                "paragraph": paragraph,
                "old": fact.old,
                "new": fact.new,
                "wrong": _wrong(fact.old, fact.new, style) if fact.old and fact.new else "",
            }
            items.append(_Item("restated", values, fix="restated_fix"))
    return items


def _part_values(fact: Fact) -> dict[str, str]:
    return {"headline": fact.new_text, "old_headline": fact.old_text, "part": fact.part}


def _short(thing: str) -> str:
    """How a second fix sentence names its thing: "the council's vote" -> "the vote",
    "the cost of the library expansion" -> "the cost"."""
    words = thing.split()
    if len(words) < 3 or words[0] != "the":
        return thing
    if words[1].endswith(("'s", "’s")):
        return f"the {words[2]}"
    for n, word in enumerate(words[2:6], 2):
        if word in ("of", "in", "at", "for", "on"):
            return f"the {words[n - 1]}"  # "the overnight price of ..." -> "the price"
    if words[1] in ("expected", "final"):
        return f"the {words[2]}"
    return f"the {words[1]}"


def _wrong(old: str, new: str, style: HouseStyle) -> str:
    if not style.repeat_wrong:
        return ""
    return fill(style.wrong_value, {"old": old, "new": new})


def _named_values(fact: Fact, style: HouseStyle, fixes: int) -> dict[str, str]:
    kind_class = _CLASS_OF[fact.kind]
    if kind_class == "name" and fact.spelling:
        kind_class = "spelling"
    old, new = fact.old, fact.new
    if fact.kind == "quotation":
        open_, close = style.quotes
        old, new = open_ + old + close, open_ + new + close
    be = "said" if fact.kind == "quotation" else ("was" if fact.past else "is")
    thing = fact.thing
    topic = f"a quotation from {thing}" if fact.kind == "quotation" else thing
    referent = fact.referent or ("It" if fixes == 1 else _short(thing))
    if fact.kind == "quotation" and not fact.referent:
        referent = thing
    if fact.part:
        where = fill(style.where_part, {"part": fact.part})
    else:
        where = fill(style.where_body, {"paragraph": str(fact.paragraph)})
    return {
        "what": style.whats[kind_class],
        "verb": style.verbs[kind_class],
        "object": style.objects[kind_class],
        "thing": thing,
        "topic": topic,
        "be": be,
        "referent": referent[:1].upper() + referent[1:],
        "where": where,
        "old": old,
        "new": new,
        "wrong": _wrong(old, new, style),
        "paragraph": str(fact.paragraph),
        "part": fact.part,
    }


def _compose(
    items: list[_Item],
    kind_style: KindStyle,
    style: HouseStyle,
    reason: str,
    also_in: Sequence[str] = (),
) -> tuple[str, bool]:
    """opening + descriptions joined + ending, then fix sentences, then closing."""
    named_parts = [i.part for i in items if i.part and i.template == "replaced"]
    common = {
        "noun": style.noun,
        "reason": reason or _NO_REASON,
        "subject": _subject(items, style, also_in),
        "part": " and ".join(dict.fromkeys(named_parts or [i.part for i in items if i.part])),
    }
    described = [i for i in items if getattr(kind_style, i.template)]
    used: list[str] = []

    def render(template: str, values: dict[str, str]) -> str:
        used.append(template)
        return fill(template, {**common, **values})

    if not described:
        text = render(kind_style.generic, {})
    else:
        text = _sentences(described, kind_style, style, render)
    wants_reason = any(uses(t, "reason") for t in used)
    text = _REASON_LEAD.sub("", text)
    text = re.sub(r"\s+([.)])", r"\1", text)
    # A quotation that ends its own sentence keeps its stop; the note adds none after it.
    text = re.sub(r"([.!?])”[.,]", r"\1”", text)
    if style.punctuation_inside_quotes:
        text = re.sub(r"(?<![.!?])”([,.])", r"\1”", text)
    return _capitalise(text), wants_reason


def _sentences(
    described: list[_Item], kind_style: KindStyle, style: HouseStyle, render: _Render
) -> str:
    left_out = described[MAX_DESCRIBED - 1 :] if len(described) > MAX_DESCRIBED else []
    shown = described[: MAX_DESCRIBED - 1] if left_out else described
    bodies: list[str] = []
    previous: tuple[str, str] | None = None
    for item in shown:
        template = getattr(kind_style, item.template)
        body = render(template, item.values)
        verb = item.values.get("verb", "")
        if style.factor and previous == (template, verb) and template.startswith("$verb "):
            body = body[len(verb) + 1 :]  # "misstated A and B", not "misstated A and misstated B"
        elif style.factor and previous is not None and template == previous[0]:
            body = _factor(template, body)
            prefix = template.split("$", 1)[0]
            if prefix and not prefix.endswith("that ") and body.startswith(prefix):
                body = body[len(prefix) :]  # "correct A and B"
        bodies.append(body)
        previous = (template, verb)
    if left_out and kind_style.more:
        bodies.append(render(kind_style.more, {"count": str(len(left_out))}))
    sentence = render(kind_style.opening, {}) + _join(bodies, kind_style)
    sentence = _end(sentence, render(kind_style.ending, {}))
    fixes = [render(getattr(kind_style, i.fix), i.values) for i in shown if i.fix]
    named = [i for i in shown if i.fix == "replaced_fix"]
    if style.factor and len(named) == 2 and len(fixes) == 2:
        # "The vote was 6-3, not 7-2, and the cost is $4.5 million, not $4.2 million."
        first, second = fixes
        if first.endswith(".") and second[:1].isupper():
            fixes = [first[:-1] + ", and " + second[0].lower() + second[1:]]
    closing = render(kind_style.closing, {})
    return " ".join(p.strip() for p in [sentence, *fixes, closing] if p.strip())


def _subject(items: list[_Item], style: HouseStyle, also_in: Sequence[str] = ()) -> str:
    named = [i for i in items if i.is_headline and i.template == "replaced"]
    parts = " and ".join(dict.fromkeys([*(i.part for i in named), *also_in]))
    body = any(not i.is_headline for i in items) or len(named) < sum(i.is_headline for i in items)
    if also_in and not named:
        body = True
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
