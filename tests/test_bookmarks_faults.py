"""Faults in the bookmark store: damaged file, locks, read-only folders, full disk, races."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.core.bookmarks import BookmarkError, BookmarkStore
from reader.core.bookmarks import store as store_module
from reader.core.bookmarks.store import DB_NAME
from reader.core.model import Interview, Paragraph, Role, Turn


@pytest.fixture
def interview(tmp_path: Path) -> Interview:
    texts = ("Thank you for coming today.", "It is a pleasure to be here with you.")
    source = tmp_path / "talk.txt"
    source.write_text("\n\n".join(texts), encoding="utf-8")
    turns = tuple(
        Turn(f"S{i}", None, Role.OTHER, (Paragraph(t),), 0, len(t)) for i, t in enumerate(texts)
    )
    return Interview(source=source, title="Talk", turns=turns)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def saved(data: Path, interview: Interview, notes: list[str]) -> None:
    with BookmarkStore.open(data) as store:
        for note in notes:
            store.add(interview, 1, note=note)


def notes(data: Path) -> list[str]:
    with BookmarkStore.open(data) as store:
        return [bookmark.note for bookmark in store.list()]


# A damaged database file


def test_a_garbage_file_is_moved_aside_and_a_new_store_started(
    data: Path, interview: Interview
) -> None:
    data.mkdir()
    garbage = b"this is not a database\n" * 100
    (data / DB_NAME).write_bytes(garbage)
    with BookmarkStore.open(data) as store:
        [aside] = data.glob(f"{DB_NAME}.corrupt-*")
        assert store.warning == (
            f"the bookmark database was damaged: moved it to {aside} and started a new one"
        )
        assert not store.read_only and store.list() == []
        store.add(interview, 0)
    assert aside.read_bytes() == garbage
    assert notes(data) == [""]


def test_a_database_with_damaged_pages_is_moved_aside(data: Path, interview: Interview) -> None:
    saved(data, interview, [f"note {i} " + "x" * 2000 for i in range(20)])
    with (data / DB_NAME).open("r+b") as file:
        file.seek(4096 * 2)
        file.write(b"\xff" * 4096 * 3)
    with BookmarkStore.open(data) as store:
        assert store.warning is not None and "was damaged: moved it to" in store.warning
        assert store.list() == []
    assert len(list(data.glob(f"{DB_NAME}.corrupt-*"))) == 1


def test_a_sound_database_is_left_where_it_is(data: Path, interview: Interview) -> None:
    saved(data, interview, ["kept"])
    with BookmarkStore.open(data) as store:
        assert store.warning is None
    assert notes(data) == ["kept"]
    assert list(data.glob("*.corrupt-*")) == []


def test_a_database_from_a_newer_reader_is_refused(data: Path) -> None:
    data.mkdir()
    raw = sqlite3.connect(data / DB_NAME)
    raw.execute("PRAGMA user_version = 7")
    raw.close()
    with pytest.raises(BookmarkError) as caught:
        BookmarkStore.open(data)
    assert str(caught.value) == (
        "the bookmark database is from a newer reader (schema 7, this one knows 4)"
    )


# Locks held by another process


def test_a_lock_held_past_the_timeout_fails_the_write_cleanly(
    data: Path, interview: Interview
) -> None:
    saved(data, interview, ["before"])
    other = sqlite3.connect(data / DB_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with BookmarkStore.open(data, busy_timeout=0.2) as store:
        began = time.monotonic()
        with pytest.raises(BookmarkError) as caught:
            store.add(interview, 0, note="during")
        assert time.monotonic() - began >= 0.2
        assert str(caught.value) == (
            "cannot save bookmarks: the bookmark database is locked by another program; try again"
        )
        assert [b.note for b in store.list()] == ["before"]  # reading still works
        other.execute("COMMIT")
        store.add(interview, 0, note="after")
    other.close()
    assert notes(data) == ["after", "before"]


def test_a_store_that_cannot_be_set_up_for_a_lock_says_so(data: Path) -> None:
    data.mkdir()
    other = sqlite3.connect(data / DB_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(BookmarkError) as caught:
        BookmarkStore.open(data, busy_timeout=0.2)
    other.execute("ROLLBACK")
    other.close()
    assert str(caught.value) == (
        "cannot open bookmarks: the bookmark database is locked by another program; try again"
    )
    with BookmarkStore.open(data) as store:
        assert store.list() == [] and not store.read_only


def test_a_short_lock_is_waited_for(data: Path, interview: Interview) -> None:
    saved(data, interview, ["before"])
    other = sqlite3.connect(data / DB_NAME, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    releaser.start()
    with BookmarkStore.open(data) as store:
        store.add(interview, 0, note="waited")
    releaser.join()
    other.close()
    assert notes(data) == ["waited", "before"]


# Read-only folders and files


def test_when_writing_fails_at_open_the_store_reads_the_file_read_only(
    data: Path, interview: Interview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated: tests run as root, whom permissions do not stop, so the read-write open
    is made to fail the way SQLite does on a read-only file; the fallback is real."""
    saved(data, interview, ["kept"])

    def refuse(path: Path, busy_timeout: float) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store_module, "_open_writable", refuse)
    with BookmarkStore.open(data) as store:
        assert store.read_only
        assert store.warning == (
            f"bookmarks are read-only: cannot write {data / DB_NAME} (the file is read-only);"
            " reading still works"
        )
        [kept] = store.list()
        assert kept.note == "kept"
        refusal = f"cannot save bookmarks: {data / DB_NAME} is read-only (the file is read-only)"
        for write in (
            lambda: store.add(interview, 0),
            lambda: store.remove(kept.id),
            lambda: store.set_note(kept.id, "changed"),
        ):
            with pytest.raises(BookmarkError) as caught:
                write()
            assert str(caught.value) == refusal
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._connection().execute("DELETE FROM bookmarks")  # the fallback is truly ro
        changed = Turn("S0", None, Role.OTHER, (Paragraph("Changed entirely."),), 0, 17)
        (interview.source or Path()).write_text("Changed entirely.")
        edited = Interview(source=interview.source, title="Talk", turns=(changed,))
        [reanchored] = store.reanchor(edited)  # computed, not saved
        assert reanchored.orphaned
        assert [b.orphaned for b in store.list()] == [False]
    monkeypatch.undo()
    assert notes(data) == ["kept"]


