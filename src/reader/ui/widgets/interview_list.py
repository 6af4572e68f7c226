"""The interview list: title, interviewee, date and turns; filter by typing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from reader.core.model import LoadError, Summary
from reader.ui.messages import OpenPassage
from reader.ui.text import counted, format_date
from reader.ui.widgets.fixed_option_list import FixedOptionList

FAILED_PREFIX = "failed:"
TITLE_CHARS = 72
"""Longer titles are cut (with …) in an entry's text, which its tooltip shows whole."""
INSTANT_FILTER_ROWS = 10_000
"""Up to this many interviews the list filters on every keystroke (about 4 µs an
interview: 20 ms for 5,000); above, it waits for a pause in typing."""
FILTER_PAUSE_SECONDS = 0.2
"""The pause in typing that a big list waits for before it filters."""
NOT_FILTER_KEYS = " ?/"
"""Printable keys that keep their binding in the list; every other one (any letter or
digit: ``kerry``, ``quarles``) starts a filter, so the list moves with the arrow keys."""


def interview_label(interview: Summary) -> Text:
    """Two lines: the title, then interviewee · date · turns."""
    title = interview.title
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "…"
    label = Text(title, style="bold")
    details = [
        interview.interviewee or "",
        interview.date.isoformat() if interview.date else "",
        counted(interview.turn_count, "turn"),
    ]
    label.append("\n" + " · ".join(part for part in details if part), style="dim")
    return label


def failed_label(error: LoadError) -> Text:
    """A file that did not load: its name, then the reason, dimmed."""
    label = Text(f"✗ {error.path.name}", style="dim strike")
    label.append(f"\n{error.reason}", style="dim italic")
    return label


def matches(interview: Summary, words: list[str]) -> bool:
    """Whether every filter word occurs in the title, interviewee, date, outlet, place or
    file name."""
    haystack = " ".join(
        [
            interview.title,
            interview.source.name if interview.source else "",
            interview.interviewee or "",
            format_date(interview.date),
            interview.date.isoformat() if interview.date else "",
            interview.outlet or "",
            interview.place or "",
        ]
    ).casefold()
    return all(word in haystack for word in words)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the list: an interview, or a file that failed to load (disabled).
    Its text is made when it is drawn, so listing 5,000 costs 5,000 small objects."""

    id: str
    item: Summary | LoadError

    @property
    def disabled(self) -> bool:
        return isinstance(self.item, LoadError)

    @property
    def prompt(self) -> Text:
        if isinstance(self.item, LoadError):
            return failed_label(self.item)
        return interview_label(self.item)


class InterviewOptions(FixedOptionList[Entry]):
    """The entries; arrows move, a letter or digit starts filtering."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", id="list.open"),
    ]

    _typing = False
    """A filter was started here and focus is on its way to the filter box (Textual
    moves it after the keys already queued): until it arrives, every key is text."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Whether a key is text for the filter (the footer then leaves out its binding)."""
        if character is None or not character.isprintable():
            return False
        return self._typing or character not in NOT_FILTER_KEYS

    class Typed(Message):
        """A key typed in the list that is text for the filter."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    class Erased(Message):
        """Backspace typed in the list: it takes back the filter's last letter."""

    def on_key(self, event: events.Key) -> None:
        character = event.character if event.is_printable else None
        if character and self.check_consume_key(event.key, character):
            event.stop()
            self._typing = True
            self.post_message(self.Typed(character))
        elif event.key == "backspace":
            event.stop()
            self.post_message(self.Erased())

    def on_blur(self) -> None:
        self._typing = False


class InterviewList(Vertical):
    """A filter box above the interviews (sorted by date) and the files that failed."""

    BINDING_GROUP_TITLE = "Interviews"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.interviews: tuple[Summary, ...] = ()
        self.errors: tuple[LoadError, ...] = ()
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        # Not select_on_focus: typing in the list moves here, and its first letter
        # would be selected, then replaced by the second.
        yield Input(placeholder="Filter interviews…", id="list-filter", select_on_focus=False)
        yield InterviewOptions(id="interview-options")

    @property
    def options(self) -> InterviewOptions:
        return self.query_one(InterviewOptions)

    @on(InterviewOptions.Typed)
    def _typed(self, message: InterviewOptions.Typed) -> None:
        """Text typed in the list goes on in the filter box, which takes the focus."""
        message.stop()
        filter_input = self.query_one("#list-filter", Input)
        filter_input.focus()
        filter_input.insert_text_at_cursor(message.character)

    @on(InterviewOptions.Erased)
    def _erased(self, message: InterviewOptions.Erased) -> None:
        """Backspace in the list edits a filter there is, in the filter box."""
        message.stop()
        filter_input = self.query_one("#list-filter", Input)
        if filter_input.value:
            filter_input.focus()
            filter_input.cursor_position = len(filter_input.value)
            filter_input.action_delete_left()

    def set_interviews(
        self, interviews: tuple[Summary, ...], errors: tuple[LoadError, ...] = ()
    ) -> None:
        """Show these interviews (already sorted) and failed files."""
        if (interviews, errors) == (self.interviews, self.errors):
            return
        self.interviews, self.errors = interviews, errors
        self._fill()

    def visible_sources(self) -> list[Path]:
        """Sources of the interviews currently listed (after filtering), in order."""
        entries = self.options.options
        return [e.item.source for e in entries if isinstance(e.item, Summary) and e.item.source]

    def show_current(self, source: Path | None) -> None:
        """Move the list's cursor to the interview now open (if it is listed)."""
        if source is not None:
            self._highlight(str(source))

    def _fill(self) -> None:
        words = self.query_one("#list-filter", Input).value.casefold().split()
        options = self.options
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        listed = [
            Entry(str(i.source), i) for i in self.interviews if not words or matches(i, words)
        ]
        listed += [
            Entry(f"{FAILED_PREFIX}{e.path}", e)
            for e in self.errors
            if all(word in str(e.path).casefold() for word in words)
        ]
        options.set_options(listed)
        if highlighted is not None:
            self._highlight(highlighted)
        if options.highlighted is None and options.option_count and self.interviews:
            options.highlighted = 0

    def _highlight(self, option_id: str) -> None:
        """Move the cursor to the entry with this id, if it is listed."""
        try:
            self.options.highlighted = self.options.get_option_index(option_id)
        except KeyError:
            pass

    @on(Input.Changed, "#list-filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        if len(self.interviews) <= INSTANT_FILTER_ROWS:
            self._fill()
        else:
            self._filter_timer = self.set_timer(FILTER_PAUSE_SECONDS, self._filter_now)

    def _filter_now(self) -> None:
        self._filter_timer = None
        self._fill()

    @on(Input.Submitted, "#list-filter")
    def _filter_submitted(self) -> None:
        if self._filter_timer is not None:  # enter applies a filter still waiting
            self._filter_timer.stop()
            self._filter_now()
        self.options.focus()

    @on(InterviewOptions.OptionSelected)
    def _selected(self, event: InterviewOptions.OptionSelected) -> None:
        event.stop()
        if not event.option.disabled:
            self.post_message(OpenPassage(Path(event.option.id)))
