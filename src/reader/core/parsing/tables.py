"""Transcripts laid out as tables: a row per passage, cells split by ``|`` or tabs.

Exports and pasted spreadsheets write ``| 0h00m44s | Jane Doe | Hello |`` or
``00:00:44<TAB>Jane Doe<TAB>Hello``; a word processor's two-column layout writes
``Interviewer<TAB>Where were you born?``. A row is read as an optional time cell
(first or second), an optional speaker cell, and the speech cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.parsing.timestamps import timestamp_line

_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
"""A Markdown table's rule under its head: ``|---|:---|``."""


@dataclass(frozen=True, slots=True)
class Row:
    """One table row read as a passage."""

    time: float | None
    label: str | None
    """The speaker cell as written, without a trailing colon or period (``Q.``)."""
    text: str


def is_separator(text: str) -> bool:
    """Whether a line is a Markdown table's head rule."""
    return "-" in text and _SEPARATOR.match(text) is not None


def cells(text: str) -> list[str] | None:
    """A pipe-table row's or a tab-separated line's cells, or None for other lines."""
    if text.startswith("|") and text.endswith("|") and len(text) > 1:
        return [cell.strip() for cell in text[1:-1].split("|")]
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t") if cell.strip()]
    return None


def table_row(text: str) -> Row | None:
    """The passage a table row holds: time, speaker and speech, or None if not a row.

    A row has one or two cells besides its time: the speech alone, or a speaker
    and the speech; one that is neither (or whose speaker cell is only
    punctuation) is not read as a row.
    """
    found = cells(text)
    if found is None:
        return None
    time = None
    for index in (0, 1):
        if index < len(found) and (time := timestamp_line(found[index])) is not None:
            found = found[:index] + found[index + 1 :]
            break
    if time is not None and (len(found) == 1 or (len(found) == 2 and not found[0])):
        return Row(time, None, found[-1])
    label = found[0].rstrip(":.").strip() if len(found) == 2 else ""
    if label:  # a cell of a colon or a period alone names nobody
        return Row(time, label, found[1])
    return None