def test_a_full_disk_at_open_gives_an_empty_read_only_store(
    data: Path, interview: Interview, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, busy_timeout: float) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_open_writable", full)
    with BookmarkStore.open(data) as store:
        assert store.read_only and store.list() == []
        assert store.warning == (
            f"bookmarks are read-only: cannot write {data / DB_NAME} (the disk is full);"
            " reading still works"
        )
        with pytest.raises(
            BookmarkError, match=r"^cannot save bookmarks: .* \(the disk is full\)$"
        ):
            store.add(interview, 0)


@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """Really make paths unwritable: chmod for ordinary users; for root, whom chmod does
    not stop, the immutable attribute (``chattr +i``), skipping where that is refused."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in paths}
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, check=False)
    try:
        if made.returncode != 0:
            pytest.skip(f"cannot make files immutable here: {made.stderr.decode().strip()}")
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True, check=False)


def test_a_really_read_only_folder_is_read(data: Path, interview: Interview) -> None:
    saved(data, interview, ["kept"])
    with unwritable(data / DB_NAME, data), BookmarkStore.open(data) as store:
        assert store.read_only
        assert store.warning == (
            f"bookmarks are read-only: cannot write {data / DB_NAME}"
            " (the folder is not writable); reading still works"
        )
        assert [b.note for b in store.list()] == ["kept"]
        with pytest.raises(BookmarkError) as caught:
            store.add(interview, 0)
        assert str(caught.value) == (
            f"cannot save bookmarks: {data / DB_NAME} is read-only (the folder is not writable)"
        )
    assert notes(data) == ["kept"]


def test_a_really_read_only_file_is_read(data: Path, interview: Interview) -> None:
    saved(data, interview, ["kept"])
    with unwritable(data / DB_NAME), BookmarkStore.open(data) as store:
        assert store.read_only
        assert store.warning is not None and "(the file is not writable)" in store.warning
        assert [b.note for b in store.list()] == ["kept"]
    assert notes(data) == ["kept"]


def test_a_really_read_only_parent_gives_an_empty_store(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    with unwritable(parent), BookmarkStore.open(parent / "data") as store:
        assert store.read_only and store.list() == []
        assert store.warning is not None and "reading still works" in store.warning


# A full disk while writing


def test_a_full_disk_fails_the_write_and_keeps_what_was_saved(
    data: Path, interview: Interview
) -> None:
    """SQLite itself reports SQLITE_FULL once the file may not grow (``max_page_count``)."""
    saved(data, interview, ["kept"])
    with BookmarkStore.open(data) as store:
        conn = store._connection()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(BookmarkError) as caught:
            store.add(interview, 0, note="x" * 100_000)
        assert str(caught.value) == "cannot save bookmarks: the disk is full"
        assert [b.note for b in store.list()] == ["kept"]
    assert notes(data) == ["kept"]


# Two processes writing at once

WRITER = """
import sys
from pathlib import Path
from reader.core.bookmarks import BookmarkStore
from reader.core.model import Interview, Paragraph, Role, Turn

data, source, who, count = sys.argv[1:]
turn = Turn("A", None, Role.OTHER, (Paragraph("Thank you for coming today."),), 0, 27)
interview = Interview(source=Path(source), title="Talk", turns=(turn,))
with BookmarkStore.open(Path(data)) as store:
    for i in range(int(count)):
        bookmark = store.add(interview, 0, note=f"{who}-{i}")
        if i % 3 == 0:
            store.remove(bookmark.id)
"""


def test_two_processes_adding_and_removing_lose_nothing(data: Path, interview: Interview) -> None:
    count = 300
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data), str(interview.source), who, str(count)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    errors = [writer.communicate(timeout=60)[1] for writer in writers]
    assert errors == ["", ""]
    expected = {f"{who}-{i}" for who in "ab" for i in range(count) if i % 3}
    kept = notes(data)
    assert len(kept) == len(expected) == 400
    assert set(kept) == expected
