"""ReaderApp: the interview list, the conversation view and the search/bookmarks/codes sidebar."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, ProgressBar, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from reader.core import paths as user_paths
from reader.core.bookmarks import Bookmark, BookmarkError, BookmarkStore
from reader.core.bookmarks.store import DB_NAME as BOOKMARKS_FILE
from reader.core.library import Library, LoadProgress
from reader.core.loader import is_supported
from reader.core.model import Interview, LoadError
from reader.core.paths import bundled_corpus_dir
from reader.core.places import Place, load_place, save_place
from reader.core.search import CLOSE_MATCH, InvalidQueryError, SearchHit
from reader.core.settings import load_settings
from reader.ui.coding import Coding, Target
from reader.ui.commands import ReaderCommands
from reader.ui.messages import LoadProgressed, OpenPassage, Passage
from reader.ui.panes import Panes
from reader.ui.reading_tools import ReadingTools
from reader.ui.screens.confirm import ConfirmScreen
from reader.ui.screens.help import BindingGroup, HelpScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.text import citation, counted
from reader.ui.watcher import FileWatcher
from reader.ui.widgets.bookmarks_panel import BookmarksPanel
from reader.ui.widgets.codes_panel import CodesPanel
from reader.ui.widgets.conversation_view import ConversationView
from reader.ui.widgets.interview_list import InterviewList, InterviewOptions
from reader.ui.widgets.search_sidebar import ResultList, SearchSidebar, hit_passage
from reader.ui.widgets.selecting import StatusChanged

MAX_ERROR_NOTES = 5
"""Load errors notified one by one; past this, one summary notification."""
LIST_REFRESH_SECONDS = 0.5
"""While loading, the interview list is refilled at most this often (or, when a refill
is slow because the list is long, every four refills' worth of time), so that a
5,000-file folder does not spend its loading time redrawing the list."""


def _is_bookmark_file(path: Path) -> bool:
    """The bookmark database or its journal files."""
    return path.name.startswith(BOOKMARKS_FILE)


def same_file(a: Path | None, b: Path | None) -> bool:
    """Whether two paths name the same file (however they were spelt)."""
    return a is not None and b is not None and (a == b or a.resolve() == b.resolve())


class ReaderApp(Coding, ReadingTools, Panes, App[None]):
    """Read, search and cite interview transcripts."""

    TITLE = "interview-reader"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    HORIZONTAL_BREAKPOINTS = [
        (0, "-tiny"),
        (60, "-narrow"),
        (110, "-wide"),
    ]
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="app.interrupt"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("escape", "leave", "Back", id="app.leave"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True, id="app.next"),
        Binding(
            "shift+tab", "cycle_pane(-1)", "Prev pane", show=False, priority=True, id="app.prev"
        ),
        Binding("b", "bookmark", "Bookmark", id="app.bookmark"),
        Binding("c", "cite", "Cite", id="app.cite"),
        Binding("C", "code_passage", "Code", id="app.code"),
        Binding("ctrl+b,s", "toggle_sidebar", "Sidebar", id="app.sidebar"),
        Binding(
            "t",
            "switch_tab",
            "Search/Bookmarks/Codes",
            tooltip="The sidebar's next tab",
            id="app.switch-tab",
        ),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
    ]

    def __init__(self, paths: Sequence[str | Path] = (), *, data_dir: Path | None = None) -> None:
        super().__init__()
        self.paths = [Path(p) for p in paths] or [bundled_corpus_dir()]
        self.data_dir = data_dir
        self.library = Library()
        self.store: BookmarkStore | None = None
        self.bookmarks: list[Bookmark] = []
        self.current: Interview | None = None
        self._errors_seen = 0
        self._load_finished = False
        self._list_refresh: Timer | None = None
        self._list_fill_seconds = 0.0
        self._watchers: list[FileWatcher] = []
        theme = load_settings().theme
        if theme in self.available_themes:
            self.theme = theme

    def close(self) -> None:
        """Release the search cache and the bookmark store (after the app has run)."""
        self.library.close()
        if self.store is not None:
            self.store.close()

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield InterviewList(id="interview-list")
            with Vertical(id="reading"):
                yield ConversationView(id="conversation")
                yield Static(id="passage-status", markup=False)
            with TabbedContent(id="sidebar"):
                with TabPane("Search", id="search-tab"):
                    yield SearchSidebar(self.library, id="search")
                with TabPane("Bookmarks", id="bookmarks-tab"):
                    yield BookmarksPanel(id="bookmarks")
                with TabPane("Codes", id="codes-tab"):
                    yield CodesPanel(id="codes")
        yield ProgressBar(id="load-progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "loading…"
        self.view.focus()
        self._load()
        self._open_store()
        self._watch(self.paths, is_supported, lambda: self._load(prune=True))

    def on_unmount(self) -> None:
        for watcher in self._watchers:
            watcher.stop()

    # ----------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, prune: bool = False) -> None:
        """Load the paths; again (``prune``) when files changed, dropping removed ones."""
        worker = get_current_worker()

        def on_progress(progress: LoadProgress) -> None:
            self.post_message(LoadProgressed(progress))

        self.library.load(
            self.paths,
            on_progress=on_progress,
            should_stop=lambda: worker.is_cancelled,
            prune=prune,
        )
        if not worker.is_cancelled:
            self.call_from_thread(self._loaded)

    @on(LoadProgressed)
    def _progressed(self, message: LoadProgressed) -> None:
        progress = message.progress
        try:
            bar = self.query_one("#load-progress", ProgressBar)
        except NoMatches:  # a batch that arrives as the app closes: nothing to show it in
            return
        bar.update(total=max(progress.total, 1), progress=progress.done)
        self._notify_errors(self.library.errors)
        if self._list_fill_seconds == 0.0:
            self._refresh_list()  # the first batch shows at once
        elif self._list_refresh is None:
            delay = max(LIST_REFRESH_SECONDS, 4 * self._list_fill_seconds)
            self._list_refresh = self.set_timer(delay, self._refresh_list)

    def _refresh_list(self) -> None:
        """Show what the library has loaded so far in the interview list."""
        self._list_refresh = None
        started = time.perf_counter()
        self.interview_list.set_interviews(self.library.summaries, self.library.errors)
        self._list_fill_seconds = max(time.perf_counter() - started, 1e-6)

    def _loaded(self) -> None:
        first = not self._load_finished
        self._load_finished = True
        self.query_one("#load-progress", ProgressBar).display = False
        if self._list_refresh is not None:
            self._list_refresh.stop()
        self._refresh_list()
        summaries, errors = self.library.summaries, self.library.errors
        self._notify_errors(errors)
        turns = sum(summary.turn_count for summary in summaries)
        self.sub_title = f"{counted(len(summaries), 'interview')} · {counted(turns, 'turn')}"
        opening = any(w.group == "open" and w.is_running for w in self.workers)
        if self.current is not None and self.current.source is not None:
            self._refresh_current(self.current.source)
        elif not (first and self._restore_place()) and not opening:
            if summaries and summaries[0].source:
                self._fetch(summaries[0].source, None, focus=False)
        self.search_sidebar.rerun()
        self._reanchor()

    def _notify_errors(self, errors: tuple[LoadError, ...]) -> None:
        fresh = errors[self._errors_seen :]
        self._errors_seen = len(errors)
        room = max(MAX_ERROR_NOTES - (len(errors) - len(fresh)), 0)
        for error in fresh[:room]:
            self.notify(str(error), title="Could not load", severity="error", markup=False)
        if len(fresh) > room:
            self.notify(
                f"{len(fresh) - room} more files could not be loaded (dimmed in the list)",
                severity="error",
                markup=False,
            )

    # -------------------------------------------------------- staying current
    def _watch(
        self, roots: Sequence[Path], accept: Callable[[Path], bool], on_change: Callable[[], object]
    ) -> None:
        """Call ``on_change`` when files that ``accept`` takes change under ``roots``:
        transcripts added, edited or removed; bookmarks written by another copy."""
        self._watchers.append(FileWatcher(self, roots, accept, on_change).start())

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh_current(self, source: Path) -> None:
        """Read the open interview again after a load (its file may have changed)."""
        interview = self.library.interview(source)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._refreshed, source, interview)

    def _refreshed(self, source: Path, interview: Interview | None) -> None:
        current = self.current
        if current is None or current.source != source or interview == current:
            return
        if interview is None:
            self.notify(f"{source} is gone or can no longer be read", markup=False)
            self.current = None
            self.view.show(None)
            return
        self.current = interview
        self.view.replace_interview(interview)
        self._mark_bookmarked()
        self._find_in_interview(self.search_sidebar.query_text)

    # --------------------------------------------------------- reading places
    def _restore_place(self) -> bool:
        """Open where the reader was left last time with these paths, if it still can."""
        place = load_place(self.paths, self.data_dir)
        if place is None:
            return False
        source = self.library.source_of(Path(place.source))
        if source is None:
            return False
        if place.query:
            self.query_one("#search-input", Input).value = place.query
        self._fetch(source, Passage(place.turn, place.start, place.start), focus=False)
        return True

    def _save_place(self) -> None:
        """Remember the open interview, the cursor's passage and the search for next time."""
        passage = self.view.current_passage()
        if self.current is None or self.current.source is None or passage is None:
            return
        turn, _quote, start, _end = passage
        source = str(self.current.source.resolve())
        place = Place(source, turn, start, self.search_sidebar.query_text)
        try:
            save_place(self.paths, place, self.data_dir)
        except OSError as error:
            self.log.warning(f"could not remember the reading place: {error}")

    async def action_quit(self) -> None:
        """Quit, remembering where the reader was."""
        self._save_place()
        self.exit()

    # ---------------------------------------------------------------- opening
    @on(OpenPassage)
    def _open_passage(self, message: OpenPassage) -> None:
        self._fetch(message.source, message.passage, focus=True)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False, description="open")
    def _fetch(self, source: Path, passage: Passage | None, focus: bool) -> None:
        """Read the interview off the UI thread (the cache keeps it until asked for)."""
        interview = self.library.interview(source)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._fetched, source, interview, passage, focus)

    def _fetched(
        self, source: Path, interview: Interview | None, passage: Passage | None, focus: bool
    ) -> None:
        if interview is None:
            self.notify(f"{source} is not loaded", severity="error", markup=False)
            return
        self._open(interview, passage)
        if focus:
            main = self.screen_stack[0]
            if not main.has_class("-wide"):
                main.remove_class("-sidebar-open", "-sidebar-closed")  # narrow: to the text
            self.view.focus()

    def _open(self, interview: Interview, passage: Passage | None) -> None:
        if passage is not None and not 0 <= passage.turn < len(interview.turns):
            self.notify("That passage is no longer in the file", severity="warning", markup=False)
            passage = None
        same = self.current is interview or self.current == interview
        if same and passage is not None:
            self.view.go_to(passage)
        else:
            self.current = interview
            self.view.show(interview, passage)
            self.interview_list.show_current(interview.source)
            self._mark_bookmarked()
            self._find_in_interview(self.search_sidebar.query_text)

    def open_interview(self, source: Path) -> None:
        """Open the interview read from ``source`` at its top, and go to it."""
        self._fetch(source, None, focus=True)

    @on(SearchSidebar.QueryChanged)
    def _query_changed(self, message: SearchSidebar.QueryChanged) -> None:
        self._find_in_interview(message.query)

    @work(thread=True, exclusive=True, group="interview-hits", exit_on_error=False)
    def _find_in_interview(self, query: str) -> None:
        """The close matches of ``query`` in the open interview, for ``n``/``N``."""
        interview = self.current
        hits: list[SearchHit] = []
        if interview is not None and interview.source is not None and query:
            try:
                hits = self.library.search(query, limit=1000, source=interview.source)
            except InvalidQueryError:
                pass  # the search box says why
        if not get_current_worker().is_cancelled and interview is self.current:
            passages = [hit_passage(hit) for hit in hits if hit.score >= CLOSE_MATCH]
            self.call_from_thread(self.view.set_hits, query, passages)

    # ------------------------------------------------------------- bookmarks
    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        try:
            store = BookmarkStore.open(self.data_dir)
            bookmarks = store.list()
        except BookmarkError as error:
            self.call_from_thread(
                self.notify, f"Bookmarks unavailable: {error}", severity="error", markup=False
            )
            return
        self.call_from_thread(self._store_ready, store, bookmarks)

    def _store_ready(self, store: BookmarkStore, bookmarks: list[Bookmark]) -> None:
        self.store = store
        self.library.code_passages = self._code_passages
        if store.warning:
            self.notify(store.warning, severity="warning", markup=False)
        self._show_bookmarks(bookmarks)
        if self._load_finished:
            self._reanchor()
        folder = self.data_dir or user_paths.data_dir()
        self._watch([folder], _is_bookmark_file, self._list_bookmarks)

    @work(thread=True, exclusive=True, group="list-bookmarks", exit_on_error=False)
    def _list_bookmarks(self) -> None:
        store = self.store
        if store is not None:
            bookmarks = store.list()
            self.call_from_thread(self._show_bookmarks, bookmarks)

    # Textual's default worker description is the repr of every argument: for
    # interviews that is their whole text (hundreds of MB across a big library).
    @work(thread=True, group="store", exit_on_error=False, description="re-anchor bookmarks")
    def _reanchor(self) -> None:
        """Re-anchor the bookmarks of the loaded files that have any (orphans stay listed).

        Runs once both the files and the store are ready, whichever comes last.
        """
        store = self.store
        if store is None:
            return
        bookmarked = {b.source.resolve() for b in store.list()}
        for summary in self.library.summaries:
            if summary.source is not None and summary.source.resolve() in bookmarked:
                interview = self.library.interview(summary.source)
                if interview is not None:
                    store.reanchor(interview)
        self.call_from_thread(self._show_bookmarks, store.list())

    def _show_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        self.bookmarks = bookmarks
        self.bookmarks_panel.set_bookmarks(bookmarks)
        self.sidebar.get_tab("bookmarks-tab").label = f"Bookmarks ({len(bookmarks)})"
        self._show_codes()
        self._mark_bookmarked()

    def _mark_bookmarked(self) -> None:
        source = self.current.source if self.current else None
        turns = frozenset(
            b.turn for b in self.bookmarks if not b.orphaned and same_file(b.source, source)
        )
        self.view.set_bookmarked_turns(turns)
        self.view.set_coded(self._coded_spans(source))

    def _store_or_warn(self) -> BookmarkStore | None:
        if self.store is None:
            self.notify("Bookmarks are not available", severity="error", markup=False)
        elif self.store.read_only:
            self.notify("Bookmarks are read-only here", severity="warning", markup=False)
        else:
            return self.store
        return None

    def action_bookmark(self) -> None:
        """Bookmark the selection (one bookmark per turn), the current passage or the
        highlighted search hit, asking for a note."""
        targets = self._targets()
        if not targets or self._store_or_warn() is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._add_bookmarks(targets, note)
                self.view.action_cancel_selection()

        quote = " … ".join(quote for _interview, _turn, quote, _start in targets)
        self.push_screen(NoteScreen("Bookmark this passage", quote), save)

    @work(thread=True, group="store", exit_on_error=False, description="add a bookmark")
    def _add_bookmarks(self, targets: list[Target], note: str) -> None:
        store = self.store
        assert store is not None
        try:
            store.add_passages(targets, note=note)  # all of them or none
        except BookmarkError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, "Bookmarked", markup=False)
        self.call_from_thread(self._show_bookmarks, store.list())

    @on(BookmarksPanel.DeleteRequested)
    def _delete_requested(self, message: BookmarksPanel.DeleteRequested) -> None:
        bookmark = message.bookmark
        if self._store_or_warn() is None:
            return
        quote = " ".join(bookmark.quote.split())
        quote = quote if len(quote) <= 60 else quote[:59] + "…"

        def answer(yes: bool | None) -> None:
            if yes:
                self._change_bookmark(bookmark.id, None)

        self.push_screen(ConfirmScreen(f"Delete the bookmark “{quote}”?"), answer)

    @on(BookmarksPanel.EditRequested)
    def _edit_requested(self, message: BookmarksPanel.EditRequested) -> None:
        bookmark = message.bookmark
        if self._store_or_warn() is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._change_bookmark(bookmark.id, note)

        self.push_screen(NoteScreen("Edit the note", bookmark.quote, bookmark.note), save)

    @work(thread=True, group="store", exit_on_error=False)
    def _change_bookmark(self, bookmark_id: int, note: str | None) -> None:
        """Set the note of a bookmark, or delete it when ``note`` is None."""
        store = self.store
        assert store is not None
        try:
            if note is None:
                store.remove(bookmark_id)
            else:
                store.set_note(bookmark_id, note)
        except BookmarkError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self._show_bookmarks, store.list())

    # --------------------------------------------------------------- citing
    def _target(self) -> Target | None:
        """(interview, turn, quote, start in Turn.text) that ``b`` and ``c`` act on."""
        if isinstance(self.focused, ResultList):
            hit = self.search_sidebar.highlighted_hit()
            interview = self.library.interview(hit.source) if hit and hit.source else None
            if hit is not None and interview is not None:
                return interview, hit.turn, hit.text, hit.passage_start
        passage = self.view.current_passage()
        if self.current is None or passage is None:
            self.notify("No passage to act on: open an interview first", markup=False)
            return None
        turn, quote, start, _end = passage
        return self.current, turn, quote, start

    def action_cite(self) -> None:
        """Copy ``“quote” — Speaker, Title, Date, p. 461`` to the clipboard (a line per
        turn of a selection); a timed recording without pages gives ``at 00:14:05``."""
        targets = self._targets()
        if not targets:
            return
        text = "\n".join(
            citation(
                quote,
                interview.turns[turn].speaker,
                interview,
                interview.turns[turn].place_at(start),
            )
            for interview, turn, quote, start in targets
        )
        self.copy_to_clipboard(text)
        self.notify(text, title="Copied citation", markup=False)

    @on(StatusChanged)
    def _status_changed(self, message: StatusChanged) -> None:
        status = self.query_one("#passage-status", Static)
        status.update(message.text)
        status.display = bool(message.text)

    def action_next_speaker_turn(self) -> None:
        self.view.action_next_speaker_turn()
        self.view.focus()

    def action_toggle_theme(self) -> None:
        """Dark ↔ light (ReadingTools.watch_theme keeps the choice for the next start)."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.binding_groups()))

    @staticmethod
    def binding_groups() -> list[BindingGroup]:
        """Every binding the app defines, grouped by where it works."""
        return [
            (ReaderApp.BINDING_GROUP_TITLE, ReaderApp.BINDINGS),
            (ConversationView.BINDING_GROUP_TITLE, ConversationView.BINDINGS),
            ("Interview list (letters and digits filter it)", InterviewOptions.BINDINGS),
            ("Search results", ResultList.BINDINGS),
            (BookmarksPanel.BINDING_GROUP_TITLE, BookmarksPanel.BINDINGS),
            (CodesPanel.BINDING_GROUP_TITLE, CodesPanel.BINDINGS),
        ]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed: one line, never a traceback."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            text = " ".join(str(error).split()) or type(error).__name__
            self.notify(text, title="Something went wrong", severity="error", markup=False)
