"""The conversation view: one interview, turn by turn, drawn with the line API.

Lines are produced on demand: a per-width index maps each virtual line to an *item*
(the header, a speaker line, or a paragraph) and a line within it, and the wrapped,
styled lines of an item are kept in an LRU cache. A 1,000-turn interview therefore
costs one line-breaking pass per paragraph when the width changes and nothing per
frame. The first :data:`LAYOUT_AT_ONCE` items are indexed at once; the rest of a long
interview (a 50 MB transcript takes seconds) in a worker, so it opens readable at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.core.in_place import furniture_in_place
from reader.core.model import Interview, Turn
from reader.ui.hit_steps import at_the_end, in_reading_order, landed, no_hits, step
from reader.ui.messages import Passage
from reader.ui.text import STAGE_STYLE, interview_header, paragraph_text, speaker_line
from reader.ui.widgets.selecting import SELECTION_BINDINGS, Selecting

HEADER = -1
"""Item kind of the interview header (``para`` of an item; speaker lines use ``None``)."""
FURNITURE = -2
"""Item kind of a run of lines that are not speech, shown dimmed in place with ``f``."""

GUTTER = 2
"""The cursor's bar or a coded passage's mark (in its code's colour), then a space."""
MARGIN = 1
MEASURE = 100
"""Longest line of text, in columns, however wide the view: long lines tire the eye."""
LAYOUT_AT_ONCE = 3000
"""Items indexed on the UI thread when an interview opens or the width changes (about
0.1 s); the index of the rest is built in a worker and appended when done."""
LAYING_OUT = "Laying out the rest of this interview…"
HIT_NOTE_SECONDS = 2.5
"""How long ``n``/``N`` show which hit they reached: briefly, as they may come in a row."""

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


class ConversationView(Selecting, can_focus=True):
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
        self._index: list[tuple[int, int]] = []
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
        self._items = []
        if self.interview is not None:
            self._items.append(Item(HEADER, HEADER))
            places = furniture_in_place(self.interview) if self.show_furniture else {}

            def furniture(place: tuple[int, int]) -> list[Item]:
                lines = places.get(place)
                return [Item(place[0], FURNITURE, "\n".join(lines))] if lines else []

            turns = self.interview.turns
            for number, turn in enumerate(turns):
                if speaker is None or turn.speaker == speaker:
                    self._items += furniture((number, 0))
                    self._items.append(Item(number, None))
                    for para in range(len(turn.paragraphs)):
                        self._items += furniture((number, para)) if para else []
                        self._items.append(Item(number, para))
            self._items += furniture((len(turns), 0))
        self._item_of_paragraph = [i for i, item in enumerate(self._items) if self._is_speech(item)]
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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        self._cache.clear()
        self._blended_styles.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_index(self.scrollable_content_region.width)
        if self.paragraphs:
            self._scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:
        line = event.y + round(self.scroll_y)
        if 0 <= line < len(self._index):
            self._move_cursor(self._paragraph_at_line(line), scroll=False)

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
            index, first_line = _lay_out(
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

        def lay_out() -> None:
            worker = get_current_worker()
            index, first_line = _lay_out(
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

        self.run_worker(lay_out, thread=True, exclusive=True, group="layout", exit_on_error=False)

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

    def _render_item(self, number: int, width: int) -> list[Strip]:
        item = self._items[number]
        is_cursor = bool(self.paragraphs) and self.paragraphs[self.cursor] == item
        key = (number, width, is_cursor, self.passage if self._touches(item) else None)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._build_strips(item, width, is_cursor)
            self._cache[key] = cached
        return cached

    def _touches(self, item: Item) -> bool:
        return self.passage is not None and item.turn == self.passage.turn

    def _build_strips(self, item: Item, width: int, is_cursor: bool) -> list[Strip]:
        assert self.interview is not None
        base = self.rich_style
        if item.para == HEADER:
            header = interview_header(self.interview)
            if self.speaker is not None:
                note = f"Only {self.speaker}'s turns · Speakers (ctrl+p) → All speakers"
                header.append("\n")
                header.append(note, style="italic")
            rule = Strip([Segment("─" * width, self._component("rule"))])
            lines = self._wrap(header, width, base)
            return [*lines, rule.apply_style(base), Strip.blank(width, base)]
        if item.para == FURNITURE:
            text = Text(item.text)
            text.stylize(self._component("furniture"))  # a span: wrapping drops a base style
            lines = self._wrap(text, width, base)
            return [*lines, Strip.blank(width, base)]
        turn = self.interview.turns[item.turn]
        if item.para is None:
            label = speaker_line(turn, item.turn, bookmarked=item.turn in self.bookmarked_turns)
            return self._wrap(label, width, base)
        if not turn.paragraphs[item.para].is_speech:
            direction = Text(turn.paragraphs[item.para].text)
            direction.stylize(STAGE_STYLE)
            return [*self._wrap(direction, width, base), Strip.blank(width, base)]
        text = self._paragraph(item.turn, item.para)
        style = base + self._component("cursor") if is_cursor else base
        marks = self._marks(item.turn, item.para, width)
        lines = self._wrap(text, width, style, cursor=is_cursor, marks=marks)
        return [*lines, Strip.blank(width, base)]

    def _marks(self, turn_number: int, para: int, width: int) -> dict[int, str]:
        """Colour of the margin mark on each line of a paragraph that a coded span covers
        (the first code of the first span there)."""
        assert self.interview is not None
        turn = self.interview.turns[turn_number]
        text, start = turn.paragraphs[para].text, turn.speech_offsets()[para]
        marks: dict[int, str] = {}
        for span in self.coded:
            lo, hi = max(span.start - start, 0), min(span.end - start, len(text))
            if span.turn == turn_number and lo < hi and span.colors:
                for line in range(_line_of(text, lo, width), _line_of(text, hi - 1, width) + 1):
                    marks.setdefault(line, span.colors[0])
        return marks

    def _paragraph(self, turn_number: int, para: int) -> Text:
        assert self.interview is not None
        turn = self.interview.turns[turn_number]
        paragraph = turn.paragraphs[para].text
        text = paragraph_text(paragraph)
        passage = self.passage
        start = turn.speech_offsets()[para]
        end = start + len(paragraph)
        spans = []
        if passage is not None and passage.turn == turn_number:
            spans = [(passage.start, passage.end, "passage")]
            spans += [(s, e, "match") for s, e in passage.highlights]
        if self.selection is not None:
            selected = self._selection_parts(self.selection)
            spans += [(s, e, "selection") for t, s, e in selected if t == turn_number]
        for span_start, span_end, name in spans:
            lo, hi = max(span_start, start), min(span_end, end)
            if lo < hi:
                text.stylize(self._component(name), lo - start, hi - start)
        return text

    def _wrap(
        self,
        text: Text,
        width: int,
        style: Style,
        *,
        cursor: bool = False,
        marks: dict[int, str] | None = None,
    ) -> list[Strip]:
        """Text wrapped to a readable measure, each line padded to the view's ``width``;
        the gutter shows the cursor and, on coded lines, a mark in the code's colour."""
        console = self.app.console
        gutter_style = style + self._component("cursor-gutter")
        strips = []
        lines = text.wrap(console, _text_width(width), overflow="fold", no_wrap=False)
        for number, line in enumerate(lines):
            line.rstrip()
            colour = (marks or {}).get(number)
            if colour:
                gutter = Segment("▎ " if cursor else "┃ ", style + Style(color=colour))
            else:
                gutter = Segment("▎ " if cursor else "  ", gutter_style if cursor else style)
            segments = [gutter, *line.render(console)]
            strips.append(Strip(segments).apply_style(style).extend_cell_length(width, style))
        return strips

    def _component(self, name: str) -> Style:
        """A component style with its translucent colours blended onto the background."""
        style = self._blended_styles.get(name)
        if style is None:
            styles = self.get_component_styles(f"conversation-view--{name}")
            background = self.background_colors[1] + styles.background
            style = Style(bgcolor=background.rich_color) if styles.background.a else Style()
            if styles.has_rule("color"):
                style += Style(color=(background + styles.color).rich_color)
            style += styles.text_style
            self._blended_styles[name] = style
        return style

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
        return top + _line_of(text, low, width), top + _line_of(text, high - 1, width)

    def _paragraph_at(self, turn: int, offset: int) -> int:
        """Index of the speech paragraph of ``turn`` that holds character ``offset``."""
        assert self.interview is not None
        para = self.interview.turns[turn].paragraph_at(offset)
        return self.paragraphs.index(Item(turn, para)) if para is not None else self.cursor

    def _is_speech(self, item: Item) -> bool:
        if not _is_para(item) or self.interview is None:
            return False
        assert item.para is not None
        return self.interview.turns[item.turn].paragraphs[item.para].is_speech

    def _paragraph_at_line(self, line: int) -> int:
        """The paragraph shown on a virtual line, or the next one after it."""
        item_number = self._index[min(line, len(self._index) - 1)][0]
        for index, number in enumerate(self._item_of_paragraph):
            if number >= item_number:
                return index
        return len(self.paragraphs) - 1


def _lay_out(
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
        count = _height(turns, item, width, item.turn in bookmarked)
        index.extend((number, offset) for offset in range(count))
    return index, first_lines


def _height(turns: Sequence[Turn], item: Item, width: int, bookmarked: bool) -> int:
    """Lines a speaker line, a paragraph or furniture (with its blank line) takes.

    This is rich's own line breaking (what ``Text.wrap`` does), so it matches what
    ``_wrap`` draws; the index of a long interview costs only this.
    """
    if item.para == FURNITURE:
        text, lines = item.text, 1
    elif item.para is None:
        text, lines = speaker_line(turns[item.turn], item.turn, bookmarked=bookmarked).plain, 0
    else:
        text, lines = turns[item.turn].paragraphs[item.para].text, 1
    text_width = _text_width(width)
    for line in text.split("\n"):
        lines += len(divide_line(line.expandtabs(8), text_width, fold=True)) + 1
    return lines


def _line_of(text: str, offset: int, width: int) -> int:
    """The line, among those a paragraph takes in a view ``width`` wide, that shows
    character ``offset`` of it (the same line breaking as :func:`_height`)."""
    lines, position = 0, 0
    for line in text.split("\n"):
        breaks = divide_line(line.expandtabs(8), _text_width(width), fold=True)
        if offset <= position + len(line):
            column = len(line[: offset - position].expandtabs(8))
            return lines + sum(1 for at in breaks if at <= column)
        lines += len(breaks) + 1
        position += len(line) + 1
    return lines


def _text_width(width: int) -> int:
    """Columns for text in a view ``width`` wide: what the gutter leaves, at most MEASURE."""
    return max(min(width - GUTTER - MARGIN, MEASURE), 1)


def _is_para(item: Item) -> bool:
    return item.para is not None and item.para >= 0
