"""A TextArea that never sends a control character from the text to the terminal."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from corrections.tui import render


class SafeTextArea(TextArea):
    """Each control character in a line is drawn as one visible stand-in (reversed), so the
    text is edited as it is but an ESC or OSC sequence in it is shown, never obeyed."""

    def get_line(self, line_index: int) -> Text:
        return render.editor_line(self.document.get_line(line_index))
