"""Comparing codes: three count tables (by interview, by speaker, overlaps); x saves CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from reader.ui.compare import Table

COLUMN_WIDTH = 24
"""Longest column heading shown (an interview's title is cut with …; the CSV has it all)."""


class CompareScreen(ModalScreen[None]):
    """The tables in tabs; ``t`` shows the next, ``x`` saves the one shown as CSV."""

    DEFAULT_CSS = """
    CompareScreen { align: center middle; }
    CompareScreen #compare-dialog {
        width: 95%; height: 90%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    CompareScreen TabbedContent, CompareScreen ContentSwitcher { height: 1fr; }
    CompareScreen TabPane { padding: 0; height: 1fr; }
    CompareScreen DataTable { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="compare.close"),
        Binding("t", "next_table", "Next table", id="compare.next"),
        Binding("x", "export", "Save as CSV", id="compare.export"),
    ]

    def __init__(self, tables: list[Table], save: Callable[[Table], None]) -> None:
        super().__init__()
        self.tables = tables
        self.save = save
        """Saves a table as CSV (the app knows where files go)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-dialog"):
            yield Static(Text("Compare codes", style="bold"))
            with TabbedContent(id="compare-tabs"):
                for number, table in enumerate(self.tables):
                    with TabPane(table.title, id=f"table-{number}"):
                        yield DataTable(id=f"data-{number}", zebra_stripes=True)
            hint = "t: next table · x: save this table as CSV · escape: close"
            yield Static(Text(hint, style="dim"))

    def on_mount(self) -> None:
        for number, table in enumerate(self.tables):
            data: DataTable[Text] = self.query_one(f"#data-{number}", DataTable)
            data.add_column("Code")
            for column in table.columns:
                data.add_column(Text(_cut(column), justify="right"))
            for label, counts in table.rows:
                cells = [Text(str(n) if n else "·", justify="right") for n in counts]
                data.add_row(Text(label), *cells)
        self.query_one("#data-0", DataTable).focus()

    def current(self) -> Table:
        """The table on the active tab."""
        active = self.query_one("#compare-tabs", TabbedContent).active
        return self.tables[int(active.removeprefix("table-"))]

    def action_next_table(self) -> None:
        number = (self.tables.index(self.current()) + 1) % len(self.tables)
        self.query_one("#compare-tabs", TabbedContent).active = f"table-{number}"
        self.query_one(f"#data-{number}", DataTable).focus()

    def action_export(self) -> None:
        self.save(self.current())

    def action_close(self) -> None:
        self.dismiss(None)


def _cut(heading: str) -> str:
    return heading if len(heading) <= COLUMN_WIDTH else heading[: COLUMN_WIDTH - 1] + "…"
