"""The Codes tab: the codebook as a tree with passage and interview counts."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.bookmarks import Code
from reader.core.bookmarks.codebook import tree
from reader.ui.text import counted


def code_label(code: Code, depth: int, passages: int, interviews: int) -> Text:
    """``■ name`` (the swatch in its colour), then the counts; indented by depth."""
    indent = "  " * depth
    label = Text(indent)
    label.append("■ ", style=code.color)
    label.append(code.name)
    label.append(f"\n{indent}  ")
    label.append(
        f"{counted(passages, 'passage')} · {counted(interviews, 'interview')}", style="dim"
    )
    return label


class CodesPanel(OptionList):
    """Codes in tree order; the app owns the store and answers the requests."""

    BINDING_GROUP_TITLE = "Codes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "request('passages')", "Passages", id="codes.passages"),
        Binding("j", "cursor_down", "Down", show=False, id="codes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="codes.up"),
        Binding("a", "request('add')", "Add", id="codes.add"),
        Binding("r", "request('rename')", "Rename", id="codes.rename"),
        Binding("m", "request('move')", "Move", id="codes.move"),
        Binding("M", "request('merge')", "Merge", id="codes.merge"),
        Binding("d,delete", "request('delete')", "Delete", id="codes.delete"),
    ]

    class Requested(Message):
        """The user asked for ``action`` on ``code`` (None: no code yet, only 'add')."""

        def __init__(self, action: str, code: Code | None) -> None:
            super().__init__()
            self.action = action
            self.code = code

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.codes: list[Code] = []

    def set_codes(self, codes: list[Code], usage: dict[int, tuple[int, int]]) -> None:
        """Show the codebook, keeping the cursor on the same code when it is still there."""
        current = self.current()
        self.codes = [code for code, _ in tree(codes)]
        self.clear_options()
        self.add_options(
            Option(code_label(code, depth, *usage.get(code.id, (0, 0))), id=str(code.id))
            for code, depth in tree(codes)
        )
        ids = [code.id for code in self.codes]
        if ids:
            self.highlighted = ids.index(current.id) if current and current.id in ids else 0

    def select(self, name: str) -> None:
        """Put the cursor on the code called ``name`` (any case), if it is listed."""
        for index, code in enumerate(self.codes):
            if code.name.casefold() == name.casefold():
                self.highlighted = index

    def current(self) -> Code | None:
        """The code under the cursor."""
        index = self.highlighted
        return self.codes[index] if index is not None and index < len(self.codes) else None

    def action_request(self, action: str) -> None:
        code = self.current()
        if code is not None or action == "add":
            self.post_message(self.Requested(action, code))
