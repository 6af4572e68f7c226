"""The on-disk cache: parsed interviews and their search index in one SQLite file.

It is only a cache. A file that is corrupt, foreign or of another schema version is
deleted and rebuilt silently; a folder that cannot hold it falls back to a temporary
one. Entries are keyed by the file's resolved path and are reused when size and
mtime match, or failing that when the content hash matches, and only when they were
made by the same parsing and indexing code (:data:`CODE_VERSION`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import pickle
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reader import __version__
from reader.core.model import Interview, Summary

T = TypeVar("T")

SCHEMA_VERSION = 5
APPLICATION_ID = 0x52445231  # "RDR1"
FILE_NAME = "library.sqlite3"
BUSY_SECONDS = 30.0
"""How long to wait for another reader process holding the cache."""

_SCHEMA = """
CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    version TEXT NOT NULL,
    summary BLOB,
    interview BLOB,
    error TEXT
);
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    turn INTEGER NOT NULL,
    start INTEGER NOT NULL,
    stop INTEGER NOT NULL,
    who TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX passages_doc ON passages (doc);
CREATE TABLE turns (
    doc INTEGER NOT NULL,
    turn INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc, turn)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
INSERT INTO meta VALUES ('generation', 0);
CREATE VIRTUAL TABLE passages_fts USING fts5 (
    text, content='passages', content_rowid='id', tokenize='ascii'
);
"""
"""``passages.text`` is normalised words joined by spaces, so the ``ascii``
tokenizer (every non-ASCII character is a word character) splits exactly there.
``turns`` holds each turn's text for ranking, which then reads only the turns it
scores instead of whole interviews."""

_VERSIONED_CODE = (
    "reader.core.parsing",
    "reader.core.formats",
    "reader.core.decoding",
    "reader.core.loader",
    "reader.core.model",
    "reader.core.search.text",
    "reader.core.search.passages",
)


def _code_version() -> str:
    digest = hashlib.blake2b(f"{__version__}/{SCHEMA_VERSION}".encode(), digest_size=12)
    for name in _VERSIONED_CODE:
        for file in _source_files(name):
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def _source_files(module: str) -> list[Path]:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    if spec.submodule_search_locations:
        folders = [Path(folder) for folder in spec.submodule_search_locations]
        return sorted(file for folder in folders for file in folder.rglob("*.py"))
    return [Path(spec.origin)] if spec.origin and spec.origin.endswith(".py") else []


CODE_VERSION = _code_version()
"""A hash of the parsing and indexing sources: entries made by other code are stale."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies one version of a file's content."""

    size: int
    mtime_ns: int
    hash: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A cached result for one file: an interview's summary, or why it failed to load.

    The interview itself stays in the cache until :func:`read_interview` asks for it.
    """

    doc: int
    summary: Summary | None
    error: str | None


PassageRow = tuple[int, int, int, str, str]
"""``(turn, start, stop, who, normalised text)`` of one indexed sentence."""


def file_hash(data: bytes) -> str:
    """The content hash stored in the cache."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def cache_key(path: Path) -> str:
    """The key a file is cached under: its resolved absolute path."""
    return str(path.resolve())


