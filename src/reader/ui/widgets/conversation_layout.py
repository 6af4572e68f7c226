"""What the conversation view shows, and how many lines each part takes (no Textual here).

An interview becomes a list of *items* (the header, a speaker line, a paragraph, a run of
lines that are not speech); at a given width each item takes some lines, and the *index*
maps each virtual line of the view to an item and a line within it. The line breaking is
rich's own, so the heights counted here match what the view draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich._wrap import divide_line

from reader.core.in_place import furniture_in_place
from reader.core.model import Interview, Turn
from reader.ui.text import speaker_line

HEADER = -1
"""Item kind of the interview header (``para`` of an item; speaker lines use ``None``)."""
FURNITURE = -2
"""Item kind of a run of lines that are not speech, shown dimmed in place with ``f``."""

GUTTER = 2
"""The cursor's bar or a coded passage's mark (in its code's colour), then a space."""
MARGIN = 1
MEASURE = 100
"""Longest line of text, in columns, however wide the view: long lines tire the eye."""

Index = list[tuple[int, int]]
"""(item number, line within the item) of each virtual line."""


@dataclass(frozen=True, slots=True)
class Item:
    """One block of the view: the header, a turn's speaker line, one paragraph, or
    the furniture lines (``text``) shown before them.

    ``para`` indexes ``Turn.paragraphs``, stage directions included; the cursor stops
    only on speech paragraphs, since a direction is never quoted, cited or bookmarked.
    """

    turn: int
    para: int | None
    text: str = ""


def build_items(interview: Interview, speaker: str | None, show_furniture: bool) -> list[Item]:
    """The items of the interview (or of one speaker's turns), in reading order, with
    the lines that are not speech where they stood when ``show_furniture``."""
    items = [Item(HEADER, HEADER)]
    places = furniture_in_place(interview) if show_furniture else {}

    def furniture(place: tuple[int, int]) -> list[Item]:
        lines = places.get(place)
        return [Item(place[0], FURNITURE, "\n".join(lines))] if lines else []

    turns = interview.turns
    for number, turn in enumerate(turns):
        if speaker is None or turn.speaker == speaker:
            items += furniture((number, 0))
            items.append(Item(number, None))
            for para in range(len(turn.paragraphs)):
                items += furniture((number, para)) if para else []
                items.append(Item(number, para))
    items += furniture((len(turns), 0))
    return items


def is_speech(interview: Interview, item: Item) -> bool:
    """Whether the item is a paragraph of speech (where the cursor may stop)."""
    if item.para is None or item.para < 0:
        return False
    return interview.turns[item.turn].paragraphs[item.para].is_speech


def lay_out(
    turns: Sequence[Turn],
    items: Sequence[Item],
    first_number: int,
    width: int,
    bookmarked: frozenset[int],
    first_line: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Index, list[int]]:
    """Index the lines of ``items`` (numbered from ``first_number``, no header), the
    first of them at virtual line ``first_line``; stop early when ``cancelled()``."""
    index: Index = []
    first_lines: list[int] = []
    for number, item in enumerate(items, first_number):
        if number % 1000 == 0 and cancelled():
            break
        first_lines.append(first_line + len(index))
        count = height(turns, item, width, item.turn in bookmarked)
        index.extend((number, offset) for offset in range(count))
    return index, first_lines


def height(turns: Sequence[Turn], item: Item, width: int, bookmarked: bool) -> int:
    """Lines a speaker line, a paragraph or furniture (with its blank line) takes.

    This is rich's own line breaking (what ``Text.wrap`` does), so it matches what the
    view draws; the index of a long interview costs only this.
    """
    if item.para == FURNITURE:
        text, lines = item.text, 1
    elif item.para is None:
        text, lines = speaker_line(turns[item.turn], item.turn, bookmarked=bookmarked).plain, 0
    else:
        text, lines = turns[item.turn].paragraphs[item.para].text, 1
    columns = text_width(width)
    for line in text.split("\n"):
        lines += len(divide_line(line.expandtabs(8), columns, fold=True)) + 1
    return lines


def line_of(text: str, offset: int, width: int) -> int:
    """The line, among those a paragraph takes in a view ``width`` wide, that shows
    character ``offset`` of it (the same line breaking as :func:`height`)."""
    lines, position = 0, 0
    for line in text.split("\n"):
        breaks = divide_line(line.expandtabs(8), text_width(width), fold=True)
        if offset <= position + len(line):
            column = len(line[: offset - position].expandtabs(8))
            return lines + sum(1 for at in breaks if at <= column)
        lines += len(breaks) + 1
        position += len(line) + 1
    return lines


def text_width(width: int) -> int:
    """Columns for text in a view ``width`` wide: what the gutter leaves, at most MEASURE."""
    return max(min(width - GUTTER - MARGIN, MEASURE), 1)
