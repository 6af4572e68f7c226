"""Bookmarks as text to paste elsewhere: Markdown citations, JSON or CSV.

JSON is the data (``turn`` is the 0-based index into the ``turns`` of ``reader parse
--json``); CSV is for spreadsheets, read by people, so its ``turn`` counts from 1 as
every other text output does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from typing import Literal, get_args

from reader.core.bookmarks.model import Bookmark, BookmarkError
from reader.core.model import place, turn_number

Format = Literal["md", "json", "csv"]
FORMATS: tuple[str, ...] = get_args(Format)

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<])")


def export(bookmarks: Sequence[Bookmark], fmt: Format) -> str:
    """All ``bookmarks`` in one format; an unknown format raises BookmarkError."""
    if fmt == "md":
        return "".join(citation(bookmark) for bookmark in bookmarks)
    if fmt == "json":
        return json.dumps([b.to_json() for b in bookmarks], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(bookmarks)
    raise BookmarkError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def citation(bookmark: Bookmark) -> str:
    """A Markdown list item: ``- “quote” — Speaker, *Title*, 2 November 2015, p. 461``
    (or ``at 00:14:05`` for a passage of a timed recording without pages).

    The note follows on indented lines, and a passage no longer found in its file says so.
    """
    parts = [bookmark.speaker, f"*{_inline(bookmark.interview_title)}*"]
    if bookmark.interview_date:
        parts.append(long_date(bookmark.interview_date))
    where = place(bookmark.page, bookmark.line, bookmark.start_time)
    if where:
        parts.append(_inline(where))
    lines = [f"- “{_inline(bookmark.quote)}” — {', '.join(parts)}"]
    lines += [f"  {line}" for line in bookmark.note.splitlines() if line.strip()]
    if bookmark.orphaned:
        lines.append(f"  (not found in the current version of {bookmark.source.name})")
    return "\n".join(lines) + "\n"


def long_date(day: dt.date) -> str:
    """``2 November 2015``, whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _inline(text: str) -> str:
    """One line of Markdown text: whitespace runs collapsed, emphasis characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _csv(bookmarks: Sequence[Bookmark]) -> str:
    out = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for bookmark in bookmarks:
        row = bookmark.to_json()
        row["turn"] = turn_number(bookmark.turn)
        row["codes"] = "; ".join(bookmark.codes)
        row["orphaned"] = "true" if bookmark.orphaned else "false"
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
    return out.getvalue()
