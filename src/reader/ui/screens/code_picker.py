"""The code picker: type to filter the codebook; enter picks, or creates what was typed."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.bookmarks import Code

NEW = "\x00new"
"""Option id of "create a code from what was typed"."""
TOP = "\x00top"
"""Option id of "no code: the top of the tree" (when choosing a parent)."""


class CodePickerScreen(ModalScreen[str | None]):
    """Dismissed with a code's name (maybe new), ``""`` for the top level, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
    ]

    def __init__(
        self,
        title: str,
        codes: list[Code],
        *,
        allow_new: bool = True,
        allow_top: bool = False,
        quote: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.codes = codes
        self.allow_new = allow_new
        self.allow_top = allow_top
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.quote:
                yield Label(f"“{' '.join(self.quote.split())}”", id="note-quote", markup=False)
            placeholder = "Type to filter" + (", or a new code's name" if self.allow_new else "")
            yield Input(placeholder=placeholder, id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")

    @property
    def options(self) -> OptionList:
        return self.query_one("#picker-options", OptionList)

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, typed: str) -> None:
        wanted = typed.strip().casefold()
        shown = [code for code in self.codes if wanted in code.name.casefold()]
        options: list[Option] = []
        if self.allow_top and not wanted:
            options.append(Option(Text("(the top of the tree)", style="italic"), id=TOP))
        for code in shown:
            label = Text("■ ", style=code.color)
            label.append(code.name)
            options.append(Option(label, id=str(code.id)))
        # Last, so that enter on a few typed letters picks the code they match rather
        # than creating a near-duplicate ("demo" beside "Democracy").
        if self.allow_new and wanted and all(c.name.casefold() != wanted for c in self.codes):
            options.append(Option(Text(f"+ new code “{typed.strip()}”", style="bold"), id=NEW))
        self.options.clear_options()
        self.options.add_options(options)
        if options:
            self.options.highlighted = 0

    def action_move(self, step: int) -> None:
        count = self.options.option_count
        if count:
            self.options.highlighted = ((self.options.highlighted or 0) + step) % count

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.options.highlighted
        if index is not None:
            self._choose(self.options.get_option_at_index(index).id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW:
            self.dismiss(self.query_one("#picker-input", Input).value.strip())
        elif option_id == TOP:
            self.dismiss("")
        else:
            self.dismiss(next(c.name for c in self.codes if str(c.id) == option_id))

    def action_cancel(self) -> None:
        self.dismiss(None)
