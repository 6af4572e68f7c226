"""The note prompt: an optional note for a bookmark (new or edited)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class NoteScreen(ModalScreen[str | None]):
    """Dismissed with the note (possibly empty) on ``enter``, or None on ``escape``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, title: str, quote: str, note: str = "", *, placeholder: str = "") -> None:
        super().__init__()
        self.placeholder = placeholder or "Note (optional); enter to save"
        self.title_text = title
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Label(f"“{' '.join(self.quote.split())}”", id="note-quote", markup=False)
            yield Input(self.note, placeholder=self.placeholder, id="note-input")

    @on(Input.Submitted, "#note-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
