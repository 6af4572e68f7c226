"""The Bookmarks tab: every bookmark (orphans marked, never hidden); enter, d, e."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.core.bookmarks import Bookmark
from reader.core.model import turn_number
from reader.ui.messages import OpenPassage, Passage
from reader.ui.text import separated, speaker_colour


def bookmark_label(bookmark: Bookmark) -> Text:
    """Quote, then speaker · interview, then the note; orphans say so."""
    label = Text()
    if bookmark.orphaned:
        label.append("⚠ orphaned (the passage is no longer in the file) ", style="bold red")
        label.append("\n")
    label.append(f"“{' '.join(bookmark.quote.split())}”")
    label.append("\n")
    label.append(bookmark.speaker, style=speaker_colour(bookmark.speaker))
    label.append(f" · {bookmark.interview_title} · turn {turn_number(bookmark.turn)}", style="dim")
    if bookmark.note:
        label.append("\n")
        label.append(f"✎ {bookmark.note}", style="italic")
    return label


class BookmarksPanel(OptionList):
    """Bookmarks, newest first; the app owns the store and answers the requests."""

    BINDING_GROUP_TITLE = "Bookmarks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to passage", id="bookmarks.open"),
        Binding("j", "cursor_down", "Down", show=False, id="bookmarks.down"),
        Binding("k", "cursor_up", "Up", show=False, id="bookmarks.up"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete"),
        Binding("e", "edit", "Edit note", id="bookmarks.edit"),
    ]

    class DeleteRequested(Message):
        """The user asked to delete this bookmark (not yet confirmed)."""

        def __init__(self, bookmark: Bookmark) -> None:
            super().__init__()
            self.bookmark = bookmark

    class EditRequested(Message):
        """The user asked to edit this bookmark's note."""

        def __init__(self, bookmark: Bookmark) -> None:
            super().__init__()
            self.bookmark = bookmark

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bookmarks: list[Bookmark] = []

    def set_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        """Show these bookmarks, keeping the cursor where it was when possible."""
        previous = self.highlighted
        self.bookmarks = bookmarks
        self.clear_options()
        self.add_options(separated(Option(bookmark_label(b), id=str(b.id)) for b in bookmarks))
        if bookmarks:
            self.highlighted = min(previous or 0, len(bookmarks) - 1)

    def current(self) -> Bookmark | None:
        """The bookmark under the cursor."""
        index = self.highlighted
        return self.bookmarks[index] if index is not None and index < len(self.bookmarks) else None

    def action_delete(self) -> None:
        if (bookmark := self.current()) is not None:
            self.post_message(self.DeleteRequested(bookmark))

    def action_edit(self) -> None:
        if (bookmark := self.current()) is not None:
            self.post_message(self.EditRequested(bookmark))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        bookmark = self.bookmarks[event.option_index]
        if bookmark.orphaned:
            self.notify(
                "That passage is no longer in the file; the bookmark keeps its quote.",
                severity="warning",
                markup=False,
            )
        passage = None
        if not bookmark.orphaned:
            passage = Passage(bookmark.turn, bookmark.start, bookmark.end)
        self.post_message(OpenPassage(bookmark.source, passage))
