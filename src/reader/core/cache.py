"""The on-disk cache: parsed interviews and their search index in one SQLite file.

It is only a cache. A file that is corrupt, foreign or of another schema version is
deleted and rebuilt silently; a folder that cannot hold it falls back to a temporary
one. Entries are keyed by the file's resolved path and are reused when size and
mtime match, or failing that when the content hash matches, and only when they were
made by the same parsing and indexing code (:data:`CODE_VERSION`).

An interview's summary is kept as columns of its small ``docs`` row, and the whole
interview in a table of its own, so that a start reads every file's entry in one
query (:func:`entries`) over a few hundred pages and unpickles nothing until an
interview is opened.

The schema and every statement on it live here, except the full-text searches of
:mod:`reader.core.search.index`; connections and transactions are
:mod:`reader.core.sqlite`'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.util
import os
import pickle
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from reader import __version__
from reader.core import sqlite as db
from reader.core.export import EXPORT_MARK
from reader.core.model import Interview, Summary

if TYPE_CHECKING:
    from tempfile import TemporaryDirectory

T = TypeVar("T")

SCHEMA_VERSION = 8
"""Bump it when the tables change (a change of :class:`Summary`'s fields is caught
without: :func:`_is_ours` also checks the columns)."""
APPLICATION_ID = 0x52445231  # "RDR1"
FILE_NAME = "library.sqlite3"
BUSY_SECONDS = 30.0
"""How long to wait for another reader process holding the cache."""

SUMMARY_COLUMNS = tuple(f.name for f in dataclasses.fields(Summary) if f.name != "source")
"""A summary's fields, each a column of ``docs`` (dates as ISO text)."""
_DOC_COLUMNS = ("id", "path", "size", "mtime_ns", "hash", "version", "error", "export")

_SCHEMA = f"""
CREATE TABLE docs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    version TEXT NOT NULL,
    error TEXT,
    export INTEGER NOT NULL,
    {", ".join(SUMMARY_COLUMNS)}
);
CREATE TABLE interviews (doc INTEGER PRIMARY KEY, data BLOB NOT NULL);
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
    text, content='passages', content_rowid='id', tokenize='ascii', columnsize=0
);
"""
"""``passages.text`` is normalised words joined by spaces, so the ``ascii``
tokenizer (every non-ASCII character is a word character) splits exactly there.
``export`` is 1 for the reader's own Markdown exports, which a folder's load leaves
out (see :data:`NOT_READ`). FTS5 keeps no row sizes (``columnsize=0``): they serve
only its bm25 ranking, which the search does not use, and writing them was a tenth of
storing a passage.
``turns`` holds each turn's text for ranking, which then reads only the turns it
scores instead of whole interviews. Doc ids are never reused, so another copy of the
app holding an id never sees it name another file."""

ACTIVE = "temp.active"
"""A connection's own table of the doc ids loaded in this copy of the app (the cache
may hold more, put there by another copy), which a search can be limited to."""

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
    digest.update(EXPORT_MARK.encode())  # what the entries' ``export`` flags were read by
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

NOT_READ = "a Markdown export of the reader's, found in a folder: not read"
"""The ``error`` of an export's entry made when a folder was loaded: its content was
hashed and found to be an export, and not parsed (the next load of that folder leaves
it out without opening it; a load that names the file parses it)."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies one version of a file's content."""

    size: int
    mtime_ns: int
    hash: str


class Entry(NamedTuple):
    """What the cache holds for one file, as :func:`entries` reads it from ``docs``: a
    plain row (a start reads one per file, tens of thousands, and builds no object).

    The file's interview, unless it failed to load (``error`` says why), stays in the
    cache until asked for: its summary (:func:`read_summaries`) and all of it
    (:func:`read_interview`).
    """

    path: str
    doc: int
    size: int
    mtime_ns: int
    hash: str
    error: str | None
    export: int
    """1 if the file is one of the reader's Markdown exports, else 0."""


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
        self._tempdir: TemporaryDirectory[str] | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.path = directory / FILE_NAME
            self._prepare()
        except (OSError, sqlite3.Error):
            from tempfile import TemporaryDirectory  # rarely needed: not at every start

            self._tempdir = TemporaryDirectory(prefix="reader-cache-")
            self.path = Path(self._tempdir.name) / FILE_NAME
            self._prepare()

    def connect(self) -> sqlite3.Connection:
        """A new connection, in autocommit mode (transactions are :func:`reading` and
        :func:`writing`); each thread uses its own (or guards a shared one)."""
        conn = db.connect(self.path, BUSY_SECONDS)
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def connect_searching(self) -> sqlite3.Connection:
        """:meth:`connect`, with an empty :data:`ACTIVE` table of its own (see
        :func:`activate`)."""
        conn = self.connect()
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"CREATE TABLE {ACTIVE} (doc INTEGER PRIMARY KEY)")
        return conn

    def cleanup(self) -> None:
        """Remove the temporary fallback folder, if one was used."""
        if self._tempdir is not None:
            self._tempdir.cleanup()

    def _prepare(self) -> None:
        try:
            self._check_or_create()
        except sqlite3.OperationalError as exc:
            if db.kind(exc) == "busy":
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
        try:
            if _is_ours(conn):
                return
            db.enable_wal(conn, BUSY_SECONDS)
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
    columns = conn.execute("SELECT * FROM docs LIMIT 0").description
    if tuple(column[0] for column in columns) != (*_DOC_COLUMNS, *SUMMARY_COLUMNS):
        raise sqlite3.DatabaseError("the cache was made for another summary")
    return True


