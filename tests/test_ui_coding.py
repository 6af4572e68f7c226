"""Coding in the app: the code picker, the Codes tab and reading a code's passages."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from conftest import search, settle
from reader.core.bookmarks import BookmarkStore
from reader.core.loader import load_interview
from reader.core.paths import bundled_corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.screens.code_passages import CodePassagesScreen
from reader.ui.screens.code_picker import CodePickerScreen
from reader.ui.screens.confirm import ConfirmScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.widgets.codes_panel import CodesPanel

QUOTE = (
    "We've said very clearly, Secretary Gates said very clearly in Munich,"
    " he said one Cold War was enough."
)


async def open_codes(pilot: Pilot[None]) -> CodesPanel:
    app = pilot.app
    await pilot.press("ctrl+p")
    await pilot.press(*"show codes", "enter")
    await pilot.pause()
    panel = app.query_one(CodesPanel)
    assert app.focused is panel
    return panel


def labels(panel: CodesPanel) -> list[str]:
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def test_the_picker_codes_a_search_hit_with_a_new_code_then_filters() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "C")  # on the highlighted result
        assert isinstance(app.screen, CodePickerScreen)
        await pilot.press(*"Cold [b]war[/b]", "enter")
        await settle(pilot)
        assert [(b.quote, b.codes) for b in app.bookmarks] == [(QUOTE, ("Cold [b]war[/b]",))]
        await pilot.press("C")
        await pilot.press(*"other", "enter")  # a second code on the same passage
        await pilot.press("C")
        await pilot.press(*"cold")
        picker = app.screen
        assert isinstance(picker, CodePickerScreen)
        options = picker.options
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["■ Cold [b]war[/b]", "+ new code “cold”"]
        await pilot.press("enter")  # the existing code it matches: nothing new
        await settle(pilot)
        assert [b.codes for b in app.bookmarks] == [("Cold [b]war[/b]", "other")]
        panel = await open_codes(pilot)
        assert labels(panel) == [
            "■ Cold [b]war[/b]\n  1 passage · 1 interview",
            "■ other\n  1 passage · 1 interview",
        ]
        assert str(app.sidebar.get_tab("codes-tab").label) == "Codes (2)"


async def test_codes_tab_add_rename_move_merge_delete() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        panel = await open_codes(pilot)
        for name in ("trust", "fear", "dread"):
            await pilot.press("a")
            assert isinstance(app.screen, NoteScreen)
            await pilot.press(*name, "enter")
            await pilot.pause()
        assert [c.name for c in panel.codes] == ["dread", "fear", "trust"]
        await pilot.press("r")  # on dread
        await pilot.press("ctrl+u", *"Dread", "enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.press(*"fea", "enter")
        await pilot.pause()
        assert labels(panel)[:2] == [
            "■ fear\n  0 passages · 0 interviews",
            "  ■ Dread\n    0 passages · 0 interviews",
        ]
        await pilot.press("k", "m")  # fear under its own child: refused, nothing changes
        await pilot.press(*"dread", "enter")
        await pilot.pause()
        assert [(c.name, c.parent is None) for c in panel.codes] == [
            ("fear", True),
            ("Dread", False),
            ("trust", True),
        ]
        await pilot.press("M")  # merge fear into trust
        await pilot.press(*"trust", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert [(c.name, c.parent is None) for c in panel.codes] == [
            ("trust", True),
            ("Dread", False),
        ]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert [c.name for c in panel.codes] == ["Dread"]
    with BookmarkStore.open() as store:
        assert [c.name for c in store.codes()] == ["Dread"]


async def test_enter_on_a_code_lists_its_passages_and_jumps_to_one() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await search(pilot, "one cold war was enugh")
        await pilot.press("enter", "C", *"war", "enter")
        await settle(pilot)
        hit = app.search_sidebar.hits[0]
        await open_codes(pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, CodePassagesScreen)
        assert [b.quote for b in screen.passages] == [QUOTE]
        await pilot.press("enter")
        await settle(pilot)
        assert app.current is not None and app.current.source == hit.source
        assert app.view.current_passage()[:2] == (hit.turn, QUOTE)  # type: ignore[index]


async def test_a_codes_passages_are_listed_in_reading_order() -> None:
    interviews = sorted(
        (load_interview(path) for path in sorted(bundled_corpus_dir().glob("*.txt"))),
        key=lambda interview: (interview.date is None, interview.date),
    )
    first, second = interviews[0], interviews[1]
    with BookmarkStore.open() as store:
        store.add_code("trust")
        for interview, turn in [(second, 3), (first, 5), (second, 0), (first, 1)]:
            store.add(interview, turn, codes=["trust"])  # coded out of order
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await open_codes(pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, CodePassagesScreen)
        assert [(b.interview_title, b.turn) for b in screen.passages] == [
            (first.title, 1),
            (first.title, 5),
            (second.title, 0),
            (second.title, 3),
        ]


async def test_code_filter_in_the_search_box() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("j", "C", *"osce", "enter")  # the first answer's first paragraph
        await settle(pilot)
        [coded] = app.bookmarks
        await search(pilot, "ambassador code:OSCE")
        hits = app.search_sidebar.hits
        assert [(h.source, h.turn) for h in hits] == [(coded.source, coded.turn)]
        app.query_one("#search-input", Input).value = "ambassador code:none"
        await settle(pilot)
        assert app.search_sidebar.hits == []
