"""The conversation view's paragraph cursor and scrolling: mixed into the view.

The cursor is an index into the view's speech paragraphs (reading order); moving it
brings its paragraph into view, and the highlighted words of a search passage with it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.scroll_view import ScrollView

from reader.core.model import Interview
from reader.ui.messages import Passage
from reader.ui.widgets.conversation_layout import Index, Item, line_of


class CursorMoves(ScrollView):
    """Keys ``j``/``k``, ``g``/``G``, ``space``/``pgup``, clicks, the next speaker turn.

    Relies on the view's paragraphs and its line index, namely these:
    """

    interview: Interview | None
    paragraphs: list[Item]
    cursor: int
    passage: Passage | None
    _items: list[Item]
    _item_of_paragraph: list[int]
    _index: Index
    _first_line: list[int]
    _index_width: int
    _scroll_pending: bool | None
    _report: Callable[[], None]

    def action_cursor_down(self) -> None:
        self._move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_cursor(self.cursor - 1)

    def action_cursor_top(self) -> None:
        self._move_cursor(0)
        self.scroll_to(y=0, animate=False)

    def action_cursor_bottom(self) -> None:
        self._move_cursor(len(self.paragraphs) - 1)
        self.scroll_end(animate=False)

    def action_page(self, direction: int) -> None:
        """Scroll a page and put the cursor on the first paragraph in view."""
        height = max(self.scrollable_content_region.height - 1, 1)
        target = max(0, min(round(self.scroll_y) + direction * height, self.max_scroll_y))
        self.scroll_to(y=target, animate=False)
        self._move_cursor(self._paragraph_at_line(int(target)), scroll=False)

    def action_next_speaker_turn(self) -> None:
        """Move to the first paragraph of the next turn by the cursor's speaker."""
        if self.interview is None or not self.paragraphs:
            return
        here = self.paragraphs[self.cursor].turn
        speaker = self.interview.turns[here].speaker
        following = (
            index
            for index, item in enumerate(self.paragraphs)
            if item.turn > here and self.interview.turns[item.turn].speaker == speaker
        )
        target = next(following, None)
        if target is None:
            self.notify(f"{speaker} does not speak again", markup=False)
            return
        self._move_cursor(target)

    def on_click(self, event: events.Click) -> None:
        line = event.y + round(self.scroll_y)
        if 0 <= line < len(self._index):
            self._move_cursor(self._paragraph_at_line(line), scroll=False)

    def _move_cursor(self, target: int, *, scroll: bool = True) -> None:
        if not self.paragraphs:
            return
        target = max(0, min(target, len(self.paragraphs) - 1))
        if target != self.cursor:
            self.cursor = target
            self.refresh()
            self._report()
        if scroll:
            self._scroll_to_cursor()

    def _scroll_to_cursor(self, *, centre: bool = False) -> None:
        """Bring the cursor's paragraph into view (a third down with ``centre``), and
        the highlighted words of the passage when it holds them."""
        if not self.paragraphs or not self._first_line:
            return
        number = self._item_of_paragraph[self.cursor]
        if number >= len(self._first_line):  # not indexed yet: scroll when it is
            self._scroll_pending = centre
            return
        self._scroll_pending = None
        top = self._first_line[number]
        bottom = self._first_line[number + 1] if number + 1 < len(self._items) else len(self._index)
        height = self.scrollable_content_region.height
        if self.cursor == 0:
            top = 0
        y = round(self.scroll_y)
        if centre:
            y = max(top - height // 3, 0)
        elif top < y:
            y = top
        elif bottom > y + height:
            y = min(top, bottom - height)
        words = self._passage_lines(number)  # the highlighted words stay in view
        if words is not None and not y <= words[0] <= words[1] < y + height:
            y = max(words[0] - height // 3, 0)
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False)

    def _passage_lines(self, number: int) -> tuple[int, int] | None:
        """First and last virtual lines of the passage's words (its highlights, or the
        whole passage) in paragraph item ``number``; None when it has none of them."""
        item, passage = self._items[number], self.passage
        if self.interview is None or passage is None or passage.turn != item.turn:
            return None
        assert item.para is not None
        turn = self.interview.turns[item.turn]
        text = turn.paragraphs[item.para].text
        start = turn.speech_offsets()[item.para]
        spans = passage.highlights or ((passage.start, passage.end),)
        low = max(min(s for s, _ in spans) - start, 0)
        high = min(max(e for _, e in spans) - start, len(text))
        if low >= high:
            return None
        top, width = self._first_line[number], self._index_width
        return top + line_of(text, low, width), top + line_of(text, high - 1, width)

    def _paragraph_at(self, turn: int, offset: int) -> int:
        """Index of the speech paragraph of ``turn`` that holds character ``offset``."""
        assert self.interview is not None
        para = self.interview.turns[turn].paragraph_at(offset)
        return self.paragraphs.index(Item(turn, para)) if para is not None else self.cursor

    def _paragraph_at_line(self, line: int) -> int:
        """The paragraph shown on a virtual line, or the next one after it."""
        item_number = self._index[min(line, len(self._index) - 1)][0]
        for index, number in enumerate(self._item_of_paragraph):
            if number >= item_number:
                return index
        return len(self.paragraphs) - 1
