"""A word diff, inline or side by side, in a scrolling pane that opens at the first change.

Insertions and deletions read without colour: ``{+added+}`` underlined and ``[-removed-]``
struck through, and side by side a ``-`` / ``+`` gutter marks every line with a change.

A line at the top says how many changes there are and where ("2 changes · paragraphs 18, 21
· change 1 of 2"); ``n`` / ``N`` move to the next and previous change. Unchanged sentences of
an edited paragraph fold into "…" (``f`` shows whole paragraphs); side by side falls back
to inline when each column would be narrower than :data:`MIN_PANE`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from corrections.domain.article_diff import ArticleDiff
from corrections.domain.diff import describe_places
from corrections.tui import render

MIN_PANE = 30
"""Side by side needs columns at least this wide; narrower, the diff is shown inline."""
CONTEXT_LINES = 2
"""Lines above a change kept in sight when the view scrolls to the middle of a paragraph."""
SENTENCES = 1
"""Unchanged sentences shown on each side of a change in an edited paragraph."""


class DiffView(VerticalScroll):
    """Shows one :class:`ArticleDiff`; ``side_by_side`` switches the layout."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "next_change",
            "Next change",
            show=False,
            tooltip="next change (a diff opens at the first)",
        ),
        Binding("N", "previous_change", "Previous change", show=False, tooltip="previous change"),
        Binding(
            "f",
            "toggle_folds",
            "Whole paragraphs",
            show=False,
            tooltip="whole paragraphs, or fold unchanged sentences into …",
        ),
    ]

    side_by_side: reactive[bool] = reactive(False)
    whole: reactive[bool] = reactive(False)
    """Show edited paragraphs whole instead of folding their unchanged sentences."""

    def __init__(self, placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.diff: ArticleDiff | None = None
        self.placeholder = placeholder
        self.layout_shown = render.DiffLayout(())
        self.current = 0
        self.narrow = False  # side by side asked for, shown inline: too narrow
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static(Content(""), classes="diff-header")
        with Vertical(classes="diff-body"):
            yield Static(Content(self.placeholder), classes="diff-part")

    # ------------------------------------------------------------------ what is shown

    def show(
        self, diff: ArticleDiff | None, placeholder: str | None = None, *, follow: bool = False
    ) -> None:
        """Show ``diff`` at its first change; with ``follow`` (a live diff being typed),
        at the change that is new since the last one shown, else where it was."""
        before = self.layout_shown.places
        self.diff = diff
        if placeholder is not None:
            self.placeholder = placeholder
        layout = self._layout()
        if not follow:
            self.current = 0
        else:
            fresh = [k for k, place in enumerate(layout.places) if place not in before]
            self.current = fresh[0] if fresh else min(self.current, len(layout.places) - 1)
        self._render_diff(layout)

    @property
    def places(self) -> tuple[str, ...]:
        return self.layout_shown.places

    @property
    def plain(self) -> str:
        """The text shown (header aside), as plain text, parts apart by blank lines."""
        parts = self.query(".diff-part").results(Static)
        return "\n\n".join(str(part.render()) for part in parts)

    def watch_side_by_side(self, side_by_side: bool) -> None:
        self._render_diff()

    def watch_whole(self, whole: bool) -> None:
        self._render_diff()

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if self.side_by_side and width != self._width:
            self._render_diff()

    def _layout(self) -> render.DiffLayout:
        diff = self.diff
        if diff is None:
            return render.DiffLayout((Content(self.placeholder),))
        self._width = width = self.scrollable_content_region.width
        sentences = None if self.whole else SENTENCES
        self.narrow = self.side_by_side and render.pane_width(width) < MIN_PANE
        if self.side_by_side and not self.narrow:
            return render.side_by_side_layout(diff, width, sentences=sentences)
        return render.inline_layout(diff, sentences=sentences)

    def _render_diff(self, layout: render.DiffLayout | None = None) -> None:
        if not self.is_mounted:
            return
        layout = layout or self._layout()
        self.set_class(self.side_by_side and not self.narrow, "-side-by-side")
        self.layout_shown = layout
        if layout.places:
            self.current = max(0, min(self.current, len(layout.places) - 1))
        self._show_parts(layout)

    def _show_parts(self, layout: render.DiffLayout) -> None:
        """One Static per part: the ones shown already are updated in place (typing in the
        editor changes one paragraph, not the widgets), new ones mounted, extra removed."""
        body = self.query_one(".diff-body", Vertical)
        shown = [child for child in body.children if isinstance(child, Static)]
        targets = set(layout.targets)
        fresh: list[Static] = []
        for k, content in enumerate(layout.parts):
            if k < len(shown):
                shown[k].update(content)
                shown[k].set_class(k in targets, "-change")
            else:
                part = Static(content, classes="diff-part")
                part.set_class(k in targets, "-change")
                fresh.append(part)
        for extra in shown[len(layout.parts) :]:
            extra.remove()
        self._show_header()
        if fresh:
            self.call_later(self._scroll_when_mounted, body.mount_all(fresh))
        else:
            self.call_after_refresh(self._scroll_to_current)

    async def _scroll_when_mounted(self, mounted: AwaitMount) -> None:
        await mounted
        self.call_after_refresh(self._scroll_to_current)

    def _show_header(self) -> None:
        layout = self.layout_shown
        header = self.query_one(".diff-header", Static)
        notice: Content | str = ""
        if self.narrow:
            notice = Content.styled(
                f"Too narrow for side by side ({self._width} columns, "
                f"{2 * MIN_PANE + 7} needed): inline.\n",
                "italic",
            )
        if self.diff is None or not layout.places:
            header.update(notice.rstrip() if isinstance(notice, Content) else notice)
            header.display = bool(notice)
            return
        text = describe_places(layout.places, self.current)
        hints = []
        if len(layout.places) > 1:
            hints.append("n/N next/prev")
        if layout.folded and not self.whole:
            hints.append("f unfold …")
        elif self.whole:
            hints.append("f fold")
        more = (" · " + ", ".join(hints), render.DIM_STYLE) if hints else ""
        header.update(Content.assemble(notice, text, more))
        header.display = True

    def _scroll_to_current(self) -> None:
        layout = self.layout_shown
        if not layout.targets:
            self.scroll_home(animate=False)
            return
        target = layout.targets[self.current]
        parts = list(self.query_one(".diff-body", Vertical).children)
        if target >= len(parts):
            return
        part = parts[target]
        if target == 0:
            self.scroll_home(animate=False)  # the first part: nothing above worth hiding
        else:
            self.scroll_to_widget(part, animate=False, top=True)
        # A long paragraph: bring the line of the change into sight, a little above it too.
        line = self._line_of(part, layout.anchors[self.current])
        height = self.scrollable_content_region.height
        if line > height - CONTEXT_LINES - 1:
            # After the scroll above (deferred to the next refresh) has been made.
            self.call_after_refresh(self._scroll_down, line - CONTEXT_LINES)

    def _scroll_down(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    @staticmethod
    def _line_of(part: Widget, offset: int) -> int:
        """Which line of ``part`` (as wrapped now) holds the character at ``offset``."""
        if offset <= 0 or not isinstance(part, Static):
            return 0
        content = part.content
        if not isinstance(content, Content):
            return 0
        width = part.content_region.width
        if width <= 0:
            return 0
        return max(0, len(content[:offset].wrap(width)) - 1)

    # ------------------------------------------------------------------ actions

    def action_next_change(self) -> None:
        self._move(1)

    def action_previous_change(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        count = len(self.layout_shown.places)
        if not count:
            return
        self.current = (self.current + step) % count
        self._show_header()
        self.call_after_refresh(self._scroll_to_current)  # after a tab switch, laid out

    def on_show(self) -> None:
        """Shown again (a tab): laid out only now, so go to the current change again."""
        self.call_after_refresh(self._scroll_to_current)

    def action_toggle_folds(self) -> None:
        self.whole = not self.whole
