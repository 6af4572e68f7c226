"""``n`` / ``N``: stepping through the close matches of the search in the open interview.

The hits are the passages of the open interview that the search scores as close matches
(:data:`reader.core.search.CLOSE_MATCH`), in reading order. A step goes from the hit
under the cursor, or else from the cursor's paragraph, and stops at either end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.ui.messages import Passage

Span = tuple[int, int, int]
"""(turn, start, end) of a paragraph, offsets in ``Turn.text``."""


def in_reading_order(hits: Iterable[Passage]) -> tuple[Passage, ...]:
    """The hits sorted by where they start."""
    return tuple(sorted(hits, key=lambda hit: (hit.turn, hit.start)))


def step(
    hits: Sequence[Passage], direction: int, passage: Passage | None, paragraph: Span
) -> int | None:
    """Index of the hit one step forward (1) or back (-1), None past either end.

    From the hit that the highlighted ``passage`` overlaps, when that is in the cursor's
    ``paragraph``; else forward to the first hit from the paragraph's start on, or back
    to the last hit before its end.
    """
    current = _hit_at(hits, passage, paragraph)
    if current is not None:
        target = current + direction
    elif direction > 0:
        after = [i for i, hit in enumerate(hits) if (hit.turn, hit.start) >= paragraph[:2]]
        target = after[0] if after else len(hits)
    else:
        end = (paragraph[0], paragraph[2])
        before = [i for i, hit in enumerate(hits) if (hit.turn, hit.start) < end]
        target = before[-1] if before else -1
    return target if 0 <= target < len(hits) else None


def _hit_at(hits: Sequence[Passage], passage: Passage | None, paragraph: Span) -> int | None:
    turn, start, end = paragraph
    if passage is None or passage.turn != turn or not start <= passage.start < end:
        return None
    if passage.start == passage.end:  # a place to read from, not a hit
        return None
    overlapping = [
        i
        for i, hit in enumerate(hits)
        if hit.turn == turn and hit.start < passage.end and passage.start < hit.end
    ]
    found = [i for i in overlapping if hits[i] == passage] or overlapping
    return found[0] if found else None


def landed(index: int, hits: Sequence[Passage], query: str) -> str:
    """``Hit 2 of 3 for “cold war”``."""
    return f"Hit {index + 1} of {len(hits)} for “{query}”"


def at_the_end(direction: int, hits: Sequence[Passage], query: str) -> str:
    """What ``n`` says past the last hit and ``N`` before the first."""
    if direction > 0:
        return f"No more hits for “{query}” below ({len(hits)} in all; N goes back)"
    return f"No more hits for “{query}” above ({len(hits)} in all; n goes on)"


def no_hits(query: str) -> str:
    """What ``n`` says when there is nothing to step through."""
    if not query:
        return "No search to step through: / searches"
    return f"No close match for “{query}” in this interview"
