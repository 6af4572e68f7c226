"""The bookmark store: one SQLite file in the data folder, shared safely by several writers.

Every write is one short ``BEGIN IMMEDIATE`` transaction and every connection waits up to
``busy_timeout`` for a lock, so two app instances (or the app and the CLI) take turns
instead of failing. Each thread gets its own connection. A damaged file is moved aside
and a fresh one started; a folder or file that cannot be written is opened read-only.
"""

from __future__ import annotations

import builtins
import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import quote as url_quote

from reader.core import paths
from reader.core import sqlite as db
from reader.core.bookmarks import codebook, schema
from reader.core.bookmarks.anchoring import Anchor, find_quote, locate
from reader.core.bookmarks.model import (
    MISSING_FINGERPRINT,
    Bookmark,
    BookmarkError,
    Code,
    fingerprint_file,
)
from reader.core.bookmarks.schema import VERSION
from reader.core.library import CodedPlace
from reader.core.model import Interview, LoadError, Turn, turn_number

DB_NAME = "bookmarks.sqlite3"
BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's lock before giving up."""

_FIELDS = (
    "source, fingerprint, interview_title, interview_date, turn, speaker, quote,"
    " quote_start, quote_end, note, created, updated, orphaned, page, line, start_time"
)
_COLUMNS = "id, " + _FIELDS
_INSERT = f"INSERT INTO bookmarks ({_FIELDS}) VALUES ({', '.join('?' * 16)})"
_SAME_PASSAGE = (
    "SELECT id FROM bookmarks WHERE source = ? AND turn = ? AND quote_start = ? AND quote = ?"
    " ORDER BY id DESC LIMIT 1"
)
_T = TypeVar("_T")
_Values = tuple[
    str, str, str, str | None, int, str, str, int, int, str, str, str, int, str | None,
    int | None, float | None,
]  # fmt: skip
Quoted = tuple[Interview, int, str, int]
"""A passage to store: (interview, turn, quote, start of the quote in the turn's text)."""


