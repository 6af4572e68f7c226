"""Comparing codes: the three tables and their CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reader.core.bookmarks import BookmarkStore
from reader.core.bookmarks.compare import by_interview, by_speaker, overlaps
from reader.core.model import Interview, Paragraph, Role, Turn


def interview(path: Path, title: str) -> Interview:
    path.write_text("stand-in", encoding="utf-8")
    turns = (
        Turn("Ann", "ANN", Role.INTERVIEWER, (Paragraph("One two three four."),), 0, 10),
        Turn("Bob", "BOB", Role.INTERVIEWEE, (Paragraph("Five six seven."),), 11, 20),
    )
    return Interview(source=path, title=title, turns=turns)


def test_the_three_tables(tmp_path: Path) -> None:
    first, second = interview(tmp_path / "a.txt", "A"), interview(tmp_path / "b.txt", "B")
    with BookmarkStore.open(tmp_path / "data") as store:
        for name in ("x", "y", "z"):
            store.add_code(name)
        store.add(first, 0, "One two", codes=["x", "y"])
        store.add(first, 0, "two three", codes=["z"])  # overlaps the first
        store.add(first, 1, "Five", codes=["x"])
        store.add(second, 1, "six", codes=["x", "z"])
        store.add(second, 0, "four")  # no codes: not counted
        bookmarks = store.list()
    codes = ["x", "y", "z"]
    assert by_interview(bookmarks, codes).rows == (("x", 2, 1, 3), ("y", 1, 0, 1), ("z", 1, 1, 2))
    assert by_interview(bookmarks, codes).header == ("code", "A", "B", "total")
    assert by_speaker(bookmarks, codes).rows == (("x", 1, 2, 3), ("y", 1, 0, 1), ("z", 1, 1, 2))
    table = overlaps(bookmarks, codes)
    assert table.rows == (("x", "z", 2), ("x", "y", 1), ("y", "z", 1))
    assert list(csv.reader(io.StringIO(table.to_csv()))) == [
        ["code", "with code", "passages"],
        ["x", "z", "2"],
        ["x", "y", "1"],
        ["y", "z", "1"],
    ]
