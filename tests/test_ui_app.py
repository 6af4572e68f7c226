"""The whole app under Pilot: every key of issue 4, bookmarks (issue 6), loading (issue 7)."""

from __future__ import annotations

import io
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual import events
from textual.binding import Binding
from textual.widgets import Input, ProgressBar, Static

import reader.core.bookmarks.store as store_module
from conftest import search, settle
from reader.core import loader
from reader.core.bookmarks import BookmarkStore
from reader.core.library import Library, LoadProgress
from reader.core.model import Interview
from reader.core.search import SearchHit
from reader.ui.app import ReaderApp
from reader.ui.commands import ReaderCommands
from reader.ui.messages import LoadProgressed, OpenPassage, Passage
from reader.ui.screens.confirm import ConfirmScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.widgets import interview_list, search_sidebar
from reader.ui.widgets.conversation_view import ConversationView
from reader.ui.widgets.interview_list import InterviewOptions
from reader.ui.widgets.search_sidebar import ResultList

QUOTE = (
    "We've said very clearly, Secretary Gates said very clearly in Munich,"
    " he said one Cold War was enough."
)
TRAPS = "[inaudible] [laughs] [/] [b] [bold red]x[/]"
TRAP_TRANSCRIPT = f"""Interview With [b]Trap[/b] Fans

QUESTION: What did you hear {TRAPS} then?

SECRETARY KERRY: I heard {TRAPS} and (Laughter.) the end.
"""


def view_text(app: ReaderApp) -> str:
    view = app.view
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


@pytest.fixture
def trap_file(tmp_path: Path) -> Path:
    path = tmp_path / "traps.txt"
    path.write_text(TRAP_TRANSCRIPT, encoding="utf-8")
    return path


async def test_opens_the_bundled_corpus_sorted_by_date_with_the_first_interview_shown() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        interviews = app.library.summaries
        assert len(interviews) == 5
        dates = [i.date for i in interviews]
        assert dates == sorted(dates)
        listed = app.interview_list.visible_sources()
        assert listed == [i.source for i in interviews]
        assert app.current is not None and app.current.summary == interviews[0]
        turns = sum(len(i.turns) for i in app.library.each_interview())
        assert app.sub_title == f"5 interviews · {turns} turns"
        assert app.focused is app.view


async def test_search_enter_opens_the_interview_scrolled_to_the_highlighted_passage() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh", typed=True)
        sidebar = app.search_sidebar
        assert sidebar.hits[0].text == QUOTE
        assert isinstance(app.focused, Input)
        await pilot.press("enter")  # from the query box to the results
        assert isinstance(app.focused, ResultList)
        await pilot.press("enter")
        await settle(pilot)
        hit = sidebar.hits[0]
        assert app.current is not None and app.current.source == hit.source
        assert app.focused is app.view
        turn, quote, start, _end = app.view.current_passage() or (0, "", 0, 0)
        assert (turn, quote, start) == (hit.turn, QUOTE, hit.passage_start)
        assert "Gates said very clearly in Munich" in view_text(app)


async def test_down_from_the_search_box_then_enter_opens_the_top_hit() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "seperatists russia kyiv")
        hit = app.search_sidebar.hits[0]
        await pilot.press("down")
        assert isinstance(app.focused, ResultList)
        assert app.focused.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.current is not None and app.current.source == hit.source
        assert app.view.current_passage() is not None
        assert app.view.current_passage()[1] == hit.text  # type: ignore[index]


@pytest.mark.parametrize("burst", [("down", "enter"), ("enter", "enter")])
async def test_keys_in_a_burst_from_the_search_box_open_the_top_hit(
    burst: tuple[str, str],
) -> None:
    """As from tmux send-keys or a fast typist: the second key arrives before Textual
    has moved the focus into the results."""
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "seperatists russia kyiv")
        hit = app.search_sidebar.hits[0]
        assert isinstance(app.focused, Input)
        for key in burst:  # both queued before either is handled
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
        await settle(pilot)
        assert app.current is not None and app.current.source == hit.source
        assert app.view.current_passage() is not None
        assert app.view.current_passage()[1] == hit.text  # type: ignore[index]
        assert app.focused is app.view


