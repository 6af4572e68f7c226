"""Citations of timed recordings (captions, timestamped podcasts) give the time of the
passage where the source has no pages: ``… — Interviewer, Title, at 01:02:03``."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from reader.core.bookmarks import BookmarkStore, export
from reader.core.bookmarks.store import DB_NAME
from reader.core.loader import load_interview
from reader.core.model import Paragraph, Role, Turn, place

CAPTIONS = Path(__file__).parent / "data" / "formats" / "voice_tags.vtt"


def test_a_page_is_cited_before_a_time_and_a_time_in_whole_seconds() -> None:
    assert place("461", None, 3723.25) == "p. 461"
    assert place("45", 12, 3723.25) == "45:12"
    assert place(None, None, 3723.25) == "at 01:02:03"
    assert place(None, None, 5.9) == "at 00:00:05"
    assert place(None, None, None) is None


def test_a_passage_is_heard_from_the_last_time_given_before_it_in_its_turn() -> None:
    paragraphs = (
        Paragraph("One.", start_time=10.0),
        Paragraph("Two.", start_time=None),
        Paragraph("Three.", start_time=70.0),
    )
    turn = Turn("Ann", "ANN", Role.OTHER, paragraphs, 0, 20, start_time=10.0)
    assert [turn.time_at(offset) for offset in (0, 6, 12)] == [10.0, 10.0, 70.0]
    assert [turn.place_at(offset) for offset in (0, 6, 12)] == [
        "at 00:00:10",
        "at 00:00:10",
        "at 00:01:10",
    ]
    untimed = Turn("Ann", "ANN", Role.OTHER, (Paragraph("One."),), 0, 4)
    assert (untimed.time_at(0), untimed.place_at(0)) == (None, None)


def test_a_bookmark_on_captions_keeps_its_time_and_exports_cite_it(tmp_path: Path) -> None:
    source = tmp_path / "tape2.vtt"
    shutil.copy(CAPTIONS, source)
    interview = load_interview(source)
    with BookmarkStore.open(tmp_path / "data") as store:
        strike = store.add(interview, 2)
        sixty_two = store.add(interview, 1, "his father too")
        [listed, _] = store.list()
    assert (strike.start_time, sixty_two.start_time, listed.start_time) == (3723.25, 3.5, 3.5)
    assert export([strike, sixty_two], "md") == (
        "- “And the strike?” — Interviewer, *Harbour oral history, tape 2*, at 01:02:03\n"
        "- “his father too” — Maria Santos, *Harbour oral history, tape 2*, at 00:00:03\n"
    )
    assert json.loads(export([strike], "json"))[0]["start_time"] == 3723.25
    header, row = export([strike], "csv").splitlines()
    assert header.endswith(",page,line,start_time,created,updated") and ",,,3723.25," in row


def test_a_version_3_store_gains_empty_times(tmp_path: Path) -> None:
    """A store written before times were kept opens with none, and a refresh fills them."""
    source = tmp_path / "tape2.vtt"
    shutil.copy(CAPTIONS, source)
    folder = tmp_path / "data"
    with BookmarkStore.open(folder) as store:
        store.add(load_interview(source), 2)
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("ALTER TABLE bookmarks DROP COLUMN start_time")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with BookmarkStore.open(folder) as store:
        [old] = store.list()
        assert (old.quote, old.start_time) == ("And the strike?", None)
        source.write_text(CAPTIONS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        [refreshed] = store.refresh()
    assert refreshed.start_time == 3723.25
