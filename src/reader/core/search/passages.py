"""Splitting a turn into sentences: the units the search indexes and ranks.

A sentence never crosses a paragraph break, and an over-long one (a transcript
without punctuation) is cut at word boundaries so no passage wins by sheer length.
"""

from __future__ import annotations

import re

MAX_SENTENCE = 320
"""Longest sentence, in characters, before it is cut into pieces."""

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
_LAST_WORD = re.compile(r"(\w+(?:\.\w+)*)\.+$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt cmdr adm sen rep gov pres amb "
    "no nos vs etc e.g i.e u.s u.n u.k u.s.a inc ltd co corp dept approx fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of the sentences of ``text``, in order."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start = paragraph.start()
        for end in _boundaries(paragraph.group()):
            spans.extend(_trimmed_pieces(text, start, paragraph.start() + end))
            start = paragraph.start() + end
        spans.extend(_trimmed_pieces(text, start, paragraph.end()))
    return spans


def _boundaries(paragraph: str) -> list[int]:
    ends: list[int] = []
    for match in _SENTENCE_END.finditer(paragraph):
        following = _NEXT_CHARACTER.match(paragraph, match.end())
        if following is None or following.group(1).islower():
            continue
        dot = match.start()
        if paragraph[dot] == "." and _is_abbreviation(paragraph[max(0, dot - 11) : dot + 1]):
            continue
        ends.append(match.end())
    return ends


def _is_abbreviation(before: str) -> bool:
    """Whether the last word of ``before`` (its last 12 characters, ending at a full
    stop) is an abbreviation or a single letter."""
    word = _LAST_WORD.search(before)
    if word is None:
        return False
    token = word.group(1).lower()
    return len(token) == 1 or token in _ABBREVIATIONS


def _trimmed_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > 0 else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
