"""Coding in the app: the code picker, the Codes tab and reading a code's passages."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TabbedContent

from reader.core.bookmarks import BookmarkStore
from reader.ui.app import ReaderApp
from reader.ui.screens.code_passages import CodePassagesScreen
from reader.ui.screens.code_picker import CodePickerScreen
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.confirm import ConfirmScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.widgets.codes_panel import CodesPanel

QUOTE = (
    "We've said very clearly, Secretary Gates said very clearly in Munich,"
    " he said one Cold War was enough."
)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause(0.2)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


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
        await pilot.press("slash")
        app.query_one("#search-input", Input).insert_text_at_cursor("one cold war was enugh")
        await settle(pilot)
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
        assert shown == ["+ new code “cold”", "■ Cold [b]war[/b]"]
        await pilot.press("down", "enter")  # the existing code: nothing new
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
        await pilot.press("slash")
        app.query_one("#search-input", Input).insert_text_at_cursor("one cold war was enugh")
        await settle(pilot)
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


async def test_coded_passages_are_marked_in_the_margin_and_named_under_the_cursor() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("j", "C", *"Reform [/]", "enter")  # the first answer's first paragraph
        await settle(pilot)
        view = app.view
        [bookmark] = app.bookmarks
        color = app.store.codes()[0].color  # type: ignore[union-attr]
        assert [(s.turn, s.start, s.end, s.color, s.codes) for s in view.coded] == [
            (bookmark.turn, bookmark.start, bookmark.end, color, ("Reform [/]",))
        ]
        shown = Content.from_markup(view.border_subtitle).plain  # as drawn: no markup
        assert shown == "Codes: Reform [/]"
        lines = [view.render_line(y) for y in range(view.size.height)]
        marked = [line.text for line in lines if line.text[1] == "▍"]
        assert marked and bookmark.quote.split()[0] in marked[0]
        await pilot.press("j")
        assert view.border_subtitle == ""


async def test_compare_screen_shows_the_tables_and_exports_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "C", *"aims", "enter")
        await pilot.press("j", "C", *"[b]x", "enter")
        await pilot.press("C", *"aims", "down", "enter")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"compare codes", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#compare-table-0", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        title = app.current.title  # type: ignore[union-attr]
        assert [str(c.label) for c in table.columns.values()] == ["code", title, "total"]
        assert rows == [["[b]x", "1", "1"], ["aims", "2", "2"]]
        await pilot.press("e")
        await pilot.pause()
        assert (tmp_path / "codes-by-interview.csv").read_bytes().decode() == (
            f"code,{title},total\r\n[b]x,1,1\r\naims,2,2\r\n"
        )
        screen.query_one("#compare-tabs", TabbedContent).active = "compare-2"
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert (tmp_path / "code-overlaps.csv").read_bytes().decode() == (
            "code,with code,passages\r\n[b]x,aims,1\r\n"
        )


ORDWAY = (
    "Mr. Ordway has stated Kazakhstan has a chance of heading the OSCE. One of the"
    " requirements is to carry out the democratic reforms that have been planned. Can you"
    " please tell whether there are any visible results already, that those reforms are"
    " being carried out?"
)


async def test_a_keyboard_selection_grows_across_turns_and_is_coded_turn_by_turn() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        view = app.view
        assert view.interview is not None and view.interview.turns[0].text == ORDWAY
        await pilot.press("v")
        assert view.selected() == [(0, 0, 66)]  # the first sentence
        await pilot.press("l", "right", "l")  # two more, then into the answer
        assert view.selected() == [(0, 0, len(ORDWAY)), (1, 0, 52)]
        await pilot.press("h")
        assert view.selected() == [(0, 0, len(ORDWAY))]
        await pilot.press("j", "k", "k")  # a paragraph more, then back to one sentence
        assert view.selected() == [(0, 0, 66)]
        await pilot.press("l", "l", "l", "C", *"reform", "enter")
        await settle(pilot)
        assert view.selection is None
        assert sorted((b.turn, b.quote, b.codes) for b in app.bookmarks) == [
            (0, ORDWAY, ("reform",)),
            (1, "First of all let me say I agree with our Ambassador.", ("reform",)),
        ]
        await pilot.press("v", "escape")  # escape ends a selection and keeps the focus
        assert view.selection is None and app.focused is view


async def test_code_filter_in_the_search_box() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("j", "C", *"osce", "enter")  # the first answer's first paragraph
        await settle(pilot)
        [coded] = app.bookmarks
        await pilot.press("slash")
        app.query_one("#search-input", Input).insert_text_at_cursor("ambassador code:OSCE")
        await settle(pilot)
        hits = app.search_sidebar.hits
        assert [(h.source, h.turn) for h in hits] == [(coded.source, coded.turn)]
        app.query_one("#search-input", Input).value = "ambassador code:none"
        await settle(pilot)
        assert app.search_sidebar.hits == []
