"""The comparison screen: counts per code and interview, per code and speaker, overlaps."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, TabbedContent, TabPane

from reader.core.bookmarks.compare import Table


class CompareScreen(ModalScreen[None]):
    """One tab per table; ``e`` exports the shown table as CSV (the app writes it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_screen", "Back", id="compare.back"),
        Binding("e", "export", "Export CSV", id="compare.export"),
    ]

    def __init__(self, tables: list[Table]) -> None:
        super().__init__()
        self.tables = tables

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-dialog", classes="dialog"):
            yield Label("Compare codes  (e: export this table as CSV)", classes="dialog-title")
            with TabbedContent(id="compare-tabs"):
                for index, table in enumerate(self.tables):
                    with TabPane(table.title, id=f"compare-{index}"):
                        yield DataTable(id=f"compare-table-{index}", zebra_stripes=True)

    def on_mount(self) -> None:
        for index, table in enumerate(self.tables):
            widget = self.query_one(f"#compare-table-{index}", DataTable)
            widget.add_columns(*(Text(cell) for cell in table.header))
            widget.add_rows(
                [Text(cell) if isinstance(cell, str) else cell for cell in row]
                for row in table.rows
            )
        self.query_one("#compare-table-0", DataTable).focus()

    def shown(self) -> Table:
        """The table on the active tab."""
        active = self.query_one("#compare-tabs", TabbedContent).active
        return self.tables[int(active.rpartition("-")[2])]

    def action_export(self) -> None:
        self.app.call_later(self.app.run_action, "export_table")

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
