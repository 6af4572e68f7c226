"""The interview list drawn line by line (issue 15): fixed two-line entries cut with …,
only the entries on screen drawn, and the keys, mouse and live updates of a list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.text import Text

from conftest import settle
from reader.core.model import LoadError, Summary
from reader.ui.app import ReaderApp
from reader.ui.widgets import interview_list
from reader.ui.widgets.interview_list import InterviewOptions

RULE = "─"


def list_lines(app: ReaderApp) -> list[str]:
    options = app.query_one(InterviewOptions)
    return [options.render_line(y).text for y in range(options.size.height)]


def write_talk(path: Path, title: str, date: str = "") -> None:
    """A four-turn transcript between BO and ANN."""
    turns = "BO: Hello.\n\nANN: Hi.\n\nBO: Bye.\n\nANN: Bye.\n"
    path.write_text(f"Title: {title}\nDate: {date}\n\n{turns}", encoding="utf-8")


def talks(count: int) -> tuple[Summary, ...]:
    """``count`` interviews, one a day from 1 January 2000, ``Talk 0``, ``Talk 1``…"""
    start = dt.date(2000, 1, 1)
    return tuple(
        Summary(
            source=Path(f"/talks/{n:05d}.txt"),
            title=f"Talk {n}",
            turn_count=n + 1,
            date=start + dt.timedelta(days=n),
            interviewee=f"Speaker {n}",
        )
        for n in range(count)
    )


async def test_at_80_columns_an_entry_is_two_lines_cut_with_an_ellipsis() -> None:
    """The list is 23 columns wide at 80: "… · 21 turns" wrapped onto a third line, and
    long titles onto more; every entry is a title line and a details line now."""
    app = ReaderApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert list_lines(app)[:9] == [
            " Interview With Maria… ",
            " Richard A. Boucher ·… ",
            RULE * 23,
            " Interview With Askar… ",
            " John Kerry · 2015-11… ",
            RULE * 23,
            " Interview With Mikha… ",
            " John Kerry · 2016-03… ",
            RULE * 23,
        ]
        assert list_lines(app)[13:15] == [
            " Sergey Lavrov · 2018… ",
            " " * 23,
        ]  # no rule after the last


async def test_titles_with_markup_are_drawn_literally(tmp_path: Path) -> None:
    write_talk(tmp_path / "t.txt", "Notes [inaudible] [/] [b]")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert list_lines(app)[0] == " Notes [inaudible] [/] [b]".ljust(27)
        assert list_lines(app)[1] == " 4 turns".ljust(27)


async def test_only_the_entries_on_screen_are_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5,000 interviews cost what the ten on screen do: no other entry's text is made."""
    built: list[str] = []
    real = interview_list.interview_label

    def label(summary: Summary) -> Text:
        built.append(summary.title)
        return real(summary)

    monkeypatch.setattr(interview_list, "interview_label", label)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.interview_list.set_interviews(talks(5000))
        await pilot.pause()
        options = app.query_one(InterviewOptions)
        assert options.size.height == 30  # ten entries of three lines
        assert set(built) == {f"Talk {n}" for n in range(10)}
        options.focus()
        await pilot.pause()
        built.clear()
        await pilot.press("end")
        assert options.highlighted == 4999
        assert set(built) == {f"Talk {n}" for n in range(4990, 5000)}


async def test_arrows_home_end_and_pages_move_the_highlight(tmp_path: Path) -> None:
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        failed = (LoadError(tmp_path / "bad.txt", "empty file"),)
        app.interview_list.set_interviews(talks(25), failed)
        await pilot.pause()
        options = app.query_one(InterviewOptions)
        options.focus()
        seen = []
        for key in ["down", "down", "up", "pagedown", "pagedown", "pagedown", "pageup"]:
            await pilot.press(key)
            seen.append(options.highlighted)
        assert seen == [1, 2, 1, 11, 21, 24, 14]  # a page is ten; never the failed file
        await pilot.press("end", "down")  # past the end: round to the first
        assert options.highlighted == 0
        await pilot.press("up", "home")
        assert options.highlighted == 0
        await pilot.press("up")
        assert options.highlighted == 24
        options.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert [line for line in list_lines(app) if line.strip()][-2:] == [
            " ✗ bad.txt".ljust(26),  # 26: the scrollbar takes one
            " empty file".ljust(26),
        ]


async def test_a_click_opens_an_entry_and_hovering_shows_it_whole(tmp_path: Path) -> None:
    for number, title in enumerate(["A first talk", "A second talk about the long harbour"]):
        write_talk(tmp_path / f"{number}.txt", title, f"202{number}-01-01")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        options = app.query_one(InterviewOptions)
        assert app.current is not None and app.current.title == "A first talk"
        await pilot.click(InterviewOptions, offset=(3, 7))  # the failed file: nothing
        await settle(pilot)
        assert app.current.title == "A first talk" and options.highlighted == 0
        await pilot.hover(InterviewOptions, offset=(3, 4))
        assert list_lines(app)[3] == " A second talk about the…".ljust(27)
        assert str(options.tooltip).startswith("A second talk about the long harbour\n")
        await pilot.click(InterviewOptions, offset=(3, 4))
        await settle(pilot)
        assert app.current.title == "A second talk about the long harbour"
        assert options.highlighted == 1


async def test_the_highlight_stays_on_its_interview_as_the_library_changes(
    tmp_path: Path,
) -> None:
    """While a folder loads, interviews are added before the highlighted one (the list
    is by date), changed and removed: the highlight follows its interview into view."""
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        every = talks(100)
        app.interview_list.set_interviews(every[50:])
        options = app.query_one(InterviewOptions)
        options.highlighted = 5  # Talk 55
        app.interview_list.set_interviews(every)
        await pilot.pause()
        assert options.highlighted == 55 and options.scroll_offset.y == 55 * 3 + 2 - 30
        assert list_lines(app)[-2:] == [" Talk 55".ljust(26), " Speaker 55 · 2000-02-25… "]
        renamed = Summary(**{**vars_of(every[55]), "title": "Talk 55, revised"})
        app.interview_list.set_interviews((*every[:55], renamed, *every[56:]))
        await pilot.pause()
        assert options.highlighted == 55 and list_lines(app)[-2] == " Talk 55, revised".ljust(26)
        app.interview_list.set_interviews(every[:55] + every[56:])
        assert options.highlighted == 0


def vars_of(summary: Summary) -> dict[str, object]:
    return {name: getattr(summary, name) for name in Summary.__slots__}


async def test_a_new_theme_redraws_the_list_in_its_colours() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        options = app.query_one(InterviewOptions)
        dark = [segment.style for segment in options.render_line(0)]
        app.theme = "textual-light"
        await pilot.pause()
        light = [segment.style for segment in options.render_line(0)]
        assert options.render_line(0).text.startswith(" Interview With Maria Kos")
        assert dark[0] is not None and light[0] is not None
        assert dark[0].bgcolor != light[0].bgcolor
