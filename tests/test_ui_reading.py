"""Reading with the whole app under Pilot (issue 16): moving between interviews of very
different lengths, the speaker filter, landing on the words, stepping through hits."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from conftest import choose_speaker, settle
from reader.core.bookmarks import BookmarkStore
from reader.core.loader import load_interview
from reader.ui.app import ReaderApp
from reader.ui.screens.kwic import KwicScreen
from reader.ui.widgets.codes_panel import CodesPanel
from reader.ui.widgets.conversation_layout import Item
from reader.ui.widgets.interview_list import InterviewOptions


def write_talk(path: Path, title: str, date: str, turns: list[str]) -> Path:
    """A transcript whose turns alternate between BO and ANN."""
    lines = [f"Title: {title}", f"Date: {date}", ""]
    for number, text in enumerate(turns):
        lines += [f"{'ANN' if number % 2 else 'BO'}: {text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def long_and_short(tmp_path: Path) -> tuple[Path, Path]:
    """A 120-turn interview (listed first, by date) and a 6-turn one."""
    long = write_talk(
        tmp_path / "long.txt",
        "A long talk",
        "2020-01-01",
        [f"Turn {n} of the long talk, about the harbour and its boats." for n in range(120)],
    )
    short = write_talk(
        tmp_path / "short.txt",
        "A short talk",
        "2021-01-01",
        [f"Short turn {n} about the lighthouse." for n in range(6)],
    )
    return long, short


# ------------------------------------------------- issue 16, item 1: far into a long one
async def from_the_list(pilot: Pilot[None]) -> None:
    pilot.app.query_one(InterviewOptions).focus()
    await pilot.press("down", "enter")


async def from_a_search_hit(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"lighthouse turn 3")
    await settle(pilot)
    await pilot.press("enter", "enter")


async def from_a_bookmark(pilot: Pilot[None]) -> None:
    assert isinstance(pilot.app, ReaderApp)
    pilot.app.action_show_bookmarks()
    await pilot.press("enter")


async def from_keyword_in_context(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p", *"keyword")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, KwicScreen)
    await pilot.press(*"lighthouse")
    await settle(pilot)
    await pilot.press("down", "down", "down", "enter")


@pytest.mark.parametrize(
    ("route", "turn"),
    [
        (from_the_list, 0),
        (from_a_search_hit, 3),
        (from_a_bookmark, 4),
        (from_keyword_in_context, 2),
    ],
)
async def test_a_short_interview_opens_after_the_end_of_a_long_one(
    long_and_short: tuple[Path, Path],
    route: Callable[[Pilot[None]], Awaitable[None]],
    turn: int,
) -> None:
    long, short = long_and_short
    with BookmarkStore.open() as store:
        store.add(load_interview(short), 4, "Short turn 4", note="")
    app = ReaderApp([long.parent])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert app.current is not None and app.current.source == long
        await pilot.press("G")
        assert app.view.paragraphs[app.view.cursor] == Item(119, 0)
        await route(pilot)
        await settle(pilot)
        assert app.is_running
        assert app.current is not None and app.current.source == short
        assert app.view.paragraphs[app.view.cursor] == Item(turn, 0)
        shown = [app.view.render_line(y).text for y in range(app.view.size.height)]
        assert any(f"Short turn {turn} about the lighthouse." in line for line in shown)


# --------------------------------------------- issue 16, item 2: the Speakers filter at the end
CAPTIONS = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Dana Reyes>Welcome to the show, thanks for coming.

00:00:05.000 --> 00:00:09.000
<v Sam Ortiz>Thanks for having me, it is good to be here.

00:00:10.000 --> 00:00:14.000
<v Dana Reyes>Tell us about the bridge.

00:00:15.000 --> 00:00:19.000
<v Sam Ortiz>The bridge took eleven years to build.
"""


