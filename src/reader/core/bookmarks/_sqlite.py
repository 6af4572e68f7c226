"""SQLite plumbing for the bookmark store: connections, WAL, locks, errors as one line.

Nothing here knows what a bookmark is.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path


def connect_read_write(path: Path, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )


def connect_uri(uri: str, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )


def enable_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch to WAL, retrying while another process holds a lock.

    Changing the journal mode does not wait on the busy handler, so two processes
    creating the store at once would otherwise see "database is locked".
    """
    deadline = time.monotonic() + busy_timeout
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if kind(exc) != "busy" or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


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
    "corrupt": "the bookmark database is damaged",
    "busy": "the bookmark database is locked by another program; try again",
    "full": "the disk is full",
    "readonly": "the file is read-only",
    "cantopen": "it cannot be opened for writing",
}


def reason(exc: OSError | sqlite3.Error) -> str:
    """A short, one-line explanation of a storage failure."""
    if isinstance(exc, sqlite3.Error) and kind(exc) in _REASONS:
        return _REASONS[kind(exc)]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
