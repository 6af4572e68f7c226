"""SQLite plumbing shared by the cache and the bookmark store: connections, WAL,
transactions, locks, and failures as one line.

Nothing here knows what the databases hold. Connections are in autocommit mode
(``isolation_level=None``): every transaction is begun explicitly, by :func:`reading`
or :func:`writing`.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WAL_RETRY_SECONDS = 0.01
"""How often a switch to WAL is tried again while another process holds the file."""


def connect(path: Path, busy_seconds: float) -> sqlite3.Connection:
    """A connection that waits up to ``busy_seconds`` for other processes' locks."""
    return sqlite3.connect(
        path, timeout=busy_seconds, isolation_level=None, check_same_thread=False
    )


def connect_uri(uri: str, busy_seconds: float) -> sqlite3.Connection:
    """:func:`connect`, to an SQLite ``file:`` URI (``mode=ro`` and the like)."""
    return sqlite3.connect(
        uri, uri=True, timeout=busy_seconds, isolation_level=None, check_same_thread=False
    )


def enable_wal(conn: sqlite3.Connection, busy_seconds: float) -> None:
    """Switch to WAL, retrying while another process holds a lock.

    Changing the journal mode needs the file to itself and can fail at once with
    "database is locked" instead of waiting on the busy handler, so two processes
    creating a database at once would otherwise see that error.
    """
    deadline = time.monotonic() + busy_seconds
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return  # or a mode the file cannot leave (in memory): not worth a retry
        except sqlite3.OperationalError as exc:
            if kind(exc) != "busy" or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


@contextmanager
def reading(conn: sqlite3.Connection) -> Iterator[None]:
    """One read snapshot (what it adds to temporary tables is kept)."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


@contextmanager
def writing(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, waiting (up to the busy timeout) for other writers;
    rolled back if anything in it fails, the commit included."""
    conn.execute("BEGIN IMMEDIATE")  # a plain BEGIN could not wait for the lock
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def unwritable(path: Path) -> str | None:
    """Why the database (or its folder, where SQLite adds -wal and -shm) cannot be written.

    SQLite would quietly open a read-only file read-only and fail only at the first write.
    """
    if not os.access(path.parent, os.W_OK):
        return "the folder is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    return None


def inode(path: Path) -> int | None:
    """The file's inode number, or None if it does not exist."""
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def move_aside(path: Path, found: int | None) -> Path | None:
    """Rename a damaged database (and its -wal/-shm) out of the way.

    Returns None, moving nothing, if the file is no longer the one found damaged
    (another process already replaced it).
    """
    if inode(path) != found:
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(path, aside)
    return aside


def kind(exc: sqlite3.Error) -> str:
    """What went wrong, by SQLite error code or, for hand-made errors, by message."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    for name, codes, words in _KINDS:
        if primary in codes or any(word in text for word in words):
            return name
    return "other"


_KINDS: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...] = (
    ("corrupt", (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB), ("malformed", "not a database")),
    ("busy", (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED), ("locked",)),
    ("full", (sqlite3.SQLITE_FULL,), ("disk is full",)),
    ("readonly", (sqlite3.SQLITE_READONLY,), ("readonly",)),
    ("cantopen", (sqlite3.SQLITE_CANTOPEN,), ("unable to open",)),
)
_REASONS = {
    "corrupt": "{} is damaged",
    "busy": "{} is locked by another program; try again",
    "full": "the disk is full",
    "readonly": "the file is read-only",
    "cantopen": "it cannot be opened for writing",
}


def reason(exc: OSError | sqlite3.Error, database: str) -> str:
    """A short, one-line explanation of a storage failure of ``database`` (its name
    in a sentence: "the bookmark database")."""
    if isinstance(exc, sqlite3.Error) and kind(exc) in _REASONS:
        return _REASONS[kind(exc)].format(database)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