async def test_escape_leaves_the_search_box_for_the_conversation() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused is app.query_one("#search-input", Input)
        await pilot.press("escape")
        assert app.focused is app.view


async def test_tab_and_shift_tab_cycle_the_three_panes() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        seen = []
        for key in ["tab", "tab", "tab", "shift+tab", "shift+tab"]:
            await pilot.press(key)
            assert app.focused is not None
            seen.append(app.focused.id)
        assert seen == [
            "search-input",
            "interview-options",
            "conversation",
            "interview-options",
            "search-input",
        ]


async def test_j_k_g_G_in_the_conversation_move_the_cursor() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        view = app.view
        for key, expected in [("j", 1), ("j", 2), ("k", 1), ("G", len(view.paragraphs) - 1)]:
            await pilot.press(key)
            assert view.cursor == expected
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_y == 0


async def test_n_and_N_go_to_the_query_hits_inside_the_open_interview() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "separatists")
        await pilot.press("enter", "enter")
        await settle(pilot)
        view = app.view
        assert app.current is not None
        hits = app.library.search("separatists", limit=1000, source=app.current.source)
        order = sorted((h.turn, h.passage_start) for h in hits)
        assert len(order) == 4
        await pilot.press("g")
        visited = []
        for key in ["n"] * 4 + ["N"]:
            await pilot.press(key)
            assert view.passage is not None
            visited.append((view.passage.turn, view.passage.start))
        assert visited == [*order, order[2]]


async def test_c_copies_the_passage_as_a_citation() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("c")
        interview = app.current
        assert interview is not None and interview.date is not None
        speaker = interview.turns[app.search_sidebar.hits[0].turn].speaker
        date = f"{interview.date.day} {interview.date:%B} {interview.date.year}"
        assert app.clipboard == f"“{QUOTE}” — {speaker}, {interview.title}, {date}"


async def test_c_on_a_highlighted_search_result_cites_that_result() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "c")
        assert app.clipboard.startswith(f"“{QUOTE}” — ")


async def test_c_cites_the_page_and_line_of_a_numbered_record(tmp_path: Path) -> None:
    source = tmp_path / "hearing.txt"
    fixture = Path(__file__).parent / "data" / "parse" / "hearing_numbered_lines.txt"
    source.write_bytes(fixture.read_bytes())
    app = ReaderApp([source])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j", "c")
        assert app.clipboard == "“Thank you, Colonel.” — Mr. LIMAN, hearing, 461:3"
        await pilot.press("j", "c")  # past (Laughter.), which is never cited
        assert app.clipboard == "“You are welcome.” — Colonel NORTH, hearing, 461:5"


async def test_c_cites_the_time_of_a_passage_in_captions(tmp_path: Path) -> None:
    source = tmp_path / "tape2.vtt"
    fixture = Path(__file__).parent / "data" / "formats" / "voice_tags.vtt"
    source.write_bytes(fixture.read_bytes())
    app = ReaderApp([source])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert app.clipboard == (
            "“When did you first work on the docks?” — Interviewer,"
            " Harbour oral history, tape 2, at 00:00:00"
        )
        await pilot.press("j", "j", "c")
        assert app.clipboard == (
            "“And the strike?” — Interviewer, Harbour oral history, tape 2, at 01:02:03"
        )


async def test_b_bookmarks_with_a_note_marks_the_turn_lists_it_and_d_e_manage_it() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("b")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"Gates [b]quote[/b]", "enter")
        await settle(pilot)
        hit = app.search_sidebar.hits[0]
        assert [(b.turn, b.quote, b.note) for b in app.bookmarks] == [
            (hit.turn, QUOTE, "Gates [b]quote[/b]")
        ]
        assert app.view.bookmarked_turns == frozenset({hit.turn})
        assert str(app.sidebar.get_tab("bookmarks-tab").label) == "Bookmarks (1)"
        assert "★ " in view_text(app)

        await pilot.press("ctrl+p")
        await pilot.press(*"show bookm", "enter")
        await settle(pilot)
        panel = app.bookmarks_panel
        assert app.focused is panel
        prompt = str(panel.get_option_at_index(0).prompt)
        assert "Gates [b]quote[/b]" in prompt and QUOTE in prompt

        await pilot.press("e")
        assert isinstance(app.screen, NoteScreen)
        note = app.screen.query_one(Input)
        note.value = ""
        await pilot.press(*"edited", "enter")
        await settle(pilot)
        assert [b.note for b in app.bookmarks] == ["edited"]

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(app.bookmarks) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.bookmarks == []
        assert app.view.bookmarked_turns == frozenset()


