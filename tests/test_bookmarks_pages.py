"""Bookmarks on paginated records keep the page (and line) their quote is on."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from reader.core.bookmarks import BookmarkStore, export
from reader.core.bookmarks.store import DB_NAME
from reader.core.loader import load_interview

HEARING = Path(__file__).parent / "data" / "parse" / "hearing_numbered_lines.txt"


def test_a_bookmark_keeps_its_page_and_line_and_exports_cite_them(tmp_path: Path) -> None:
    source = tmp_path / "hearing.txt"
    shutil.copy(HEARING, source)
    interview = load_interview(source)
    with BookmarkStore.open(tmp_path / "data") as store:
        liman = store.add(interview, 2, "anyone help you")
        thanks = store.add(interview, 4)
    assert (liman.page, liman.line, thanks.page, thanks.line) == ("460", 5, "461", 3)
    assert export([liman, thanks], "md") == (
        "- “anyone help you” — Mr. LIMAN, *hearing*, 460:5\n"
        "- “Thank you, Colonel.” — Mr. LIMAN, *hearing*, 461:3\n"
    )
    assert [(b["page"], b["line"]) for b in json.loads(export([liman], "json"))] == [("460", 5)]
    header, row = export([liman], "csv").splitlines()
    assert header.endswith(",page,line,start_time,created,updated") and ",460,5,," in row


def test_re_anchoring_moves_the_page_with_the_quote(tmp_path: Path) -> None:
    source = tmp_path / "hearing.txt"
    shutil.copy(HEARING, source)
    with BookmarkStore.open(tmp_path / "data") as store:
        store.add(load_interview(source), 4)
        source.write_text(HEARING.read_text().replace("461", "462"))
        [moved] = store.refresh()
    assert (moved.quote, moved.page, moved.line) == ("Thank you, Colonel.", "462", 3)


def test_a_version_1_store_gains_empty_pages(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    old = sqlite3.connect(folder / DB_NAME)
    old.execute(
        "CREATE TABLE bookmarks (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,"
        " fingerprint TEXT NOT NULL, interview_title TEXT NOT NULL, interview_date TEXT,"
        " turn INTEGER NOT NULL, speaker TEXT NOT NULL, quote TEXT NOT NULL,"
        " quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,"
        " note TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]',"
        " created TEXT NOT NULL, updated TEXT NOT NULL, orphaned INTEGER NOT NULL DEFAULT 0)"
    )
    old.execute(
        "INSERT INTO bookmarks VALUES (1, '/x.txt', 'f', 'X', NULL, 0, 'Ann', 'Hi.', 0, 3,"
        " '', '[]', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00', 0)"
    )
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    with BookmarkStore.open(folder) as store:
        [kept] = store.list()
    assert (kept.quote, kept.page, kept.line) == ("Hi.", None, None)


SCOTUS = Path(__file__).parent / "realworld" / "scotus_11-398_2012-03-26_pp1-8.txt"


def test_a_quote_deep_in_a_long_paragraph_is_cited_where_it_is_printed(tmp_path: Path) -> None:
    """Mr. Long's second paragraph starts at 3:25 and runs onto page 4; the words "That
    directive triggers…" are printed at 4:2, and Justice Scalia's question at 4:13
    (found by QA: both were cited where their paragraphs start, 3:25 and 4:7)."""
    source = tmp_path / "scotus.txt"
    shutil.copy(SCOTUS, source)
    interview = load_interview(source)
    long, scalia = interview.turns[1], interview.turns[2]
    directive = long.text.index("That directive triggers the Anti-Injunction Act")
    question = scalia.text.index("Why should this one be directed to the courts?")
    assert (long.place_at(directive), scalia.place_at(question)) == ("4:2", "4:13")
    assert long.place_at(0) == "3:9"
    with BookmarkStore.open(tmp_path / "data") as store:
        bookmark = store.add(interview, 1, "That directive triggers the Anti-Injunction Act")
    assert (bookmark.page, bookmark.line) == ("4", 2)
    assert export([bookmark], "md").endswith(", 4:2\n")
