"""The one place where untrusted text becomes something a widget shows.

Article text, headlines, names, comments, notes and error messages are data. They are never
interpolated into markup: every function here builds ``Content`` (or a rich ``Text``) from
plain strings and styles, after :func:`corrections.domain.sanitize.visible` has replaced
terminal control characters with visible placeholders. Widgets and screens get ``Content``
or already-sanitised strings from here and pass ``markup=False`` wherever they show a str.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from rich.text import Text
from textual.content import Content

from corrections.domain.article import split_notes
from corrections.domain.article_diff import ArticleDiff
from corrections.domain.diff import (
    Folded,
    Segment,
    SideBySideRow,
    TextDiff,
    change_places,
    side_by_side_rows,
    trim_context,
)
from corrections.domain.diff.invisible import (
    classify,
    show_hidden,
    show_run,
    spelled_out,
)
from corrections.domain.diff.model import Block
from corrections.domain.diff.render import (
    MOVED_FROM,
    MOVED_TO,
    shown_blocks,
    split_blank_lines,
)
from corrections.domain.diff.sidebyside import text_width, wrap_spans
from corrections.domain.frozen import frozen
from corrections.domain.notes import NOTES_END, NOTES_START
from corrections.domain.records import CorrectionRecord
from corrections.domain.sanitize import one_line, visible
from corrections.domain.search import SearchHit
from corrections.services import CorrectionView, WordingUse

# Changes are marked by the markers and by underline / strike-through; colour only helps.
DELETE_STYLE = "strike $text-error"
INSERT_STYLE = "underline $text-success"
MARK_STYLE = "bold"
MATCH_STYLE = "bold reverse"
DIM_STYLE = "dim"
LABEL_STYLE = "bold $text-accent"
FOLD_STYLE = "bold $text-accent"  # "…": unchanged sentences left out

Piece = tuple[str, Literal["equal", "delete", "insert", "note", "fold"]]


def line(text: str) -> str:
    """Untrusted text for one table cell or notification: one line, controls visible."""
    return one_line(text)


def plain(text: str, style: str = "") -> Content:
    """Untrusted text, several lines allowed, as Content with no markup."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def when(moment: dt.datetime | None) -> str:
    """A date and time as stored (in its own time zone, so the display is reproducible)."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def field_value(value: object) -> str:
    return line(value if isinstance(value, str) else repr(value))


def labelled(rows: Iterable[tuple[str, str]]) -> Content:
    """``label  value`` lines; labels are the program's words, values are data."""
    parts: list[str | tuple[str, str]] = []
    for label, value in rows:
        if parts:
            parts.append("\n")
        parts.append((f"{label:<11}", LABEL_STYLE))
        parts.append(visible(value))
    return Content.assemble(*parts)


NOTES_STYLE = "italic $text-warning"


def article_body(body: str, mark: tuple[int, int] | None = None) -> Content:
    """An article's body as readers get it; the notes blocks stand out (their marker lines,
    HTML comments readers never see, are dimmed). ``mark``: a span of the text (offsets in
    ``body``, outside the notes blocks) shown highlighted, such as a search match."""
    return article_body_marked(body, mark)[0]


def article_body_marked(body: str, mark: tuple[int, int] | None) -> tuple[Content, int]:
    """The body as :func:`article_body` shows it, and where the mark starts in it (the
    offset in the Content, 0 without a mark)."""
    top, text, bottom = split_notes(body)
    # The blank lines between the blocks and the text, as join_notes puts them back.
    if bottom and not text.endswith("\n"):
        text += "\n"
    shift = len(top) + 1 if top else 0
    pieces: list[str | tuple[str, str]] = [visible(text)]
    at = 0
    if mark is not None and 0 <= mark[0] - shift <= mark[1] - shift <= len(text):
        start, end = mark[0] - shift, mark[1] - shift
        before = visible(text[:start])
        pieces = [before, (visible(text[start:end]), MATCH_STYLE), visible(text[end:])]
        at = len(before)
    head = Content.assemble(*_notes_pieces(top), "\n" if top else "")
    content = Content.assemble(head, *pieces, "\n" if bottom else "", *_notes_pieces(bottom))
    return content, len(head) + at


