"""A keyboard selection of whole sentences, across paragraphs and turns (no Textual here).

A position is (paragraph, sentence): a paragraph's index in the view's reading order and
a sentence's index within it. A selection runs from a fixed *anchor* to a moving *head*,
either way round; it becomes one part per turn, which is what the bookmark store keeps
(a coded passage is a bookmark, and a bookmark quotes one turn).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.search.passages import sentence_spans

Position = tuple[int, int]
"""(paragraph index in reading order, sentence index within the paragraph)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """Sentences from ``anchor`` to ``head``, inclusive, whichever comes first."""

    anchor: Position
    head: Position

    @property
    def first(self) -> Position:
        return min(self.anchor, self.head)

    @property
    def last(self) -> Position:
        return max(self.anchor, self.head)


Sentences = Callable[[int], list[tuple[int, int]]]
"""A paragraph's sentences, as ``[start, end)`` offsets into its turn's text."""


def paragraph_sentences(text: str, offset: int) -> list[tuple[int, int]]:
    """The sentences of one paragraph starting at ``offset`` in its turn (at least one:
    a paragraph without words is one sentence)."""
    spans = sentence_spans(text) or [(0, len(text))]
    return [(offset + start, offset + end) for start, end in spans]


def by_sentence(selection: Selection, step: int, count: int, sentences: Sentences) -> Selection:
    """The head one sentence later (1) or earlier (-1), over paragraph ends; ``count``
    is the number of paragraphs."""
    paragraph, sentence = selection.head
    sentence += step
    if sentence < 0:
        if paragraph == 0:
            return selection
        paragraph -= 1
        sentence = len(sentences(paragraph)) - 1
    elif sentence >= len(sentences(paragraph)):
        if paragraph + 1 >= count:
            return selection
        paragraph, sentence = paragraph + 1, 0
    return Selection(selection.anchor, (paragraph, sentence))


def by_paragraph(selection: Selection, step: int, count: int, sentences: Sentences) -> Selection:
    """Grow or shrink by a paragraph: ``1`` moves the head to the end of its paragraph,
    then of the next; ``-1`` to the start of its paragraph, then of the previous.
    A head that passes the anchor stops there (one ``-1`` after a ``1`` undoes it)."""
    anchor, (paragraph, sentence) = selection.anchor, selection.head
    last = len(sentences(paragraph)) - 1
    if step > 0:
        if selection.head < anchor:
            head = min((paragraph + 1, 0), anchor) if paragraph + 1 < count else anchor
        elif sentence < last:
            head = (paragraph, last)
        elif paragraph + 1 < count:
            head = (paragraph + 1, len(sentences(paragraph + 1)) - 1)
        else:
            head = selection.head
    elif selection.head > anchor:
        head = max((paragraph - 1, len(sentences(paragraph - 1)) - 1), anchor)
    elif sentence > 0:
        head = (paragraph, 0)
    else:
        head = (paragraph - 1, 0) if paragraph > 0 else selection.head
    return Selection(anchor, head)


def parts(
    selection: Selection,
    turns: Callable[[int], int],
    bounds: Callable[[int], tuple[int, int]],
    sentences: Sentences,
) -> list[tuple[int, int, int]]:
    """(turn, start, end) of each turn's share of the selection, in reading order.

    ``turns`` gives a paragraph's turn, ``bounds`` its ``[start, end)`` in that turn's text.
    """
    (first, first_sentence), (last, last_sentence) = selection.first, selection.last
    result: list[tuple[int, int, int]] = []
    for paragraph in range(first, last + 1):
        start, end = bounds(paragraph)
        if paragraph == first:
            start = sentences(paragraph)[first_sentence][0]
        if paragraph == last:
            end = sentences(paragraph)[last_sentence][1]
        turn = turns(paragraph)
        if result and result[-1][0] == turn:
            result[-1] = (turn, result[-1][1], end)
        else:
            result.append((turn, start, end))
    return result
