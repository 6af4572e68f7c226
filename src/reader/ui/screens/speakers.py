"""Who speaks how much in the open interview; enter chooses a speaker."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from reader.core.analysis import speaker_stats
from reader.core.model import Interview
from reader.ui.text import speaker_colour

ALL_SPEAKERS = "All speakers"
ALL_KEY = "\x00all"
"""Row key of "All speakers" (no speaker name can contain a NUL)."""


class SpeakersScreen(ModalScreen[str | None]):
    """A table of speakers with turns, words and share of words.

    Dismissed with the chosen speaker's name, ``""`` for "All speakers" (shown while
    the conversation is filtered), or None on ``escape``.
    """

    DEFAULT_CSS = """
    SpeakersScreen { align: center middle; }
    SpeakersScreen #speakers-dialog {
        width: auto; max-width: 90%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SpeakersScreen DataTable { width: auto; height: auto; max-height: 30; margin: 1 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="speakers.close"),
    ]

    def __init__(self, interview: Interview, filtered: str | None = None) -> None:
        super().__init__()
        self.interview = interview
        self.filtered = filtered
        """The speaker the conversation is filtered to now, if any."""

    def compose(self) -> ComposeResult:
        with Vertical(id="speakers-dialog"):
            yield Static(Text.assemble(("Speakers · ", "bold"), self.interview.title))
            yield DataTable(id="speakers-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("enter: show only this speaker's turns · escape: close", style="dim"))

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_column("Speaker", key="speaker")
        for label in ("Turns", "Words", "Share"):
            table.add_column(Text(label, justify="right"), key=label.lower())
        if self.filtered is not None:
            table.add_row(Text(ALL_SPEAKERS, style="italic"), *[Text("")] * 3, key=ALL_KEY)
        for stats in speaker_stats(self.interview):
            name = Text(stats.speaker, style=Style(color=speaker_colour(stats.speaker), bold=True))
            table.add_row(
                name,
                Text(str(stats.turns), justify="right"),
                Text(f"{stats.words:,}", justify="right"),
                Text(f"{stats.share:.1%}", justify="right"),
                key=stats.speaker,
            )
        table.focus()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.dismiss("" if key == ALL_KEY else key)

    def action_close(self) -> None:
        self.dismiss(None)