ELSEWHERE_SHOWN = 6  # articles listed per wording; the rest are counted


def elsewhere(wordings: Sequence[str], uses: Sequence[WordingUse]) -> Content:
    """The panel “the same wording elsewhere”: each old wording, how many other articles
    still carry it, and which (headline, slug, paragraph)."""
    if not wordings:
        return Content.assemble(
            ("No wording is replaced: nothing to look for elsewhere.", DIM_STYLE)
        )
    pieces: list[str | tuple[str, str]] = []
    for use in uses:
        articles = use.articles
        count = len(articles)
        more = "+" if use.truncated else ""
        label = (
            "in no other article"
            if not count
            else f"in {count}{more} other article{'s' if count != 1 else ''}"
        )
        pieces += [("“" + one_line(use.wording) + "”", MATCH_STYLE), f" {label}\n"]
        firsts: dict[str, SearchHit] = {}
        for hit in use.hits:
            firsts.setdefault(hit.slug, hit)
        for hit in list(firsts.values())[:ELSEWHERE_SHOWN]:
            where = f"paragraph {hit.paragraph}" if hit.paragraph is not None else hit.where
            pieces += [
                "  " + (one_line(hit.headline) or hit.slug),
                (f"  {hit.slug} · {where}\n", DIM_STYLE),
            ]
        if count > ELSEWHERE_SHOWN:
            pieces.append((f"  … and {count - ELSEWHERE_SHOWN} more\n", DIM_STYLE))
    return Content.assemble(*pieces)


def search_hit(hit: SearchHit) -> Content:
    """One search result: where it is, then the sentence with each match highlighted."""
    where = f"paragraph {hit.paragraph}" if hit.paragraph is not None else hit.where
    pieces: list[str | tuple[str, str]] = [
        (one_line(hit.headline) or hit.slug, "bold"),
        (f"  {hit.slug} · {where}\n", DIM_STYLE),
    ]
    at = 0
    for start, end in hit.spans:
        pieces += [visible(hit.sentence[at:start]), (visible(hit.sentence[start:end]), MATCH_STYLE)]
        at = end
    pieces.append(visible(hit.sentence[at:]))
    return Content.assemble(*pieces)


