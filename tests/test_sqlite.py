"""The SQLite plumbing shared by the cache and the bookmark store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core import sqlite as db


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    """Two connections to one new database, the second waiting for no lock."""
    path = tmp_path / "two.sqlite3"
    first, second = db.connect(path, 5.0), db.connect(path, 0.0)
    first.execute("CREATE TABLE t (x INTEGER)")
    yield first, second
    first.close()
    second.close()


def _locked_error(two: tuple[sqlite3.Connection, sqlite3.Connection]) -> sqlite3.Error:
    first, second = two
    first.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError) as caught:
        second.execute("BEGIN IMMEDIATE")
    first.execute("ROLLBACK")
    return caught.value


def test_kind_by_error_code(
    two: tuple[sqlite3.Connection, sqlite3.Connection], tmp_path: Path
) -> None:
    locked = _locked_error(two)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database, not at all" * 100)
    with pytest.raises(sqlite3.DatabaseError) as foreign:
        db.connect(garbage, 0.0).execute("SELECT * FROM sqlite_master")
    assert (db.kind(locked), db.kind(foreign.value)) == ("busy", "corrupt")


def test_kind_by_message_for_errors_made_by_hand() -> None:
    made = [
        sqlite3.DatabaseError("database disk image is malformed: row 3 missing"),
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("no such table: t"),
    ]
    assert [db.kind(exc) for exc in made] == ["corrupt", "busy", "other"]


def test_reason_names_the_database(two: tuple[sqlite3.Connection, sqlite3.Connection]) -> None:
    locked = _locked_error(two)
    assert db.reason(locked, "the cache") == "the cache is locked by another program; try again"
    assert db.reason(OSError(28, "No space left on device"), "the cache") == (
        "no space left on device"
    )


def test_writing_commits(two: tuple[sqlite3.Connection, sqlite3.Connection]) -> None:
    first, second = two
    with db.writing(first):
        first.execute("INSERT INTO t VALUES (1)")
    assert second.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_writing_rolls_back_when_the_commit_fails(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "fk.sqlite3", 0.0)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.execute(
        "CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
    )
    with pytest.raises(sqlite3.IntegrityError), db.writing(conn):
        conn.execute("INSERT INTO child VALUES (7)")  # checked only at COMMIT
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM child").fetchone() == (0,)


def test_reading_ends_its_snapshot(two: tuple[sqlite3.Connection, sqlite3.Connection]) -> None:
    first, second = two
    with db.reading(second):
        assert second.execute("SELECT count(*) FROM t").fetchone() == (0,)
    first.execute("INSERT INTO t VALUES (1)")
    assert not second.in_transaction
    assert second.execute("SELECT count(*) FROM t").fetchone() == (1,)


def test_enable_wal_waits_for_a_reader_to_let_go(
    two: tuple[sqlite3.Connection, sqlite3.Connection], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two
    first.execute("BEGIN")
    first.execute("SELECT * FROM t").fetchall()  # a shared lock: WAL needs the file alone
    pauses: list[float] = []

    def let_go(seconds: float) -> None:
        pauses.append(seconds)
        first.execute("ROLLBACK")

    monkeypatch.setattr(db.time, "sleep", let_go)
    db.enable_wal(second, 5.0)
    assert second.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert pauses == [db.WAL_RETRY_SECONDS]


def test_enable_wal_gives_up_after_the_busy_timeout(
    two: tuple[sqlite3.Connection, sqlite3.Connection],
) -> None:
    first, second = two
    first.execute("BEGIN")
    first.execute("SELECT * FROM t").fetchall()
    with pytest.raises(sqlite3.OperationalError) as caught:
        db.enable_wal(second, 0.0)
    assert db.kind(caught.value) == "busy"
    first.execute("ROLLBACK")


def test_enable_wal_leaves_a_database_in_memory_as_it_is() -> None:
    conn = db.connect(Path(":memory:"), 0.0)
    db.enable_wal(conn, 5.0)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("memory",)