async def test_enter_on_a_bookmark_jumps_to_its_passage_and_bookmarks_survive_restart() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "b")
        await pilot.press(*"kept", "enter")
        await settle(pilot)
    again = ReaderApp()
    async with again.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert [b.note for b in again.bookmarks] == ["kept"]
        await pilot.press("ctrl+b")  # hide, then reopen on the Bookmarks tab
        again.action_show_bookmarks()
        await pilot.press("enter")
        await settle(pilot)
        bookmark = again.bookmarks[0]
        assert again.current is not None and again.current.source == bookmark.source
        assert again.view.current_passage() == (bookmark.turn, QUOTE, bookmark.start, bookmark.end)


@pytest.mark.parametrize("slower", ["store", "library"])
async def test_orphaned_bookmarks_stay_listed_and_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slower: str
) -> None:
    source = tmp_path / "t.txt"
    source.write_text(TRAP_TRANSCRIPT, encoding="utf-8")
    app = ReaderApp([source])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("j", "b", "enter")
        await settle(pilot)
    source.write_text("Interview With Nobody\n\nQUESTION: Something else entirely.\n")
    # One of the two comes ready only once the other has finished, whatever the machine.
    store, library = (BookmarkStore, "open"), (Library, "load")
    first, second = (library, store) if slower == "store" else (store, library)
    first_done = threading.Event()
    run_first, run_second = getattr(*first), getattr(*second)

    def then_signal(*args: Any, **kwargs: Any) -> Any:
        try:
            return run_first(*args, **kwargs)
        finally:
            first_done.set()

    def after_the_first(*args: Any, **kwargs: Any) -> Any:
        assert first_done.wait(30), "the other one never finished"
        return run_second(*args, **kwargs)

    monkeypatch.setattr(*first, then_signal)
    monkeypatch.setattr(*second, after_the_first)
    again = ReaderApp([source])
    async with again.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert [b.orphaned for b in again.bookmarks] == [True]
        prompt = str(again.bookmarks_panel.get_option_at_index(0).prompt)
        assert prompt.startswith("⚠ orphaned")
        assert again.view.bookmarked_turns == frozenset()


async def test_a_read_only_bookmark_store_is_a_notification_and_reading_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    BookmarkStore.open(data).close()
    for path in [data, *data.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    if os.geteuid() == 0:  # root writes anyway: fail the way SQLite does on a read-only file

        def refuse(path: Path, busy_timeout: float) -> sqlite3.Connection:
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(store_module, "_open_writable", refuse)
    app = ReaderApp(data_dir=data)
    try:
        async with app.run_test(size=(120, 34)) as pilot:
            await settle(pilot)
            assert app.store is not None and app.store.read_only
            assert any("read-only" in str(n.message) for n in app._notifications)
            await pilot.press("b")
            assert not isinstance(app.screen, NoteScreen)
            assert app.current is not None
    finally:
        for path in [data, *data.iterdir()]:
            path.chmod(0o755 if path.is_dir() else 0o644)


async def test_palette_toggles_the_theme_and_opens_an_interview_by_title() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        await pilot.press("ctrl+p", *"dark/l", "enter")
        await pilot.pause()
        assert not app.current_theme.dark
        target = app.library.summaries[-1]
        await pilot.press("ctrl+p", *f"open: {target.title[-12:]}", "enter")
        await settle(pilot)
        assert app.current is not None and app.current.summary == target
        highlighted = app.query_one(InterviewOptions).highlighted_option
        assert highlighted is not None and highlighted.id == str(target.source)


async def test_a_palette_entry_opens_its_interview_after_the_list_is_re_sorted(
    tmp_path: Path,
) -> None:
    later = tmp_path / "later.txt"
    later.write_text("Date: 2010-01-01\n\n" + TRAP_TRANSCRIPT, encoding="utf-8")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        entries = ReaderCommands(app.screen)._entries()
        open_later = next(callback for name, _, callback in entries if name.startswith("Open"))
        earlier = tmp_path / "earlier.txt"  # loads later but sorts first: the list re-sorts
        earlier.write_text("Date: 2000-01-01\n\n" + TRAP_TRANSCRIPT, encoding="utf-8")
        app.library.load([earlier])
        assert [s.source for s in app.library.summaries] == [earlier, later]
        open_later()
        await settle(pilot)
        assert app.current is not None and app.current.source == later


async def test_palette_jumps_to_the_speakers_next_turn() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        interview, view = app.current, app.view
        assert interview is not None
        first = view.paragraphs[view.cursor].turn
        speaker = interview.turns[first].speaker
        later = range(first + 1, len(interview.turns))
        expected = next(n for n in later if interview.turns[n].speaker == speaker)
        await pilot.press("ctrl+p", *"next turn by", "enter")
        await pilot.pause()
        assert view.paragraphs[view.cursor].turn == expected


async def test_help_lists_every_binding_of_the_app() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-table", Static).content)
        text = console.export_text()
        for _title, bindings in ReaderApp.binding_groups():
            for binding in bindings:
                assert isinstance(binding, Binding)
                assert binding.description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_c_quits_even_from_the_search_box() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "ctrl+c")
        await pilot.pause()
        assert not app.is_running


