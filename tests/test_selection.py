"""Selection arithmetic: growing and shrinking by sentence and by paragraph."""

from __future__ import annotations

from reader.ui.widgets.selection import (
    Selection,
    extent,
    grow_paragraph,
    grow_sentence,
    sentences,
    shrink_paragraph,
    shrink_sentence,
    start,
)

COUNTS = [3, 1, 2]  # sentences in paragraphs 0, 1, 2 (paragraph 2 in another turn)


def count(paragraph: int) -> int:
    return COUNTS[paragraph]


def test_growing_by_sentence_crosses_paragraphs_and_stops_at_the_end() -> None:
    sel = start(0)
    steps = []
    for _ in range(7):
        sel = grow_sentence(sel, count, 3)
        steps.append((sel.last, sel.last_sentence))
    assert steps == [(0, 1), (0, 2), (1, 0), (2, 0), (2, 1), (2, 1), (2, 1)]


def test_shrinking_by_sentence_goes_back_and_keeps_one() -> None:
    sel = Selection(0, 2, 1)
    steps = []
    for _ in range(6):
        sel = shrink_sentence(sel, count)
        steps.append((sel.last, sel.last_sentence))
    assert steps == [(2, 0), (1, 0), (0, 2), (0, 1), (0, 0), (0, 0)]


def test_by_paragraph() -> None:
    sel = grow_paragraph(start(0), count, 3)
    assert sel == Selection(0, 0, 2)  # to the end of this paragraph first
    sel = grow_paragraph(sel, count, 3)
    assert sel == Selection(0, 1, 0)
    assert grow_paragraph(grow_paragraph(sel, count, 3), count, 3) == Selection(0, 2, 1)
    assert shrink_paragraph(Selection(0, 2, 0), count) == Selection(0, 1, 0)
    assert shrink_paragraph(Selection(0, 0, 2), count) == start(0)


def test_extent_is_one_span_per_turn() -> None:
    # paragraphs 0 and 1 are in turn 4 (1 at offset 100), paragraph 2 in turn 5
    spans = {(0, 0): (4, 0, 10), (0, 2): (4, 20, 30), (1, 0): (4, 100, 120), (2, 0): (5, 0, 8)}
    assert extent(Selection(0, 2, 0), count, lambda p, s: spans[p, s]) == [
        (4, 0, 120),
        (5, 0, 8),
    ]


def test_sentences_of_a_paragraph() -> None:
    assert sentences("One. Two three.") == [(0, 4), (5, 15)]
    assert sentences("") == [(0, 0)]
