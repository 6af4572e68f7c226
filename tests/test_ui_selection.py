"""Selecting sentences from the keyboard, and coding the selection across turns."""

from __future__ import annotations

import sqlite3

import pytest
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Input, Static

import reader.core.bookmarks.store as store_module
from conftest import settle
from reader.core.bookmarks import Bookmark, BookmarkStore
from reader.ui.app import ReaderApp
from reader.ui.screens.code_picker import CodePickerScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.selection import Selection, by_paragraph, by_sentence, paragraph_sentences, parts

# Three paragraphs: two sentences, one, three (offsets are made up but consistent).
SENTENCES = {0: [(0, 5), (6, 10)], 1: [(12, 20)], 2: [(0, 3), (4, 8), (9, 15)]}
TURNS = {0: 0, 1: 0, 2: 1}
BOUNDS = {0: (0, 10), 1: (12, 20), 2: (0, 15)}


def sentences(paragraph: int) -> list[tuple[int, int]]:
    return SENTENCES[paragraph]


def at(anchor: tuple[int, int], head: tuple[int, int]) -> Selection:
    return Selection(anchor, head)


def test_by_sentence_crosses_paragraphs_and_stops_at_either_end() -> None:
    moves = [at((0, 1), (0, 1))]
    for _ in range(5):
        moves.append(by_sentence(moves[-1], 1, 3, sentences))
    assert [s.head for s in moves] == [(0, 1), (1, 0), (2, 0), (2, 1), (2, 2), (2, 2)]
    back = at((0, 1), (0, 1))
    back = by_sentence(by_sentence(back, -1, 3, sentences), -1, 3, sentences)
    assert (back.first, back.last) == ((0, 0), (0, 1))


def test_by_paragraph_grows_to_paragraph_ends_and_shrinks_back_to_the_anchor() -> None:
    start = at((0, 0), (0, 0))
    grown = [by_paragraph(start, 1, 3, sentences)]
    grown.append(by_paragraph(grown[-1], 1, 3, sentences))
    grown.append(by_paragraph(grown[-1], 1, 3, sentences))
    assert [s.head for s in grown] == [(0, 1), (1, 0), (2, 2)]
    shrunk = by_paragraph(grown[-1], -1, 3, sentences)
    assert shrunk.head == (1, 0)
    assert by_paragraph(at((1, 0), (1, 0)), -1, 3, sentences).head == (0, 0)
    assert by_paragraph(at((2, 1), (2, 1)), -1, 3, sentences).head == (2, 0)
    assert by_paragraph(at((2, 1), (2, 2)), -1, 3, sentences).head == (2, 1)  # not past it
    assert by_paragraph(at((2, 1), (0, 1)), 1, 3, sentences).head == (1, 0)


def test_parts_are_one_span_per_turn() -> None:
    selection = at((2, 1), (0, 1))
    result = parts(selection, TURNS.__getitem__, BOUNDS.__getitem__, sentences)
    assert result == [(0, 6, 20), (1, 0, 8)]


def test_a_paragraph_without_sentence_ends_is_one_sentence() -> None:
    assert paragraph_sentences("well and so on", 7) == [(7, 21)]
    assert paragraph_sentences("Yes. No.", 3) == [(3, 7), (8, 11)]
    assert paragraph_sentences("   ", 0) == [(0, 3)]


KOSYGINA_1 = (
    "Mr. Ordway has stated Kazakhstan has a chance of heading the OSCE."
    " One of the requirements is to carry out the democratic reforms that have been planned."
)
KOSYGINA_2 = (
    "Can you please tell whether there are any visible results already,"
    " that those reforms are being carried out?"
)
BOUCHER_1 = "First of all let me say I agree with our Ambassador."


def gutter_colour(strip: Strip) -> str | None:
    """The colour of a rendered line's gutter (the cursor's bar or a code's mark)."""
    style = next(iter(strip)).style
    return style.color.name if style is not None and style.color is not None else None


def status(app: ReaderApp) -> str:
    widget = app.query_one("#passage-status", Static)
    return str(widget.render()) if widget.display else ""


async def test_a_selection_across_two_turns_is_coded_as_two_passages() -> None:
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.current is not None and app.current.turns[0].speaker == "Maria Kosygina"
        await pilot.press("v")
        assert [p[1] for p in app.view.selected_parts()] == [KOSYGINA_1.split(" One")[0]]
        await pilot.press("l", "l", "l")  # three sentences later: into Boucher's turn
        assert [p[:2] for p in app.view.selected_parts()] == [
            (0, f"{KOSYGINA_1} {KOSYGINA_2}"),
            (1, BOUCHER_1),
        ]
        words = len(f"{KOSYGINA_1} {KOSYGINA_2} {BOUCHER_1}".split())
        assert status(app) == (
            f"Selected {words} words in 2 turns · C code · b bookmark · esc cancel"
        )
        await pilot.press("h")
        assert [p[:2] for p in app.view.selected_parts()] == [(0, f"{KOSYGINA_1} {KOSYGINA_2}")]
        await pilot.press("l", "C")
        assert isinstance(app.screen, CodePickerScreen)
        await pilot.press(*"[reform]", "enter")
        await settle(pilot)
        assert app.view.selection is None
        assert sorted((b.turn, b.quote, b.codes) for b in app.bookmarks) == [
            (0, f"{KOSYGINA_1} {KOSYGINA_2}", ("[reform]",)),
            (1, BOUCHER_1, ("[reform]",)),
        ]
        assert status(app) == "Codes: [reform]"  # the cursor is on Boucher's paragraph
        colour = app.store.codes()[0].color  # type: ignore[union-attr]
        lines = [app.view.render_line(y) for y in range(app.view.size.height)]
        marked = [strip.text.split()[:2] for strip in lines if gutter_colour(strip) == colour]
        assert marked == [
            ["┃", "Mr."],
            ["┃", "One"],
            ["┃", "that"],
            ["┃", "visible"],
            ["▎", "First"],
        ]
        assert [strip.text.split()[:2] for strip in lines][14] == ["▎", "news,"]  # cursor only
    with BookmarkStore.open() as store:
        assert sorted((b.turn, b.codes) for b in store.list(code="[reform]")) == [
            (0, ("[reform]",)),
            (1, ("[reform]",)),
        ]