async def test_choosing_a_speaker_at_the_end_of_a_short_vtt_shows_their_turns(
    tmp_path: Path,
) -> None:
    path = tmp_path / "show.vtt"
    path.write_text(CAPTIONS, encoding="utf-8")
    app = ReaderApp([path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert app.current is not None and app.current.speakers == ("Dana Reyes", "Sam Ortiz")
        await pilot.press("G")
        await choose_speaker(pilot, 0)
        view = app.view
        assert app.is_running and view.speaker == "Dana Reyes"
        assert view.paragraphs == [Item(0, 0), Item(2, 0)]
        assert view.paragraphs[view.cursor] == Item(2, 0)  # the last of hers, in view
        shown = [view.render_line(y).text for y in range(view.size.height)]
        assert any("▎ Tell us about the bridge." in line for line in shown)
        await choose_speaker(pilot, 2)  # All speakers, Dana Reyes, Sam Ortiz
        assert view.speaker == "Sam Ortiz" and view.paragraphs == [Item(1, 0), Item(3, 0)]
        assert view.paragraphs[view.cursor] == Item(3, 0)


# ------------------------------------ issue 16, item 4: landing inside a long paragraph
FILLER = "The tide came in over the stones and went out again before noon. "
LONG_PARAGRAPH = FILLER * 60 + "Then the lantern keeper whistled at midnight. " + FILLER * 10


async def from_a_search_hit_on_the_lantern(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"lantern keeper whistled")
    await settle(pilot)
    await pilot.press("enter", "enter")


async def from_a_kwic_line_on_the_lantern(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p", *"keyword")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*"lantern")
    await settle(pilot)
    await pilot.press("enter")


@pytest.mark.parametrize("size", [(120, 34), (80, 24)])  # at 80, the sidebar folds away
@pytest.mark.parametrize(
    "route", [from_a_search_hit_on_the_lantern, from_a_bookmark, from_a_kwic_line_on_the_lantern]
)
async def test_opening_a_passage_deep_in_a_long_paragraph_shows_its_words(
    tmp_path: Path, route: Callable[[Pilot[None]], Awaitable[None]], size: tuple[int, int]
) -> None:
    first = write_talk(tmp_path / "first.txt", "First", "2020-01-01", ["Hello.", "Hi."])
    deep = write_talk(
        tmp_path / "deep.txt", "Deep", "2021-01-01", ["What happened?", LONG_PARAGRAPH, "Oh."]
    )
    with BookmarkStore.open() as store:
        store.add(load_interview(deep), 1, "the lantern keeper whistled", note="")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert app.current is not None and app.current.source == first
        await route(pilot)
        await settle(pilot)
        view = app.view
        assert app.current.source == deep and view.paragraphs[view.cursor] == Item(1, 0)
        height = view.size.height
        assert view.virtual_size.height > 2 * height  # the paragraph is taller than the view
        shown = [view.render_line(y).text for y in range(height)]
        lines = [y for y, text in enumerate(shown) if "lantern" in text]
        assert len(lines) == 1, shown
        line = lines[0]
        assert height // 4 <= line <= height // 2  # about a third down, context above
        styles = [seg.style for seg in view.render_line(line) if "lantern" in seg.text]
        marked = {view._component(name).bgcolor for name in ("match", "passage")}
        assert len(styles) == 1 and styles[0] is not None and styles[0].bgcolor in marked


# ----------------------------- issue 16, item 5: n / N step through the close matches only
KEEPERS = [
    "The lantern keeper lit the lamp.",
    "A keeper of bees came by.",
    "Every lantern was lit.",
    "The old lantern keeper slept.",
    "Nothing here.",
    "Ask the lantern keeper, she said. Then the keeper of the lantern left.",
]


def last_note(app: ReaderApp) -> str:
    return str(list(app._notifications)[-1].message)


async def test_n_and_N_step_through_close_matches_say_which_and_stop_at_the_ends(
    tmp_path: Path,
) -> None:
    write_talk(tmp_path / "keepers.txt", "Keepers", "2020-01-01", KEEPERS)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lantern keeper")
        await settle(pilot)
        assert len(app.search_sidebar.hits) == 6  # turns 1 and 2 match one word each
        await pilot.press("escape")
        seen = []
        for key in ["n", "n", "n", "n", "n", "N", "N", "N", "N", "N"]:
            await pilot.press(key)
            passage = app.view.passage
            assert passage is not None
            seen.append((key, passage.turn, passage.start, last_note(app)))
        q = "for “lantern keeper”"
        assert seen == [
            ("n", 0, 0, f"Hit 1 of 4 {q}"),
            ("n", 3, 0, f"Hit 2 of 4 {q}"),
            ("n", 5, 0, f"Hit 3 of 4 {q}"),
            ("n", 5, 34, f"Hit 4 of 4 {q}"),
            ("n", 5, 34, f"No more hits {q} below (4 in all; N goes back)"),
            ("N", 5, 0, f"Hit 3 of 4 {q}"),
            ("N", 3, 0, f"Hit 2 of 4 {q}"),
            ("N", 0, 0, f"Hit 1 of 4 {q}"),
            ("N", 0, 0, f"No more hits {q} above (4 in all; n goes on)"),
            ("N", 0, 0, f"No more hits {q} above (4 in all; n goes on)"),
        ]
        assert app.view.current_passage() == (0, KEEPERS[0], 0, len(KEEPERS[0]))


async def test_n_with_no_close_match_or_no_search_says_so(tmp_path: Path) -> None:
    write_talk(tmp_path / "keepers.txt", "Keepers", "2020-01-01", KEEPERS)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert last_note(app) == "No search to step through: / searches"
        await pilot.press("slash", *"bees [/] lamp whistle")
        await settle(pilot)
        assert app.search_sidebar.hits  # loose hits are listed, not stepped through
        await pilot.press("escape", "n")
        assert last_note(app) == "No close match for “bees [/] lamp whistle” in this interview"
        assert app.view.passage is None and app.view.cursor == 0


# ------------------------- issue 16, item 6: the list filter keeps a first letter that is a key
LIST_TITLES = {
    "kerry": "Kerry in Astana",
    "senate": "The Senate votes",
    "quarles": "Quarles on banks",
    "Gates": "Gates in Munich",
    "jones": "Jones at sea",
    "cocoa": "Cocoa prices",
    "Nuclear": "Nuclear talks",
    "banks": "Quarles on banks",
}


@pytest.mark.parametrize("word", list(LIST_TITLES))
async def test_typing_a_word_into_the_list_filters_by_all_of_it(tmp_path: Path, word: str) -> None:
    for number, title in enumerate(sorted(set(LIST_TITLES.values()))):
        write_talk(tmp_path / f"{number}.txt", title, f"20{10 + number}-01-01", ["Hello."])
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.query_one(InterviewOptions).focus()
        await pilot.pause()
        for key in word:
            await pilot.press(key)
        assert app.is_running
        assert app.query_one("#list-filter", Input).value == word
        titles = [
            s.title
            for s in app.library.summaries
            if s.source in app.interview_list.visible_sources()
        ]
        assert titles == [LIST_TITLES[word]]
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.current is not None and app.current.title == LIST_TITLES[word]


# --------------------------------------- issue 16, item 14: a key for the sidebar's tabs
@pytest.mark.parametrize("size", [(120, 34), (80, 24)])
async def test_t_cycles_the_sidebar_through_search_bookmarks_and_codes(
    size: tuple[int, int],
) -> None:
    app = ReaderApp()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        results = app.search_sidebar.results
        codes = app.query_one(CodesPanel)
        seen = []
        for key in ["t", "t", "t", "t", "escape", "t", "t"]:
            await pilot.press(key)
            seen.append((app.sidebar.display, app.sidebar.active, app.focused))
        assert seen == [
            (True, "bookmarks-tab", app.bookmarks_panel),
            (True, "codes-tab", codes),
            (True, "search-tab", results),  # not the search box, which would take the t
            (True, "bookmarks-tab", app.bookmarks_panel),  # and round
            (True, "bookmarks-tab", app.view),  # escape: back to the text
            (True, "codes-tab", codes),
            (True, "search-tab", results),
        ]
        assert app.query_one("#search-input", Input).value == ""
        await pilot.press("escape", "question_mark")
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-table", Static).content)
        assert "t  Search/Bookmarks/Codes" in console.export_text()


@pytest.mark.parametrize("size", [(120, 34), (80, 24)])
async def test_a_hidden_sidebar_reopens_on_the_tab_it_was_left_on(size: tuple[int, int]) -> None:
    app = ReaderApp()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        codes = app.query_one(CodesPanel)
        seen = []
        for keys in [("t",), ("s", "t"), ("t",), ("s", "t"), ("s", "s"), ("t",)]:
            await pilot.press(*keys)
            seen.append((app.sidebar.display, app.sidebar.active, app.focused))
        assert seen == [
            (True, "bookmarks-tab", app.bookmarks_panel),
            (True, "bookmarks-tab", app.bookmarks_panel),  # hidden, then t: where it was
            (True, "codes-tab", codes),
            (True, "codes-tab", codes),
            (True, "codes-tab", app.view),  # s hides and shows it, the text keeps the focus
            (True, "search-tab", app.search_sidebar.results),  # shown: t goes on
        ]


async def test_at_80x24_t_after_jumping_from_a_code_reopens_the_codes_tab() -> None:
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "C", *"osce", "enter")
        await settle(pilot)
        await pilot.press("t", "t", "enter", "enter")  # Codes, the code's passages, the first
        await settle(pilot)
        assert not app.sidebar.display and app.focused is app.view  # folded away to read
        await pilot.press("t")
        assert app.sidebar.display and app.sidebar.active == "codes-tab"
        assert app.focused is app.query_one(CodesPanel)


async def test_the_footer_leaves_out_letter_keys_while_the_list_takes_them(
    tmp_path: Path,
) -> None:
    write_talk(tmp_path / "a.txt", "A talk", "2020-01-01", ["Hello."])
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        shown = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert {"q", "b", "c", "t", "question_mark", "slash"} <= shown
        app.query_one(InterviewOptions).focus()
        await pilot.pause()
        shown = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert shown & {"q", "b", "c", "t"} == set()
        assert {"enter", "question_mark", "slash"} <= shown
        await pilot.press("ctrl+c")
        assert not app.is_running
