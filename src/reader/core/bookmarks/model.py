"""What a bookmark and a code are, their one error type, and a source file's fingerprint."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MISSING_FINGERPRINT = ""
"""Stored as the fingerprint while the source file is missing, so its return is noticed."""


class BookmarkError(Exception):
    """A bookmark operation failed; ``str()`` is one line meant for users."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A quoted passage of one interview turn, with the user's note and codes.

    A bookmark with codes is a *coded passage*: the unit of qualitative coding.
    """

    id: int
    source: Path
    """The transcript file, absolute and resolved."""
    fingerprint: str
    """sha256 of the source file's bytes when the quote was last anchored."""
    interview_title: str
    interview_date: dt.date | None
    turn: int
    """Index into ``Interview.turns``."""
    speaker: str
    quote: str
    """The exact passage: ``interview.turns[turn].text[start:end]``."""
    start: int
    end: int
    note: str
    codes: tuple[str, ...]
    """Names of the codes on this passage, in the order they were given."""
    created: dt.datetime
    """Timezone-aware UTC, as are ``updated``."""
    updated: dt.datetime
    orphaned: bool
    """The quote could not be found in the current version of the file."""
    page: str | None = None
    """The page of the record the quote starts on, as printed (None: no pages)."""
    line: int | None = None
    """Its margin line number, in numbered-line transcripts."""
    start_time: float | None = None
    """Seconds into the recording the quote can be heard from, where the source times it."""

    def to_json(self) -> dict[str, Any]:
        """The ``reader bookmarks list --json`` shape."""
        return {
            "id": self.id,
            "file": str(self.source),
            "interview": self.interview_title,
            "date": self.interview_date.isoformat() if self.interview_date else None,
            "turn": self.turn,
            "speaker": self.speaker,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "codes": list(self.codes),
            "orphaned": self.orphaned,
            "page": self.page,
            "line": self.line,
            "start_time": self.start_time,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
        }


def reading_order(bookmark: Bookmark) -> tuple[bool, dt.date, str, str, int, int, int]:
    """Sort key of passages as a reader meets them: interviews by date (undated last),
    title and file, as the interview list has them; then the place in the interview."""
    date = bookmark.interview_date
    title = bookmark.interview_title.casefold()
    where = (bookmark.turn, bookmark.start, bookmark.end)
    return (date is None, date or dt.date.min, title, str(bookmark.source), *where)


@dataclass(frozen=True, slots=True)
class Code:
    """One code of the codebook: a theme that passages are marked with."""

    id: int
    guid: str
    """A UUID, kept through REFI-QDA export and import."""
    name: str
    """Unique, compared without regard to case."""
    parent: int | None
    """The id of the code this one sits under, or None at the top of the tree."""
    color: str
    """``#rrggbb``."""
    description: str

    def to_json(self, parent: str | None, passages: int, interviews: int) -> dict[str, Any]:
        """The ``reader codes list --json`` shape, given the parent's name and the counts."""
        return {
            "name": self.name,
            "parent": parent,
            "color": self.color,
            "description": self.description,
            "guid": self.guid,
            "passages": passages,
            "interviews": interviews,
        }


def fingerprint(data: str | bytes) -> str:
    """A stable hash (sha256, hex) of a source's content; text is hashed as UTF-8."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def fingerprint_file(path: Path) -> str:
    """The fingerprint of a file's bytes, read in chunks."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
