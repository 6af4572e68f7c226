"""Keyword in context: every occurrence of a word across the loaded interviews."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from reader.core.analysis import KwicLine, keyword_in_context
from reader.core.model import Interview
from reader.ui.text import counted

CONTEXT_WIDTH = (12, 40)
"""Least and most characters of context either side of the word (it grows with the screen)."""

TITLE_WIDTH = 36
"""Titles longer than this are cut (with …) so the speaker after them stays in view."""

MAX_LINES = 2000
"""At most this many occurrences are listed (the status line says so)."""

WORD_STYLE = "bold reverse"


def context_width(screen_width: int) -> int:
    """Context either side for a screen this wide, leaving room for ``title · speaker``."""
    least, most = CONTEXT_WIDTH
    return max(least, min(most, (screen_width - 70) // 2))


def kwic_row(line: KwicLine, word_width: int, width: int) -> Text:
    """One line: left context right-aligned, the word, right context, ``title · speaker``.

    ``word_width`` is the widest word in the list, so the last column lines up too.
    """
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append(" " * max(0, width - cell_len(line.left)) + line.left)
    row.append(line.word, style=WORD_STYLE)
    row.append(line.right)
    row.append(" " * max(0, width + word_width - cell_len(line.word) - cell_len(line.right)))
    row.append("  ")
    title = line.title if len(line.title) <= TITLE_WIDTH else line.title[: TITLE_WIDTH - 1] + "…"
    row.append(f"{title} · {line.speaker}", style="dim")
    return row


def describe(lines: Sequence[KwicLine], word: str) -> str:
    """The status line above the list."""
    if not word.strip():
        return "Type a word or phrase."
    if not lines:
        return f"No occurrences of “{word.strip()}”."
    interviews = len({(line.source, line.title) for line in lines})
    found = counted(len(lines), "occurrence")
    count = f"first {found}" if len(lines) >= MAX_LINES else found
    return f"{count} in {counted(interviews, 'interview')} · enter: go there"


class KwicScreen(ModalScreen[KwicLine | None]):
    """An input for the word and the list of its occurrences.

    Dismissed with the chosen :class:`KwicLine` (``enter``) or None (``escape``).
    """

    DEFAULT_CSS = """
    KwicScreen { align: center middle; }
    KwicScreen #kwic-dialog {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    KwicScreen #kwic-lines { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    KwicScreen #kwic-status { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="kwic.close"),
        Binding("down", "focus_lines", "Lines", show=False, id="kwic.lines"),
    ]

    def __init__(self, interviews: Callable[[], Iterable[Interview]], word: str = "") -> None:
        super().__init__()
        self.interviews = interviews
        self.initial_word = word
        self.lines: list[KwicLine] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="kwic-dialog"):
            yield Static(Text("Keyword in context", style="bold"))
            yield Input(self.initial_word, placeholder="a word or phrase", id="kwic-word")
            yield Static(Text(describe([], "")), id="kwic-status")
            yield OptionList(id="kwic-lines")

    def on_mount(self) -> None:
        self._find(self.initial_word)
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _word_changed(self, event: Input.Changed) -> None:
        self._find(event.value)

    @on(Input.Submitted)
    def _word_submitted(self) -> None:
        options = self.query_one(OptionList)
        if self.lines:
            self.dismiss(self.lines[options.highlighted or 0])

    @on(OptionList.OptionSelected)
    def _line_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.lines[event.option_index])

    def action_focus_lines(self) -> None:
        if self.lines:
            self.query_one(OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="kwic", exit_on_error=False)
    def _find(self, word: str) -> None:
        """Search off the UI thread; a newer keystroke cancels this one between interviews."""
        worker = get_current_worker()
        width = context_width(self.app.size.width)
        interviews = (i for i in self.interviews() if not worker.is_cancelled)
        try:
            lines = keyword_in_context(interviews, word, width=width, limit=MAX_LINES)
        except ValueError:
            lines = []
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, word, lines, width)

    def _show(self, word: str, lines: list[KwicLine], width: int) -> None:
        self.lines = lines
        word_width = max((cell_len(line.word) for line in self.lines), default=0)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(kwic_row(line, word_width, width) for line in self.lines)
        if self.lines:
            options.highlighted = 0
        self.query_one("#kwic-status", Static).update(Text(describe(self.lines, word)))