def _notes_pieces(block: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    for row in block.split("\n")[:-1] if block else []:
        marker = row.strip() in (NOTES_START, NOTES_END)
        pieces.append((visible(row), DIM_STYLE if marker else NOTES_STYLE))
        pieces.append(("\n", ""))
    return pieces


# ---------------------------------------------------------------------- diffs


def _styled(pieces: Iterable[Piece]) -> Content:
    styles = {
        "equal": "",
        "delete": DELETE_STYLE,
        "insert": INSERT_STYLE,
        "note": DIM_STYLE,
        "fold": FOLD_STYLE,
    }
    return Content.assemble(*((text, styles[kind]) for text, kind in pieces if text))


def _marked(kind: Literal["delete", "insert"], text: str) -> list[Piece]:
    """A change with its markers, so it reads without colour: [-old-] and {+new+}."""
    if kind == "delete":
        return [("[-", "delete"), (text, "delete"), ("-]", "delete")]
    return [("{+", "insert"), (text, "insert"), ("+}", "insert")]


def _run_pieces(old: str, new: str) -> list[Piece]:
    kinds = classify(old, new)
    shown_old, shown_new = show_run(old, new, kinds)
    pieces: list[Piece] = []
    if old:
        pieces += _marked("delete", shown_old)
    if new:
        pieces += _marked("insert", shown_new)
    if spelled_out(kinds):
        pieces.append(("\n" * new.count("\n"), "equal"))
    return pieces


def _block_pieces(block: Block, sentences: int | None = None) -> list[Piece]:
    """One paragraph of the inline diff; with ``sentences``, an edited paragraph shows only
    that many unchanged sentences around each change (the rest folds into "…")."""
    if block.kind == "equal":
        return [(visible(block.new_text), "equal")]
    if block.kind == "move":
        source = block.old_text if block.move_side == "from" else block.new_text
        head, body, tail = split_blank_lines(source)
        if block.move_side == "from":
            note = MOVED_TO.format(block.move.to_paragraph if block.move else "?")
            marked = _marked("delete", show_hidden(body))
        else:
            note = MOVED_FROM.format(block.old_paragraph)
            marked = _marked("insert", show_hidden(body))
        return [(head, "equal"), *marked, (" " + note, "note"), (tail, "equal")]
    if block.kind in ("delete", "insert"):
        head, body, tail = split_blank_lines(block.old_text or block.new_text)
        if not body:
            return _run_pieces(block.old_text, block.new_text)
        kind: Literal["delete", "insert"] = "delete" if block.kind == "delete" else "insert"
        return [(head, "equal"), *_marked(kind, show_hidden(body)), (tail, "equal")]
    items = block.segments if sentences is None else trim_context(block.segments, sentences)
    return _edited_pieces(items)


def _edited_pieces(items: Sequence[Segment | Folded]) -> list[Piece]:
    """An edited paragraph: each run of changes as one [-old-]{+new+}; folds as "…"."""
    pieces: list[Piece] = []
    old: list[str] = []
    new: list[str] = []
    for item in [*items, None]:
        if item is not None and isinstance(item, Segment) and item.kind != "equal":
            (old if item.kind == "delete" else new).append(item.text)
            continue
        if old or new:
            pieces += _run_pieces("".join(old), "".join(new))
            old, new = [], []
        if isinstance(item, Folded):
            pieces.append((item.shown, "fold"))
        elif item is not None:
            pieces.append((visible(item.text), "equal"))
    return pieces


def _field_pieces(diff: ArticleDiff) -> list[Piece]:
    pieces = [piece for field in _each_field(diff) for piece in field]
    if pieces:
        pieces.append(("\n", "equal"))
    return pieces


def _each_field(diff: ArticleDiff) -> list[list[Piece]]:
    """One line per changed front-matter field."""
    out: list[list[Piece]] = []
    for change in diff.fields:
        label = "headline changed" if change.name == "headline" else f"{change.name} {change.kind}"
        pieces: list[Piece] = [(f"{line(label)}: ", "note")]
        if change.segments:
            pieces += _segment_pieces(change.segments)
        else:
            if change.old is not None:
                pieces += _marked("delete", field_value(change.old))
            if change.new is not None:
                pieces += _marked("insert", field_value(change.new))
        pieces.append(("\n", "equal"))
        out.append(pieces)
    return out


def _segment_pieces(segments: Sequence[Segment]) -> list[Piece]:
    pieces: list[Piece] = []
    for seg in segments:
        # Not one_line(): a segment's spaces are part of the sentence it belongs to.
        text = visible(seg.text.replace("\n", " "), keep_tabs=False)
        if seg.kind == "equal":
            pieces.append((text, "equal"))
        else:
            pieces += _marked(seg.kind, text)
    return pieces


def _notices(body: TextDiff) -> list[Piece]:
    out: list[Piece] = [
        (f"⚠ paragraph {c.paragraph}: {c.kind}: {line(c.description)}\n", "note")
        for c in body.invisible
    ]
    return [*out, ("\n", "equal")] if out else []


@frozen(slots=True)
class DiffLayout:
    """A diff cut into parts a scrolling view shows one under the other.

    ``places`` names each change ("headline", "paragraph 14") in reading order and
    ``targets`` gives, for each, the index of the part that shows it; ``folded`` counts
    the "…" standing for unchanged sentences of edited paragraphs.
    """

    parts: tuple[Content, ...]
    places: tuple[str, ...] = ()
    targets: tuple[int, ...] = ()
    folded: int = 0
    anchors: tuple[int, ...] = ()
    """For each place, where in its part's text its first change begins (a character
    offset), so a view can bring that line into sight, not only the part's first line."""


class _Builder:
    def __init__(self) -> None:
        self.parts: list[Content] = []
        self.places: list[str] = []
        self.targets: list[int] = []
        self.anchors: list[int] = []
        self.folded = 0

    def add(self, content: Content, place: str | None = None, anchor: int = 0) -> None:
        if place is not None:
            self.places.append(place)
            self.targets.append(len(self.parts))
            self.anchors.append(anchor)
        self.parts.append(content)

    def add_pieces(self, pieces: list[Piece], place: str | None = None) -> None:
        self.folded += sum(1 for _, kind in pieces if kind == "fold")
        anchor = 0
        for text, kind in pieces:
            if kind in ("delete", "insert"):
                break
            anchor += len(text)
        self.add(_styled(pieces).rstrip(), place, anchor)

    def layout(self) -> DiffLayout:
        return DiffLayout(
            tuple(self.parts),
            tuple(self.places),
            tuple(self.targets),
            self.folded,
            tuple(self.anchors),
        )


def _field_place(diff: ArticleDiff, k: int) -> str:
    return line(diff.fields[k].name)


def inline_layout(
    diff: ArticleDiff, *, context: int | None = 1, sentences: int | None = 1
) -> DiffLayout:
    """The word diff in reading order, one part per shown paragraph (or fold)."""
    out = _Builder()
    if not diff.changed:
        out.add(Content("No change."))
        return out.layout()
    for k, field in enumerate(_each_field(diff)):
        out.add_pieces(field, _field_place(diff, k))
    notices = _notices(diff.body)
    if notices:
        out.add_pieces(notices)
    blocks = diff.body.blocks
    shown = shown_blocks(blocks, context)
    places = {place.block: place.paragraph for place in change_places(diff.body)}
    hidden = 0
    for k, block in enumerate(blocks):
        if not shown[k]:
            hidden += 1
            continue
        if hidden:
            out.add(Content.styled(_folded(hidden).strip(), DIM_STYLE))
            hidden = 0
        number = places.get(k)
        out.add_pieces(
            _block_pieces(block, sentences), None if number is None else f"paragraph {number}"
        )
    if hidden:
        out.add(Content.styled(_folded(hidden).strip(), DIM_STYLE))
    return out.layout()


def inline_diff(
    diff: ArticleDiff, *, context: int | None = 1, sentences: int | None = None
) -> Content:
    """The word diff in reading order: ``[-removed-]`` struck, ``{+added+}`` underlined.

    Unchanged paragraphs further than ``context`` from a change fold into one line; with
    ``sentences``, so do unchanged sentences of an edited paragraph ("…").
    """
    if not diff.changed:
        return Content("No change.")
    pieces = _field_pieces(diff) + _notices(diff.body)
    blocks = diff.body.blocks
    shown = shown_blocks(blocks, context)
    hidden = 0
    for k, block in enumerate(blocks):
        if not shown[k]:
            hidden += 1
            continue
        if hidden:
            pieces.append((_folded(hidden), "note"))
            hidden = 0
        pieces += _block_pieces(block, sentences)
    if hidden:
        pieces.append((_folded(hidden), "note"))
    return _styled(pieces).rstrip()


def _folded(count: int) -> str:
    return f"⋯ {count} unchanged paragraph{'s' if count > 1 else ''} ⋯\n\n"


def pane_width(width: int) -> int:
    """The width of each column when side by side is ``width`` cells wide."""
    return max(8, (width - 7) // 2)


def side_by_side_layout(
    diff: ArticleDiff, width: int, *, context: int | None = 1, sentences: int | None = 1
) -> DiffLayout:
    """Old text left, new text right, ``width`` cells wide, one part per row."""
    out = _Builder()
    if not diff.changed:
        out.add(Content("No change."))
        return out.layout()
    col = pane_width(width)
    fields = _field_pieces(diff)
    header = _styled(fields + _notices(diff.body)).rstrip()
    if header:
        out.add(header)
        for k in range(len(diff.fields)):
            out.places.append(_field_place(diff, k))
            out.targets.append(0)
            out.anchors.append(0)
    places = iter(change_places(diff.body))
    for row in side_by_side_rows(diff.body, context_paragraphs=context):
        if row.kind == "elided":
            out.add(Content.styled(f"  ⋯ {row.note} ⋯", DIM_STYLE))
            continue
        place = next(places).paragraph if _is_place(row) else None
        lines, folds = _row_lines(row, col, sentences)
        out.folded += folds
        anchor = 0
        for row_line in lines:  # the first line with a gutter mark
            plain = row_line.plain
            if plain.startswith("-") or "│ +" in plain:
                break
            anchor += len(plain) + 1
        out.add(Content("\n").join(lines), None if place is None else f"paragraph {place}", anchor)
    return out.layout()


def _is_place(row: SideBySideRow) -> bool:
    """Whether a row shows one of :func:`change_places` (a move counts where it went)."""
    if row.kind in ("equal", "elided"):
        return False
    return not (row.kind == "move" and row.new_paragraph is None)


def _row_lines(row: SideBySideRow, col: int, sentences: int | None) -> tuple[list[Content], int]:
    marked = row.kind == "replace"
    trim = sentences if marked else None
    left = _cell(row.left, marked, trim)
    right = _cell(row.right, marked, trim)
    folds = sum(1 for _, kind in left + right if kind == "fold")
    if row.note:
        (left if row.left else right).append((" " + row.note, "note"))
    return _two_columns(left, right, col), folds


def side_by_side(
    diff: ArticleDiff, width: int, *, context: int | None = 1, sentences: int | None = None
) -> Content:
    """Old text left, new text right, ``width`` cells wide. A ``-`` gutter marks lines with
    removed text, a ``+`` gutter lines with added text; edited words carry markers too."""
    layout = side_by_side_layout(diff, width, context=context, sentences=sentences)
    out: list[Content] = []
    for part in layout.parts:
        out += [part, Content("")]
    return Content("\n").join(out).rstrip()


def _cell(segments: Sequence[Segment], marked: bool, sentences: int | None = None) -> list[Piece]:
    items = segments if sentences is None else trim_context(segments, sentences)
    pieces: list[Piece] = []
    for item in items:
        if isinstance(item, Folded):
            pieces.append((visible(item.shown, keep_tabs=False), "fold"))
            continue
        text = visible(item.text, keep_tabs=False)
        if item.kind == "equal":
            pieces.append((text, "equal"))
        elif marked:
            pieces += _marked(item.kind, text)
        else:
            pieces.append((text, item.kind))
    return pieces


def _two_columns(left: list[Piece], right: list[Piece], col: int) -> list[Content]:
    l_text, l_kinds = _flatten(left)
    r_text, r_kinds = _flatten(right)
    l_spans, r_spans = wrap_spans(l_text, col), wrap_spans(r_text, col)
    lines: list[Content] = []
    for k in range(max(len(l_spans), len(r_spans))):
        ls = l_spans[k] if k < len(l_spans) else (0, 0)
        rs = r_spans[k] if k < len(r_spans) else (0, 0)
        l_changed = any(kind in ("delete", "note") for kind in l_kinds[ls[0] : ls[1]])
        r_changed = any(kind in ("insert", "note") for kind in r_kinds[rs[0] : rs[1]])
        left_line = _slice(l_text, l_kinds, ls)
        pad = " " * max(0, col - text_width(l_text[ls[0] : ls[1]]))
        lines.append(
            Content.assemble(
                ("-" if l_changed else " ", MARK_STYLE),
                " ",
                left_line,
                pad,
                (" │ ", DIM_STYLE),
                ("+" if r_changed else " ", MARK_STYLE),
                " ",
                _slice(r_text, r_kinds, rs),
            )
        )
    return lines


def _flatten(pieces: list[Piece]) -> tuple[str, list[str]]:
    text = "".join(p for p, _ in pieces)
    kinds: list[str] = []
    for piece, kind in pieces:
        kinds += [kind] * len(piece)
    return text, kinds


def _slice(text: str, kinds: list[str], span: tuple[int, int]) -> Content:
    start, end = span
    pieces: list[Piece] = []
    k = start
    while k < end:
        kind = kinds[k]
        j = k
        while j < end and kinds[j] == kind:
            j += 1
        pieces.append((text[k:j], kind))  # type: ignore[arg-type]
        k = j
    return _styled(pieces)


# ---------------------------------------------------------------------- corrections


def record_ids(shown: CorrectionView) -> Content:
    """The record's identifiers, one per line (shown cut, never broken mid-word)."""
    return labelled([("article", shown.record.article), ("id", shown.record.id)])


def record_details(shown: CorrectionView) -> Content:
    record = shown.record
    approvers = ", ".join(line(a) for a in shown.approvers)
    rows = [
        ("kind", record.kind.label),
        ("status", f"{record.status.value.replace('_', ' ')} (revision {record.revision})"),
        ("proposer", f"{line(record.proposer)}, {when(record.proposed_at)}"),
        (
            "approvals",
            f"{len(shown.approvers)} of {shown.approvals_needed}"
            + (f": {approvers}" if approvers else ""),
        ),
    ]
    if record.summary:
        rows.append(("summary", line(record.summary)))
    if record.published:
        published = record.published
        merged = " (merged three ways)" if published.merged else ""
        rows.append(("published", f"by {line(published.publisher)}, {when(published.at)}{merged}"))
    return labelled(rows)


def group_members(members: Sequence[CorrectionRecord], current: str) -> Content:
    """The corrections of a group, published together: article and status of each."""
    pieces: list[str | tuple[str, str]] = []
    for number, member in enumerate(members, start=1):
        this = member.id == current
        pieces.append(
            (
                f"{number}. {member.article} · {member.status.value.replace('_', ' ')}"
                + (" (this one)" if this else "")
                + "\n",
                "bold" if this else "",
            )
        )
    pieces.append(
        (
            "Publishing one publishes them all, in one commit. g: the next one; "
            "t: all side by side.",
            DIM_STYLE,
        )
    )
    return Content.assemble(*pieces)


def record_note(record: CorrectionRecord) -> Content:
    if record.note is None:
        return Content.styled(
            "No public note: typo fixes are recorded and reviewed only.", DIM_STYLE
        )
    note = plain(record.note, NOTES_STYLE)
    if record.draft_note and record.note != record.draft_note:
        return Content.assemble(
            note,
            ("\n\nEdited by the proposer. The draft was:\n", DIM_STYLE),
            plain(record.draft_note),
        )
    return note


def record_reviews(record: CorrectionRecord) -> Content:
    if not record.reviews:
        return Content.styled("No reviews yet.", DIM_STYLE)
    current = record.current_reviews()
    parts: list[str | Content | tuple[str, str]] = []
    for review in record.reviews:
        if parts:
            parts.append("\n")
        verdict = review.verdict.label
        void = "" if review in current else " (earlier revision)"
        parts.append((line(review.reviewer), "bold"))
        parts.append(f" {verdict}, {when(review.at)}{void}")
        if review.comment:
            parts.append("\n  ")
            parts.append(plain(review.comment))
    return Content.assemble(*parts)


# ---------------------------------------------------------------------- editor and palette

_ONE_CELL = "\ufffd"


def editor_line(text: str) -> Text:
    """One line of a TextArea: each control character becomes ONE visible character (so the
    cursor and selection offsets stay right), shown reversed so it stands out."""
    shown = visible(text)
    if shown == text:
        return Text(text, end="", no_wrap=True)
    chars: list[str] = []
    marks: list[int] = []
    for offset, char in enumerate(text):
        replaced = visible(char)
        if replaced != char:
            chars.append(replaced if len(replaced) == 1 else _ONE_CELL)
            marks.append(offset)
        else:
            chars.append(char)
    out = Text("".join(chars), end="", no_wrap=True)
    for offset in marks:
        out.stylize("reverse", offset, offset + 1)
    return out


def highlighted(text: str, query: str, detail: str = "") -> Content:
    """A palette entry: the text with the first match of ``query`` highlighted, no markup."""
    shown = line(text)
    content = Content(shown)
    if query:
        start = shown.lower().find(query.lower())
        if start >= 0:
            content = content.stylize("reverse", start, start + len(query))
    if detail:
        content = Content.assemble(content, ("  " + line(detail), DIM_STYLE))
    return content
