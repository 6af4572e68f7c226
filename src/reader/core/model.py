"""The data model: an interview is an ordered tuple of turns.

Everything here is frozen; the loader builds these once and nothing mutates them.
Offsets (``start``/``end``) are character offsets into the *decoded* source text
(after BOM removal and newline normalisation to ``\\n``), so a passage can be
found again in the file it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"


def turn_number(index: int) -> int:
    """The number people see for the turn at ``index`` in ``Interview.turns``.

    Text for people (``reader parse``, search and bookmark output, the app) counts
    turns from 1; JSON keeps the 0-based index into its ``turns`` list.
    """
    return index + 1


class Role(StrEnum):
    """Who a turn belongs to, as far as the conversation is concerned."""

    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's uninterrupted contribution, as one or more paragraphs."""

    speaker: str
    """Display name, e.g. ``John Kerry`` for the label ``SECRETARY KERRY``."""
    label: str | None
    """The label exactly as written in the source (``SECRETARY KERRY``), or None."""
    role: Role
    paragraphs: tuple[str, ...]
    start: int
    """Offset of the turn's first character (its label, if any) in the source text."""
    end: int
    """Offset just past the turn's last character in the source text."""
    start_time: float | None = None
    """Seconds from the start of the recording, where the source gives a timestamp."""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad turn span {self.start}..{self.end}")

    @property
    def text(self) -> str:
        """The turn's paragraphs joined by blank lines."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Interview:
    """A parsed transcript: metadata plus the turns in order."""

    source: Path | None
    title: str
    turns: tuple[Turn, ...]
    date: dt.date | None = None
    place: str | None = None
    interviewer: str | None = None
    outlet: str | None = None
    interviewee: str | None = None
    interviewee_role: str | None = None
    description: str | None = None
    furniture: tuple[str, ...] = field(default=())
    """Source lines that are not speech: headers, metadata, navigation, page markers.

    Every non-blank source line is either (part of) a turn or listed here, which is
    what lets tests check that no word was lost.
    """
    furniture_starts: tuple[int | None, ...] = field(default=())
    """Where each furniture line starts in the source text, in step with ``furniture``;
    None for a line that is not in the text (a Word page header, a web page's menu).
    Empty when the loader did not record places."""

    def __post_init__(self) -> None:
        if self.furniture_starts and len(self.furniture_starts) != len(self.furniture):
            raise ValueError("furniture_starts must be in step with furniture")

    def placed_furniture(self) -> tuple[tuple[int | None, str], ...]:
        """Each furniture line with where it starts in the source (None: unknown)."""
        starts = self.furniture_starts or (None,) * len(self.furniture)
        return tuple(zip(starts, self.furniture, strict=True))

    @property
    def summary(self) -> Summary:
        """This interview without its turns."""
        return Summary(
            source=self.source,
            title=self.title,
            turn_count=len(self.turns),
            date=self.date,
            place=self.place,
            interviewer=self.interviewer,
            outlet=self.outlet,
            interviewee=self.interviewee,
            interviewee_role=self.interviewee_role,
        )

    @property
    def speakers(self) -> tuple[str, ...]:
        """Distinct speaker names in order of first appearance."""
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))

    def to_json(self) -> dict[str, Any]:
        """The ``reader parse --json`` shape."""
        return {
            "file": str(self.source) if self.source else None,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "interviewer": self.interviewer,
            "outlet": self.outlet,
            "interviewee": self.interviewee,
            "interviewee_role": self.interviewee_role,
            "description": self.description,
            "turns": [
                {
                    "speaker": turn.speaker,
                    "label": turn.label,
                    "role": turn.role.value,
                    "text": turn.text,
                    "start": turn.start,
                    "end": turn.end,
                    "start_time": turn.start_time,
                }
                for turn in self.turns
            ],
            "furniture": [
                {"text": text, "start": start} for start, text in self.placed_furniture()
            ],
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """An interview's metadata without its turns: what lists show, cheap to keep for
    thousands of interviews while their text stays in the cache until opened."""

    source: Path | None
    title: str
    turn_count: int
    date: dt.date | None = None
    place: str | None = None
    interviewer: str | None = None
    outlet: str | None = None
    interviewee: str | None = None
    interviewee_role: str | None = None


class LoadError(Exception):
    """A file could not be turned into an interview; the message is one line for users."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")