def fail_the_second_insert(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the bookmark store fail to write the second passage; the turns it was given."""
    stored: list[int] = []
    real_insert = store_module.insert

    def insert(conn: sqlite3.Connection, bookmark: Bookmark, codes: list[str]) -> Bookmark:
        stored.append(bookmark.turn)
        if len(stored) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real_insert(conn, bookmark, codes)

    monkeypatch.setattr(store_module, "insert", insert)
    return stored


async def save_and_fail(pilot: Pilot[None], stored: list[int], *keys: str) -> None:
    """Select two turns, press ``keys`` to save them, and see the second write fail."""
    await settle(pilot)
    await pilot.press("v", "l", "l", "l", *keys)
    await settle(pilot)
    assert stored == [0, 1]
    notes = [str(n.message) for n in pilot.app._notifications]
    assert notes[-1] == "cannot save bookmarks: disk I/O error"


async def test_coding_a_selection_that_fails_part_way_codes_none_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stored = fail_the_second_insert(monkeypatch)
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await save_and_fail(pilot, stored, "C", *"[reform]", "enter")
        assert app.bookmarks == []
        assert len(app.view.selected_parts()) == 2  # kept, to try again
    with BookmarkStore.open() as store:
        assert (store.list(), store.codes()) == ([], [])


async def test_bookmarking_a_selection_that_fails_part_way_keeps_none_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stored = fail_the_second_insert(monkeypatch)
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await save_and_fail(pilot, stored, "b", *"why", "enter")
    with BookmarkStore.open() as store:
        assert store.list() == []


async def test_paragraph_keys_grow_and_shrink_and_escape_cancels() -> None:
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "v")  # Boucher's first paragraph: "First of all…"
        await pilot.press("j")
        turn, quote, _start, _end = app.view.selected_parts()[0]
        assert (turn, quote) == (1, f"{BOUCHER_1} That's not news, of course.")
        await pilot.press("j")  # and his next paragraph
        assert app.view.selected_parts()[0][1].endswith("in all these areas.")
        await pilot.press("k")
        assert app.view.selected_parts()[0][1] == f"{BOUCHER_1} That's not news, of course."
        await pilot.press("escape")
        assert app.view.selection is None and status(app) == ""
        await pilot.press("j")  # the cursor moves again
        assert app.view.cursor == 2


async def test_b_bookmarks_each_turn_of_a_selection_with_the_note() -> None:
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v", "j", "l", "b")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"why", "enter")
        await settle(pilot)
        assert sorted((b.turn, b.quote, b.note) for b in app.bookmarks) == [
            (0, f"{KOSYGINA_1} {KOSYGINA_2}", "why"),
            (1, BOUCHER_1, "why"),
        ]


async def test_code_in_the_search_box_searches_inside_the_codes_passages() -> None:
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v", "l", "l", "C", *"[reform]", "enter")
        await settle(pilot)
        await pilot.press("slash")
        search = app.query_one("#search-input", Input)
        search.insert_text_at_cursor("reforms")
        await settle(pilot)
        everywhere = {(h.source, h.turn) for h in app.search_sidebar.hits}
        assert len(everywhere) > 2
        search.insert_text_at_cursor(' code:"[Reform]"')
        await settle(pilot)
        assert [h.text for h in app.search_sidebar.hits] == [
            "One of the requirements is to carry out the democratic reforms"
            " that have been planned.",
            KOSYGINA_2,
        ]
        search.value = "reforms code:nothing"
        await settle(pilot)
        assert app.search_sidebar.hits == []
        status = app.query_one("#search-status", Static)
        assert str(status.render()) == "no code named “nothing” (the Codes tab lists them)"


async def test_opening_another_interview_ends_the_selection_and_its_status() -> None:
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v", "l")
        assert status(app).startswith(f"Selected {len(KOSYGINA_1.split())} words in 1 turn")
        other = app.library.summaries[1].source
        assert other is not None
        app.open_interview(other)
        await settle(pilot)
        assert app.current is not None and app.current.source == other
        assert app.view.selection is None and app.view.selected_parts() == []
        assert status(app) == ""
