"""The command palette (``ctrl+p``): the app's own commands and "open interview"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """A palette entry: its name, a one-line help, and the action it runs."""

    name: str
    help: str
    action: str
    """An action string run on the app, e.g. ``"toggle_theme"`` or ``"screen.x"``."""


PALETTE_COMMANDS: list[PaletteCommand] = [
    PaletteCommand(
        "Next turn by this speaker",
        "Jump to the next turn of the speaker under the cursor",
        "next_speaker_turn",
    ),
    PaletteCommand(
        "Toggle dark/light theme", "Switch between the dark and the light theme", "toggle_theme"
    ),
    PaletteCommand("Show bookmarks", "Open the Bookmarks tab in the sidebar", "show_bookmarks"),
    PaletteCommand("Show codes", "Open the Codes tab: the codebook with counts", "show_codes"),
    PaletteCommand("Search", "Focus the search box", "focus_search"),
    PaletteCommand("Toggle sidebar", "Show or hide the search/bookmarks sidebar", "toggle_sidebar"),
    PaletteCommand("Help: every key of the reader", "The ? screen", "help"),
    PaletteCommand(
        "Speakers",
        "Turns, words and share of each speaker in the open interview",
        "speakers",
    ),
    PaletteCommand(
        "Keyword in context",
        "Every occurrence of a word across the interviews, one line each; enter goes there",
        "keyword_in_context",
    ),
    PaletteCommand(
        "Compare codes",
        "Coded passages per code and interview, per code and speaker, and code overlaps (CSV)",
        "compare_codes",
    ),
    PaletteCommand(
        "Export interview as Markdown",
        "Write the open interview to a .md file in the current folder",
        "export('md')",
    ),
    PaletteCommand(
        "Export interview as JSON",
        "Write the open interview to a .json file (the reader parse --json shape)",
        "export('json')",
    ),
]
"""The app's own commands, in the order the palette lists them."""

OPEN_PREFIX = "Open: "


class ReaderCommands(Provider):
    """The commands above, plus ``Open: <title>`` for every loaded interview."""

    @property
    def reader(self) -> ReaderApp:
        from reader.ui.app import ReaderApp

        assert isinstance(self.app, ReaderApp)
        return self.app

    def _entries(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """(name, help, callback): the commands, then one "Open" per interview, keyed by
        its file (the list's order changes while a folder loads)."""
        reader = self.reader
        entries: list[tuple[str, str, Callable[[], Any]]] = [
            (c.name, c.help, partial(reader.run_action, c.action)) for c in PALETTE_COMMANDS
        ]
        for summary in reader.library.summaries:
            if summary.source is not None:
                name = f"{OPEN_PREFIX}{summary.title}"
                entries.append(
                    (name, "Open this interview", partial(reader.open_interview, summary.source))
                )
        return entries

    async def discover(self) -> Hits:
        for name, help_text, callback in self._entries():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
