"""An option list of fixed-height options, drawn with Textual's line API.

Textual's ``OptionList`` measures and wraps every option whenever its options change,
so filling it with 5,000 two-line interviews took about a second. Here every option is
:data:`OPTION_LINES` lines (each cut with … to the width) and a rule, so the line under
the screen's row ``y`` is a division away: only the options on screen are drawn (and
cached), and a list of 5,000 costs what a list of 20 does. The names follow
``OptionList`` (``highlighted``, ``option_count``, ``OptionSelected``…) and so do the
component classes, keys and mouse; as an option may be cut, its tooltip shows it whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

OPTION_LINES = 2
"""Lines of every option; a prompt's further lines are not shown, shorter ones padded."""
STRIDE = OPTION_LINES + 1
"""Lines from one option's top to the next one's: its lines, then a rule."""


class FixedOption(Protocol):
    """What the list shows of an option: its id, whether it can be chosen, its text."""

    @property
    def id(self) -> str: ...

    @property
    def disabled(self) -> bool: ...

    @property
    def prompt(self) -> Text: ...


OptionType = TypeVar("OptionType", bound=FixedOption)


class FixedOptionList(ScrollView, Generic[OptionType], can_focus=True):
    """Options of :data:`OPTION_LINES` lines with a highlight; ``enter`` or a click
    selects the highlighted one (disabled ones are skipped and never selected)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "option-list--option",
        "option-list--option-disabled",
        "option-list--option-highlighted",
        "option-list--option-hover",
        "option-list--separator",
    }
    DEFAULT_CSS = """
    FixedOptionList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        color: $foreground;
        background: $surface;
        &:focus { background-tint: $foreground 5%; }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .option-list--option-highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .option-list--separator { color: $foreground 15%; }
        & > .option-list--option-disabled { color: $text-disabled; }
        & > .option-list--option-hover { background: $block-hover-background; }
    }
    """

    class OptionSelected(Message):
        """An option was chosen (``enter`` or a click)."""

        def __init__(self, option_list: FixedOptionList[Any], index: int) -> None:
            super().__init__()
            self.option_list = option_list
            self.option_index = index
            self.option: FixedOption = option_list.options[index]

        @property
        def control(self) -> FixedOptionList[Any]:
            return self.option_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options: Sequence[OptionType] = ()
        self._index_of_id: dict[str, int] | None = None
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    # ------------------------------------------------------------------ data
    @property
    def options(self) -> Sequence[OptionType]:
        return self._options

    @property
    def option_count(self) -> int:
        return len(self._options)

    def get_option_at_index(self, index: int) -> OptionType:
        return self._options[index]

    def get_option_index(self, option_id: str) -> int:
        """The index of the option with this id (``KeyError`` when there is none)."""
        if self._index_of_id is None:
            self._index_of_id = {option.id: i for i, option in enumerate(self._options)}
        return self._index_of_id[option_id]

    def set_options(self, options: Sequence[OptionType]) -> None:
        """Show these options instead; the highlight is cleared (set it again after)."""
        self._options = options
        self._index_of_id = None
        self._highlighted = None
        self._hover_over(None)
        self.virtual_size = Size(0, max(len(options) * STRIDE - 1, 0))
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        """The index of the highlighted option, or ``None``."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._options) - 1)) if self._options else None
        self._highlighted = index
        self.refresh()
        self.scroll_to_highlight()

    @property
    def highlighted_option(self) -> OptionType | None:
        return None if self._highlighted is None else self._options[self._highlighted]

    def scroll_to_highlight(self) -> None:
        """Scroll as little as needed to show the highlighted option whole."""
        if self._highlighted is None or not self.is_mounted:
            return
        top = self._highlighted * STRIDE
        region = Region(0, top, max(self.scrollable_content_region.width, 1), OPTION_LINES)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def on_resize(self) -> None:
        self.scroll_to_highlight()

    def on_show(self) -> None:
        self.scroll_to_highlight()

    # ------------------------------------------------------------------ keys
    def _enabled(self, start: int, step: int, *, wrap: bool) -> int | None:
        """The first enabled option from ``start`` going by ``step`` (±1)."""
        count = len(self._options)
        for offset in range(count):
            index = start + offset * step
            if wrap:
                index %= count
            elif not 0 <= index < count:
                return None
            if not self._options[index].disabled:
                return index
        return None

    def _move(self, step: int) -> None:
        if not self._options:
            return
        if self._highlighted is None:
            self.highlighted = self._enabled(0 if step > 0 else -1, step, wrap=True)
        else:
            self.highlighted = self._enabled(self._highlighted + step, step, wrap=True)

    def action_cursor_down(self) -> None:
        """The next enabled option (after the last: the first)."""
        self._move(1)

    def action_cursor_up(self) -> None:
        """The previous enabled option (before the first: the last)."""
        self._move(-1)

    def action_first(self) -> None:
        if self._options:
            self.highlighted = self._enabled(0, 1, wrap=False)

    def action_last(self) -> None:
        if self._options:
            self.highlighted = self._enabled(len(self._options) - 1, -1, wrap=False)

    def _page(self, step: int) -> None:
        """Move the highlight by the options a screen holds (at least one)."""
        if self._highlighted is None:
            (self.action_first if step < 0 else self.action_last)()
            return
        page = max(self.scrollable_content_region.height // STRIDE, 1)
        target = max(0, min(self._highlighted + step * page, len(self._options) - 1))
        found = self._enabled(target, step, wrap=False)
        if found is None:
            found = self._enabled(target, -step, wrap=False)
        self.highlighted = found

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        """Post :class:`OptionSelected` for the highlighted option, if enabled."""
        index = self._highlighted
        if index is not None and not self._options[index].disabled:
            self.post_message(self.OptionSelected(self, index))

    # ----------------------------------------------------------------- mouse
    def _option_at(self, event: events.MouseEvent) -> int | None:
        """The option under the mouse (``None`` on a rule or past the end)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index, line = divmod(offset.y + self.scroll_offset.y, STRIDE)
        return index if line < OPTION_LINES and index < len(self._options) else None

    def on_click(self, event: events.Click) -> None:
        index = self._option_at(event)
        if index is not None and not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Mark the option under the mouse; its tooltip shows its prompt uncut."""
        self._hover_over(self._option_at(event))

    def on_leave(self) -> None:
        self._hover_over(None)

    def _hover_over(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.tooltip = None if index is None else self._options[index].prompt
            self.refresh()

    # ------------------------------------------------------------- rendering
    def notify_style_update(self) -> None:
        """A new theme or CSS (padding too): draw every option again."""
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(y + self.scroll_offset.y, STRIDE)
        last = index == len(self._options) - 1
        if index >= len(self._options) or (last and line == OPTION_LINES):
            return Strip.blank(width, self._style("option-list--option"))
        if line == OPTION_LINES:
            return Strip([Segment("─" * width, self._style("option-list--separator"))], width)
        option = self._options[index]
        style = self._style("option-list--option", self._state(index, option))
        key = (option, line, width, style)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._line_strip(option.prompt, line, width, style)
        return strip

    def _state(self, index: int, option: OptionType) -> str:
        """The component class of an option's look now (empty when plain)."""
        if option.disabled:
            return "option-list--option-disabled"
        if index == self._highlighted:
            return "option-list--option-highlighted"
        if index == self._hover:
            return "option-list--option-hover"
        return ""

    def _style(self, *component_classes: str) -> Style:
        """The rich style of the list with these component classes (blended, cached)."""
        return self.get_visual_style(*filter(None, component_classes)).rich_style

    def _line_strip(self, prompt: Text, line: int, width: int, style: Style) -> Strip:
        """Line ``line`` of a prompt, padded as ``option-list--option`` says and cut
        with … to the width: never wrapped, so an option keeps its height."""
        lines = prompt.split("\n", allow_blank=True)
        text = lines[line] if line < len(lines) else Text()
        padding = self.get_component_styles("option-list--option").padding
        console = self.app.console
        _cut(text, max(width - padding.left - padding.right, 1), console)
        segments = [Segment(" " * padding.left), *text.render(console)]
        # Text.render leaves out the text's own style (bold for a title): under its spans
        strip = Strip(segments).apply_style(console.get_style(text.style)).apply_style(style)
        return strip.extend_cell_length(width, style).crop(0, width)


def _cut(text: Text, width: int, console: Console) -> None:
    """Cut ``text`` to ``width`` cells, ending in … (after a word or a letter, never
    after a space) in the style of the last character kept."""
    if text.cell_len <= width:
        return
    text.truncate(width - 1, overflow="crop")
    text.rstrip()
    style = text.get_style_at_offset(console, len(text) - 1) if text else Style.null()
    text.append("…", style=style)
