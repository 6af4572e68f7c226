"""The ``?`` screen: every binding, generated from the BINDINGS of the app and widgets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

BindingGroup = tuple[str, Iterable[BindingType]]


def key_names(keys: str) -> str:
    """``j,down`` → ``j / ↓`` in the app's display style."""
    return " / ".join(format_key(key.strip()) for key in keys.split(","))


def bindings_table(groups: Iterable[BindingGroup]) -> Table:
    """One section per group: keys and what they do."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold")
    table.add_column()
    for index, (title, bindings) in enumerate(groups):
        if index:
            table.add_row(Text(""), Text(""))
        table.add_row(Text(""), Text(title, style="bold italic"))
        for binding in bindings:
            if isinstance(binding, Binding):
                what = Text(binding.description)
                if binding.tooltip:
                    what.append(f" · {binding.tooltip}", style="dim")
                table.add_row(Text(key_names(binding.key)), what)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the bindings it is given; any of escape, ``q`` or ``?`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, groups: list[BindingGroup]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc closes"
            yield Static(bindings_table(self.groups), id="help-table")
