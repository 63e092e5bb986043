"""Propose or revise: edit the text, pick the kind, see the live diff and drafted note.

The preview is computed in a worker a moment after the typing stops; a newer keystroke
makes an older preview stale, and stale previews are dropped. What the TextArea changes
by itself (line endings, line separators) is undone by :mod:`corrections.tui.editing`
before anything is compared or proposed, so saving an untouched text proposes nothing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from corrections.domain.kinds import Kind, has_public_note
from corrections.tui import render
from corrections.tui.backend import Backend, EditorStart, Revision
from corrections.tui.editing import as_text_area, restore
from corrections.tui.messages import (
    EditorLoaded,
    Failed,
    OpenCorrection,
    PreviewReady,
    Recorded,
    deliver,
)
from corrections.tui.screens.modals import ConfirmModal
from corrections.tui.widgets.diff_view import DiffView
from corrections.tui.widgets.elsewhere import ElsewherePanel
from corrections.tui.widgets.key_footer import KeyFooter
from corrections.tui.widgets.safe_text_area import SafeTextArea
from corrections.tui.widgets.title_bar import TitleBar

DEBOUNCE_SECONDS = 0.15
KIND_LABELS = {
    Kind.correction: "Correction",
    Kind.clarification: "Clarification",
    Kind.update: "Update",
    Kind.editors_note: "Editor's note",
    Kind.retraction: "Retraction",
    Kind.typo: "Typo (no note)",
}


class EditorScreen(Screen[None]):
    """Either ``slug`` (a new proposal) or ``record_id`` (a revision) is given."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "submit",
            "Submit",
            priority=True,
            tooltip="submit (an untouched text proposes nothing)",
        ),
        Binding(
            "ctrl+t", "toggle_side", "Side by side", tooltip="live diff side by side or inline"
        ),
        Binding("ctrl+r", "redraft", "Use drafted note", tooltip="put the drafted note back"),
        Binding("escape", "leave", "Back"),
        Binding(
            "ctrl+g",
            "submit_group",
            "Propose to all",
            priority=True,
            show=False,
            tooltip="propose to all: the same change to every article the panel lists",
        ),
    ]
    PALETTE_ACTIONS: ClassVar[tuple[str, ...]] = ("submit_group",)  # not in the footer
    # Shorter than 32 rows (a laptop split, 80x24) the note and the same-wording panel
    # shrink, so the live diff keeps room to show its change (see the .tcss).
    # (Textual declares it as an instance variable: it cannot be annotated ClassVar here.)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    def __init__(
        self, backend: Backend, *, slug: str | None = None, record_id: str | None = None
    ) -> None:
        super().__init__()
        self.backend = backend
        self.slug = slug
        self.record_id = record_id
        self.start: EditorStart | None = None
        self.sequence = 0
        self.timer: Timer | None = None
        self.draft: str | None = None  # the latest drafted note
        self.note_loaded = ""  # what this screen last put in the note area
        self.own_note = False  # the note area holds the editor's own words
        self.busy = False

    def compose(self) -> ComposeResult:
        heading = f"Revise correction {self.record_id}" if self.record_id else "Propose"
        yield TitleBar(Content(heading), title_id="title")
        with Horizontal(id="editor-fields"):
            yield Select(
                [(label, kind) for kind, label in KIND_LABELS.items()],
                value=Kind.correction,
                allow_blank=False,
                id="kind",
            )
            yield Input(placeholder="Summary for reviewers (why this change)", id="summary")
        with Horizontal(id="editor-main"):
            with Vertical(id="editor-left"):
                yield Static(Content("Text (front matter and body)"), classes="pane-title")
                yield SafeTextArea(id="editor", soft_wrap=True, tab_behavior="focus")
            with Vertical(id="editor-right"):
                yield Static(Content("Live diff"), classes="pane-title")
                yield DiffView("Loading…", id="live-diff")
                yield Static(Content("Note (drafted; edit it if you like)"), classes="pane-title")
                yield SafeTextArea(id="note", soft_wrap=True, tab_behavior="focus")
                check = Static(Content(""), id="note-check")
                check.display = False  # shown only when the draft needs editing
                yield check
                yield Static(Content("The same wording elsewhere"), classes="pane-title")
                yield ElsewherePanel(
                    self.backend,
                    idle="Change a wording: the other articles that still carry it show here.",
                    id="elsewhere",
                )
        yield Static(Content("Loading…"), id="status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True, group="editor")
    def load(self) -> None:
        if self.record_id is not None:
            record_id = self.record_id
            deliver(self, lambda: self.backend.editor_for_record(record_id), EditorLoaded, "open")
        elif self.slug is not None:
            slug = self.slug
            deliver(self, lambda: self.backend.editor_for_article(slug), EditorLoaded, "open")

    def on_editor_loaded(self, message: EditorLoaded) -> None:
        message.stop()
        start = self.start = message.start
        record = start.record
        title = f"Propose a correction to {start.slug}"
        if record is not None:
            title = (
                f"Revise correction {record.id} to {record.article} (revision {record.revision})"
            )
            self.query_one("#kind", Select).value = record.kind
            self.query_one("#summary", Input).value = render.line(record.summary)
            if record.note is not None and record.note != record.draft_note:
                self.own_note = True
            self._load_note(record.note or "")
        self.query_one("#title", Static).update(render.plain(render.line(title)))
        editor = self.query_one("#editor", SafeTextArea)
        editor.load_text(start.text)
        editor.focus()
        self._preview_now()

    # ------------------------------------------------------------------ live preview

    @property
    def kind(self) -> Kind:
        value = self.query_one("#kind", Select).value
        return value if isinstance(value, Kind) else Kind.correction

    def edited_text(self, start: EditorStart) -> str:
        """The editor's text with everything the TextArea changed by itself undone."""
        return restore(start.text, self.query_one("#editor", SafeTextArea).text)

    @on(SafeTextArea.Changed, "#editor")
    @on(Select.Changed, "#kind")
    @on(Input.Changed, "#summary")  # a retraction's reason is the summary
    def schedule_preview(self) -> None:
        if self.start is None:
            return
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(DEBOUNCE_SECONDS, self._preview_now)

    def _preview_now(self) -> None:
        if self.start is None:
            return
        self.sequence += 1
        text = self.query_one("#editor", SafeTextArea).text
        summary = self.query_one("#summary", Input).value
        self.run_preview(self.sequence, self.start, text, self.kind, summary)

    @work(thread=True, exit_on_error=False, exclusive=True, group="preview")
    def run_preview(
        self, sequence: int, start: EditorStart, text: str, kind: Kind, summary: str
    ) -> None:
        deliver(
            self,
            lambda: self.backend.preview(start, restore(start.text, text), kind, summary),
            lambda preview: PreviewReady(sequence, preview),
            "preview the change",
        )

    def on_preview_ready(self, message: PreviewReady) -> None:
        message.stop()
        if message.sequence != self.sequence:
            return  # the text changed again since
        preview = message.preview
        self.query_one("#live-diff", DiffView).show(preview.diff, follow=True)
        panel = self.query_one(ElsewherePanel)
        if self.start is not None and preview.problem is None:
            panel.look(self.start.slug, preview.diff)
        elif panel.wordings is not None:
            panel.reset()
        self.draft = preview.note
        note_area = self.query_one("#note", SafeTextArea)
        note_area.disabled = not has_public_note(self.kind)
        if not has_public_note(self.kind):
            self._load_note("A typo fix gets no public note.")
        elif not self._note_is_own():
            self._load_note(preview.note or "")
        self._show_note_check(preview.note_problems if not self._note_is_own() else ())
        problem = preview.problem
        status = problem[:1].upper() + problem[1:] if problem else "Ctrl+S submits for review."
        self.query_one("#status", Static).update(render.plain(render.line(status)))

    def _show_note_check(self, problems: tuple[str, ...]) -> None:
        """One line under the note: why the draft needs editing before it is proposed."""
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        line = f"Needs editing: {problems[0]}{more}" if problems else ""
        check = self.query_one("#note-check", Static)
        check.update(render.plain(render.line(line)))
        check.display = bool(problems)  # no room taken while there is nothing to say

    def _load_note(self, text: str) -> None:
        self.note_loaded = text
        self.query_one("#note", SafeTextArea).load_text(text)

    @on(SafeTextArea.Changed, "#note")
    def note_changed(self) -> None:
        self.own_note = self._note_is_own()
        if self.own_note:
            self._show_note_check(())  # the editor's own words: theirs to judge

    def _note_is_own(self) -> bool:
        """Whether the note area holds the editor's own words rather than a draft."""
        area = self.query_one("#note", SafeTextArea)
        if area.disabled:
            return self.own_note
        return self.own_note or area.text != as_text_area(self.note_loaded)

    # ------------------------------------------------------------------ actions

    def action_redraft(self) -> None:
        self.own_note = False
        if self.draft is not None and has_public_note(self.kind):
            self._load_note(self.draft)

    def action_toggle_side(self) -> None:
        view = self.query_one("#live-diff", DiffView)
        view.side_by_side = not view.side_by_side

    def _note(self) -> str | None:
        if not self._note_is_own() or not has_public_note(self.kind):
            return None
        return restore(self.note_loaded, self.query_one("#note", SafeTextArea).text)

    def action_submit(self) -> None:
        if self.start is None or self.busy:
            return
        text = self.edited_text(self.start)
        summary = self.query_one("#summary", Input).value.strip()
        record = self.start.record
        if record is None:
            if text == self.start.text:
                self.notify("Nothing changed: no correction proposed.", markup=False)
                return
            self.busy = True
            self._propose(self.start.slug, text, self.kind, summary, self._note())
            return
        note = self._note()
        change = Revision(
            text=text if text != self.start.text else None,
            kind=self.kind if self.kind is not record.kind else None,
            summary=summary if summary != render.line(record.summary) else None,
            note=note if note is not None and note != record.note else None,
        )
        if change.empty:
            self.notify("Nothing changed: no revision made.", markup=False)
            return
        self.busy = True
        self._revise(record.id, change)

    def action_submit_group(self) -> None:
        """Propose the change here and the same replacements to every article the panel
        lists, as one group (asks first)."""
        if self.start is None or self.busy or self.start.record is not None:
            return
        panel = self.query_one(ElsewherePanel)
        others = list(dict.fromkeys(slug for use in panel.uses for slug in use.articles))
        if not others:
            self.notify("No other article carries the old wording.", markup=False)
            return
        start = self.start
        text = self.edited_text(start)
        summary = self.query_one("#summary", Input).value.strip()
        kind, note = self.kind, self._note()

        def answered(yes: bool | None) -> None:
            if yes and not self.busy:
                self.busy = True
                self._propose_group(start.slug, text, kind, summary, note, others)

        names = ", ".join(render.line(slug) for slug in others)
        self.app.push_screen(
            ConfirmModal(
                "Propose to all?",
                render.plain(
                    f"The same replacements go to {len(others)} other "
                    f"article{'s' if len(others) != 1 else ''} too ({names}), each with "
                    "its own diff and note; publishing one publishes them all."
                ),
                "Propose to all",
            ),
            answered,
        )

    @work(thread=True, exit_on_error=False, group="submit")
    def _propose_group(
        self, slug: str, text: str, kind: Kind, summary: str, note: str | None, also: list[str]
    ) -> None:
        deliver(
            self,
            lambda: self.backend.propose_group(slug, text, kind, summary, note, also),
            lambda written: Recorded(written.value[0], "proposed with its group", written.sent),
            "propose the corrections",
        )

    # Writes are never cancelled by a newer worker (the commit would happen unseen):
    # ``busy`` keeps a second Ctrl+S from starting one while the first runs.
    @work(thread=True, exit_on_error=False, group="submit")
    def _propose(self, slug: str, text: str, kind: Kind, summary: str, note: str | None) -> None:
        deliver(
            self,
            lambda: self.backend.propose(slug, text, kind, summary, note),
            lambda written: Recorded(written.value, "proposed", written.sent),
            "propose the correction",
        )

    @work(thread=True, exit_on_error=False, group="submit")
    def _revise(self, record_id: str, change: Revision) -> None:
        deliver(
            self,
            lambda: self.backend.revise(record_id, change),
            lambda written: Recorded(written.value, "revised", written.sent),
            "revise the correction",
        )

    def on_failed(self, message: Failed) -> None:
        self.busy = False  # the app shows the reason

    def on_recorded(self, message: Recorded) -> None:
        # Not stopped: the app says how the step reached the remote.
        self.busy = False
        record = message.record
        self.notify(f"Correction {record.id} {message.step}.", markup=False)
        self.post_message(OpenCorrection(record.id, replace=True))

    def action_leave(self) -> None:
        if self.start is None or self.edited_text(self.start) == self.start.text:
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmModal("Discard changes?", Content("Your edits are not saved."), "Discard"),
            answered,
        )
