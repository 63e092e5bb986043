"""A group's corrections side by side: one column per article, its diff and its state;
each diff is approved on its own (one approval per article diff)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from corrections.domain.records import Verdict
from corrections.services import CorrectionView
from corrections.tui import render
from corrections.tui.backend import Backend
from corrections.tui.messages import Failed, OpenCorrection, Recorded, deliver
from corrections.tui.screens.modals import CommentModal
from corrections.tui.widgets.diff_view import DiffView
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.title_bar import TitleBar


@dataclass
class GroupShown(Message):
    """Every correction of a group, each with its diff."""

    views: list[CorrectionView]


class GroupScreen(Screen[None]):
    """Tab moves between the articles; ``a`` approves the one in focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back"),
        Binding("a", "approve", "Approve this one"),
        Binding("enter", "open", "Review this one"),
    ]

    def __init__(self, backend: Backend, record_id: str) -> None:
        super().__init__()
        self.backend = backend
        self.record_id = record_id
        self.views: list[CorrectionView] = []
        self.busy = False

    def compose(self) -> ComposeResult:
        yield TitleBar(Content(f"The group of correction {self.record_id}"))
        yield Horizontal(id="group-columns")
        yield Static(Content("Loading…"), id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="group-view")
    def load(self) -> None:
        def views() -> list[CorrectionView]:
            record = self.backend.correction(self.record_id).record
            return [self.backend.correction(m.id) for m in self.backend.group(record)]

        deliver(self, views, GroupShown, "read the group")

    async def on_group_shown(self, message: GroupShown) -> None:
        message.stop()
        focused = self._focused_index()
        self.views = message.views
        columns = self.query_one("#group-columns", Horizontal)
        await columns.remove_children()
        for number, view in enumerate(message.views):
            record = view.record
            title = (
                f"{record.article} · {record.status.value.replace('_', ' ')} · "
                f"{len(view.approvers)} of {view.approvals_needed} approvals"
            )
            diff = DiffView("", id=f"group-diff-{number}")
            await columns.mount(
                Vertical(
                    Static(render.plain(render.line(title)), classes="pane-title"),
                    diff,
                    classes="group-column",
                )
            )
            diff.show(view.diff)
        if self.views:
            self.query_one(f"#group-diff-{min(focused or 0, len(self.views) - 1)}").focus()
        count = len(self.views)
        self.query_one("#status", Static).update(
            Content(
                f"{count} corrections, published together  ·  Tab moves  ·  a approves the one "
                "in focus  ·  Enter reviews it"
            )
        )

    def _focused_index(self) -> int | None:
        focused = self.focused
        if isinstance(focused, DiffView) and focused.id and focused.id.startswith("group-diff-"):
            return int(focused.id.removeprefix("group-diff-"))
        return None

    def action_approve(self) -> None:
        index = self._focused_index()
        if index is None or self.busy:
            return
        record_id = self.views[index].record.id

        def send(comment: str | None) -> None:
            if comment is None:
                return
            self.busy = True
            self._approve(record_id, comment)

        self.app.push_screen(CommentModal(f"Approve: correction {record_id}", required=False), send)

    @work(thread=True, exit_on_error=False, group="submit")
    def _approve(self, record_id: str, comment: str) -> None:
        deliver(
            self,
            lambda: self.backend.review(record_id, Verdict.approve, comment),
            lambda written: Recorded(written.value, "approved", written.sent),
            "approve",
        )

    def on_recorded(self, message: Recorded) -> None:
        # Not stopped: the app says how the step reached the remote.
        self.busy = False
        self.notify(f"Correction {message.record.id} {message.step}.", markup=False)
        self.load()

    def on_failed(self, message: Failed) -> None:
        self.busy = False  # the app shows the reason

    def action_open(self) -> None:
        index = self._focused_index()
        if index is not None:
            self.post_message(OpenCorrection(self.views[index].record.id))