def read_summaries(
    conn: sqlite3.Connection, docs: Collection[int], source: Callable[[int], Path]
) -> dict[int, Summary]:
    """The summaries of those of ``docs`` that hold an interview, each with
    ``source(doc)`` as its source."""
    wanted = set(docs)
    columns = ", ".join(("id", *SUMMARY_COLUMNS))
    if len(wanted) <= SUMMARIES_BY_ID:
        ids = ", ".join(map(str, wanted))  # integers: nothing to quote
        rows = conn.execute(f"SELECT {columns} FROM docs WHERE id IN ({ids})")
    else:
        rows = conn.execute(f"SELECT {columns} FROM docs")
    return {
        row[0]: make_summary(row[1:], source(row[0]))
        for row in rows
        if row[0] in wanted and row[1] is not None  # a title: an interview, not an error
    }


SUMMARIES_BY_ID = 1000
"""Summaries of up to this many docs are read by id; of more, by reading them all."""


def make_summary(values: Sequence[Any], source: Path) -> Summary:
    """The :class:`Summary` whose :data:`SUMMARY_COLUMNS` (as stored) are ``values``."""
    fields = dict(zip(SUMMARY_COLUMNS, values, strict=True))
    if fields["date"] is not None:
        fields["date"] = dt.date.fromisoformat(fields["date"])
    return Summary(source, **fields)


def entries(conn: sqlite3.Connection) -> dict[str, Entry]:
    """Every entry made by this code, by cache key: one query for a whole library."""
    columns = "path, id, size, mtime_ns, hash, error, export"
    rows = conn.execute(f"SELECT {columns} FROM docs WHERE version = ?", (CODE_VERSION,))
    return {entry.path: entry for entry in map(Entry._make, rows)}


def touch(conn: sqlite3.Connection, doc: int, fingerprint: Fingerprint) -> None:
    """Record the new size and mtime of a file whose content did not change."""
    conn.execute(
        "UPDATE docs SET size = ?, mtime_ns = ? WHERE id = ?",
        (fingerprint.size, fingerprint.mtime_ns, doc),
    )


def read_interview(conn: sqlite3.Connection, doc: int) -> Interview | None:
    """The whole interview cached as ``doc``, or None if it is gone or damaged."""
    row = conn.execute(
        "SELECT data FROM interviews JOIN docs ON id = doc WHERE doc = ? AND version = ?",
        (doc, CODE_VERSION),
    ).fetchone()
    return None if row is None or row[0] is None else _unpickle(row[0], Interview)


def _unpickle(blob: bytes, kind: type[T]) -> T | None:
    try:
        value = pickle.loads(blob)
    except Exception:  # a damaged entry is a miss: the file is parsed again
        return None
    return value if isinstance(value, kind) else None


@dataclass(frozen=True, slots=True)
class Indexed:
    """A parsed interview as the cache stores it: made where it was parsed (a worker
    process, maybe), of plain values only, so that little work is left to the writer
    (unpickling a :class:`Summary` or a path costs it more than the rows do)."""

    summary: tuple[object, ...]
    """The summary's :data:`SUMMARY_COLUMNS` values, as ``docs`` stores them."""
    blob: bytes
    """The pickled :class:`Interview`."""
    turns: tuple[tuple[str, str], ...]
    """Each turn's speaker and text, for ranking."""
    passages: tuple[PassageRow, ...]

    @classmethod
    def of(cls, interview: Interview, passages: Iterable[PassageRow]) -> Indexed:
        turns = tuple((turn.speaker, turn.text) for turn in interview.turns)
        blob = pickle.dumps(interview, protocol=5)
        return cls(_summary_values(interview.summary), blob, turns, tuple(passages))


