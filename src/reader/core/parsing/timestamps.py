"""Recording timestamps such as ``[00:01:02]``, ``00:01:02``, ``(00:01)``, ``[00:00:01:23]``."""

from __future__ import annotations

import re

_STAMP = r"(?:\d{1,2}:){1,3}\d{2}(?:[.,]\d{1,3})?"
_BRACKETED = rf"\[{_STAMP}\]|\({_STAMP}\)|{_STAMP}"
ENCLOSED_STAMP = rf"\[{_STAMP}\]|\({_STAMP}\)"
"""A timestamp in brackets or parentheses, as a regular expression."""
TIMESTAMP_ONLY = re.compile(rf"^(?:{_BRACKETED})$")
TIMESTAMP_SUFFIX = re.compile(rf"\s*(?P<stamp>{ENCLOSED_STAMP})$")
TIMESTAMP_AFTER_NAME = re.compile(rf"^(?P<label>\S.{{0,60}}?)\s+(?P<stamp>{_BRACKETED})$")
_GAP = r"(?:\s*[-–—|]\s*|\s+)(?=\S)"
_WITH_HOURS = r"(?:\d{1,2}:){2,3}\d{2}(?:[.,]\d{1,3})?"
TIMESTAMP_PREFIX = re.compile(rf"^(?P<stamp>{_BRACKETED}){_GAP}")
SPEECH_PREFIX = re.compile(rf"^(?P<stamp>{ENCLOSED_STAMP}|{_WITH_HOURS}){_GAP}")
"""A timestamp opening the speech after a label: bracketed, or bare with hours
(``Name: 00:01:02 text``); a bare ``9:15`` may be said (``A: 9:15 in the morning``)."""


def seconds(stamp: str) -> float | None:
    """Seconds in ``MM:SS``, ``HH:MM:SS`` or ``DD:HH:MM:SS`` (brackets allowed), or None."""
    core = stamp.strip("[]()")
    whole, _, fraction = core.replace(",", ".").partition(".")
    parts = [int(part) for part in whole.split(":")]
    if any(part >= 60 for part in parts[1:]):
        return None
    scales = (1, 60, 3600, 86400)
    total = sum(part * scale for part, scale in zip(reversed(parts), scales, strict=False))
    return total + (float(f"0.{fraction}") if fraction else 0.0)


def timestamp_line(text: str) -> float | None:
    """Seconds if the whole (stripped) line is one timestamp, else None."""
    return seconds(text) if TIMESTAMP_ONLY.match(text) else None


def split_prefix(
    text: str, pattern: re.Pattern[str] = TIMESTAMP_PREFIX
) -> tuple[float | None, int]:
    """A leading timestamp's seconds and how many characters it (and its gap) take."""
    match = pattern.match(text)
    if match is None:
        return None, 0
    return seconds(match.group("stamp")), match.end()