async def test_at_80x24_the_sidebar_is_hidden_until_asked_for_and_folds_after_a_jump() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.sidebar.display
        assert app.interview_list.display and app.view.size.width >= 40
        await pilot.press("ctrl+b")
        assert app.sidebar.display
        await pilot.press("ctrl+b")
        assert not app.sidebar.display
        await pilot.press("s")
        assert app.sidebar.display
        await pilot.press("s")
        assert not app.sidebar.display
        await search(pilot, "one cold war was enugh")
        assert app.sidebar.display and not app.interview_list.display
        hits = list(app.search_sidebar.hits)
        await pilot.press("enter", "enter")
        assert not app.sidebar.display and app.interview_list.display
        assert app.focused is app.view and app.view.passage is not None
        await pilot.press("slash")
        assert app.sidebar.display and app.search_sidebar.hits == hits != []


async def test_resizing_to_40x10_and_back_does_not_crash() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        for size in [(40, 10), (20, 6), (80, 24), (200, 60), (120, 34)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("j", "tab")
        assert app.is_running
        assert app.sidebar.display


async def test_the_list_filters_by_typing_and_enter_opens_the_interview() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.query_one(InterviewOptions).focus()
        await pilot.press(*"rossiya")
        assert app.focused is app.query_one("#list-filter")
        assert app.query_one("#list-filter", Input).value == "rossiya"  # first letter kept
        sources = app.interview_list.visible_sources()
        assert len(sources) == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.current is not None and app.current.source == sources[0]
        assert "Rossiya" in app.current.title


async def test_keys_typed_in_a_burst_into_the_list_all_reach_the_filter() -> None:
    """Space (and j, k…) are list keys, but not once a filter is being typed, even
    before Textual has moved the focus to the filter box (tmux, a fast typist)."""
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.query_one(InterviewOptions).focus()
        await pilot.pause()
        for character in "rossiya 24":  # all queued before the first is handled
            key = "space" if character == " " else character
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.query_one("#list-filter", Input).value == "rossiya 24"
        assert len(app.interview_list.visible_sources()) == 1


async def test_a_big_list_filters_after_a_pause_in_typing_or_at_enter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refilling 5,000 rows takes a few tenths of a second: not on every keystroke."""
    monkeypatch.setattr(interview_list, "INSTANT_FILTER_ROWS", 2)  # the 5 seeds count as big
    fills: list[str] = []
    real = interview_list.InterviewList._fill

    def counted(self: interview_list.InterviewList) -> None:
        fills.append(self.query_one("#list-filter", Input).value)
        real(self)

    monkeypatch.setattr(interview_list.InterviewList, "_fill", counted)
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        fills.clear()
        # However slowly the keys come, no pause in typing is long enough to filter:
        monkeypatch.setattr(interview_list, "FILTER_PAUSE_SECONDS", 3600)
        app.query_one(InterviewOptions).focus()
        await pilot.press(*"rossiya")
        assert fills == [] and len(app.interview_list.visible_sources()) == 5
        await pilot.press("enter")  # enter filters at once, and opens the match
        assert fills == ["rossiya"] and len(app.interview_list.visible_sources()) == 1
        await settle(pilot)
        assert app.current is not None and "Rossiya" in app.current.title
        # Any pause is long enough: the filter follows once the typing stops.
        monkeypatch.setattr(interview_list, "FILTER_PAUSE_SECONDS", 0.001)
        app.query_one("#list-filter", Input).focus()
        await pilot.press("backspace")
        await pilot.pause(0.05)
        assert fills == ["rossiya", "rossiy"]


async def test_transcript_markup_is_shown_literally_everywhere(trap_file: Path) -> None:
    app = ReaderApp([trap_file])
    async with app.run_test(size=(160, 34)) as pilot:
        await settle(pilot)
        assert "Interview With [b]Trap[/b] Fans" in view_text(app)
        assert app.sub_title == "1 interview · 2 turns"
        assert f"I heard {TRAPS} and (Laughter.) the end." in view_text(app)
        listed = str(app.query_one(InterviewOptions).get_option_at_index(0).prompt)
        assert listed.startswith("Interview With [b]Trap[/b] Fans")
        await search(pilot, "heard laughs")
        result = str(app.query_one(ResultList).get_option_at_index(0).prompt)
        assert TRAPS in result
        await pilot.press("enter", "c")
        assert TRAPS in app.clipboard
        assert any(TRAPS in str(n.message) for n in app._notifications)


async def test_a_file_that_fails_to_load_is_notified_and_listed_dimmed(
    tmp_path: Path, trap_file: Path
) -> None:
    missing = tmp_path / "[b]gone.txt"
    app = ReaderApp([trap_file, missing])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert [str(n.message) for n in app._notifications if n.severity == "error"] == [
            f"{missing}: no such file or folder"
        ]
        options = app.query_one(InterviewOptions)
        assert options.option_count == 2
        failed = options.get_option_at_index(1)
        assert failed.disabled and str(failed.prompt).startswith("✗ [b]gone.txt")


async def test_quitting_while_a_big_folder_loads_is_clean(realworld_dir: Path) -> None:
    app = ReaderApp([realworld_dir, Path(__file__).parent.parent / "data"])
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("q")
    assert app.return_code in (None, 0)


@pytest.fixture
def big_folder(tmp_path: Path) -> Path:
    """60 transcripts (copies of the bundled ones under new names)."""
    folder = tmp_path / "big"
    folder.mkdir()
    seeds = sorted((Path(__file__).parent.parent / "data").glob("*.txt"))
    for number in range(60):
        seed = seeds[number % len(seeds)]
        (folder / f"{number:03d}_{seed.name}").write_bytes(seed.read_bytes())
    return folder


async def test_a_big_folder_fills_the_list_in_batches_behind_a_progress_bar(
    big_folder: Path,
) -> None:
    progress: list[tuple[int, int]] = []

    def hook(message: object) -> None:
        if isinstance(message, LoadProgressed):
            progress.append((message.progress.done, message.progress.total))

    app = ReaderApp([big_folder])
    async with app.run_test(size=(120, 34), message_hook=hook) as pilot:
        await settle(pilot)
        assert progress[-1] == (60, 60)
        assert len(progress) >= 2
        assert not app.query_one("#load-progress", ProgressBar).display
        assert len(app.interview_list.visible_sources()) == 60


async def test_quitting_while_loading_stops_the_loader(
    big_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load is held after five files until the app is quitting: on any machine,
    quitting happens mid-load, and the loader must stop at its next file."""
    quitting = threading.Event()
    parsed: list[Path] = []
    real = loader.load_interview

    def parse(path: Path | str) -> Interview:
        if len(parsed) == 5:
            assert quitting.wait(30), "the test never quit"
        parsed.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "load_interview", parse)
    app = ReaderApp([big_folder])
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("q")
        quitting.set()
    await app.workers.wait_for_complete()
    assert app.return_code in (None, 0)
    assert len(parsed) <= 6 and len(app.library.summaries) <= 6