def store(
    conn: sqlite3.Connection,
    key: str,
    fingerprint: Fingerprint,
    result: Indexed | Interview | str,
    passages: Iterable[PassageRow] = (),
    *,
    export: bool = False,
) -> int:
    """Store a parsed interview (with ``passages`` unless :class:`Indexed`) or a load
    error (or :data:`NOT_READ`); ``export`` says the file is a Markdown export. Return
    its doc id.

    The file keeps its doc id across versions; its old passages are removed first.
    """
    indexed = Indexed.of(result, passages) if isinstance(result, Interview) else result
    parsed = indexed if isinstance(indexed, Indexed) else None
    error = indexed if isinstance(indexed, str) else None
    names = ("size", "mtime_ns", "hash", "version", "error", "export", *SUMMARY_COLUMNS)
    values = (
        fingerprint.size,
        fingerprint.mtime_ns,
        fingerprint.hash,
        CODE_VERSION,
        error,
        int(export),
        *((None,) * len(SUMMARY_COLUMNS) if parsed is None else parsed.summary),
    )
    row = conn.execute("SELECT id FROM docs WHERE path = ?", (key,)).fetchone()
    if row is None:
        cursor = conn.execute(
            f"INSERT INTO docs (path, {', '.join(names)}) VALUES (?{', ?' * len(names)})",
            (key, *values),
        )
        doc = int(cursor.lastrowid or 0)
    else:
        doc = int(row[0])
        _delete_rows(conn, doc)
        conn.execute(
            f"UPDATE docs SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?",
            (*values, doc),
        )
    if parsed is not None:
        _insert_passages(conn, doc, parsed.passages)
        conn.execute("INSERT INTO interviews VALUES (?, ?)", (doc, parsed.blob))
        conn.executemany(
            "INSERT INTO turns (doc, turn, speaker, text) VALUES (?, ?, ?, ?)",
            [(doc, index, speaker, text) for index, (speaker, text) in enumerate(parsed.turns)],
        )
    _changed(conn)
    return doc


def _summary_values(summary: Summary) -> tuple[object, ...]:
    values = (getattr(summary, name) for name in SUMMARY_COLUMNS)
    return tuple(v.isoformat() if isinstance(v, dt.date) else v for v in values)


def stale_docs(
    conn: sqlite3.Connection,
    present: Collection[str] = (),
    known: Mapping[str, Entry] | None = None,
) -> list[int]:
    """Entries made by other code or of files that no longer exist; ``present`` holds
    keys of files just found on disk, which need no second look. ``known``, if given,
    is what :func:`entries` reads now (so they need not be read again)."""
    stale = []
    if known is None or doc_count(conn) != len(known):  # some are not this code's
        other = "SELECT id FROM docs WHERE version != ?"
        stale += [doc for (doc,) in conn.execute(other, (CODE_VERSION,))]
    if known is None:
        ours = "SELECT path, id FROM docs WHERE version = ?"
        rows: Iterable[tuple[str, int]] = conn.execute(ours, (CODE_VERSION,))
    else:
        rows = ((key, known[key].doc) for key in known.keys() - present)
    return stale + [doc for path, doc in rows if path not in present and not os.path.exists(path)]


def prune(conn: sqlite3.Connection, docs: Iterable[int]) -> None:
    """Drop these entries (see :func:`stale_docs`) with their passages."""
    gone = False
    for doc in docs:
        _delete_rows(conn, doc)
        conn.execute("DELETE FROM docs WHERE id = ?", (doc,))
        gone = True
    if gone:
        _changed(conn)


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


def activate(conn: sqlite3.Connection, docs: Iterable[int]) -> None:
    """Add these docs to the connection's :data:`ACTIVE` table."""
    conn.executemany(f"INSERT OR IGNORE INTO {ACTIVE} VALUES (?)", [(doc,) for doc in docs])


def deactivate(conn: sqlite3.Connection, doc: int) -> None:
    """Take ``doc`` out of the connection's :data:`ACTIVE` table."""
    conn.execute(f"DELETE FROM {ACTIVE} WHERE doc = ?", (doc,))


def doc_count(conn: sqlite3.Connection) -> int:
    """How many entries the cache holds, interviews and load errors, of any code (an
    index tells: it is quick)."""
    return int(conn.execute("SELECT count(*) FROM docs").fetchone()[0])


def interview_count(conn: sqlite3.Connection) -> int:
    """How many interviews the cache holds (by any copy of the app)."""
    # Not count(*) of ``interviews``: that reads a page per interview (their blobs).
    found = conn.execute("SELECT count(*) FROM docs WHERE title IS NOT NULL").fetchone()
    return int(found[0])


def passage_range(conn: sqlite3.Connection, doc: int) -> tuple[int, int] | None:
    """The first and last passage ids of ``doc`` (one interview's are consecutive)."""
    low, high = conn.execute(
        "SELECT min(id), max(id) FROM passages WHERE doc = ?", (doc,)
    ).fetchone()
    return None if low is None else (int(low), int(high))


def passages_overlapping(
    conn: sqlite3.Connection, doc: int | None, turn: int, start: int, end: int
) -> list[int]:
    """Ids of ``doc``'s passages in ``turn`` that overlap text offsets ``start:end``."""
    found = conn.execute(
        "SELECT id FROM passages WHERE doc = ? AND turn = ? AND start < ? AND stop > ?",
        (doc, turn, end, start),
    )
    return [row for (row,) in found]


def _delete_rows(conn: sqlite3.Connection, doc: int) -> None:
    conn.execute("DELETE FROM interviews WHERE doc = ?", (doc,))
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
