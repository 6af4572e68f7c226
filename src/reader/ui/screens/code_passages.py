"""One code's passages across the loaded interviews; enter jumps to one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.bookmarks import Bookmark, Code
from reader.ui.text import counted, format_date, separated
from reader.ui.widgets.bookmarks_panel import bookmark_label


class CodePassagesScreen(ModalScreen[Bookmark | None]):
    """Dismissed with the chosen passage, or None on ``escape``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="code-passages.back"),
        Binding("j", "cursor(1)", "Down", show=False, id="code-passages.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="code-passages.up"),
    ]

    def __init__(self, code: Code, passages: list[Bookmark]) -> None:
        super().__init__()
        self.code = code
        self.passages = passages

    def compose(self) -> ComposeResult:
        interviews = len({b.source for b in self.passages})
        title = (
            f"{self.code.name}: {counted(len(self.passages), 'passage')}"
            f" in {counted(interviews, 'interview')}"
        )
        with Vertical(id="code-passages-dialog", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            options = []
            for bookmark in self.passages:
                label = bookmark_label(bookmark)
                if bookmark.interview_date:
                    label.append(f" · {format_date(bookmark.interview_date)}", style="dim")
                options.append(Option(label, id=str(bookmark.id)))
            yield OptionList(*separated(options), id="code-passages")

    def on_mount(self) -> None:
        self.query_one("#code-passages", OptionList).focus()

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#code-passages", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(OptionList.OptionSelected, "#code-passages")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(next(b for b in self.passages if str(b.id) == event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
