"""The interview list as it is used (QA pass): the keys that edit the filter work from
the list too, a file is found by its name as well as by its title, and a one-turn file
reads "1 turn"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from conftest import settle
from reader.core.model import Summary
from reader.ui.app import ReaderApp
from reader.ui.widgets.interview_list import InterviewOptions, interview_label


def filter_value(app: ReaderApp) -> str:
    return app.query_one("#list-filter", Input).value


async def test_backspace_in_the_list_takes_back_the_filters_last_letter() -> None:
    """After enter on a filter, letters typed in the list go on in the filter box, and
    so must backspace: a mistyped filter is mended from where it was typed."""
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.query_one(InterviewOptions).focus()
        await pilot.press(*"rossiyax", "enter")
        assert app.focused is app.query_one(InterviewOptions)
        assert app.interview_list.visible_sources() == []
        await pilot.press("backspace")
        await settle(pilot)
        assert filter_value(app) == "rossiya"
        assert app.focused is app.query_one("#list-filter")
        assert len(app.interview_list.visible_sources()) == 1


async def test_backspace_in_the_list_with_no_filter_stays_in_the_list() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.query_one(InterviewOptions).focus()
        await pilot.press("backspace")
        await settle(pilot)
        assert filter_value(app) == ""
        assert app.focused is app.query_one(InterviewOptions)


async def test_the_filter_finds_an_interview_by_its_file_name(tmp_path: Path) -> None:
    """A hearing's title is its caption ("IN THE SUPREME COURT…"): the person who saved
    it as scotus_11-398.txt looks for it by that name."""
    (tmp_path / "scotus_11-398.txt").write_text(
        "IN THE SUPREME COURT OF THE UNITED STATES\n\nMR. LONG: May it please the Court.\n",
        encoding="utf-8",
    )
    (tmp_path / "council.txt").write_text(
        "Town council\n\nMAYOR: The meeting is open.\n", encoding="utf-8"
    )
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert len(app.interview_list.visible_sources()) == 2
        app.query_one(InterviewOptions).focus()
        await pilot.press(*"scotus")
        await settle(pilot)
        assert app.interview_list.visible_sources() == [(tmp_path / "scotus_11-398.txt")]


def test_an_interview_of_one_turn_is_listed_as_1_turn() -> None:
    one = Summary(source=Path("notes.md"), title="Notes", turn_count=1)
    many = Summary(source=Path("talk.txt"), title="Talk", turn_count=1205)
    assert interview_label(one).plain == "Notes\n1 turn"
    assert interview_label(many).plain == "Talk\n1,205 turns"


async def test_enter_in_the_filter_opens_the_first_match() -> None:
    """Typed a filter, pressed enter: the interview it found opens (found in tmux: the
    first enter only moved to the list, and a reader pressed it again, puzzled)."""
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.query_one(InterviewOptions).focus()
        await pilot.press(*"rossiya", "enter")
        await settle(pilot)
        assert app.current is not None and "Rossiya" in app.current.title
        assert app.focused is app.query_one("ConversationView")


async def test_enter_on_a_filter_matching_nothing_opens_nothing() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        opened = app.current
        app.query_one(InterviewOptions).focus()
        await pilot.press(*"zzz", "enter")
        await settle(pilot)
        assert app.current is opened
        assert app.focused is app.query_one(InterviewOptions)
