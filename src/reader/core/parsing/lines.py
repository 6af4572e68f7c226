"""Source lines with their offsets, the unit every other parsing step works on."""

from __future__ import annotations

from collections.abc import Container, Sequence
from itertools import pairwise
from typing import NamedTuple

TERMINAL_PUNCTUATION = frozenset('.?!…:;,"”’)]—–-')
"""Characters a line may end with when it closes a sentence or clause."""


class Line(NamedTuple):
    """One source line: its stripped text and where that text sits in the source.

    A named tuple rather than a frozen dataclass: a text has a line for every line
    it has, and a tuple is made in a third of the time.
    """

    number: int
    start: int
    """Offset of the first non-blank character."""
    end: int
    """Offset just past the last non-blank character."""
    text: str
    """The line without leading and trailing whitespace (non-breaking spaces included)."""
    indent: int
    """How many whitespace characters precede the text."""
    sheet: int = 0
    """How many form feeds (page breaks) come before the line."""

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def ends_sentence(self) -> bool:
        """Whether the line ends like a sentence or clause rather than mid-phrase."""
        return bool(self.text) and self.text[-1] in TERMINAL_PUNCTUATION


def split_lines(text: str) -> list[Line]:
    """Split decoded text (newlines already ``\\n``) into lines with offsets; a form
    feed also ends a line, and counts as a page break."""
    if "\f" in text:
        return _split_sheets(text)
    lines: list[Line] = []
    offset = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip()) if stripped else 0
        start = offset + indent
        lines.append(Line(number, start, start + len(stripped), stripped, indent))
        offset += len(raw) + 1
    return lines


def _split_sheets(text: str) -> list[Line]:
    """:func:`split_lines` for a text with form feeds: each one ends a line and a sheet."""
    lines: list[Line] = []
    offset = 0
    for sheet, page in enumerate(text.split("\f")):
        for line in split_lines(page):
            start, end = line.start + offset, line.end + offset
            lines.append(Line(len(lines), start, end, line.text, line.indent, sheet))
        offset += len(page) + 1
    return lines


def line_above(lines: Sequence[Line], number: int, gaps: Container[int]) -> Line:
    """The line above line ``number`` (> 0), past a blank line of double spacing."""
    above = lines[number - 1]
    return lines[number - 2] if above.number in gaps and number >= 2 else above


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def join_lines(lines: Sequence[str]) -> str:
    """A paragraph's lines joined by spaces, except that a word hyphenated at the end
    of a line is joined to the rest of it, hyphen kept (``up-`` + ``or-down``)."""
    if len(lines) == 1:
        return lines[0]
    parts = [lines[0]]
    for last, line in pairwise(lines):
        parts.append(_joint(last, line))
        parts.append(line)
    return "".join(parts)


def line_offsets(lines: Sequence[str]) -> list[int]:
    """Where each of ``lines`` starts in :func:`join_lines` of them."""
    offsets = [0]
    for last, line in pairwise(lines):
        offsets.append(offsets[-1] + len(last) + len(_joint(last, line)))
    return offsets


def _joint(last: str, line: str) -> str:
    """What joins two lines of a paragraph: nothing after a word broken by a hyphen."""
    broken = len(last) > 1 and last[-1] == "-" and last[-2].isalpha()
    return "" if broken and line[:1].isalpha() else " "
