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


class ParagraphKind(StrEnum):
    """Whether a paragraph is someone's words or the record's own note about the scene."""

    SPEECH = "speech"
    DIRECTION = "direction"
    """A stage direction or reporter's note: ``(Laughter.)``, ``[Exhibit appears at p. 461.]``."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a turn, with where it is in the recording and in the record."""

    text: str
    kind: ParagraphKind = ParagraphKind.SPEECH
    start_time: float | None = None
    """Seconds into the recording, where the source gives a time for this paragraph."""
    page: str | None = None
    """The page it starts on, as printed (``461``, ``S8505``), else the form-feed count."""
    line: int | None = None
    """The court-reporter line number it starts on, in numbered-line transcripts."""
    marks: tuple[tuple[int, str | None, int | None], ...] = ()
    """Where its text goes on to another page or numbered line: (offset in
    :attr:`text`, page, line) for each printed line after the first that moves it."""

    @property
    def is_speech(self) -> bool:
        return self.kind == ParagraphKind.SPEECH

    def page_line_at(self, offset: int) -> tuple[str | None, int | None]:
        """The page and line on which offset ``offset`` of :attr:`text` is printed."""
        page, line = self.page, self.line
        for start, mark_page, mark_line in self.marks:
            if start > offset:
                break
            page, line = mark_page, mark_line
        return page, line

    @property
    def place(self) -> str | None:
        """Where it is in the record, as a citation gives it: ``45:12`` (page:line),
        ``p. 461``, or None when the record has no pages."""
        return place(self.page, self.line)

    def to_json(self) -> dict[str, Any]:
        """The ``paragraphs`` entry of ``reader parse --json`` (unknowns are null)."""
        return {
            "text": self.text,
            "kind": self.kind.value,
            "start_time": self.start_time,
            "page": self.page,
            "line": self.line,
        }


def place(page: str | None, line: int | None, start_time: float | None = None) -> str | None:
    """``45:12`` for a page and line, ``p. 461`` for a page; where the source has no
    pages, ``at 00:14:05`` for a time into the recording; else None."""
    if page is not None:
        return f"{page}:{line}" if line is not None else f"p. {page}"
    return f"at {hms(start_time)}" if start_time is not None else None


def hms(seconds: float) -> str:
    """``00:14:05``: a time into a recording, in whole seconds."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


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
    """One speaker's uninterrupted contribution, as one or more paragraphs.

    Its paragraphs are speech and, in their place, any stage directions that fall in
    it; :attr:`text` is the speech alone, and every offset into a turn (search hits,
    bookmarks, highlights) is an offset into :attr:`text`.
    """

    speaker: str
    """Display name, e.g. ``John Kerry`` for the label ``SECRETARY KERRY``."""
    label: str | None
    """The label exactly as written in the source (``SECRETARY KERRY``), or None."""
    role: Role
    paragraphs: tuple[Paragraph, ...]
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
    def speech(self) -> tuple[str, ...]:
        """The texts of the speech paragraphs, in order (directions left out)."""
        return tuple(p.text for p in self.paragraphs if p.is_speech)

    @property
    def text(self) -> str:
        """The speech paragraphs joined by blank lines: what is searched, quoted and cited."""
        return PARAGRAPH_SEPARATOR.join(self.speech)

    def speech_offsets(self) -> dict[int, int]:
        """Where each speech paragraph (by index in :attr:`paragraphs`) starts in :attr:`text`."""
        offsets: dict[int, int] = {}
        position = 0
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.is_speech:
                offsets[index] = position
                position += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
        return offsets

    def time_at(self, offset: int) -> float | None:
        """When the passage at ``offset`` in :attr:`text` can be heard from: its
        paragraph's start time, else the last one given before it in the turn, else
        the turn's (None: the source gives no time)."""
        index = self.paragraph_at(offset)
        earlier = self.paragraphs[: index + 1] if index is not None else ()
        times = [p.start_time for p in earlier if p.start_time is not None]
        return times[-1] if times else self.start_time

    def place_at(self, offset: int) -> str | None:
        """Where the passage at ``offset`` in :attr:`text` is, as a citation gives it
        (see :func:`place`): its page, else its time in the recording."""
        if self.paragraph_at(offset) is None:
            return None
        return place(*self.page_line_at(offset), self.time_at(offset))

    def page_line_at(self, offset: int) -> tuple[str | None, int | None]:
        """The page and line on which offset ``offset`` of :attr:`text` is printed."""
        index = self.paragraph_at(offset)
        if index is None:
            return None, None
        start = self.speech_offsets()[index]
        return self.paragraphs[index].page_line_at(offset - start)

    def paragraph_at(self, offset: int) -> int | None:
        """Index of the speech paragraph holding ``offset`` in :attr:`text` (None: no speech)."""
        found = None
        for index, start in self.speech_offsets().items():
            if start <= offset or found is None:
                found = index
        return found


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
    """Source lines that are in no turn: headers, metadata, navigation, page markers,
    running heads, page numbers.

    Every non-blank source line is either (part of) a turn's paragraph, speech or stage
    direction, or listed here, which is what lets tests check that no word was lost.
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
                    "paragraphs": [paragraph.to_json() for paragraph in turn.paragraphs],
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
