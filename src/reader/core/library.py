"""The one facade the CLI and the UI use: load transcripts, list them, search them.

``load`` runs in a worker thread (the UI's) while ``search`` may be called from any
other; everything shared is guarded by one lock, and searches see whatever has been
committed to the index so far.

Other copies of the reader may write to the same cache at any time. What this copy
derives from the cache (the vocabulary, the ranker's caches, recently opened
interviews, whether every cached interview is one of its own) is kept for one cache
generation only: each search and each opened interview reads the generation in the
same snapshot as the data, and drops what was derived at another.

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
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from reader.core import loader
from reader.core import paths as user_paths
from reader.core.cache import (
    Cache,
    Entry,
    activate,
    cache_key,
    deactivate,
    doc_count,
    generation,
    interview_count,
    passage_range,
    passages_overlapping,
    prune,
    read_interview,
    read_summaries,
    read_turns,
    stale_docs,
)
from reader.core.collector import collection_paused
from reader.core.discovery import locate
from reader.core.ingest import (
    STOP_POLL_SECONDS,
    Batch,
    Job,
    Loaded,
    Parsed,
    Run,
    cached_entries,
    job_task,
    parse_job,
    parse_unless_stopped,
    read_file,
    source_of,
    stored,
    survey_all,
)
from reader.core.ingest import LoadProgress as LoadProgress  # for the CLI and the UI
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
    plan,
)
from reader.core.search.index import CANDIDATES
from reader.core.search.rank import Candidate
from reader.core.sqlite import reading, writing

BATCH_FILES = 50
BATCH_SECONDS = 0.1
VOCABULARY_REFRESH_SECONDS = 1.0
"""While this copy loads, a search may use a typo vocabulary this much older than the
index, or less: a re-read waits ten times as long as the last one took, so searches
spend at most a tenth of their time re-reading it."""
BIG_FILE_BYTES = 1 << 20
"""Before parsing a file this big (seconds for tens of MB), what is ready is shown."""
PROCESS_BYTES = 4 << 20
"""With more than this to parse, files are parsed in worker processes, one per core
(starting them costs about what parsing 1 MB does)."""
RECENT_INTERVIEWS = 16
"""Whole interviews kept in memory after use (searches read only the turns they rank)."""


class Library:
    """Loaded interviews, their load errors, and search over them."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache = Cache(cache_dir if cache_dir is not None else user_paths.cache_dir())
        self._lock = threading.RLock()
        self._load_lock = threading.Lock()
        self._reader = self._cache.connect_searching()
        self._docs: dict[int, Loaded] = {}
        """Loaded interviews by doc id; a summary is read when first needed."""
        self._recent: OrderedDict[int, Interview] = OrderedDict()
        self._keys: dict[str, int] = {}
        self._by_source: dict[str, int] = {}
        self._errors: dict[str, LoadError] = {}
        self._sorted: tuple[Summary, ...] | None = None
        self._stamp = -1
        """The cache generation the ranker, the recent interviews and the count are of."""
        self._ranker = Ranker()
        self._cached_count: int | None = None
        """Interviews in the cache, to tell whether all of them are loaded here."""
        self._active = False
        """Whether the reader's :data:`~reader.core.cache.ACTIVE` table lists the loaded
        interviews: filled when a search first needs it (when the cache holds some that
        are not loaded here), then kept up to date."""
        self._vocabulary: Vocabulary | None = None
        self._vocabulary_time = 0.0
        self._vocabulary_pause = 0.0
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
                self._read_summaries(self._docs)
                summaries = [s for doc in self._docs if (s := self._summary(doc)) is not None]
                self._sorted = tuple(sorted(summaries, key=_interview_order))
            return self._sorted

    @property
    def count(self) -> int:
        """How many interviews are loaded (cheaper than ``len(summaries)``)."""
        with self._lock:
            return len(self._docs)

    @property
    def errors(self) -> tuple[LoadError, ...]:
        """Files that could not be loaded, one-line reasons."""
        with self._lock:
            return tuple(self._errors.values())

    def interview(self, source: Path) -> Interview | None:
        """The loaded interview read from ``source``, if any, with all its turns."""
        with self._lock:
            doc = self._doc_for(source)
            if doc is None or self._closed:
                return None
            with self._snapshot():
                return self._interview(doc)

    def source_of(self, path: Path) -> Path | None:
        """The source of the loaded interview read from ``path`` (however spelt), as
        :attr:`summaries` spell it; None when no loaded interview came from there."""
        with self._lock:
            doc = self._doc_for(path)
            summary = None if doc is None else self._summary(doc)
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
            files, discovery_errors, named = locate(paths)
            conn = self._cache.connect()
            self._set_loading(True)
            try:
                seen = self._load_files(
                    conn, files, named, discovery_errors, on_progress, should_stop
                )
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
            with self._snapshot():
                return self._search(parsed, tuple(speakers), limit, source)

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Read the cache as of one moment, dropping what was derived from it before
        another write (by this copy or another one)."""
        with reading(self._reader):
            stamp = generation(self._reader)
            if stamp != self._stamp:
                self._stamp = stamp
                self._ranker = Ranker()  # its caches may hold replaced texts
                self._recent.clear()
                self._cached_count = None
            yield

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
        scope = Scope(rows, speakers, self._only_loaded(), allowed)
        found = candidates(self._reader, the_plan, scope, max(CANDIDATES, limit))
        turns = self._turn_texts(found)
        return self._ranker.rank(the_plan, found, turns, limit, self._titles)

    def _load_files(
        self,
        conn: sqlite3.Connection,
        files: dict[str, str],
        named: frozenset[str],
        discovery_errors: list[LoadError],
        on_progress: Callable[[LoadProgress], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> set[str] | None:
        """Take what the cache holds (one query, one batch), then parse the rest and
        store it a batch at a time.

        Parsing and indexing happen outside any transaction, so another copy of the
        app sharing the cache waits at most for one batch's inserts. ``files`` are
        :func:`~reader.core.discovery.locate`'s, ``named`` the keys of those named by
        the user (read even if they are exports). Returns the keys of every file and
        error of them when all were loaded, else None.
        """
        run = Run(len(files), on_progress)
        run.batch.failed += [(cache_key(e.path), e) for e in discovery_errors]
        seen = set(files).union(key for key, _ in run.batch.failed)
        if on_progress is not None:
            on_progress(LoadProgress(0, run.total, (), ()))
        with collection_paused():
            known, stamp = cached_entries(conn)
            jobs = survey_all(files, known, run, named)
            self._flush(conn, run)  # everything cached at once

        def stopping() -> bool:
            return self._closed or (should_stop is not None and should_stop())

        for parsed in self._parse(jobs, stopping):
            if parsed is not None:
                run.add(parsed.job.key, parsed)
            waited = parsed is None and run.batch.size
            if waited or run.batch.size >= BATCH_FILES or run.since() > BATCH_SECONDS:
                self._flush(conn, run)
        self._flush(conn, run)
        if run.done < run.total:
            return None
        self._finish(conn, seen, known if stamp is not None else None, stamp)
        return seen

    def _parse(self, jobs: list[Job], stopping: Callable[[], bool]) -> Iterator[Parsed | None]:
        """Each job parsed, in order; None while waiting (time to show what is ready).

        With more than :data:`PROCESS_BYTES` to parse, in worker processes; else here,
        a big file in a thread of its own that is abandoned if the load stops.
        """
        if not jobs:
            return  # nothing to parse (a start from the cache): workers not even imported
        from reader.core import workers  # with subprocess

        if sum(job.size for job in jobs) > PROCESS_BYTES and workers.available():
            done = 0
            tasks = [job_task(job) for job in jobs]
            try:
                for reading in workers.ordered_map(read_file, tasks, stopping, STOP_POLL_SECONDS):
                    if reading is None:
                        yield None
                        continue
                    yield Parsed.of(jobs[done], reading)
                    done += 1
                return
            except workers.WorkerError:  # a worker was killed: the rest are parsed here
                jobs = jobs[done:]
        for job in jobs:
            if stopping():
                return
            if job.size <= BIG_FILE_BYTES:
                yield parse_job(job)
                continue
            yield None  # show what is ready first
            parsed = parse_unless_stopped(job, stopping)
            if parsed is None:
                return
            yield parsed

    def _flush(self, conn: sqlite3.Connection, run: Run) -> None:
        """Store and publish the batch, if any; start a new one."""
        if run.batch.size:
            self._store(conn, run.batch)
            run.next_batch(published=self._publish(run.batch))

    def _store(self, conn: sqlite3.Connection, batch: Batch) -> None:
        """Write the batch's newly parsed files in one short transaction. If the cache
        cannot take them (held by another process past the busy timeout, disk full),
        the batch's new files become load errors saying so, and the load goes on."""
        if not batch.parsed:
            return
        loaded: list[tuple[str, int, Loaded]] = []
        failed: list[tuple[str, LoadError]] = []
        dropped: list[str] = []
        try:
            with writing(conn):
                for key, parsed in batch.parsed:
                    outcome = stored(conn, key, parsed)
                    if outcome is None:
                        dropped.append(key)
                    elif isinstance(outcome, LoadError):
                        failed.append((key, outcome))
                    else:
                        loaded.append((key, *outcome))
        except sqlite3.OperationalError as exc:
            reason = f"not loaded: the cache could not store it ({exc}); open it again later"
            batch.failed += [(key, LoadError(p.job.path, reason)) for key, p in batch.parsed]
            return
        batch.loaded += loaded
        batch.failed += failed
        batch.dropped += dropped

    def _finish(
        self,
        conn: sqlite3.Connection,
        present: set[str],
        known: Mapping[str, Entry] | None,
        stamp: int | None,
    ) -> None:
        """After a whole load: drop entries of files gone or made by other code, and
        keep a vocabulary snapshot of the index current (writing only if needed).

        ``known`` is what the cache held at generation ``stamp`` (the load's start):
        while nothing was written since, the entries need not be read again.
        """
        try:
            with reading(conn):
                if generation(conn) != stamp:
                    known = None
                stale = stale_docs(conn, present, known)
                current = not stale and Vocabulary.is_saved(conn)
                vocabulary = Vocabulary.from_db(conn) if current else None
            if vocabulary is None:
                with writing(conn):
                    prune(conn, stale_docs(conn, present))
                    vocabulary = Vocabulary.from_db(conn)
                    vocabulary.save(conn)
        except sqlite3.OperationalError:
            return  # the cache is held elsewhere: the next load does it
        with self._lock:
            self._vocabulary = vocabulary

    def _publish(self, batch: Batch) -> bool:
        """Make the batch's interviews and errors this copy's; False once closed."""
        with self._lock:
            if self._closed:
                return False
            if self._keys or self._errors:  # else nothing to forget (a first load)
                for key, _, _ in batch.loaded:
                    self._forget(key)
            docs, keys, by_source = self._docs, self._keys, self._by_source  # a start: 50,000
            for key, doc, item in batch.loaded:
                docs[doc] = item
                keys[key] = doc
                source = item if isinstance(item, str) else source_of(item)
                if source is not None:
                    by_source[source] = doc
            if self._active:
                activate(self._reader, (doc for _, doc, _ in batch.loaded))
            for key, error in batch.failed:
                self._forget(key)
                self._errors[key] = error
            for key in batch.dropped:
                self._forget(key)
            self._sorted = None
            return True

    def _forget_all_but(self, keys: set[str]) -> None:
        """Forget every interview and error whose key is not in ``keys``."""
        with self._lock:
            gone = [key for key in (*self._keys, *self._errors) if key not in keys]
            for key in gone:
                self._forget(key)
            if gone:
                self._sorted = None

    def _forget(self, key: str) -> None:
        self._errors.pop(key, None)
        doc = self._keys.pop(key, None)
        if doc is None:
            return
        old = self._docs.pop(doc)
        self._recent.pop(doc, None)
        if (source := source_of(old)) is not None:
            self._by_source.pop(source, None)
        if self._active:
            deactivate(self._reader, doc)

    def _turn_texts(self, found: Sequence[Candidate]) -> dict[tuple[int, int], TurnText]:
        """The candidates' turns, of interviews loaded here."""
        keys = dict.fromkeys((c.doc, c.turn) for c in found if c.doc in self._docs)
        rows = read_turns(self._reader, keys)
        return {key: TurnText(speaker, text) for key, (speaker, text) in rows.items()}

    def _titles(self, doc: int) -> tuple[Path | None, str] | None:
        """Where a hit's interview came from, and its title (read for hits only)."""
        summary = self._summary(doc)
        return None if summary is None else (summary.source, summary.title)

    def _interview(self, doc: int) -> Interview | None:
        """The whole interview ``doc``: recently used, or from the cache, or (if another
        process has since dropped it from the cache) parsed again from its file."""
        summary = self._summary(doc)
        if summary is None:
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

    def _summary(self, doc: int) -> Summary | None:
        """Doc's summary, read now if not yet (None if it is not loaded, or no longer
        cached and no longer readable)."""
        item = self._docs.get(doc)
        if isinstance(item, str):
            self._read_summaries((doc,))
            item = self._docs[doc]
        return item if isinstance(item, Summary) else None

    def _read_summaries(self, docs: Iterable[int]) -> None:
        """Read the summaries of those of ``docs`` still without one, in one query; one
        dropped from the cache since (by another copy) is parsed from its file."""
        pending = {doc: item for doc in docs if isinstance(item := self._docs.get(doc), str)}
        if not pending or self._closed:
            return  # (a closed library lists the summaries it has read)
        found = read_summaries(self._reader, pending, lambda doc: Path(pending[doc]))
        for doc, source in pending.items():
            summary = found.get(doc) or _parsed_summary(source)
            if summary is not None:
                self._docs[doc] = summary

    def _doc_for(self, source: Path) -> int | None:
        doc = self._by_source.get(os.fspath(Path(source)))
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
            doc = self._doc_for(place.source)
            rows.update(passages_overlapping(self._reader, doc, place.turn, place.start, place.end))
        return frozenset(rows)

    def _rows_of(self, source: Path) -> tuple[int, int] | None:
        doc = self._doc_for(source)
        if doc is None:
            return None
        return passage_range(self._reader, doc)

    def _only_loaded(self) -> bool:
        """Whether a search must leave out cached interviews not loaded here; if so,
        the :data:`~reader.core.cache.ACTIVE` table is filled first."""
        if self._cached_count is None:
            # All the cache holds being loaded here (the common case) shows in the
            # count of its entries alone, which is quick; else count its interviews.
            entries = doc_count(self._reader)
            mine = entries == len(self._docs)
            self._cached_count = entries if mine else interview_count(self._reader)
        if self._cached_count == len(self._docs):
            return False
        if not self._active:
            activate(self._reader, self._docs)
            self._active = True
        return True

    def _set_loading(self, loading: bool) -> None:
        with self._lock:
            self._loading = loading

    def _current_vocabulary(self) -> Vocabulary:
        """The vocabulary of the cache now; while this copy loads, possibly one a little
        older (see :data:`VOCABULARY_REFRESH_SECONDS`)."""
        vocabulary = self._vocabulary
        if vocabulary is not None and (
            vocabulary.generation == self._stamp
            or (self._loading and time.monotonic() - self._vocabulary_time < self._vocabulary_pause)
        ):
            return vocabulary
        started = time.monotonic()
        self._vocabulary = vocabulary = Vocabulary.from_db(self._reader)
        self._vocabulary_time = time.monotonic()
        elapsed = self._vocabulary_time - started
        self._vocabulary_pause = min(VOCABULARY_REFRESH_SECONDS, 10 * elapsed)
        return vocabulary


def _parsed_summary(source: str) -> Summary | None:
    interview = _parse(Path(source))
    return None if interview is None else interview.summary


def _parse(source: Path | None) -> Interview | None:
    try:
        return None if source is None else loader.load_interview(source)
    except Exception:  # unreadable now: the caller reports the interview as not loaded
        return None


def _speaker_filter(speaker: str | None) -> str | None:
    return " ".join(normalize_words(speaker)) if speaker else None


def _interview_order(summary: Summary) -> tuple[bool, dt.date, str, str]:
    return (
        summary.date is None,
        summary.date or dt.date.min,
        summary.title.casefold(),
        os.fspath(summary.source or ""),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class CodedPlace:
    """Where a coded passage is: offsets into ``Turn.text`` of one turn of ``source``."""

    source: Path
    turn: int
    start: int
    end: int