async def test_a_damaged_bookmark_file_is_a_warning_and_bookmarking_still_works(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "bookmarks.sqlite3").write_bytes(b"this is not a database [b]x[/b]" * 100)
    app = ReaderApp(data_dir=data)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        warnings = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "damaged" in warnings[0]
        await pilot.press("b", "enter")
        await settle(pilot)
        assert len(app.bookmarks) == 1


async def test_the_theme_chosen_is_kept_for_the_next_start() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        app.action_toggle_theme()
        await pilot.pause()
        assert app.theme == "textual-light"
    again = ReaderApp()
    async with again.run_test(size=(120, 34)):
        assert again.theme == "textual-light"


async def test_a_malformed_query_says_why_in_one_line_and_lists_nothing() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, '"cold war')
        status = app.query_one("#search-status", Static)
        assert str(status.content) == 'unterminated quote in query: add the closing "'
        assert app.search_sidebar.hits == []
        assert app.query_one(ResultList).option_count == 0


async def test_clicking_a_paragraph_puts_the_cursor_on_it() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        view = app.view
        paragraph_lines = [
            y
            for y in range(view.size.height)
            if view._items[view._index[y][0]] in view.paragraphs
            and view.render_line(y).text.strip()
        ]
        target = paragraph_lines[-1]
        assert not view.render_line(target).text.startswith("▎")
        await pilot.click(ConversationView, offset=(10, target))
        assert view.paragraphs[view.cursor] == view._items[view._index[target][0]]
        assert view.render_line(target).text.startswith("▎ ")


