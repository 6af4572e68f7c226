"""Turning transcript text into styled Rich ``Text``: never parsed as markup.

Everything the reader shows from a transcript goes through ``Text(...)`` built from plain
strings, so ``[inaudible]``, ``[/]`` or ``[bold red]x[/]`` always show literally.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.style import Style
from rich.text import Text

from reader.core.bookmarks.export import long_date
from reader.core.model import Interview, Role, Turn, turn_number

STAGE_DIRECTION = re.compile(
    r"[(\[]\s*(?:laugh\w*|inaudible|unintelligible|indiscernible|cross-?talk|applause"
    r"|pause\w*|silence|off[- ]mic\w*|chuckl\w*|sigh\w*|cough\w*|music|break|recess"
    r"|interrupt\w*|audio\w*|technical\w*|video\w*|end\b|begin\w*|static|garbled)"
    r"[^()\[\]\n]{0,60}[)\]]",
    re.IGNORECASE,
)
"""``(Laughter.)``, ``(Inaudible)``, ``[inaudible]``, ``[laughs]``, ``(off-mic)`` and the like."""

SPEAKER_COLOURS = (
    "#e5786d",
    "#5fafd7",
    "#87af5f",
    "#c678dd",
    "#d7af5f",
    "#56b6c2",
    "#d7875f",
    "#8787d7",
)
"""Colours readable on dark and light backgrounds; a speaker keeps one for good."""

ROLE_BADGES = {
    Role.INTERVIEWER: "interviewer",
    Role.INTERVIEWEE: "interviewee",
    Role.OTHER: "",
}

STAGE_STYLE = Style(dim=True, italic=True)

T = TypeVar("T")


def separated(items: Iterable[T]) -> Iterator[T | None]:
    """The items with ``None`` between them (an OptionList draws None as a rule)."""
    for index, item in enumerate(items):
        if index:
            yield None
        yield item


def counted(number: int, noun: str) -> str:
    """``1 interview``, ``5,000 interviews``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def speaker_colour(name: str) -> str:
    """A steady colour for a speaker name (the same in every run and interview)."""
    return SPEAKER_COLOURS[zlib.crc32(name.casefold().encode()) % len(SPEAKER_COLOURS)]


def paragraph_text(
    paragraph: str,
    *,
    highlights: Iterable[tuple[int, int]] = (),
    highlight_style: Style | str = "reverse",
) -> Text:
    """A paragraph with stage directions dimmed and the given spans highlighted."""
    text = Text(paragraph)
    for match in STAGE_DIRECTION.finditer(paragraph):
        text.stylize(STAGE_STYLE, match.start(), match.end())
    for start, end in highlights:
        text.stylize(highlight_style, max(start, 0), min(end, len(paragraph)))
    return text


def speaker_line(turn: Turn, index: int | None = None, *, bookmarked: bool = False) -> Text:
    """The line above a turn: the speaker in their colour, the role as a badge, the time
    into the recording and the turn's number (see :func:`turn_number`) when ``index`` given."""
    colour = speaker_colour(turn.speaker)
    line = Text()
    line.append("★ " if bookmarked else "", style="bold yellow")
    line.append(turn.speaker or "(unknown)", style=Style(color=colour, bold=True))
    badge = ROLE_BADGES[turn.role]
    if badge:
        line.append("  ")
        line.append(f" {badge} ", style=Style(color=colour, reverse=True))
    if turn.start_time is not None:
        line.append(f"  {clock(turn.start_time)}", style="dim")
    if index is not None:
        line.append(f"  turn {turn_number(index)}", style="dim")
    return line


def clock(seconds: float) -> str:
    """``4:05`` or ``1:02:03`` for a time into the recording."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_date(date: dt.date | None) -> str:
    """``November 2, 2015``; empty when unknown."""
    return f"{date:%B} {date.day}, {date.year}" if date else ""


def interview_header(interview: Interview) -> Text:
    """Title on the first line; date, place and outlet under it."""
    header = Text(interview.title, style="bold")
    who = interview.interviewee or ""
    if interview.interviewee_role:
        who = f"{who}, {interview.interviewee_role}" if who else interview.interviewee_role
    details = [who, format_date(interview.date), interview.place or "", interview.outlet or ""]
    if interview.interviewer:
        details.append(f"interviewed by {interview.interviewer}")
    line = " · ".join(part for part in details if part)
    if line:
        header.append("\n")
        header.append(line, style="dim")
    return header


def citation(quote: str, speaker: str, interview: Interview, where: str | None = None) -> str:
    """``“quote” — Speaker, Title, 2 November 2015, p. 461`` (the date as the exported
    citations give it; it and the place in the record, ``p. 461``, ``45:12`` or
    ``at 00:14:05``, left out when unknown)."""
    quote = " ".join(quote.split())
    date = long_date(interview.date) if interview.date else ""
    parts = [speaker, interview.title, date, where or ""]
    return f"“{quote}” — " + ", ".join(part for part in parts if part)


def highlighted(text: str, spans: Iterable[tuple[int, int]], style: str = "bold reverse") -> Text:
    """Plain text with some character spans emphasised (search results)."""
    result = Text(text)
    for start, end in spans:
        result.stylize(style, start, end)
    return result
