"""Messages that travel up to the app: a passage to open, loading progress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.core.library import LoadProgress


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of one turn: offsets into ``Turn.text``, with words to emphasise."""

    turn: int
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...] = ()
    """Spans into ``Turn.text`` (not into the passage)."""


@dataclass(frozen=True, slots=True)
class CodedSpan:
    """A coded passage of one turn, for the conversation view's margin and status."""

    turn: int
    start: int
    end: int
    codes: tuple[str, ...]
    colors: tuple[str, ...]
    """``#rrggbb`` of each code, in the order of ``codes``."""


class OpenPassage(Message):
    """Show this interview in the conversation view, at this passage if given."""

    def __init__(self, source: Path, passage: Passage | None = None) -> None:
        super().__init__()
        self.source = source
        self.passage = passage


class LoadProgressed(Message):
    """The library loaded some more files; floods of these coalesce (the app re-reads
    the library's cumulative lists, so a replaced message loses nothing)."""

    def __init__(self, progress: LoadProgress) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgressed)
