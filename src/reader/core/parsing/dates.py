"""Finding a calendar date in a header line, however it is written."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d(?!\d?:\d\d))"
"""A year, allowed to be glued to a following time (``201820:00``) but not to digits."""
_CENTURIES = ("18", "19", "20")
"""How every year a date is read with begins: a text without them holds no date."""
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(rf"(?<![\w]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}", re.I),
)


_IN_NAME = re.compile(
    r"(?<!\d)(?P<year>(?:1[89]|20)\d\d)([-_.])(?P<month>\d\d)\2(?P<day>\d\d)(?!\d)"
)
"""A date in a file name: ``debate_2012-10-03.txt``, ``call_2021_03_23.vtt``."""


def date_in_name(name: str) -> dt.date | None:
    """The first valid year-month-day date in a file name, or None."""
    for match in _IN_NAME.finditer(name):
        if (date := _to_date(match)) is not None:
            return date
    return None


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first valid date written in the text, with the match that found it."""
    if not any(century in text for century in _CENTURIES):
        return None
    best: tuple[dt.date, re.Match[str]] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is not None and (best is None or match.start() < best[1].start()):
                best = (date, match)
                break
    return best


def _to_date(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
