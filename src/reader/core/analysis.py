"""Reading helpers: who speaks how much, and every occurrence of a word in context.

Matching is by whole word, ignoring case and diacritics (``resume`` finds ``Résumé``),
and always reports offsets into the original ``Turn.text`` so a UI can jump there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reader.core.model import Interview

WORD = re.compile(r"\w+(?:['’]\w+)*")
"""A word as the stats count it: letters/digits, with inner apostrophes (``don't``)."""

_COMBINING_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"
_APOSTROPHES = "'’ʼ‘"


@dataclass(frozen=True, slots=True)
class SpeakerStats:
    """How much one speaker says in one interview."""

    speaker: str
    turns: int
    words: int
    share: float
    """This speaker's words over all words in the interview (0.0 when it has none)."""


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One occurrence of a word, with the text either side on one line."""

    source: Path | None
    title: str
    speaker: str
    turn: int
    """Index of the turn in ``Interview.turns``."""
    offset: int
    """Offset of the occurrence in that turn's ``Turn.text``."""
    left: str
    """Text before the word, whitespace collapsed, at most ``width`` characters."""
    word: str
    """The occurrence exactly as written."""
    right: str
    """Text after the word, whitespace collapsed, at most ``width`` characters."""


def count_words(text: str) -> int:
    """The number of words in ``text``."""
    return sum(1 for _ in WORD.finditer(text))


def speaker_stats(interview: Interview) -> tuple[SpeakerStats, ...]:
    """Turns, words and share of words per speaker, in order of first appearance."""
    turns: dict[str, int] = {}
    words: dict[str, int] = {}
    for turn in interview.turns:
        turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        words[turn.speaker] = words.get(turn.speaker, 0) + count_words(turn.text)
    total = sum(words.values())
    return tuple(
        SpeakerStats(name, turns[name], words[name], words[name] / total if total else 0.0)
        for name in turns
    )


def keyword_in_context(
    interviews: Iterable[Interview], word: str, *, width: int = 40, limit: int | None = None
) -> list[KwicLine]:
    """Every whole-word occurrence of ``word`` (or a phrase) across ``interviews``, in order.

    Case and diacritics are ignored and any run of whitespace in a phrase matches any
    other. Raises ValueError when ``word`` has nothing to search for.
    """
    pattern = word_pattern(word)
    lines: list[KwicLine] = []
    for interview in interviews:
        for index, turn in enumerate(interview.turns):
            text = turn.text
            for match in pattern.finditer(text):
                if limit is not None and len(lines) >= limit:
                    return lines
                left, right = _context(text, match.start(), match.end(), width)
                lines.append(
                    KwicLine(
                        source=interview.source,
                        title=interview.title,
                        speaker=turn.speaker,
                        turn=index,
                        offset=match.start(),
                        left=left,
                        word=match.group(),
                        right=right,
                    )
                )
    return lines


def word_pattern(word: str) -> re.Pattern[str]:
    """A regex finding ``word`` as a whole word, ignoring case and diacritics."""
    parts = word.split()
    if not parts:
        raise ValueError("nothing to search for: type a word")
    body = r"\s+".join("".join(_char_class(char) for char in part) for part in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def fold(text: str) -> str:
    """``text`` without diacritics, case-folded: what matching compares."""
    stripped = "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )
    return stripped.casefold()


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """Up to ``width`` characters either side of ``text[start:end]``, on one line."""
    before = re.sub(r"\s+", " ", text[max(0, start - 4 * width) : start])
    after = re.sub(r"\s+", " ", text[end : end + 4 * width])
    return (before[-width:] if width > 0 else "", after[:width])


def _char_class(char: str) -> str:
    """A regex for one query character: every character that folds to the same letter."""
    if char in _APOSTROPHES:
        return f"[{_APOSTROPHES}]"
    folded = fold(char)
    variants = _variants().get(folded, "") if len(folded) == 1 else ""
    if not variants:
        return re.escape(char) + _COMBINING_MARKS
    return f"[{re.escape(variants)}]{_COMBINING_MARKS}"


@cache
def _variants() -> dict[str, str]:
    """Folded letter to every character (up to U+2FFF) that folds to it, itself included."""
    table: dict[str, str] = {}
    for code in range(0x3000):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1:
            table[folded] = table.get(folded, "") + char
    return table
