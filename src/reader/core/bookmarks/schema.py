"""The bookmark store's schema and its migrations, by ``PRAGMA user_version``."""

from __future__ import annotations

import sqlite3

from reader.core.bookmarks._sqlite import rollback, user_version
from reader.core.bookmarks.model import BookmarkError

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            interview_title TEXT NOT NULL,
            interview_date TEXT,
            turn INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            quote TEXT NOT NULL,
            quote_start INTEGER NOT NULL,
            quote_end INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX bookmarks_by_source ON bookmarks (source)",
    ),
)
"""``MIGRATIONS[n]`` takes the schema from ``user_version`` n to n + 1."""
VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to :data:`VERSION`, one step at a time, in one transaction."""
    if user_version(conn) == VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = user_version(conn)
        if version > VERSION:
            raise BookmarkError(
                f"the bookmark database is from a newer reader (schema {version},"
                f" this one knows {VERSION})"
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def connect_empty() -> sqlite3.Connection:
    """An empty in-memory store, for when no file can be read at all."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    migrate(conn)
    return conn