async def test_a_thousand_turn_transcript_opens_and_scrolls_to_its_end(tmp_path: Path) -> None:
    body = "\n\n".join(
        f"QUESTION: Question number {n} about the weather?\n\n"
        f"SECRETARY KERRY: Answer number {n}: it was a long, long answer about the weather,"
        " the sea, the ships and the cold war, wrapped over a few lines on any screen."
        for n in range(500)
    )
    path = tmp_path / "long.txt"
    path.write_text(f"Interview With Nobody In Particular\n\n{body}\n", encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert app.current is not None and len(app.current.turns) == 1000
        view = app.view
        assert view.paragraphs[view.cursor].turn == 0 and view.scroll_y == 0
        assert "Question number 0 about" in view_text(app)
        assert "Answer number 499" not in view_text(app)
        await pilot.press("G")
        assert view.paragraphs[view.cursor].turn == 999
        assert "Answer number 499: it was a long" in view_text(app)
        await pilot.press("g", "j")
        assert view.paragraphs[view.cursor].turn == 1
        assert "Answer number 0:" in view_text(app)


async def test_a_passage_past_the_last_turn_opens_the_interview_at_the_top() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        source = app.library.summaries[-1].source
        assert source is not None
        target = app.library.interview(source)
        assert target is not None
        app.post_message(OpenPassage(source, Passage(len(target.turns) + 5, 0, 10)))
        await settle(pilot)
        assert app.current == target and app.view.cursor == 0 and app.view.passage is None
        assert "no longer in the file" in str(list(app._notifications)[-1].message)


async def test_typing_is_debounced_and_stale_results_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search_sidebar, "DEBOUNCE_SECONDS", 0.5)
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        queries: list[str] = []
        search_library = app.library.search

        def counting(query: str, **options: object) -> list[SearchHit]:
            if options.get("source") is None:
                queries.append(query)
            return search_library(query, **options)  # type: ignore[arg-type]

        app.library.search = counting  # type: ignore[method-assign]
        await pilot.press("slash", *"cold war")
        await pilot.press(*["backspace"] * 8, *"separatists")
        await pilot.pause(0.6)
        await settle(pilot)
        assert queries == ["separatists"]
        sidebar = app.search_sidebar
        assert sidebar.query_text == "separatists" and sidebar.hits
        assert all("separatists" in hit.text.lower() for hit in sidebar.hits)
        shown = list(sidebar.hits)
        stale = app.library.search("cold war")
        sidebar._show("cold war", stale, "late")
        assert sidebar.hits == shown


async def test_workers_never_copy_interview_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual describes a worker by the repr of its arguments; for interviews that
    is their whole text, hundreds of MB for a big library (issue 7's memory)."""
    reprs: list[str] = []

    def counted(interview: Interview) -> str:
        reprs.append(interview.title)
        return "Interview(...)"

    monkeypatch.setattr(Interview, "__repr__", counted)
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "b", *"kept", "enter")
        await settle(pilot)
        assert [b.note for b in app.bookmarks] == ["kept"]
    again = ReaderApp()  # loads, then re-anchors the bookmark in a worker
    async with again.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert [b.note for b in again.bookmarks] == ["kept"]
    assert reprs == []


