"""A keyboard selection in the conversation view, grown and shrunk by sentence or paragraph.

Paragraphs are numbered as the view lists them (across turns); a selection runs from
the start of paragraph ``first`` to the end of sentence ``last_sentence`` of paragraph
``last``. These functions only do that arithmetic; ``count(p)`` says how many sentences
paragraph ``p`` has (at least one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.scroll_view import ScrollView

from reader.core.search.passages import sentence_spans

if TYPE_CHECKING:
    from reader.core.model import Interview

Count = Callable[[int], int]


@dataclass(frozen=True, slots=True)
class Selection:
    """Paragraph ``first`` to sentence ``last_sentence`` of paragraph ``last``."""

    first: int
    last: int
    last_sentence: int


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentence spans of a paragraph; the whole paragraph when it has none."""
    return sentence_spans(text) or [(0, len(text))]


def start(paragraph: int) -> Selection:
    """The first sentence of a paragraph."""
    return Selection(paragraph, paragraph, 0)


def grow_sentence(sel: Selection, count: Count, total: int) -> Selection:
    """One more sentence, into the next paragraph (and turn) when this one is done."""
    if sel.last_sentence + 1 < count(sel.last):
        return Selection(sel.first, sel.last, sel.last_sentence + 1)
    if sel.last + 1 < total:
        return Selection(sel.first, sel.last + 1, 0)
    return sel


def shrink_sentence(sel: Selection, count: Count) -> Selection:
    """One sentence fewer; never less than the first sentence."""
    if sel.last_sentence > 0:
        return Selection(sel.first, sel.last, sel.last_sentence - 1)
    if sel.last > sel.first:
        return Selection(sel.first, sel.last - 1, count(sel.last - 1) - 1)
    return sel


def grow_paragraph(sel: Selection, count: Count, total: int) -> Selection:
    """To the end of this paragraph, or if there already, to the end of the next one."""
    if sel.last_sentence + 1 < count(sel.last):
        return Selection(sel.first, sel.last, count(sel.last) - 1)
    if sel.last + 1 < total:
        return Selection(sel.first, sel.last + 1, count(sel.last + 1) - 1)
    return sel


def shrink_paragraph(sel: Selection, count: Count) -> Selection:
    """Drop the last paragraph; in the first one, back to its first sentence."""
    if sel.last > sel.first:
        return Selection(sel.first, sel.last - 1, count(sel.last - 1) - 1)
    return start(sel.first)


def extent(
    sel: Selection, count: Count, span: Callable[[int, int], tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """(turn, start, end) in ``Turn.text`` per turn the selection touches, in order.

    ``span(p, s)`` is (turn, start, end) of sentence ``s`` of paragraph ``p``.
    """
    pieces: dict[int, tuple[int, int]] = {}
    for paragraph in range(sel.first, sel.last + 1):
        last = sel.last_sentence if paragraph == sel.last else count(paragraph) - 1
        for sentence in (0, last):
            turn, begin, end = span(paragraph, sentence)
            low, high = pieces.get(turn, (begin, end))
            pieces[turn] = (min(low, begin), max(high, end))
    return [(turn, low, high) for turn, (low, high) in pieces.items()]


class Selecting(ScrollView):
    """The conversation view's selection mode: ``v`` starts (and ends) it, ``l``/``h`` add
    or drop a sentence, ``j``/``k`` a paragraph (the view routes those), ``escape`` ends it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "select", "Select", id="view.select"),
        Binding("l,right", "sentence(1)", "Sentence more", show=False, id="view.grow"),
        Binding("h,left", "sentence(-1)", "Sentence less", show=False, id="view.shrink"),
        Binding("escape", "end_selection", "End selection", show=False, id="view.unselect"),
    ]

    interview: Interview | None
    cursor: int
    paragraphs: Sequence[object]
    selection: Selection | None
    """The keyboard selection, while one is being made."""
    # The view's own, used here:
    _paragraph_of: Callable[[int], tuple[int, int, str]]
    _move_cursor: Callable[[int], None]
    _show_cursor_codes: Callable[[], None]
    _changed: Callable[[], None]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The selection's keys work (and ``escape`` is taken) only while selecting."""
        return self.selection is not None if action in ("sentence", "end_selection") else True

    def action_select(self) -> None:
        """Start a selection at the cursor's paragraph; ``v`` again ends it."""
        if self.selection is not None:
            self.action_end_selection()
        elif self.interview is not None and self.paragraphs:
            self._select(start(self.cursor))

    def action_sentence(self, step: int) -> None:
        assert self.selection is not None
        count, total = self._sentence_count, len(self.paragraphs)
        grown = grow_sentence(self.selection, count, total)
        self._select(grown if step > 0 else shrink_sentence(self.selection, count))

    def action_end_selection(self) -> None:
        self.selection = None
        self._changed()
        self._show_cursor_codes()

    def selected(self) -> list[tuple[int, int, int]]:
        """(turn, start, end) in ``Turn.text`` of each turn in the selection; [] if none."""
        if self.selection is None or self.interview is None:
            return []
        return extent(self.selection, self._sentence_count, self._sentence_span)

    def _select(self, selection: Selection) -> None:
        self.selection = selection
        self._changed()
        self._move_cursor(selection.last)
        hint = "Selecting: l/h a sentence more/less · j/k a paragraph · C code it · esc"
        self.border_subtitle = Text(hint)
        self.refresh()

    def _sentence_count(self, paragraph: int) -> int:
        return len(sentences(self._paragraph_of(paragraph)[2]))

    def _sentence_span(self, paragraph: int, sentence: int) -> tuple[int, int, int]:
        turn, offset, text = self._paragraph_of(paragraph)
        begin, end = sentences(text)[sentence]
        return turn, offset + begin, offset + end
