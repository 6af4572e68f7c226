"""The one facade the CLI and the UI use: load transcripts, list them, search them.

``load`` runs in a worker thread (the UI's) while ``search`` may be called from any
other; everything shared is guarded by one lock, and searches see whatever has been
committed to the index so far.

Only summaries stay in memory; an interview's turns are read back from the cache
when it is asked for (the most recent few are kept), so memory does not grow with
the text of the whole library.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import sqlite3
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from reader.core import paths as user_paths
from reader.core.cache import (
    Cache,
    Entry,
    Fingerprint,
    PassageRow,
    cache_key,
    lookup,
    prune,
    read_interview,
    read_turns,
    store,
)
from reader.core.loader import discover, is_supported, load_interview
from reader.core.model import Interview, LoadError, Summary
from reader.core.search import (
    InvalidQueryError,
    Query,
    Ranker,
    Scope,
    SearchHit,
    TurnText,
    Vocabulary,
    candidates,
    normalize_words,
    parse_query,
    passage_rows,
    plan,
)
from reader.core.search.index import CANDIDATES
from reader.core.search.rank import Candidate

BATCH_FILES = 50
BATCH_SECONDS = 0.1
VOCABULARY_REFRESH_SECONDS = 1.0
"""While loading, the typo vocabulary is re-read at most this often (more often while
re-reading it is cheap: searches spend at most a tenth of their time on it)."""
BIG_FILE_BYTES = 1 << 20
"""Before parsing a file this big (seconds for tens of MB), what is ready is shown."""
STOP_POLL_SECONDS = 0.05
RECENT_INTERVIEWS = 16
"""Whole interviews kept in memory after use (searches read only the turns they rank)."""



@dataclass(frozen=True, slots=True)
class LoadProgress:
    """One batch of a running load."""

    done: int
    """Files processed so far."""
    total: int
    """Files discovered."""
    loaded: tuple[Summary, ...]
    """Interviews newly available since the last progress call."""
    errors: tuple[LoadError, ...]
    """New load errors since the last progress call."""


class Library:
    """Loaded interviews, their load errors, and search over them."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache = Cache(cache_dir if cache_dir is not None else user_paths.cache_dir())
        self._lock = threading.RLock()
        self._load_lock = threading.Lock()
        self._reader = self._cache.connect()
        self._reader.isolation_level = None
        self._reader.execute("PRAGMA temp_store = MEMORY")
        self._reader.execute("CREATE TEMP TABLE active (doc INTEGER PRIMARY KEY)")
        self._docs: dict[int, Summary] = {}
        self._recent: OrderedDict[int, Interview] = OrderedDict()
        self._keys: dict[str, int] = {}
        self._by_source: dict[Path, int] = {}
        self._errors: dict[str, LoadError] = {}
        self._sorted: tuple[Summary, ...] | None = None
        self._ranker = Ranker()
        self._vocabulary: Vocabulary | None = None
        self._generation = 0
        self._vocabulary_generation = -1
        self._vocabulary_time = 0.0
        self._vocabulary_pause = 0.0
        self._cached_count = (-1, 0)
        """(generation, interviews in the cache) to tell whether all of them are loaded."""
        self._loading = False
        self._closed = False
        self.code_passages: Callable[[str], Sequence[CodedPlace]] | None = None
        """Resolves ``code:NAME`` in a query: the places coded NAME (set by the app or
        CLI from the bookmark store); raises ValueError for an unknown code."""

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the cache database; a load still running stops at its next file."""
        with self._lock:
            self._closed = True
            self._reader.close()
        self._cache.cleanup()

    @property
    def summaries(self) -> tuple[Summary, ...]:
        """The interviews loaded so far, sorted by date (undated last), then title."""
        with self._lock:
            if self._sorted is None:
                self._sorted = tuple(sorted(self._docs.values(), key=_interview_order))
            return self._sorted

    @property
    def errors(self) -> tuple[LoadError, ...]:
        """Files that could not be loaded, one-line reasons."""
        with self._lock:
            return tuple(self._errors.values())

    def interview(self, source: Path) -> Interview | None:
        """The loaded interview read from ``source``, if any, with all its turns."""
        with self._lock:
            doc = self._doc_for(source)
            return None if doc is None else self._interview(doc)

    def source_of(self, path: Path) -> Path | None:
        """The source of the loaded interview read from ``path`` (however spelt), as
        :attr:`summaries` spell it; None when no loaded interview came from there."""
        with self._lock:
            doc = self._doc_for(path)
            summary = None if doc is None else self._docs.get(doc)
            return None if summary is None else summary.source

    def each_interview(self) -> Iterator[Interview]:
        """Every loaded interview, whole, in :attr:`summaries` order, one at a time."""
        for summary in self.summaries:
            if summary.source is not None:
                interview = self.interview(summary.source)
                if interview is not None:
                    yield interview

    def load(
        self,
        paths: Sequence[Path | str],
        on_progress: Callable[[LoadProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        prune: bool = False,
    ) -> None:
        """Load files and folders, from the cache where unchanged, and index them.

        Never raises for a bad file: it is listed in :attr:`errors`. Progress comes in
        batches; when ``should_stop()`` turns true the work done so far is kept (and
        cached, so the next load resumes). With ``prune``, a load that runs to the end
        also forgets the interviews and errors of files no longer among ``paths``
        (deleted or moved away): loading the same paths again brings the library up to
        date with the disk.
        """
        with self._load_lock:
            files, discovery_errors = discover(paths)
            conn = self._cache.connect()
            conn.isolation_level = None
            self._set_loading(True)
            try:
                seen = self._load_files(conn, files, discovery_errors, on_progress, should_stop)
            finally:
                conn.close()
                self._set_loading(False)
            if prune and seen is not None:
                self._forget_all_but(seen)
            # What exists now mostly lives as long as the process: spare it from every
            # full garbage collection (6-15 ms each, one search in ten, on 5,000
            # interviews). Frozen objects are still freed by reference counting; only
            # a cycle among them would stay.
            gc.freeze()

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        source: Path | None = None,
        speaker: str | None = None,
    ) -> list[SearchHit]:
        """Ranked passages for ``query`` (see :mod:`reader.core.search.query`), best first.

        ``source`` restricts to one interview, ``speaker`` to speakers whose name or
        label contains it. Raises InvalidQueryError for a malformed query.
        """
        parsed = parse_query(query)
        speakers = [s for s in (parsed.speaker, _speaker_filter(speaker)) if s]
        if parsed.is_empty or limit <= 0:
            return []
        with self._lock:
            if self._closed:
                return []
            # One read snapshot for the whole search: another copy of the app may be
            # re-indexing a file, and a search straddling its commit lost hits.
            self._reader.execute("BEGIN")
            try:
                return self._search(parsed, tuple(speakers), limit, source)
            finally:
                self._reader.execute("COMMIT")

    def _search(
        self, parsed: Query, speakers: tuple[str, ...], limit: int, source: Path | None
    ) -> list[SearchHit]:
        rows = None
        if source is not None:
            rows = self._rows_of(source)
            if rows is None:
                return []
        the_plan = plan(parsed, self._current_vocabulary())
        if the_plan is None:
            return []
        allowed = None if parsed.code is None else self._coded_rows(parsed.code)
        if allowed is not None and not allowed:
            return []
        scope = Scope(rows, speakers, not self._all_cached_active(), allowed)
        found = candidates(self._reader, the_plan, scope, max(CANDIDATES, limit))
        return self._ranker.rank(the_plan, found, self._turn_texts(found), limit)

    def _load_files(
        self,
        conn: sqlite3.Connection,
        files: list[Path],
        discovery_errors: list[LoadError],
        on_progress: Callable[[LoadProgress], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> set[str] | None:
        """Read each file from the cache or parse it, then store a batch at a time.

        Parsing and indexing happen outside any transaction, so another copy of the
        app sharing the cache waits at most for one batch's inserts. Returns the keys
        of every file and error of ``files`` when all of them were loaded, else None.
        """
        total = len(files)
        batch = _Batch([], [(cache_key(e.path), e) for e in discovery_errors], [])
        seen = {key for key, _ in batch.failed}
        done = 0
        last = time.monotonic()
        if on_progress is not None:
            on_progress(LoadProgress(0, total, (), ()))

        def stopping() -> bool:
            return self._closed or (should_stop is not None and should_stop())

        for path in files:
            if stopping():
                break
            key, found = self._look_up(conn, path)
            seen.add(key)
            if isinstance(found, Fingerprint):
                if found.size <= BIG_FILE_BYTES:
                    found = _parse_new(path, found)
                else:
                    if batch.size:  # show what is ready first
                        batch, last = self._flush(conn, batch, done, total, on_progress)
                    parsed = _parse_unless_stopped(path, found, stopping)
                    if parsed is None:
                        break
                    found = parsed
            batch.add(key, found)
            done += 1
            if batch.size >= BATCH_FILES or time.monotonic() - last > BATCH_SECONDS:
                batch, last = self._flush(conn, batch, done, total, on_progress)
        vocabulary = self._store(conn, batch, finish=done == total)
        self._publish(batch, done, total, on_progress)
        if vocabulary is not None:
            with self._lock:
                self._vocabulary = vocabulary
                self._vocabulary_generation = self._generation
        return seen if done == total else None

    def _flush(
        self,
        conn: sqlite3.Connection,
        batch: _Batch,
        done: int,
        total: int,
        on_progress: Callable[[LoadProgress], None] | None,
    ) -> tuple[_Batch, float]:
        """Store and publish a batch; a new empty one, and when this one went out."""
        self._store(conn, batch, finish=False)
        self._publish(batch, done, total, on_progress)
        return _Batch([], [], []), time.monotonic()

    def _look_up(
        self, conn: sqlite3.Connection, path: Path
    ) -> tuple[str, _Outcome | Fingerprint]:
        """The file's cached summary or load error, else what to store it under."""
        try:
            key = cache_key(path)
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(path, "not a regular file")
            if not is_supported(path):
                return key, _unsupported(path)
            cached = lookup(conn, path, key, info)
        except LoadError as exc:
            return str(path), exc
        except OSError as exc:
            return str(path), LoadError(path, _os_reason(exc))
        except sqlite3.OperationalError as exc:
            return str(path), LoadError(path, f"not loaded: the cache is unavailable ({exc})")
        if isinstance(cached, Entry):
            if cached.summary is None:
                return key, LoadError(path, cached.error or "could not be read")
            return key, (cached.doc, cached.summary)
        return key, cached

    def _store(self, conn: sqlite3.Connection, batch: _Batch, finish: bool) -> Vocabulary | None:
        """Write the batch's newly parsed files in one short transaction; at the end of a
        whole load, also prune and snapshot the vocabulary. If the cache cannot take
        them (held by another process past the busy timeout, disk full), the batch's
        new files become load errors saying so, and the load goes on."""
        loaded: list[tuple[str, int, Summary]] = []
        failed: list[tuple[str, LoadError]] = []
        vocabulary = None
        try:
            conn.execute("BEGIN IMMEDIATE")  # a plain BEGIN could not wait for the lock
            try:
                for key, parsed in batch.parsed:
                    if isinstance(parsed.result, LoadError):
                        store(conn, key, parsed.fingerprint, parsed.result.reason)
                        failed.append((key, parsed.result))
                    else:
                        doc = store(conn, key, parsed.fingerprint, parsed.result, parsed.rows)
                        loaded.append((key, doc, parsed.result.summary))
                if finish:
                    prune(conn)
                    vocabulary = Vocabulary.from_db(conn)
                    vocabulary.save(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            reason = f"not loaded: the cache could not store it ({exc}); open it again later"
            batch.failed += [(key, LoadError(parsed.path, reason)) for key, parsed in batch.parsed]
            return None
        batch.loaded += loaded
        batch.failed += failed
        return vocabulary

    def _publish(
        self,
        batch: _Batch,
        done: int,
        total: int,
        on_progress: Callable[[LoadProgress], None] | None,
    ) -> None:
        loaded, failed = batch.loaded, batch.failed
        with self._lock:
            if self._closed:
                return
            if any(doc in self._docs for _, doc, _ in loaded):
                self._ranker = Ranker()  # its caches hold the replaced texts
            for key, doc, summary in loaded:
                self._forget(key)
                self._docs[doc] = summary
                self._keys[key] = doc
                if summary.source is not None:
                    self._by_source[summary.source] = doc
                self._reader.execute("INSERT OR IGNORE INTO temp.active VALUES (?)", (doc,))
            for key, error in failed:
                self._forget(key)
                self._errors[key] = error
            self._sorted = None
            self._generation += 1
        if on_progress is not None:
            on_progress(
                LoadProgress(
                    done,
                    total,
                    tuple(summary for _, _, summary in loaded),
                    tuple(error for _, error in failed),
                )
            )

    def _forget_all_but(self, keys: set[str]) -> None:
        """Forget every interview and error whose key is not in ``keys``."""
        with self._lock:
            gone = [key for key in (*self._keys, *self._errors) if key not in keys]
            for key in gone:
                self._forget(key)
            if gone:
                self._sorted = None
                self._generation += 1

    def _forget(self, key: str) -> None:
        self._errors.pop(key, None)
        doc = self._keys.pop(key, None)
        if doc is None:
            return
        old = self._docs.pop(doc)
        self._recent.pop(doc, None)
        if old.source is not None:
            self._by_source.pop(old.source, None)
        self._reader.execute("DELETE FROM temp.active WHERE doc = ?", (doc,))

    def _turn_texts(self, found: Sequence[Candidate]) -> dict[tuple[int, int], TurnText]:
        rows = read_turns(self._reader, dict.fromkeys((c.doc, c.turn) for c in found))
        return {
            key: TurnText(summary.source, summary.title, speaker, text)
            for key, (speaker, text) in rows.items()
            if (summary := self._docs.get(key[0])) is not None
        }

    def _interview(self, doc: int) -> Interview | None:
        """The whole interview ``doc``: recently used, or from the cache, or (if another
        process has since dropped it from the cache) parsed again from its file."""
        summary = self._docs.get(doc)
        if summary is None or self._closed:
            return None
        interview = self._recent.get(doc)
        if interview is None:
            interview = read_interview(self._reader, doc) or _parse(summary.source)
            if interview is None:
                return None
            interview = dataclasses.replace(interview, source=summary.source)
        self._recent[doc] = interview
        self._recent.move_to_end(doc)
        while len(self._recent) > RECENT_INTERVIEWS:
            self._recent.popitem(last=False)
        return interview

    def _doc_for(self, source: Path) -> int | None:
        doc = self._by_source.get(Path(source))
        if doc is None:
            try:
                doc = self._keys.get(cache_key(Path(source)))
            except OSError:
                return None
        return doc

    def _coded_rows(self, code: str) -> frozenset[int]:
        """Ids of the sentences that share words with the passages of ``code``."""
        if self.code_passages is None:
            raise InvalidQueryError("code: needs the codebook, which is not open here")
        try:
            places = self.code_passages(code)
        except ValueError as error:
            raise InvalidQueryError(str(error)) from None
        rows: set[int] = set()
        for place in places:
            found = self._reader.execute(
                "SELECT id FROM passages WHERE doc = ? AND turn = ? AND start < ? AND stop > ?",
                (self._doc_for(place.source), place.turn, place.end, place.start),
            )
            rows.update(row for (row,) in found)
        return frozenset(rows)

    def _rows_of(self, source: Path) -> tuple[int, int] | None:
        doc = self._doc_for(source)
        if doc is None:
            return None
        low, high = self._reader.execute(
            "SELECT min(id), max(id) FROM passages WHERE doc = ?", (doc,)
        ).fetchone()
        return None if low is None else (low, high)

    def _all_cached_active(self) -> bool:
        if self._cached_count[0] != self._generation:
            (count,) = self._reader.execute(
                "SELECT count(*) FROM docs WHERE interview IS NOT NULL"
            ).fetchone()
            self._cached_count = (self._generation, count)
        return self._cached_count[1] == len(self._docs)

    def _set_loading(self, loading: bool) -> None:
        with self._lock:
            self._loading = loading

    def _current_vocabulary(self) -> Vocabulary:
        stale = self._vocabulary_generation != self._generation
        throttled = (
            self._loading
            and self._vocabulary is not None
            and time.monotonic() - self._vocabulary_time < self._vocabulary_pause
        )
        if self._vocabulary is None or (stale and not throttled):
            started = time.monotonic()
            self._vocabulary = Vocabulary.from_db(self._reader)
            self._vocabulary_generation = self._generation
            self._vocabulary_time = time.monotonic()
            elapsed = self._vocabulary_time - started
            self._vocabulary_pause = min(VOCABULARY_REFRESH_SECONDS, 10 * elapsed)
        return self._vocabulary


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A file parsed (or failed) in this load, not yet written to the cache."""

    path: Path
    fingerprint: Fingerprint
    result: Interview | LoadError
    rows: tuple[PassageRow, ...]


_Outcome = tuple[int, Summary] | LoadError | _Parsed


@dataclass(slots=True)
class _Batch:
    """What one batch of a load found: from the cache, failed, or parsed to store."""

    loaded: list[tuple[str, int, Summary]]
    failed: list[tuple[str, LoadError]]
    parsed: list[tuple[str, _Parsed]]

    @property
    def size(self) -> int:
        return len(self.loaded) + len(self.failed) + len(self.parsed)

    def add(self, key: str, outcome: _Outcome) -> None:
        if isinstance(outcome, _Parsed):
            self.parsed.append((key, outcome))
        elif isinstance(outcome, LoadError):
            self.failed.append((key, outcome))
        else:
            self.loaded.append((key, *outcome))


def _parse_new(path: Path, fingerprint: Fingerprint) -> _Parsed:
    """Parse and index a file that is not in the cache (or changed)."""
    try:
        interview = load_interview(path)
    except LoadError as exc:
        return _Parsed(path, fingerprint, exc, ())
    except Exception as exc:  # a parser bug must not stop the other files loading
        reason = f"could not be parsed ({type(exc).__name__}: {' '.join(str(exc).split())})"
        return _Parsed(path, fingerprint, LoadError(path, reason), ())
    return _Parsed(path, fingerprint, interview, tuple(passage_rows(interview)))


def _parse_unless_stopped(
    path: Path, fingerprint: Fingerprint, stopping: Callable[[], bool]
) -> _Parsed | None:
    """Parse a big file (seconds) in a daemon thread, abandoned if the load is stopped,
    so quitting never waits for it."""
    result: list[_Parsed] = []
    thread = threading.Thread(
        target=lambda: result.append(_parse_new(path, fingerprint)),
        name=f"parse {path.name}",
        daemon=True,
    )
    thread.start()
    while thread.is_alive():
        thread.join(STOP_POLL_SECONDS)
        if stopping():
            return None
    return result[0] if result else None


def _parse(source: Path | None) -> Interview | None:
    try:
        return None if source is None else load_interview(source)
    except Exception:  # unreadable now: the caller reports the interview as not loaded
        return None


def _unsupported(path: Path) -> LoadError:
    try:
        load_interview(path)  # raises, with the loader's own message
    except LoadError as exc:
        return exc
    return LoadError(path, "unsupported file type")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return " ".join((exc.strerror or type(exc).__name__).split())


def _speaker_filter(speaker: str | None) -> str | None:
    return " ".join(normalize_words(speaker)) if speaker else None


def _interview_order(summary: Summary) -> tuple[bool, dt.date, str, str]:
    return (
        summary.date is None,
        summary.date or dt.date.min,
        summary.title.casefold(),
        os.fspath(summary.source or ""),
    )


@dataclass(frozen=True, slots=True)
class CodedPlace:
    """Where a coded passage is: offsets into ``Turn.text`` of one turn of ``source``."""

    source: Path
    turn: int
    start: int
    end: int
