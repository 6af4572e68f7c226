"""Where furniture lines stand among an interview's turns, for showing them in place.

A place is ``(turn, paragraph)``: the lines are shown just before that paragraph of
that turn, ``(turn, 0)`` meaning before the turn's speaker line and
``(len(turns), 0)`` after the last turn. A line between two turns is placed exactly
from its offset. A line inside a turn's span (a page marker, a timestamp between two
paragraphs) goes to the paragraph boundary nearest its place, estimated from where
it falls within the turn's span, since paragraphs keep no offsets of their own. A
line that is not in the text (a Word page header) goes first.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from reader.core.model import PARAGRAPH_SEPARATOR, Interview, Turn

Place = tuple[int, int]


def furniture_in_place(interview: Interview) -> dict[Place, tuple[str, ...]]:
    """The furniture lines at each place, in source order."""
    starts = [turn.start for turn in interview.turns]
    placed: dict[Place, list[str]] = defaultdict(list)
    lines = sorted(
        interview.placed_furniture(), key=lambda item: -1 if item[0] is None else item[0]
    )
    for offset, text in lines:
        placed[_place(interview.turns, starts, offset)].append(text)
    return {place: tuple(texts) for place, texts in placed.items()}


def _place(turns: tuple[Turn, ...], starts: list[int], offset: int | None) -> Place:
    if offset is None:
        return (0, 0)
    after = bisect_right(starts, offset)  # the first turn starting past the line
    if after == 0 or offset >= turns[after - 1].end:
        return (after, 0)
    turn = turns[after - 1]
    boundary = _nearest_boundary(turn, offset)
    return (after - 1, boundary) if boundary < len(turn.paragraphs) else (after, 0)


def _nearest_boundary(turn: Turn, offset: int) -> int:
    """The paragraph (1 to n, n meaning after the last) whose start is nearest the
    line's estimated place in the turn's text."""
    share = (offset - turn.start) / max(turn.end - turn.start, 1)
    estimate = share * len(turn.text)
    boundaries, position = [], 0
    for paragraph in turn.paragraphs:
        position += len(paragraph)
        boundaries.append(position)
        position += len(PARAGRAPH_SEPARATOR)
    distances = [abs(boundary - estimate) for boundary in boundaries]
    return distances.index(min(distances)) + 1
