"""Normalising text for matching: one function for indexing, one that keeps offsets.

Both agree token for token: case-folded, diacritics stripped, apostrophes dropped
(``don't`` is ``dont``), curly quotes and dashes are separators, and small numbers
written as words become digits (``two`` is ``2``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = "'’ʼ‘`´"
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}
)
"""Letters with no decomposition that readers still type without their mark."""
_SEPARATORS = str.maketrans(dict.fromkeys("–—‒―“”„«»‹›…•·\u00a0\u2009\u202f\u200b", " "))
"""Common non-ASCII punctuation and spaces: separators, so plain spaces will do."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LETTERS = r"(?:[^\W_]|[\u0300-\u036f])+"
_WORD = re.compile(_LETTERS)
_WORD_WITH_APOSTROPHES = re.compile(rf"{_LETTERS}(?:[{_APOSTROPHES}]{_LETTERS})*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
""":data:`_WORD` on ASCII text, where a letter is one of these."""

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
).split()
NUMBERS: dict[str, str] = {word: str(value) for value, word in enumerate(_NUMBER_WORDS)}
NUMBERS.update(
    {
        word: str(10 * tens)
        for tens, word in enumerate("_ _ _ thirty forty fifty sixty seventy eighty ninety".split())
        if word != "_"
    }
)
NUMBERS.update({"hundred": "100", "thousand": "1000", "million": "1000000"})
_NUMBER_WORDS_SET = frozenset(NUMBERS)


def _fold(text: str) -> str:
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _NON_ASCII.sub(_fold_match, folded)


def _fold_match(match: re.Match[str]) -> str:
    run = match.group()
    return _fold_short_run(run) if len(run) <= SHORT_RUN else _fold_run(run)


def _fold_run(run: str) -> str:
    """A run of non-ASCII characters folded: the rest of a text needs nothing more than
    case folding, and each character folds alone (ASCII characters are starters, so
    decomposition never reorders marks across them)."""
    decomposed = unicodedata.normalize("NFKD", run.translate(_SEPARATORS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)


SHORT_RUN = 8
"""Runs this short (a curly quote, an accented letter) recur: their foldings are kept.
Longer ones (long words of other scripts, CJK sentences) would mostly fill the cache."""
_fold_short_run = functools.lru_cache(maxsize=4096)(_fold_run)


def normalize_words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    folded = _fold(_APOSTROPHE.sub("", text))
    words: list[str] = (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)
    if _NUMBER_WORDS_SET.isdisjoint(words):
        return words
    return [NUMBERS.get(word, word) for word in words]


def normalize_word(word: str) -> str:
    """One word normalised; may be empty (punctuation) or hold several words joined."""
    return "".join(normalize_words(word))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, normalised)`` for each word of ``text``, offsets into ``text``.

    A word whose normalisation splits (a ligature, say) yields one entry per part,
    all with the word's span.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    spans: list[tuple[int, int, str]] = []
    for match in _WORD_WITH_APOSTROPHES.finditer(lowered):
        word = _APOSTROPHE.sub("", match.group())
        if word.isascii():
            spans.append((match.start(), match.end(), NUMBERS.get(word, word)))
        else:
            spans.extend((match.start(), match.end(), part) for part in normalize_words(word))
    return spans
