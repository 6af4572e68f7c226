"""Selecting sentences and showing coded passages: mixed into the conversation view.

The selection grows and shrinks by sentence and by paragraph (:mod:`reader.ui.selection`);
the status line under the view says what is selected, or which codes the passage under
the cursor has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.model import Interview
from reader.ui.messages import CodedSpan, Passage
from reader.ui.selection import Selection, by_paragraph, by_sentence, paragraph_sentences, parts
from reader.ui.text import counted

SELECTION_BINDINGS: list[BindingType] = [
    Binding(
        "v",
        "select",
        "Select",
        tooltip="from the cursor's sentence, to code, bookmark or cite",
        id="view.select",
    ),
    Binding(
        "l,right",
        "grow_sentence(1)",
        "Sentence +",
        tooltip="while selecting",
        id="view.select-more",
    ),
    Binding(
        "h,left",
        "grow_sentence(-1)",
        "Sentence −",
        tooltip="while selecting",
        id="view.select-less",
    ),
    Binding(
        "j,down",
        "grow_paragraph(1)",
        "Paragraph +",
        tooltip="while selecting: to the paragraph's end, then the next's",
        id="view.select-para-more",
    ),
    Binding(
        "k,up",
        "grow_paragraph(-1)",
        "Paragraph −",
        tooltip="while selecting",
        id="view.select-para-less",
    ),
    Binding(
        "escape",
        "cancel_selection",
        "Cancel",
        tooltip="while selecting: select nothing",
        id="view.select-cancel",
    ),
]
"""The view's keys for selecting; those other than ``v`` work only while selecting (they
come first, so ``j`` and ``k`` grow the selection then instead of moving the cursor)."""


class StatusChanged(Message):
    """What the status line under the view should say (empty: nothing)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class Selecting(ScrollView):
    """Keys ``v`` (start), ``h``/``l`` (by sentence), ``j``/``k`` (by paragraph), ``escape``.

    Relies on the view's interview, paragraphs, cursor and passage, and on these:
    """

    interview: Interview | None
    paragraphs: Sequence[object]
    cursor: int
    passage: Passage | None
    _cache: LRUCache[tuple[object, ...], list[Strip]]
    _paragraph_span: Callable[[int], tuple[int, int, int]]
    _cursor_span: Callable[[], tuple[int, int, int]]
    _move_cursor: Callable[..., None]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selection: Selection | None = None
        self.coded: tuple[CodedSpan, ...] = ()
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._status = ""

    def set_coded(self, coded: Sequence[CodedSpan]) -> None:
        """The coded passages of this interview: marked in the margin, listed in the status."""
        if tuple(coded) != self.coded:
            self.coded = tuple(coded)
            self._cache.clear()
            self.refresh()
            self._report()

    def selected_parts(self) -> list[tuple[int, str, int, int]]:
        """(turn, quote, start, end) of each turn's share of the selection, in order."""
        if self.interview is None or self.selection is None:
            return []
        turns = self.interview.turns
        return [
            (turn, turns[turn].text[start:end], start, end)
            for turn, start, end in self._selection_parts(self.selection)
        ]

    def _selection_parts(self, selection: Selection) -> list[tuple[int, int, int]]:
        def bounds(paragraph: int) -> tuple[int, int]:
            _turn, start, end = self._paragraph_span(paragraph)
            return start, end

        def turn_of(paragraph: int) -> int:
            return self._paragraph_span(paragraph)[0]

        return parts(selection, turn_of, bounds, self._sentences_of)

    def _sentences_of(self, paragraph: int) -> list[tuple[int, int]]:
        """The sentences of paragraph ``paragraph`` (reading order), offsets in Turn.text."""
        sentences = self._sentences.get(paragraph)
        if sentences is None:
            turn, start, end = self._paragraph_span(paragraph)
            assert self.interview is not None
            text = self.interview.turns[turn].text[start:end]
            sentences = self._sentences[paragraph] = paragraph_sentences(text, start)
        return sentences

    # --------------------------------------------------------------- selecting
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Selection keys only while selecting; moves that would leave it, never then."""
        if action in ("grow_sentence", "grow_paragraph", "cancel_selection"):
            return self.selection is not None
        if action in ("select", "cursor_top", "cursor_bottom", "page", "hit"):
            return self.selection is None
        return True

    def action_select(self) -> None:
        """Start a selection at the cursor's sentence (the passage's, when it is there)."""
        if self.interview is None or not self.paragraphs:
            return
        _turn, start, _end = self._cursor_span()
        if self.passage is not None and self.passage.turn == _turn:
            start = max(start, self.passage.start)
        sentences = self._sentences_of(self.cursor)
        sentence = max(i for i, (s, _e) in enumerate(sentences) if s <= start or i == 0)
        self._select(Selection((self.cursor, sentence), (self.cursor, sentence)))

    def action_grow_sentence(self, step: int) -> None:
        if self.selection is not None:
            count = len(self.paragraphs)
            self._select(by_sentence(self.selection, step, count, self._sentences_of))

    def action_grow_paragraph(self, step: int) -> None:
        if self.selection is not None:
            count = len(self.paragraphs)
            self._select(by_paragraph(self.selection, step, count, self._sentences_of))

    def action_cancel_selection(self) -> None:
        self._select(None)

    def _select(self, selection: Selection | None) -> None:
        """Show a new selection (None: none), the cursor on its head's paragraph."""
        self.selection = selection
        self._cache.clear()
        if selection is not None:
            self._move_cursor(selection.head[0])
        self.refresh_bindings()
        self.refresh()
        self._report()

    def _report(self) -> None:
        """Post what the status line should say, when it changed."""
        status = self._status_text()
        if status != self._status:
            self._status = status
            self.post_message(StatusChanged(status))

    def _status_text(self) -> str:
        if self.selection is not None:
            selected = self.selected_parts()
            words = sum(len(quote.split()) for _turn, quote, _start, _end in selected)
            where = counted(len(selected), "turn")
            keys = "C code · b bookmark · esc cancel"
            return f"Selected {counted(words, 'word')} in {where} · {keys}"
        if self.interview is None or not self.paragraphs:
            return ""
        turn, start, end = self._cursor_span()
        names: list[str] = []
        for span in self.coded:
            if span.turn == turn and span.start < end and start < span.end:
                names += [name for name in span.codes if name not in names]
        return "Codes: " + ", ".join(names) if names else ""
