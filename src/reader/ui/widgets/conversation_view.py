"""The conversation view: one interview, turn by turn, drawn with the line API.

Lines are produced on demand: a per-width index maps each virtual line to an *item*
(the header, a speaker line, or a paragraph) and a line within it, and the wrapped,
styled lines of an item are kept in an LRU cache. A 1,000-turn interview therefore
costs one line-breaking pass per paragraph when the width changes and nothing per
frame. The first :data:`LAYOUT_AT_ONCE` items are indexed at once; the rest of a long
interview (a 50 MB transcript takes seconds) in a worker, so it opens readable at once.

The parts: :mod:`.conversation_layout` (items and their lines, no Textual),
:mod:`.conversation_drawing` (items to styled lines), :mod:`.conversation_cursor`
(cursor and scrolling) and :mod:`.selecting` (selection and coded passages).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.core.model import Interview
from reader.ui.hit_steps import at_the_end, in_reading_order, landed, no_hits, step
from reader.ui.messages import Passage
from reader.ui.widgets.conversation_cursor import CursorMoves
from reader.ui.widgets.conversation_drawing import Drawing
from reader.ui.widgets.conversation_layout import Index, Item, build_items, is_speech, lay_out
from reader.ui.widgets.selecting import SELECTION_BINDINGS, Selecting

LAYOUT_AT_ONCE = 3000
"""Items indexed on the UI thread when an interview opens or the width changes (about
0.1 s); the index of the rest is built in a worker and appended when done."""
LAYING_OUT = "Laying out the rest of this interview…"
HIT_NOTE_SECONDS = 2.5
"""How long ``n``/``N`` show which hit they reached: briefly, as they may come in a row."""


class ConversationView(CursorMoves, Drawing, Selecting, can_focus=True):
    """The selected interview with a paragraph cursor; ``b``/``c`` act on its passage."""

    BINDING_GROUP_TITLE = "Conversation"
    BINDINGS: ClassVar[list[BindingType]] = [
        *SELECTION_BINDINGS,
        Binding("j,down", "cursor_down", "Next para", show=False, id="view.down"),
        Binding("k,up", "cursor_up", "Prev para", show=False, id="view.up"),
        Binding("g,home", "cursor_top", "Top", show=False, id="view.top"),
        Binding("G,end", "cursor_bottom", "Bottom", show=False, id="view.bottom"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="view.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="view.page-up"),
        Binding("n", "hit(1)", "Next hit", id="view.next-hit"),
        Binding("N", "hit(-1)", "Prev hit", show=False, id="view.previous-hit"),
        Binding("f", "toggle_furniture", "Not speech", id="view.furniture"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "conversation-view--cursor",
        "conversation-view--cursor-gutter",
        "conversation-view--passage",
        "conversation-view--match",
        "conversation-view--rule",
        "conversation-view--selection",
        "conversation-view--furniture",
    }
    DEFAULT_CSS = """
    ConversationView {
        overflow-y: scroll;
        overflow-x: hidden;
    }
    ConversationView > .conversation-view--cursor { background: $foreground 8%; }
    ConversationView:focus > .conversation-view--cursor { background: $primary 30%; }
    ConversationView > .conversation-view--cursor-gutter { color: $accent; }
    ConversationView > .conversation-view--passage { background: $warning 40%; }
    ConversationView > .conversation-view--match {
        background: $warning 70%;
        color: $text;
        text-style: bold;
    }
    ConversationView > .conversation-view--rule { color: $foreground 30%; }
    ConversationView > .conversation-view--selection { background: $accent 45%; }
    ConversationView > .conversation-view--furniture {
        color: $foreground 45%;
        text-style: italic;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.interview: Interview | None = None
        self.cursor = 0
        """Index into :attr:`paragraphs` (the paragraph items in reading order)."""
        self.passage: Passage | None = None
        self.hits: tuple[Passage, ...] = ()
        """Close matches of the search in this interview, in reading order (``n``/``N``)."""
        self.hit_query = ""
        self.bookmarked_turns: frozenset[int] = frozenset()
        self.speaker: str | None = None
        """When set, only this speaker's turns are shown."""
        self.show_furniture = False
        """Whether the lines that are not speech are shown, dimmed, where they stood."""
        self._items: list[Item] = []
        self.paragraphs: list[Item] = []
        self._item_of_paragraph: list[int] = []
        self._index: Index = []
        self._first_line: list[int] = []
        self._index_width = -1
        self._index_complete = True
        self._layout_generation = 0
        self._scroll_pending: bool | None = None
        """When the cursor's paragraph is not indexed yet: scroll to it (centred?) later."""
        self._cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(2048)
        self._blended_styles: dict[str, Style] = {}

    # ----------------------------------------------------------------- data in
    def show(
        self,
        interview: Interview | None,
        passage: Passage | None = None,
        *,
        speaker: str | None = None,
    ) -> None:
        """Display an interview (or nothing), with the cursor at ``passage`` or the top.

        With ``speaker``, only that speaker's turns are shown; turn indices stay those of
        the whole interview, so bookmarks, citations and hits still line up.
        """
        self.interview = interview
        self.passage = passage
        self.hits = ()
        self._build_items(speaker)
        self.scroll_to(y=0, animate=False)
        if passage is not None:
            self.go_to(passage)

    def replace_interview(self, interview: Interview) -> None:
        """Show a new reading of the same interview (its file changed on disk), keeping
        the cursor on the same words (the nearest paragraph with the same text, else the
        same place) and the scroll where it was as far as the new text allows."""
        cursor, scroll = self.cursor, self.scroll_y
        words = self._paragraph_text(cursor)
        speaker = self.speaker if self.speaker in interview.speakers else None
        self.interview = interview
        self.passage = None
        self.hits = ()
        self._build_items(speaker)
        same = [i for i in range(len(self.paragraphs)) if self._paragraph_text(i) == words]
        if words is not None and same:
            self.cursor = min(same, key=lambda i: abs(i - cursor))
        else:
            self.cursor = min(cursor, max(len(self.paragraphs) - 1, 0))
        self.scroll_to(y=scroll, animate=False)
        if self.cursor != cursor:
            self._scroll_to_cursor()

    def _paragraph_text(self, index: int) -> str | None:
        """The text of the ``index``-th paragraph shown, if there is one."""
        if self.interview is None or not 0 <= index < len(self.paragraphs):
            return None
        turn, para = self.paragraphs[index].turn, self.paragraphs[index].para
        return None if para is None else self.interview.turns[turn].paragraphs[para].text

    def filter_speaker(self, speaker: str | None) -> None:
        """Show only this speaker's turns (None: everyone's), keeping the cursor's place."""
        if self.interview is None or speaker == self.speaker:
            return
        here = self.paragraphs[self.cursor] if self.paragraphs else None
        self._build_items(speaker)
        visible = [i for i, item in enumerate(self.paragraphs) if here and item.turn >= here.turn]
        self.cursor = visible[0] if visible else max(len(self.paragraphs) - 1, 0)
        self.scroll_to(y=0, animate=False)
        self._scroll_to_cursor(centre=True)

    def _build_items(self, speaker: str | None) -> None:
        """Make the items of the interview (or of one speaker's turns); the cursor,
        an index into the old paragraphs, goes back to the first one."""
        self.speaker = speaker
        self.cursor = 0
        self.selection = None
        self._sentences = {}
        interview = self.interview
        self._items = (
            [] if interview is None else build_items(interview, speaker, self.show_furniture)
        )
        speech = [is_speech(interview, item) for item in self._items] if interview else []
        self._item_of_paragraph = [i for i, is_it in enumerate(speech) if is_it]
        self.paragraphs = [self._items[i] for i in self._item_of_paragraph]
        self._invalidate()
        self._report()  # a selection ends with the text it was made in

    def set_bookmarked_turns(self, turns: frozenset[int]) -> None:
        """Mark these turns (by index) as bookmarked."""
        if turns != self.bookmarked_turns:
            self.bookmarked_turns = turns
            self._invalidate()

    def set_hits(self, query: str, hits: Sequence[Passage]) -> None:
        """The close matches of ``query`` in this interview, for ``n``/``N``."""
        self.hit_query = query
        self.hits = in_reading_order(hits)

    def go_to(self, passage: Passage) -> None:
        """Put the cursor on the paragraph holding the passage, highlight it, centre it."""
        self.passage = passage
        assert self.interview is not None
        if self.speaker not in (None, self.interview.turns[passage.turn].speaker):
            self._build_items(None)  # the passage is in a hidden turn: show everyone
        self.cursor = self._paragraph_at(passage.turn, passage.start)
        self._cache.clear()
        self._scroll_to_cursor(centre=True)
        self.refresh()
        self._report()

    # ---------------------------------------------------------------- data out
    def current_passage(self) -> tuple[int, str, int, int] | None:
        """(turn, quote, start, end) of what ``b`` and ``c`` act on, offsets in Turn.text.

        That is the highlighted search passage while the cursor is on it, else the
        paragraph under the cursor.
        """
        if self.interview is None or not self.paragraphs:
            return None
        number, start, end = self._cursor_span()
        passage = self.passage  # an empty passage marks a place, not words to quote
        if passage and passage.turn == number and start <= passage.start < min(passage.end, end):
            start, end = passage.start, min(passage.end, end)
        return number, self.interview.turns[number].text[start:end], start, end

    def _cursor_span(self) -> tuple[int, int, int]:
        """(turn, start, end) of the cursor's paragraph, offsets in ``Turn.text``."""
        return self._paragraph_span(self.cursor)

    def _paragraph_span(self, paragraph: int) -> tuple[int, int, int]:
        """(turn, start, end) of a paragraph (reading order), offsets in ``Turn.text``."""
        assert self.interview is not None
        item = self.paragraphs[paragraph]
        assert item.para is not None
        turn = self.interview.turns[item.turn]
        start = turn.speech_offsets()[item.para]
        return item.turn, start, start + len(turn.paragraphs[item.para].text)

    # ----------------------------------------------------------------- actions
    def action_hit(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) close match of the search, saying which."""
        if not self.hits or not self.paragraphs:
            self.notify(no_hits(self.hit_query), severity="warning", markup=False)
            return
        target = step(self.hits, direction, self.passage, self._cursor_span())
        if target is None:
            message = at_the_end(direction, self.hits, self.hit_query)
            self.notify(message, severity="warning", timeout=HIT_NOTE_SECONDS, markup=False)
            return
        self.go_to(self.hits[target])
        message = landed(target, self.hits, self.hit_query)
        self.notify(message, timeout=HIT_NOTE_SECONDS, markup=False)

    def action_toggle_furniture(self) -> None:
        """Show or hide, dimmed in place, the lines that are not speech."""
        self.show_furniture = not self.show_furniture
        if self.interview is not None:
            here = self.paragraphs[self.cursor] if self.paragraphs else None
            self._build_items(self.speaker)
            self.cursor = self.paragraphs.index(here) if here in self.paragraphs else 0
            self._scroll_to_cursor(centre=True)
        if self.interview is not None and not self.interview.furniture:
            self.notify("Every line of this interview is speech", timeout=2)
            return
        shown = "shown dimmed" if self.show_furniture else "hidden"
        self.notify(f"Lines that are not speech: {shown} (f)", timeout=2)

    # --------------------------------------------------------------- rendering
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._ensure_index(width)
        line = y + round(self.scroll_y)
        if line == len(self._index) and not self._index_complete:
            return self._wrap(Text(LAYING_OUT, style="dim italic"), width, self.rich_style)[0]
        if line >= len(self._index):
            return Strip.blank(width, self.rich_style)
        item_index, offset = self._index[line]
        strips = self._render_item(item_index, width)
        return strips[offset] if offset < len(strips) else Strip.blank(width, self.rich_style)

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_index(self.scrollable_content_region.width)
        if self.paragraphs:
            self._scroll_to_cursor()

    # ---------------------------------------------------------------- internals
    def _invalidate(self) -> None:
        self._index_width = -1
        self._cache.clear()
        self._ensure_index(self.scrollable_content_region.width)
        self.refresh()

    def _ensure_index(self, width: int) -> None:
        """Index the first items now and, for a long interview, the rest in a worker."""
        if width == self._index_width or width <= 0:
            return
        self._index_width = width
        self._layout_generation += 1
        self._index, self._first_line = [], []
        self._index_complete = True
        if self.interview is not None and self._items:
            header = len(self._render_item(0, width))
            self._first_line.append(0)
            self._index.extend((0, offset) for offset in range(header))
            index, first_line = lay_out(
                self.interview.turns,
                self._items[1:LAYOUT_AT_ONCE],
                1,
                width,
                self.bookmarked_turns,
                len(self._index),
            )
            self._index += index
            self._first_line += first_line
            if len(self._items) > LAYOUT_AT_ONCE:
                self._index_complete = False
                self._lay_out_rest(self._layout_generation, width)
        self.virtual_size = Size(width, len(self._index) + (not self._index_complete))

    def _lay_out_rest(self, generation: int, width: int) -> None:
        """Index the items past LAYOUT_AT_ONCE in a thread; append them when done."""
        assert self.interview is not None
        turns, bookmarked = self.interview.turns, self.bookmarked_turns
        rest, start_line = self._items[LAYOUT_AT_ONCE:], len(self._index)

        def index_rest() -> None:
            worker = get_current_worker()
            index, first_line = lay_out(
                turns,
                rest,
                LAYOUT_AT_ONCE,
                width,
                bookmarked,
                start_line,
                lambda: worker.is_cancelled,
            )
            if not worker.is_cancelled:
                self.app.call_from_thread(self._rest_laid_out, generation, index, first_line)

        self.run_worker(
            index_rest, thread=True, exclusive=True, group="layout", exit_on_error=False
        )

    def _rest_laid_out(self, generation: int, index: Index, first_line: list[int]) -> None:
        if generation != self._layout_generation:
            return
        self._index += index
        self._first_line += first_line
        self._index_complete = True
        self.virtual_size = Size(self._index_width, len(self._index))
        if self._scroll_pending is not None:
            self._scroll_to_cursor(centre=self._scroll_pending)
        self.refresh()
