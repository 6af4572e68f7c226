"""The search sidebar: a query box and live results across every loaded interview."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.core.library import Library
from reader.core.model import turn_number
from reader.core.search import InvalidQueryError, SearchHit
from reader.ui.messages import OpenPassage, Passage
from reader.ui.text import counted, highlighted, separated

DEBOUNCE_SECONDS = 0.15
RESULT_LIMIT = 50
PASSAGE_CHARS = 320


def hit_passage(hit: SearchHit) -> Passage:
    """The hit as a passage of its turn (offsets into ``Turn.text``)."""
    start = hit.passage_start
    return Passage(
        turn=hit.turn,
        start=start,
        end=start + len(hit.text),
        highlights=tuple((start + s, start + e) for s, e in hit.highlights),
    )


def hit_label(hit: SearchHit) -> Text:
    """``Title · Speaker · turn N`` dimmed, then the passage with the matched words
    highlighted."""
    where = f"{hit.interview_title} · {hit.speaker} · turn {turn_number(hit.turn)}"
    label = Text(where, style="dim")
    label.append("\n")
    text, spans = hit.text, list(hit.highlights)
    if len(text) > PASSAGE_CHARS:
        cut = text.rfind(" ", 0, PASSAGE_CHARS)
        cut = cut if cut > PASSAGE_CHARS // 2 else PASSAGE_CHARS
        spans = [(s, min(e, cut)) for s, e in spans if s < cut]
        text = text[:cut] + "…"
    label.append_text(highlighted(text, spans))
    return label


class ResultList(OptionList):
    """Search results; ``escape`` goes back to the conversation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open at passage", id="results.open"),
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
    ]


class SearchSidebar(Vertical):
    """Type to search; results update as you type (debounced, stale queries dropped)."""

    BINDING_GROUP_TITLE = "Search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "focus_results", "Results", show=False, id="search.results"),
    ]

    class QueryChanged(Message):
        """A search finished: the query now in force (empty when cleared)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.hits: list[SearchHit] = []
        self.query_text = ""
        self._timer: Timer | None = None
        self._into_results = False
        """Focus was sent to the results; an enter the query box still gets was typed
        before it arrived (Textual applies focus after the keys already queued)."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search (/) e.g. cold war", id="search-input")
        yield Static("", id="search-status", markup=False)
        yield ResultList(id="search-results")

    @property
    def results(self) -> ResultList:
        return self.query_one(ResultList)

    def highlighted_hit(self) -> SearchHit | None:
        """The hit under the result list's cursor, if any."""
        index = self.results.highlighted
        return self.hits[index] if index is not None and index < len(self.hits) else None

    def rerun(self) -> None:
        """Search again for the current query (e.g. after more interviews loaded)."""
        if self.query_text:
            self._search(self.query_text)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._search(query))

    def action_focus_results(self) -> None:
        """From the query box into the results, on the first hit."""
        if self.hits:
            self.results.highlighted = 0
            self.results.focus()
            self._into_results = True

    @on(events.DescendantFocus)
    def _focus_arrived(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):  # back in the query box: enter moves again
            self._into_results = False

    @on(Input.Submitted, "#search-input")
    def _query_submitted(self, event: Input.Submitted) -> None:
        """Enter goes into the results; when keys come in a burst (``down`` ``enter``,
        or ``enter`` twice) and focus has not arrived there yet, it opens the hit."""
        event.stop()
        if self._into_results:
            self._open(self.highlighted_hit())
        else:
            self.action_focus_results()

    @on(OptionList.OptionSelected, "#search-results")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(self.hits[event.option_index])

    def _open(self, hit: SearchHit | None) -> None:
        if hit is not None and hit.source is not None:
            self.post_message(OpenPassage(hit.source, hit_passage(hit)))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        worker = get_current_worker()
        if not query:
            self.app.call_from_thread(self._show, query, [], "")
            return
        try:
            hits = self.library.search(query, limit=RESULT_LIMIT)
        except InvalidQueryError as error:
            hits, status = [], str(error)
        else:
            status = counted(len(hits), "result")
            if len(hits) == RESULT_LIMIT:
                status = f"top {RESULT_LIMIT} results"
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, hits, status)

    def _show(self, query: str, hits: list[SearchHit], status: str) -> None:
        current = self.query_one("#search-input", Input).value.strip()
        if query != current:
            return
        self.hits, self.query_text = hits, query
        self.query_one("#search-status", Static).update(status)
        results = self.results
        results.clear_options()
        results.add_options(separated(Option(hit_label(hit)) for hit in hits))
        if hits:
            results.highlighted = 0
        self.post_message(self.QueryChanged(query))
