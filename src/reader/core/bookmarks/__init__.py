"""Bookmarks: quoted passages kept in a SQLite store, re-anchored when files change."""

from reader.core.bookmarks.export import export
from reader.core.bookmarks.model import (
    Bookmark,
    BookmarkError,
    Code,
    fingerprint,
    fingerprint_file,
    reading_order,
)
from reader.core.bookmarks.store import BookmarkStore

__all__ = [
    "Bookmark",
    "BookmarkError",
    "BookmarkStore",
    "Code",
    "export",
    "fingerprint",
    "fingerprint_file",
    "reading_order",
]
