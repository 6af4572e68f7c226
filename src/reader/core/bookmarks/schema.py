"""The bookmark store's schema and its migrations, by ``PRAGMA user_version``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from reader.core.bookmarks import codebook
from reader.core.bookmarks.model import BookmarkError
from reader.core.sqlite import rollback, user_version

Statement = str | Callable[[sqlite3.Connection], None]
"""A step of a migration: SQL, or Python for what SQL cannot do alone."""


def _tags_to_codes(conn: sqlite3.Connection) -> None:
    """Each distinct tag (ignoring case) becomes a code; each bookmark keeps its tags as codes."""
    rows = conn.execute("SELECT id, tags FROM bookmarks ORDER BY id").fetchall()
    for bookmark_id, tags in rows:
        names = codebook.clean_names(json.loads(tags))
        for name in names:
            try:
                codebook.find(conn, name)
            except BookmarkError:
                codebook.add(conn, name)
        codebook.link(conn, bookmark_id, names)


MIGRATIONS: tuple[tuple[Statement, ...], ...] = (
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
    (
        "ALTER TABLE bookmarks ADD COLUMN page TEXT",
        "ALTER TABLE bookmarks ADD COLUMN line INTEGER",
    ),
    (
        """CREATE TABLE codes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            guid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            parent INTEGER REFERENCES codes (id),
            color TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE bookmark_codes (
            bookmark INTEGER NOT NULL REFERENCES bookmarks (id),
            code INTEGER NOT NULL REFERENCES codes (id),
            UNIQUE (bookmark, code)
        )""",
        "CREATE INDEX bookmark_codes_by_code ON bookmark_codes (code)",
        _tags_to_codes,
        "ALTER TABLE bookmarks DROP COLUMN tags",
    ),
    ("ALTER TABLE bookmarks ADD COLUMN start_time REAL",),
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
                if isinstance(statement, str):
                    conn.execute(statement)
                else:
                    statement(conn)
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