async def test_the_app_loads_a_folder_big_enough_for_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PROCESS_BYTES the library parses in worker processes: the app must load
    every file (it loaded none while they were multiprocessing's, whose helper needs
    the stderr the app has captured)."""
    import reader.core.library as library_module

    monkeypatch.setattr(library_module, "PROCESS_BYTES", 0)
    for index in range(3):
        text = TRAP_TRANSCRIPT.replace("Trap", f"Trap {index}")
        (tmp_path / f"t{index}.txt").write_text(text, encoding="utf-8")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert app.library.count == 3
        assert len(app.interview_list.visible_sources()) == 3


async def test_turns_are_numbered_from_1_as_on_the_command_line(tmp_path: Path) -> None:
    """The speaker line, a search result and a bookmark say ``turn 2`` for the second turn."""
    path = tmp_path / "harbour.txt"
    path.write_text(
        "Ann: Is the harbour open?\n\nBob: The harbour reopens in spring.\n\n"
        "Ann: Thank you?\n\nBob: Bye.\n",
        encoding="utf-8",
    )
    app = ReaderApp([path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        speaker_lines = [line.strip() for line in view_text(app).splitlines() if "turn" in line]
        assert speaker_lines == [
            "Ann   interviewer   turn 1",
            "Bob   interviewee   turn 2",
            "Ann   interviewer   turn 3",
            "Bob   interviewee   turn 4",
        ]
        await search(pilot, "reopens in spring")
        result = app.query_one(ResultList).get_option_at_index(0).prompt
        assert str(result).splitlines()[0] == "harbour · Bob · turn 2"
        await pilot.press("enter", "enter", "b", "enter")
        await settle(pilot)
        app.action_show_bookmarks()
        await settle(pilot)
        listed = str(app.bookmarks_panel.get_option_at_index(0).prompt)
        assert listed.splitlines()[1] == "Bob · harbour · turn 2"


async def test_f_shows_what_is_not_speech_dimmed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_text(
        "Hearing on the [b]budget[/b]\n\n"
        "Q: First question, about the harbour?\n\n"
        "A: A first paragraph of the answer.\n\n"
        "[[Page S8505]]\n\n"
        "A second paragraph, after it.\n\n"
        "Q: Next?\n\nA: Done.\n",
        encoding="utf-8",
    )
    app = ReaderApp([path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        footer = [key.description for key in app.query("FooterKey")]  # type: ignore[attr-defined]
        assert "Not speech" in footer
        hidden = view_text(app)
        assert "[[Page S8505]]" not in hidden and "Hearing on" in hidden  # the title
        await pilot.press("f")
        await pilot.pause()
        lines = [line.strip() for line in view_text(app).splitlines() if line.strip()]
        assert lines[lines.index("Hearing on the [b]budget[/b]", 1) :][:8] == [
            "Hearing on the [b]budget[/b]",
            "Question   interviewer   turn 1",
            "▎ First question, about the harbour?",
            "Answer   interviewee   turn 2",
            "A first paragraph of the answer.",
            "[[Page S8505]]",
            "A second paragraph, after it.",
            "Question   interviewer   turn 3",
        ]
        line = next(y for y in range(34) if "[[Page" in app.view.render_line(y).text)
        styles = {seg.style for seg in app.view.render_line(line) if "Page" in seg.text}
        assert all(style is not None and style.italic for style in styles)
        await pilot.press("j", "j", "f")
        await pilot.pause()
        assert view_text(app) != hidden and "[[Page S8505]]" not in view_text(app)
        assert app.view.current_passage() is not None
        assert app.view.current_passage()[0] == 1  # type: ignore[index]


async def test_a_load_batch_arriving_as_the_app_closes_is_ignored() -> None:
    """The loader's last message can be handled after the app's widgets are gone (a
    quit during a load): it must not raise on the missing progress bar."""
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await app.query_one("#load-progress").remove()  # as when the app is closing
        app._progressed(LoadProgressed(LoadProgress(5, 10, (), ())))
