"""Finding a quoted passage in an interview: exactly, then fuzzily after an edit.

Matching is whitespace-tolerant (a run of spaces or line breaks in the quote matches any
run in the text), so re-wrapped lines still count as the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.core.model import Interview

FUZZY_THRESHOLD = 85.0
"""Minimum ``fuzz.ratio`` between the old quote and the passage found for it."""
MIN_FUZZY_LENGTH = 12
"""Quotes shorter than this are only ever matched exactly: too many near-misses."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote sits now: turn index and offsets into that turn's text."""

    turn: int
    start: int
    end: int


def _pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def find_quote(text: str, quote: str, start: int | None = None) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``: at ``start`` if given, else the first occurrence."""
    pattern = _pattern(quote)
    if pattern is None:
        return None
    found = pattern.match(text, start) if start is not None else pattern.search(text)
    return found.span() if found else None


def find_after(text: str, quote: str, pos: int) -> tuple[int, int] | None:
    """Offsets of the first occurrence of ``quote`` in ``text`` at or after ``pos``."""
    pattern = _pattern(quote)
    found = pattern.search(text, pos) if pattern is not None else None
    return found.span() if found else None


def locate(interview: Interview, quote: str, turn: int, start: int) -> Anchor | None:
    """Find ``quote`` again, near where it was (``turn``, ``start``).

    In order: exactly in the same turn, exactly in the nearest turn holding it, then the
    best fuzzy match scoring at least :data:`FUZZY_THRESHOLD`. None if all fail.
    """
    pattern = _pattern(quote)
    if pattern is None:
        return None
    if 0 <= turn < len(interview.turns):
        spans = [m.span() for m in pattern.finditer(interview.turns[turn].text)]
        if spans:
            begin, end = min(spans, key=lambda span: abs(span[0] - start))
            return Anchor(turn, begin, end)
    exact = [
        Anchor(index, *m.span())
        for index, candidate in enumerate(interview.turns)
        for m in pattern.finditer(candidate.text)
    ]
    if exact:
        return min(exact, key=lambda a: (abs(a.turn - turn), abs(a.start - start)))
    return _fuzzy(interview, quote, turn)


def _fuzzy(interview: Interview, quote: str, turn: int) -> Anchor | None:
    if len(quote) < MIN_FUZZY_LENGTH:
        return None
    best: tuple[float, int, Anchor] | None = None
    for index, candidate in enumerate(interview.turns):
        text = candidate.text
        aligned = fuzz.partial_ratio_alignment(quote, text, score_cutoff=FUZZY_THRESHOLD)
        if aligned is None:
            continue
        begin, end = _snap(text, aligned.dest_start, aligned.dest_end)
        score = fuzz.ratio(quote, text[begin:end])
        if score < FUZZY_THRESHOLD:
            continue
        key = (score, -abs(index - turn), Anchor(index, begin, end))
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def _snap(text: str, begin: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words and trim surrounding whitespace."""
    while 0 < begin < len(text) and text[begin - 1].isalnum() and text[begin].isalnum():
        begin -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end