class Cache:
    """Opens (creating or rebuilding as needed) the cache database in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.path = directory / FILE_NAME
            self._prepare()
        except (OSError, sqlite3.Error):
            self._tempdir = tempfile.TemporaryDirectory(prefix="reader-cache-")
            self.path = Path(self._tempdir.name) / FILE_NAME
            self._prepare()

    def connect(self) -> sqlite3.Connection:
        """A new connection; each thread uses its own (or guards a shared one)."""
        conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False)
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def cleanup(self) -> None:
        """Remove the temporary fallback folder, if one was used."""
        if self._tempdir is not None:
            self._tempdir.cleanup()

    def _prepare(self) -> None:
        try:
            self._check_or_create()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise  # in use elsewhere, not broken: never delete it
            self._delete_files()
            self._check_or_create()
        except sqlite3.DatabaseError:
            self._delete_files()
            self._check_or_create()

    def _check_or_create(self) -> None:
        """Check the schema, or create it: one process at a time, as two copies of the
        app may start at once on an empty cache."""
        conn = self.connect()
        conn.isolation_level = None
        try:
            if _is_ours(conn):
                return
            _use_wal(conn)
            conn.execute("BEGIN IMMEDIATE")  # waits up to BUSY_SECONDS for another creator
            if _is_ours(conn):
                conn.execute("COMMIT")
                return
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                conn.execute("ROLLBACK")
                raise sqlite3.DatabaseError("not our cache, or another version")
            for statement in _SCHEMA.split(";"):  # executescript would COMMIT first
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        finally:
            conn.close()

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def _is_ours(conn: sqlite3.Connection) -> bool:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if (app_id, version) != (APPLICATION_ID, SCHEMA_VERSION):
        return False
    conn.execute("SELECT count(*) FROM docs").fetchone()
    return True


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; that needs the file to itself and ignores the busy timeout."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def lookup(
    conn: sqlite3.Connection, path: Path, key: str, stat: os.stat_result
) -> Entry | Fingerprint:
    """The cached entry for ``path`` if still valid, else the fingerprint to store with.

    A hit by hash alone (the file was touched, not changed) refreshes size and mtime.
    """
    row = conn.execute(
        "SELECT id, size, mtime_ns, hash, summary, error FROM docs"
        " WHERE path = ? AND version = ?",
        (key, CODE_VERSION),
    ).fetchone()
    entry = _entry(row, path) if row is not None else None
    if entry is not None and (row[1], row[2]) == (stat.st_size, stat.st_mtime_ns):
        return entry
    fingerprint = Fingerprint(stat.st_size, stat.st_mtime_ns, file_hash(path.read_bytes()))
    if entry is not None and row[3] == fingerprint.hash:
        conn.execute(
            "UPDATE docs SET size = ?, mtime_ns = ? WHERE id = ?",
            (fingerprint.size, fingerprint.mtime_ns, entry.doc),
        )
        return entry
    return fingerprint


def _entry(row: tuple[int, int, int, str, bytes | None, str | None], path: Path) -> Entry | None:
    doc, blob, error = row[0], row[4], row[5]
    if blob is None:
        return Entry(doc, None, error or "could not be read")
    summary = _unpickle(blob, Summary)
    return None if summary is None else Entry(doc, dataclasses.replace(summary, source=path), None)


def read_interview(conn: sqlite3.Connection, doc: int) -> Interview | None:
    """The whole interview cached as ``doc``, or None if it is gone or damaged."""
    row = conn.execute(
        "SELECT interview FROM docs WHERE id = ? AND version = ?", (doc, CODE_VERSION)
    ).fetchone()
    return None if row is None or row[0] is None else _unpickle(row[0], Interview)


def _unpickle(blob: bytes, kind: type[T]) -> T | None:
    try:
        value = pickle.loads(blob)
    except Exception:  # a damaged entry is a miss: the file is parsed again
        return None
    return value if isinstance(value, kind) else None


def store(
    conn: sqlite3.Connection,
    key: str,
    fingerprint: Fingerprint,
    result: Interview | str,
    passages: Iterable[PassageRow] = (),
) -> int:
    """Store a parsed interview and its passages (or a load error); return its doc id.

    The file keeps its doc id across versions; its old passages are removed first.
    """
    parsed = result if isinstance(result, Interview) else None
    summary = None if parsed is None else pickle.dumps(parsed.summary, protocol=5)
    blob = None if parsed is None else pickle.dumps(parsed, protocol=5)
    error = result if isinstance(result, str) else None
    values = (
        fingerprint.size,
        fingerprint.mtime_ns,
        fingerprint.hash,
        CODE_VERSION,
        summary,
        blob,
        error,
    )
    row = conn.execute("SELECT id FROM docs WHERE path = ?", (key,)).fetchone()
    if row is None:
        cursor = conn.execute(
            "INSERT INTO docs (path, size, mtime_ns, hash, version, summary, interview, error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, *values),
        )
        doc = int(cursor.lastrowid or 0)
    else:
        doc = int(row[0])
        _delete_rows(conn, doc)
        conn.execute(
            "UPDATE docs SET size = ?, mtime_ns = ?, hash = ?, version = ?, summary = ?,"
            " interview = ?, error = ? WHERE id = ?",
            (*values, doc),
        )
    _insert_passages(conn, doc, passages)
    if parsed is not None:
        conn.executemany(
            "INSERT INTO turns (doc, turn, speaker, text) VALUES (?, ?, ?, ?)",
            [(doc, index, turn.speaker, turn.text) for index, turn in enumerate(parsed.turns)],
        )
    _changed(conn)
    return doc


def prune(conn: sqlite3.Connection) -> int:
    """Drop entries of files that no longer exist or were made by other code; return how many."""
    gone = [
        doc
        for doc, path, version in conn.execute("SELECT id, path, version FROM docs").fetchall()
        if version != CODE_VERSION or not os.path.exists(path)
    ]
    for doc in gone:
        _delete_rows(conn, doc)
        conn.execute("DELETE FROM docs WHERE id = ?", (doc,))
    if gone:
        _changed(conn)
    return len(gone)


def generation(conn: sqlite3.Connection) -> int:
    """A number that changes whenever the indexed passages do."""
    return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])


def _changed(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")


def read_meta(conn: sqlite3.Connection, key: str) -> bytes | None:
    """A value stored with :func:`write_meta`, if any."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else bytes(row[0])


def write_meta(conn: sqlite3.Connection, key: str, value: bytes) -> None:
    """Store a derived value (such as a vocabulary snapshot) in the cache."""
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def read_turns(
    conn: sqlite3.Connection, keys: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """``(speaker, text)`` of each ``(doc, turn)`` in ``keys`` that is cached."""
    found = {}
    for key in keys:
        row = conn.execute("SELECT speaker, text FROM turns WHERE doc = ? AND turn = ?", key)
        if (values := row.fetchone()) is not None:
            found[key] = (values[0], values[1])
    return found


def _delete_rows(conn: sqlite3.Connection, doc: int) -> None:
    conn.execute("DELETE FROM turns WHERE doc = ?", (doc,))
    conn.execute(
        "INSERT INTO passages_fts (passages_fts, rowid, text)"
        " SELECT 'delete', id, text FROM passages WHERE doc = ?",
        (doc,),
    )
    conn.execute("DELETE FROM passages WHERE doc = ?", (doc,))


def _insert_passages(conn: sqlite3.Connection, doc: int, passages: Iterable[PassageRow]) -> None:
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
    rows = [(first + i, doc, *passage) for i, passage in enumerate(passages)]
    conn.executemany(
        "INSERT INTO passages (id, doc, turn, start, stop, who, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO passages_fts (rowid, text) VALUES (?, ?)", [(r[0], r[6]) for r in rows]
    )
