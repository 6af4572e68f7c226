"""Comparing codes: the count tables, their CSV, and the screen that shows and saves them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable

from reader.core.bookmarks import Bookmark, BookmarkStore, Code
from reader.core.library import Library
from reader.core.paths import bundled_corpus_dir
from reader.ui.app import ReaderApp
from reader.ui.compare import compare_tables
from reader.ui.screens.compare import CompareScreen

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def code(number: int, name: str, parent: int | None = None) -> Code:
    return Code(number, f"guid-{number}", name, parent, "#112233", "")


def passage(
    number: int, source: str, turn: int, span: tuple[int, int], speaker: str, *codes: str
) -> Bookmark:
    start, end = span
    date = dt.date(2020, 1, int(source[-1]))
    return Bookmark(
        number, Path(f"/t/{source}"), "", f"Talk {source[-1]}", date, turn, speaker,
        "x" * (end - start), start, end, "", codes, NOW, NOW, False,
    )  # fmt: skip


CODES = [code(1, "Trust"), code(2, "Fear"), code(3, "Dread", parent=2)]
PASSAGES = [
    passage(1, "a1", 0, (0, 10), "Ann", "Trust", "fear"),  # two codes on one passage
    passage(2, "a1", 0, (5, 20), "Ann", "Dread"),  # overlaps passage 1's words
    passage(3, "a1", 0, (20, 30), "Ann", "Trust"),  # touches passage 2, no overlap
    passage(4, "b2", 3, (0, 10), "Bob", "Fear"),
    passage(5, "b2", 4, (0, 10), "Ann", "Dread"),  # same offsets, another turn
]


def test_passages_per_code_and_interview_and_speaker() -> None:
    by_interview, by_speaker, _overlaps = compare_tables(CODES, PASSAGES)
    assert by_interview.columns == ("Talk 1", "Talk 2")
    assert by_interview.rows == (("Trust", (2, 0)), ("Fear", (1, 1)), ("Dread", (1, 1)))
    assert by_speaker.columns == ("Ann", "Bob")
    assert by_speaker.rows == (("Trust", (2, 0)), ("Fear", (1, 1)), ("Dread", (2, 0)))


def test_overlaps_count_shared_passages_and_shared_words() -> None:
    *_, overlaps = compare_tables(CODES, PASSAGES)
    assert overlaps.columns == ("Trust", "Fear", "Dread")
    assert overlaps.rows == (
        ("Trust", (2, 1, 1)),
        ("Fear", (1, 2, 1)),
        ("Dread", (1, 1, 2)),
    )
    assert overlaps.to_csv() == "code,Trust,Fear,Dread\nTrust,2,1,1\nFear,1,2,1\nDread,1,1,2\n"


def test_orphaned_and_uncoded_passages_do_not_count() -> None:
    orphan = passage(6, "a1", 0, (0, 10), "Ann", "Trust")
    orphan = Bookmark(**{**{f: getattr(orphan, f) for f in Bookmark.__slots__}, "orphaned": True})
    uncoded = passage(7, "a1", 0, (0, 10), "Ann")
    by_interview, *_ = compare_tables(CODES, [orphan, uncoded])
    assert by_interview.columns == () and by_interview.rows == (
        ("Trust", ()),
        ("Fear", ()),
        ("Dread", ()),
    )


async def test_the_compare_screen_shows_the_tables_and_saves_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library()
    library.load([bundled_corpus_dir()])
    interviews = [library.interview(s.source) for s in library.summaries[:3] if s.source]
    with BookmarkStore.open() as store:
        store.add_code("Reform")
        store.add_code("Security")
        for interview in interviews:
            assert interview is not None
            store.add(interview, 1, codes=["Reform"])
        assert interviews[0] is not None
        store.add(interviews[0], 3, codes=["Reform", "Security"])
    library.close()
    monkeypatch.chdir(tmp_path)
    app = ReaderApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.action_compare_codes()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        by_interview = screen.tables[0]
        titles = [i.title for i in interviews if i is not None]
        assert by_interview.columns == tuple(titles)
        assert by_interview.rows == (("Reform", (2, 1, 1)), ("Security", (1, 0, 0)))
        table = screen.query_one("#data-0", DataTable)
        assert (table.row_count, len(table.columns)) == (2, 4)
        await pilot.press("t", "t", "x")
        assert screen.current().name == "code-overlaps.csv"
        written = (tmp_path / "code-overlaps.csv").read_text(encoding="utf-8")
        assert written == "code,Reform,Security\nReform,4,1\nSecurity,1,1\n"
        await pilot.press("x")
        assert (tmp_path / "code-overlaps (2).csv").read_text(encoding="utf-8") == written
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen)
