"""Recording timestamps: ``[00:01:02]``, ``00:01:02``, ``(00:01)``, ``[00:00:01:23]``,
``0h00m44s``, and caption cue timings (``00:00:01.160 --> 00:00:03.300``).

A time is where a passage starts in the recording; it is read into ``start_time`` and
never left in the speech.
"""

from __future__ import annotations

import re

_STAMP = r"(?:\d{1,2}:){1,3}\d{2}(?:[.,]\d{1,3})?"
_UNITS = r"(?:\d{1,2}h)?\d{1,2}m\d{1,2}s"
"""A time written with units, as some exports put it in a table column: ``0h00m44s``."""
_RANGE = rf"{_STAMP}\s*(?:-->|→|–|-)\s*{_STAMP}"
"""A diarised segment's span in brackets: ``[00:00:05.000 --> 00:00:10.000]``."""
_CUE_TIMING = rf"{_STAMP}\s*-->\s*{_STAMP}(?:\s+[\w-]+:\S+)*"
"""A caption cue's timing line, perhaps with cue settings (``align:start``)."""
_BRACKETED = rf"\[{_STAMP}\]|\({_STAMP}\)|{_STAMP}"
ENCLOSED_STAMP = rf"\[{_STAMP}\]|\({_STAMP}\)"
"""A timestamp in brackets or parentheses, as a regular expression."""
BARE_STAMP = _STAMP
"""A timestamp without brackets, ``11:02:09``, as a regular expression."""
ENCLOSED_TIME = rf"\[(?:{_RANGE}|{_STAMP})\]|\({_STAMP}\)"
"""A timestamp or a time range in brackets, or a timestamp in parentheses."""
TIMESTAMP_ONLY = re.compile(rf"^(?:(?:{_BRACKETED}|\[{_RANGE}\]|{_UNITS}):?|{_CUE_TIMING})$")
"""A line that is only a time: a stamp (perhaps with a colon, as Rev writes a
speaker's next paragraph), a range, or a cue timing line with its cue settings."""
TIMESTAMP_SUFFIX = re.compile(rf"\s*(?P<stamp>{ENCLOSED_STAMP})$")
TIMESTAMP_AFTER_NAME = re.compile(rf"^(?P<label>\S.{{0,60}}?)\s+(?P<stamp>{_BRACKETED}):?$")
"""A name and a time alone on a line, ``Speaker 1  0:04`` or ``Stephan 00:02:38:``."""
_GAP = r":?(?:\s*[-–—|]\s*|\s+)(?=\S)"
_WITH_HOURS = r"(?:\d{1,2}:){2,3}\d{2}(?:[.,]\d{1,3})?"
TIMESTAMP_PREFIX = re.compile(rf"^(?P<stamp>{_BRACKETED}|{_UNITS}){_GAP}")
SPEECH_PREFIX = re.compile(rf"^(?P<stamp>{ENCLOSED_STAMP}|{_WITH_HOURS}|{_UNITS}){_GAP}")
"""A timestamp opening speech: bracketed, bare with hours (``00:01:02 text``) or with
units; a bare ``9:15`` may be said (``A: 9:15 in the morning``)."""
_UNIT_PARTS = re.compile(r"(?:(\d+)h)?(\d+)m(\d+)s")
_FIRST_STAMP = re.compile(_STAMP)


def seconds(stamp: str) -> float | None:
    """Seconds in ``MM:SS``, ``HH:MM:SS``, ``DD:HH:MM:SS`` or ``0h00m44s`` (brackets
    allowed; of a range, its start), or None."""
    core = stamp.strip("[]():")
    units = _UNIT_PARTS.fullmatch(core)
    if units:
        hours, minutes, secs = (int(part or 0) for part in units.groups())
        return None if minutes >= 60 or secs >= 60 else float(hours * 3600 + minutes * 60 + secs)
    first = _FIRST_STAMP.search(core)
    if first is None:
        return None
    whole, _, fraction = first.group().replace(",", ".").partition(".")
    parts = [int(part) for part in whole.split(":")]
    if any(part >= 60 for part in parts[1:]):
        return None
    scales = (1, 60, 3600, 86400)
    total = sum(part * scale for part, scale in zip(reversed(parts), scales, strict=False))
    return total + (float(f"0.{fraction}") if fraction else 0.0)


def starts_like_a_time(text: str) -> bool:
    """Whether a text starts as every timestamp does: with a digit, ``[`` or ``(``."""
    return text[:1] in ("[", "(") or text[:1].isdecimal()


def timestamp_line(text: str) -> float | None:
    """Seconds if the whole (stripped) line is one timestamp, else None."""
    if not starts_like_a_time(text):
        return None
    return seconds(text) if TIMESTAMP_ONLY.match(text) else None


def split_prefix(
    text: str, pattern: re.Pattern[str] = TIMESTAMP_PREFIX
) -> tuple[float | None, int]:
    """A leading timestamp's seconds and how many characters it (and its gap) take."""
    match = pattern.match(text) if starts_like_a_time(text) else None
    if match is None:
        return None, 0
    return seconds(match.group("stamp")), match.end()