class BookmarkStore:
    """Bookmarks kept in ``bookmarks.sqlite3``; open with :meth:`open`."""

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        first: sqlite3.Connection,
        *,
        read_only_reason: str | None = None,
        warning: str | None = None,
    ) -> None:
        self._connect = connect
        self._local = threading.local()
        self._local.conn = first
        self._connections = [first]
        self._lock = threading.Lock()
        self._closed = False
        self._read_only_reason = read_only_reason
        self.read_only = read_only_reason is not None
        """Writes raise BookmarkError; reading still works."""
        self.warning = warning
        """A one-line message for the user about how the store was opened, or None."""

    @classmethod
    def open(
        cls, data_dir: Path | None = None, *, busy_timeout: float = BUSY_TIMEOUT
    ) -> BookmarkStore:
        """Open (creating if needed) the store in ``data_dir`` (default: the user data folder)."""
        path = (Path(data_dir) if data_dir is not None else paths.data_dir()) / DB_NAME
        warning = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            blocked = db.unwritable(path)
            if blocked:
                return cls._open_read_only(path, blocked, busy_timeout)
            inode = db.inode(path)
            try:
                conn = _open_writable(path, busy_timeout)
            except sqlite3.DatabaseError as exc:
                if db.kind(exc) != "corrupt":
                    raise
                aside = db.move_aside(path, inode)
                if aside is not None:
                    warning = (
                        f"the bookmark database was damaged: moved it to {aside}"
                        " and started a new one"
                    )
                conn = _open_writable(path, busy_timeout)
        except (OSError, sqlite3.Error) as exc:
            if isinstance(exc, sqlite3.Error) and db.kind(exc) == "busy":
                raise BookmarkError(f"cannot open bookmarks: {_why(exc)}") from None
            return cls._open_read_only(path, _why(exc), busy_timeout)
        return cls(lambda: db.connect(path, busy_timeout), conn, warning=warning)

    @classmethod
    def _open_read_only(cls, path: Path, reason: str, busy_timeout: float) -> BookmarkStore:
        why = f"{path} is read-only ({reason})"
        warning = f"bookmarks are read-only: cannot write {path} ({reason}); reading still works"
        uri = f"file:{url_quote(str(path))}"
        for option in ("mode=ro", "immutable=1"):
            target = f"{uri}?{option}"
            try:
                connect = partial(db.connect_uri, target, busy_timeout)
                conn = connect()
                if db.user_version(conn) == VERSION:
                    return cls(
                        connect,
                        conn,
                        read_only_reason=why,
                        warning=warning,
                    )
                conn.close()
            except sqlite3.Error:
                continue
        empty = schema.connect_empty
        return cls(empty, empty(), read_only_reason=why, warning=warning)

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every thread's connection; the store cannot be used afterwards."""
        with self._lock:
            self._closed = True
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    def add(
        self,
        interview: Interview,
        turn: int,
        quote: str | None = None,
        *,
        note: str = "",
        codes: Sequence[str] = (),
        start: int | None = None,
    ) -> Bookmark:
        """Bookmark ``quote`` (default: the whole turn) in turn ``turn`` of ``interview``.

        The quote must occur in that turn (runs of whitespace match any whitespace); with
        ``start`` it must occur exactly there. The stored quote is the turn's own text.
        ``codes`` must all exist in the codebook.
        """
        bookmark = new_bookmark(interview, turn, quote, start=start, note=note)
        with self._write() as conn:
            return insert(conn, bookmark, codes)

    def add_passages(self, passages: Sequence[Quoted], *, note: str = "") -> None:
        """Bookmark each passage with ``note``, in one transaction: all of them or none."""
        bookmarks = [new_bookmark(i, turn, q, start=s, note=note) for i, turn, q, s in passages]
        with self._write() as conn:
            for bookmark in bookmarks:
                insert(conn, bookmark, ())

    def code_passages(self, passages: Sequence[Quoted], code: str) -> None:
        """Give each passage the code (created if new), in one transaction: all or none.

        A passage already bookmarked (same file, turn, start and quote) gains the code;
        any other becomes a bookmark with it.
        """
        bookmarks = [new_bookmark(i, turn, q, start=s) for i, turn, q, s in passages]
        with self._write() as conn:
            try:
                name = codebook.find(conn, code).name
            except BookmarkError:
                name = codebook.add(conn, code).name
            for b in bookmarks:
                same = conn.execute(_SAME_PASSAGE, (str(b.source), b.turn, b.start, b.quote))
                row = same.fetchone()
                if row is None:
                    insert(conn, b, [name])
                else:
                    self._touch(conn, row[0])
                    codebook.link(conn, row[0], [name])

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction for a batch of changes (an import): all or nothing."""
        with self._write() as conn:
            yield conn

    def remove(self, bookmark_id: int) -> None:
        """Delete one bookmark; an unknown id raises BookmarkError."""
        with self._write() as conn:
            if conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount == 0:
                raise BookmarkError(f"no bookmark with id {bookmark_id}")
            conn.execute("DELETE FROM bookmark_codes WHERE bookmark = ?", (bookmark_id,))

    def set_note(self, bookmark_id: int, note: str) -> Bookmark:
        """Replace a bookmark's note; return the updated bookmark."""
        with self._write() as conn:
            self._touch(conn, bookmark_id, note=note)
        return self.get(bookmark_id)

    def code(self, bookmark_id: int, names: Sequence[str]) -> Bookmark:
        """Add existing codes to a bookmark (ones it has are kept once); return it."""
        with self._write() as conn:
            self._touch(conn, bookmark_id)
            codebook.link(conn, bookmark_id, codebook.clean_names(names))
        return self.get(bookmark_id)

    def uncode(self, bookmark_id: int, name: str) -> Bookmark:
        """Take a code off a bookmark; return it."""
        with self._write() as conn:
            self._touch(conn, bookmark_id)
            codebook.unlink(conn, bookmark_id, name)
        return self.get(bookmark_id)

    def get(self, bookmark_id: int) -> Bookmark:
        """One bookmark by id; BookmarkError if there is none."""
        found = self._read("WHERE id = ?", (bookmark_id,))
        if not found:
            raise BookmarkError(f"no bookmark with id {bookmark_id}")
        return found[0]

    def list(self, source: Path | None = None, *, code: str | None = None) -> list[Bookmark]:
        """All bookmarks, newest first: all, or those on one source file, or with one code."""
        clauses: builtins.list[str] = []
        params: builtins.list[object] = []
        if source is not None:
            clauses.append("source = ?")
            params.append(str(Path(source).resolve()))
        if code is not None:
            code_id = self._reading(lambda conn: codebook.find(conn, code)).id
            clauses.append("id IN (SELECT bookmark FROM bookmark_codes WHERE code = ?)")
            params.append(code_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._read(where, tuple(params))

    def coded_places(self, code: str) -> builtins.list[CodedPlace]:
        """Where the passages coded ``code`` are (orphans left out), for ``code:`` searches.

        An unknown code raises ValueError, as :attr:`Library.code_passages` expects.
        """
        try:
            coded = self.list(code=code)
        except BookmarkError as error:
            raise ValueError(str(error)) from None
        return [CodedPlace(b.source, b.turn, b.start, b.end) for b in coded if not b.orphaned]

    def codes(self) -> builtins.list[Code]:
        """The codebook, by name."""
        return self._reading(codebook.all_codes)

    def code_usage(self) -> dict[int, tuple[int, int]]:
        """For each code id in use: (passages, interviews)."""
        return self._reading(codebook.usage)

    def add_code(
        self,
        name: str,
        *,
        parent: str | None = None,
        color: str | None = None,
        description: str = "",
        guid: str | None = None,
    ) -> Code:
        """Create a code (see :func:`codebook.add`)."""
        with self._write() as conn:
            return codebook.add(
                conn, name, parent=parent, color=color, description=description, guid=guid
            )

    def rename_code(self, old: str, new: str) -> Code:
        """Rename a code; its passages keep it."""
        with self._write() as conn:
            return codebook.rename(conn, old, new)

    def move_code(self, name: str, parent: str | None) -> Code:
        """Put a code under another (None: at the top); cycles are refused."""
        with self._write() as conn:
            return codebook.move(conn, name, parent)

    def edit_code(
        self, name: str, *, color: str | None = None, description: str | None = None
    ) -> Code:
        """Change a code's colour and/or description."""
        with self._write() as conn:
            return codebook.edit(conn, name, color=color, description=description)

    def merge_codes(self, source: str, into: str) -> Code:
        """Move ``source``'s passages and sub-codes to ``into``, then delete ``source``."""
        with self._write() as conn:
            return codebook.merge(conn, source, into)

    def remove_code(self, name: str, *, force: bool = False) -> int:
        """Delete a code (a used one only with ``force``); returns the passages it was on."""
        with self._write() as conn:
            return codebook.remove(conn, name, force=force)

    def _touch(self, conn: sqlite3.Connection, bookmark_id: int, note: str | None = None) -> None:
        """Mark a bookmark updated now (setting its note if given); it must exist."""
        changed = conn.execute(
            "UPDATE bookmarks SET note = COALESCE(?, note), updated = ? WHERE id = ?",
            (note, _now().isoformat(), bookmark_id),
        ).rowcount
        if changed == 0:
            raise BookmarkError(f"no bookmark with id {bookmark_id}")

    def _read(self, where: str, params: tuple[object, ...]) -> builtins.list[Bookmark]:
        def read(conn: sqlite3.Connection) -> builtins.list[Bookmark]:
            query = f"SELECT {_COLUMNS} FROM bookmarks {where} ORDER BY created DESC, id DESC"
            rows = conn.execute(query, params).fetchall()
            codes = codebook.names_by_bookmark(conn)
            return [_from_row(row, codes) for row in rows]

        return self._reading(read)

    def _reading(self, read: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``read`` on this thread's connection; sqlite errors become BookmarkErrors."""
        try:
            return read(self._connection())
        except sqlite3.Error as exc:
            raise BookmarkError(f"cannot read bookmarks: {_why(exc)}") from None

    def reanchor(self, interview: Interview) -> builtins.list[Bookmark]:
        """Point the bookmarks on ``interview.source`` at their quotes in this version of it.

        A quote still at its offsets stays; otherwise it is looked for again (see
        :func:`~reader.core.bookmarks.anchoring.locate`) and, if not found, the bookmark is
        marked orphaned, never deleted. Returns that source's bookmarks, newest first.
        When the store is read-only the results are returned but not saved.
        """
        source = _source(interview)
        try:
            current = fingerprint_file(source)
        except OSError:
            current = MISSING_FINGERPRINT
        before = self.list(source)
        after = [_reanchored(bookmark, interview, current) for bookmark in before]
        self._save_anchors([new for old, new in zip(before, after, strict=True) if new != old])
        return after

    def refresh(self, load: Callable[[Path], Interview] | None = None) -> builtins.list[Bookmark]:
        """All bookmarks, newest first, re-anchored where their source file changed.

        Files are loaded (with ``load``, default :func:`reader.core.loader.load_interview`)
        only when their fingerprint differs; a missing or unreadable file orphans its
        bookmarks.
        """
        loader = load or _default_loader()
        groups: dict[Path, builtins.list[Bookmark]] = {}
        for bookmark in self.list():
            groups.setdefault(bookmark.source, []).append(bookmark)
        result: builtins.list[Bookmark] = []
        for source, group in groups.items():
            result.extend(self._refresh_source(source, group, loader))
        result.sort(key=lambda b: (b.created, b.id), reverse=True)
        return result

    def _refresh_source(
        self, source: Path, group: builtins.list[Bookmark], load: Callable[[Path], Interview]
    ) -> builtins.list[Bookmark]:
        try:
            current = fingerprint_file(source)
        except OSError:
            current = MISSING_FINGERPRINT
        if all(bookmark.fingerprint == current for bookmark in group):
            return group
        if current != MISSING_FINGERPRINT:
            try:
                return self.reanchor(load(source))
            except LoadError:
                pass
        orphans = [replace(b, orphaned=True, fingerprint=current) for b in group]
        self._save_anchors(orphans)
        return orphans

    def _save_anchors(self, bookmarks: Sequence[Bookmark]) -> None:
        """Save re-anchoring results; if that fails, keep reading and say so in ``warning``."""
        if not bookmarks or self.read_only:
            return
        try:
            with self._write() as conn:
                conn.executemany(
                    "UPDATE bookmarks SET fingerprint = ?, interview_title = ?,"
                    " interview_date = ?, turn = ?, speaker = ?, quote = ?, quote_start = ?,"
                    " quote_end = ?, orphaned = ?, page = ?, line = ?, start_time = ?"
                    " WHERE id = ?",
                    [
                        (
                            b.fingerprint,
                            b.interview_title,
                            _iso_date(b.interview_date),
                            b.turn,
                            b.speaker,
                            b.quote,
                            b.start,
                            b.end,
                            int(b.orphaned),
                            b.page,
                            b.line,
                            b.start_time,
                            b.id,
                        )
                        for b in bookmarks
                    ],
                )
        except BookmarkError as exc:
            self.warning = str(exc)

    def _connection(self) -> sqlite3.Connection:
        if self._closed:
            raise BookmarkError("the bookmark store is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            with self._lock:
                self._connections.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction; sqlite errors become one-line BookmarkErrors."""
        if self._read_only_reason is not None:
            raise BookmarkError(f"cannot save bookmarks: {self._read_only_reason}")
        conn = self._connection()
        try:
            with db.writing(conn):
                yield conn
        except sqlite3.Error as exc:
            raise BookmarkError(f"cannot save bookmarks: {_why(exc)}") from None


def new_bookmark(
    interview: Interview,
    turn: int,
    quote: str | None,
    *,
    start: int | None = None,
    note: str = "",
    created: dt.datetime | None = None,
) -> Bookmark:
    """A bookmark not yet stored (see :meth:`BookmarkStore.add`); BookmarkError if invalid."""
    source = _source(interview)
    count = len(interview.turns)
    if not 0 <= turn < count:
        raise BookmarkError(
            f"no turn {turn_number(turn)} in {source.name}: it has {count} turns"
            f" ({turn_number(0)} to {turn_number(count - 1)})"
        )
    spoken = interview.turns[turn]
    span = (0, len(spoken.text)) if quote is None else find_quote(spoken.text, quote, start)
    if span is None:
        raise BookmarkError(f"the quote is not in turn {turn_number(turn)} of {source.name}")
    begin, end = span
    if not spoken.text[begin:end].strip():
        raise BookmarkError("nothing to bookmark: the passage is empty")
    now = _now()
    page, line, start_time = _where(spoken, begin)
    return Bookmark(
        id=0,
        source=source,
        fingerprint=_fingerprint(source),
        interview_title=interview.title,
        interview_date=interview.date,
        turn=turn,
        speaker=spoken.speaker,
        quote=spoken.text[begin:end],
        start=begin,
        end=end,
        note=note,
        codes=(),
        created=created or now,
        updated=now,
        orphaned=False,
        page=page,
        line=line,
        start_time=start_time,
    )


def insert(conn: sqlite3.Connection, bookmark: Bookmark, codes: Sequence[str]) -> Bookmark:
    """Store a new bookmark with its codes (which must exist), in the caller's transaction."""
    names = [codebook.find(conn, name).name for name in codebook.clean_names(codes)]
    cursor = conn.execute(_INSERT, _values(bookmark))
    assert cursor.lastrowid is not None
    codebook.link(conn, cursor.lastrowid, names)
    return replace(bookmark, id=cursor.lastrowid, codes=tuple(names))


def _default_loader() -> Callable[[Path], Interview]:
    from reader.core.loader import load_interview

    return load_interview


def _reanchored(bookmark: Bookmark, interview: Interview, current: str) -> Bookmark:
    if bookmark.orphaned and bookmark.fingerprint == current:
        return bookmark  # already looked for in this very file
    turns = interview.turns
    anchor: Anchor | None = Anchor(bookmark.turn, bookmark.start, bookmark.end)
    in_place = bookmark.turn < len(turns) and (
        turns[bookmark.turn].text[bookmark.start : bookmark.end] == bookmark.quote
    )
    if not in_place:
        anchor = locate(interview, bookmark.quote, bookmark.turn, bookmark.start)
    if anchor is None:
        return replace(bookmark, fingerprint=current, orphaned=True)
    spoken = turns[anchor.turn]
    page, line, start_time = _where(spoken, anchor.start)
    return replace(
        bookmark,
        fingerprint=current,
        interview_title=interview.title,
        interview_date=interview.date,
        turn=anchor.turn,
        speaker=spoken.speaker,
        quote=spoken.text[anchor.start : anchor.end],
        start=anchor.start,
        end=anchor.end,
        orphaned=False,
        page=page,
        line=line,
        start_time=start_time,
    )


def _where(turn: Turn, start: int) -> tuple[str | None, int | None, float | None]:
    """Page, line and time in the recording of offset ``start`` of ``turn.text``."""
    if turn.paragraph_at(start) is None:
        return None, None, None
    return *turn.page_line_at(start), turn.time_at(start)


def _why(exc: OSError | sqlite3.Error) -> str:
    """Why the bookmark database failed, in one line."""
    return db.reason(exc, "the bookmark database")


def _open_writable(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Connect, check the file is sound, switch to WAL and bring the schema up to date."""
    conn = db.connect(path, busy_timeout)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {result}")
        db.enable_wal(conn, busy_timeout)
        schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _source(interview: Interview) -> Path:
    if interview.source is None:
        raise BookmarkError(f"cannot bookmark {interview.title!r}: it has no source file")
    return Path(interview.source).resolve()


def _fingerprint(source: Path) -> str:
    try:
        return fingerprint_file(source)
    except OSError as exc:
        raise BookmarkError(f"cannot read {source}: {_why(exc)}") from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _values(b: Bookmark) -> _Values:
    """The stored columns except ``id``, in ``_FIELDS`` order."""
    return (
        str(b.source),
        b.fingerprint,
        b.interview_title,
        _iso_date(b.interview_date),
        b.turn,
        b.speaker,
        b.quote,
        b.start,
        b.end,
        b.note,
        b.created.isoformat(),
        b.updated.isoformat(),
        int(b.orphaned),
        b.page,
        b.line,
        b.start_time,
    )


def _from_row(row: tuple[Any, ...], codes: dict[int, tuple[str, ...]]) -> Bookmark:
    (id_, source, fp, title, date, turn, speaker, quote, start, end, note, created, updated,
     orphaned, page, line, start_time) = row  # fmt: skip
    return Bookmark(
        id=id_,
        source=Path(source),
        fingerprint=fp,
        interview_title=title,
        interview_date=dt.date.fromisoformat(date) if date else None,
        turn=turn,
        speaker=speaker,
        quote=quote,
        start=start,
        end=end,
        note=note,
        codes=codes.get(id_, ()),
        created=dt.datetime.fromisoformat(created),
        updated=dt.datetime.fromisoformat(updated),
        orphaned=bool(orphaned),
        page=page,
        line=line,
        start_time=start_time,
    )
