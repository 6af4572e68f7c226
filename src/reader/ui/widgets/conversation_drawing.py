"""Drawing the conversation view's items: mixed into the view.

Each item (header, speaker line, paragraph, stage direction, furniture) becomes styled
lines (:class:`~textual.strip.Strip`), kept in an LRU cache until the width, the theme,
the cursor, the passage, the selection or the coded passages change. The gutter shows
the cursor's bar and, on coded lines, a mark in the code's colour.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.model import Interview
from reader.ui.messages import CodedSpan, Passage
from reader.ui.selection import Selection
from reader.ui.text import STAGE_STYLE, interview_header, paragraph_text, speaker_line
from reader.ui.widgets.conversation_layout import FURNITURE, HEADER, Item, line_of, text_width


class Drawing(ScrollView):
    """Turns the view's items into lines. Relies on the view's state, namely these:"""

    interview: Interview | None
    paragraphs: list[Item]
    cursor: int
    passage: Passage | None
    speaker: str | None
    bookmarked_turns: frozenset[int]
    coded: tuple[CodedSpan, ...]
    selection: Selection | None
    _items: list[Item]
    _cache: LRUCache[tuple[object, ...], list[Strip]]
    _blended_styles: dict[str, Style]
    _selection_parts: Callable[[Selection], list[tuple[int, int, int]]]

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
                for line in range(line_of(text, lo, width), line_of(text, hi - 1, width) + 1):
                    marks.setdefault(line, span.colors[0])
        return marks

    def _paragraph(self, turn_number: int, para: int) -> Text:
        """A paragraph with the passage, its matched words and the selection styled."""
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
        lines = text.wrap(console, text_width(width), overflow="fold", no_wrap=False)
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
