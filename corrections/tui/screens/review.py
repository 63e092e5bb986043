"""Review: the exact diff, the note, the record and its reviews; verdicts and publishing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from corrections.domain.records import CorrectionRecord, Status, Verdict
from corrections.services import CorrectionView
from corrections.tui import render
from corrections.tui.backend import Backend
from corrections.tui.messages import (
    CorrectionLoaded,
    Failed,
    GroupLoaded,
    OpenArticle,
    OpenCorrection,
    Published,
    Recorded,
    ReviseCorrection,
    deliver,
)
from corrections.tui.screens.modals import CommentModal, ConfirmModal
from corrections.tui.widgets.diff_view import DiffView
from corrections.tui.widgets.elsewhere import ElsewherePanel
from corrections.tui.widgets.identifier import Identifier
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.title_bar import TitleBar

NARROW_BELOW = 100
"""Below this many columns the record panel sits under the diff, which gets the width."""

VERDICTS = {
    Verdict.approve: ("Approve", "approved", False),
    Verdict.request_changes: ("Request changes", "sent back for changes", True),
    Verdict.reject: ("Reject", "rejected", True),
}


class ReviewScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.back", "Back"),
        Binding("s", "toggle_side", "Side by side", tooltip="side by side or inline"),
        Binding("a", "verdict('approve')", "Approve", tooltip="approve (with a comment)"),
        Binding(
            "c",
            "verdict('request_changes')",
            "Request changes",
            tooltip="request changes (with a comment)",
        ),
        Binding("x", "verdict('reject')", "Reject", tooltip="reject (with a comment)"),
        Binding("p", "publish", "Publish", tooltip="publish (asks first)"),
        Binding("e", "revise", "Revise", show=False, tooltip="revise (the proposer)"),
        Binding("w", "withdraw", "Withdraw", show=False, tooltip="withdraw (the proposer)"),
        Binding("o", "open_article", "Article", tooltip="open the article"),
        Binding(
            "i",
            "toggle_panel",
            "Record panel",
            show=False,
            tooltip="hide or show the record panel (under the diff below 100 columns)",
        ),
        Binding(
            "g",
            "next_in_group",
            "Next in group",
            show=False,
            tooltip="the next correction of its group (published together)",
        ),
        Binding(
            "t",
            "group_together",
            "Group side by side",
            show=False,
            tooltip="its group side by side: every article's diff; a approves the one in focus",
        ),
    ]
    # Not in the footer: the record panel, and a group's next correction and side by side.
    PALETTE_ACTIONS: ClassVar[tuple[str, ...]] = ("toggle_panel", "next_in_group", "group_together")
    # Narrower than 100 columns the record panel goes under the diff (see the .tcss).
    # (Textual declares it as an instance variable: it cannot be annotated ClassVar here.)
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (NARROW_BELOW, "-wide"),
    ]

    def __init__(self, backend: Backend, record_id: str) -> None:
        super().__init__()
        self.backend = backend
        self.record_id = record_id
        self.shown: CorrectionView | None = None
        self.members: list[CorrectionRecord] = []  # the corrections of its group
        self.busy = False

    def compose(self) -> ComposeResult:
        yield TitleBar(Content(f"Correction {self.record_id}"), title_id="title")
        with Horizontal(id="review-main"):
            yield DiffView("Loading the diff…", id="review-diff")
            with VerticalScroll(id="review-side"):
                yield Static(Content("Record"), classes="pane-title")
                yield Identifier(Content(""), id="record-ids")
                yield Static(Content(""), id="record")
                yield Static(Content("Note"), classes="pane-title")
                yield Static(Content(""), id="note")
                group_title = Static(
                    Content("Published together"), id="group-title", classes="pane-title"
                )
                group_title.display = False
                yield group_title
                group = Static(Content(""), id="group")
                group.display = False
                yield group
                yield Static(Content("Reviews"), classes="pane-title")
                yield Static(Content(""), id="reviews")
                yield Static(Content("The same wording elsewhere"), classes="pane-title")
                yield ElsewherePanel(self.backend, id="elsewhere")
        yield Static(Content("Loading…"), id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DiffView).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.shown is not None:
            self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="review")
    def load(self) -> None:
        deliver(
            self,
            lambda: (self.backend.correction(self.record_id), self.backend.who()),
            lambda loaded: CorrectionLoaded(*loaded),
            "open the correction",
        )

    def on_correction_loaded(self, message: CorrectionLoaded) -> None:
        message.stop()
        shown = self.shown = message.view
        record = shown.record
        title = (
            f"Correction {record.id} · {record.kind.value.replace('_', ' ')} · "
            f"{record.status.value.replace('_', ' ')}"
        )
        self.query_one("#title", Static).update(Content(title))
        self.query_one(DiffView).show(shown.diff, follow=True)
        self.query_one("#record-ids", Identifier).show(render.record_ids(shown))
        self.query_one("#record", Static).update(render.record_details(shown))
        self.query_one("#note", Static).update(render.record_note(record))
        self.query_one("#reviews", Static).update(render.record_reviews(record))
        self.query_one(ElsewherePanel).look(record.article, shown.diff)
        if record.group is not None:
            self.load_group(record)
        self._status(record, message.me)

    @work(thread=True, exit_on_error=False, exclusive=True, group="group")
    def load_group(self, record: CorrectionRecord) -> None:
        deliver(self, lambda: self.backend.group(record), GroupLoaded, "read the group")

    def on_group_loaded(self, message: GroupLoaded) -> None:
        message.stop()
        self.members = message.members
        group = self.query_one("#group", Static)
        group.update(render.group_members(message.members, self.record_id))
        group.display = True
        self.query_one("#group-title", Static).display = True

    def action_group_together(self) -> None:
        if len(self.members) > 1:
            from corrections.tui.screens.group import GroupScreen

            self.app.push_screen(GroupScreen(self.backend, self.record_id))

    def action_next_in_group(self) -> None:
        ids = [member.id for member in self.members]
        if len(ids) > 1 and self.record_id in ids:
            following = ids[(ids.index(self.record_id) + 1) % len(ids)]
            self.post_message(OpenCorrection(following, replace=True))

    def _status(self, record: CorrectionRecord, me: str | None) -> None:
        who = f"You are {render.line(me)}." if me else "Who are you? Start with --as NAME."
        hints = {
            Status.proposed: "a approves, c requests changes, x rejects.",
            Status.changes_requested: "The proposer revises it with e.",
            Status.approved: "p publishes it.",
            Status.published: "Published: o shows the article.",
        }
        hint = hints.get(record.status, "This correction is closed.")
        self.query_one("#status", Static).update(Content(f"{who} {hint}"))

    def on_failed(self, message: Failed) -> None:
        self.busy = False  # the app shows the reason

    # ------------------------------------------------------------------ actions

    def action_toggle_side(self) -> None:
        view = self.query_one(DiffView)
        view.side_by_side = not view.side_by_side

    def action_toggle_panel(self) -> None:
        """Show or hide the record, note and reviews (the diff takes the room)."""
        side = self.query_one("#review-side")
        side.display = not side.display

    def action_open_article(self) -> None:
        if self.shown is not None:
            self.post_message(OpenArticle(self.shown.record.article))

    def action_revise(self) -> None:
        self.post_message(ReviseCorrection(self.record_id))

    def action_verdict(self, name: str) -> None:
        verdict = Verdict(name)
        label, _, required = VERDICTS[verdict]

        def send(comment: str | None) -> None:
            if comment is not None:
                self._run(
                    lambda: self.backend.review(self.record_id, verdict, comment),
                    lambda written: Recorded(written.value, VERDICTS[verdict][1], written.sent),
                    label.lower(),
                )

        self.app.push_screen(
            CommentModal(f"{label}: correction {self.record_id}", required=required), send
        )

    def action_withdraw(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._run(
                    lambda: self.backend.withdraw(self.record_id),
                    lambda written: Recorded(written.value, "withdrawn", written.sent),
                    "withdraw",
                )

        question = Content("Withdraw this correction? Withdrawing is final.")
        self.app.push_screen(ConfirmModal("Withdraw", question, "Withdraw"), answered)

    def action_publish(self) -> None:
        if self.shown is None:
            return
        record = self.shown.record

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(
                    lambda: self.backend.publish(self.record_id),
                    lambda written: Published(written.value, written.sent),
                    "publish",
                )

        question = Content.assemble(
            "Publish this ",
            record.kind.label,
            " to ",
            (record.article, "bold"),
            "?\n\nOne commit will hold the new text, its note and the record:\n\n",
            render.record_note(record),
        )
        others = [m.article for m in self.members if m.id != record.id]
        if others:
            question = Content.assemble(
                question,
                (
                    f"\n\nThe rest of its group is published in the same commit, or nothing "
                    f"is: {', '.join(render.line(slug) for slug in others)}.",
                    "bold",
                ),
            )
        self.app.push_screen(ConfirmModal("Publish", question, "Publish"), answered)

    def _run(self, action: Callable[[], Any], wrap: Callable[[Any], Message], doing: str) -> None:
        if self.busy:
            self.notify("Still working on the last step…", markup=False)
            return
        self.busy = True
        self.query_one("#status", Static).update(Content(f"Working: {doing}…"))
        self._write(action, wrap, doing)

    # Never cancelled: ``busy`` allows one at a time.
    @work(thread=True, exit_on_error=False, group="write")
    def _write(self, action: Callable[[], Any], wrap: Callable[[Any], Message], doing: str) -> None:
        deliver(self, action, wrap, doing)

    # Not stopped: the app says how the step reached the remote.
    def on_recorded(self, message: Recorded) -> None:
        self.busy = False
        self.notify(f"Correction {message.record.id} {message.step}.", markup=False)
        self.load()

    def on_published(self, message: Published) -> None:
        self.busy = False
        result = message.result
        commit = (result.commit or "")[:12]
        merged = " (merged with later edits)" if result.merged else ""
        group = (
            f" with {len(result.group)} more article{'s' if len(result.group) != 1 else ''} "
            "of its group"
            if result.group
            else ""
        )
        self.notify(f"Published{group} in commit {commit}{merged}.", markup=False)
        self.load()
