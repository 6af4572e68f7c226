"""One load's reading of files: what the cache holds, what to parse, writing batches.

:class:`~reader.core.library.Library` drives it: :func:`survey` each file against
the cache's entries, :func:`parse_job` the new and changed ones (here or in worker
processes), collect the outcomes in a :class:`Batch`, :func:`stored` writes a
parsed file to the cache, and :class:`Run` reports each batch as a
:class:`LoadProgress`.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import loader
from reader.core.cache import (
    Entry,
    Fingerprint,
    Indexed,
    entries,
    file_hash,
    generation,
    make_summary,
    store,
    touch,
)
from reader.core.model import LoadError, Summary
from reader.core.search import passage_rows
from reader.core.sqlite import reading

STOP_POLL_SECONDS = 0.05
"""How often a wait for a parse checks whether the load was stopped."""


Loaded = Summary | str
"""A loaded interview: its summary, or (from the cache) where it was loaded from, as
given, until its summary is read (a start from the cache lists thousands of files,
and a search needs the summaries of a few)."""


def source_of(item: Loaded) -> str | None:
    """Where an interview was loaded from, as given (not resolved)."""
    if isinstance(item, str):
        return item
    return None if item.source is None else os.fspath(item.source)


@dataclass(frozen=True, slots=True)
class LoadProgress:
    """One batch of a running load."""

    done: int
    """Files processed so far."""
    total: int
    """Files discovered."""
    loaded: tuple[str | None, ...]
    """Where the interviews newly available since the last progress call were loaded
    from, as given (their summaries are the library's)."""
    errors: tuple[LoadError, ...]
    """New load errors since the last progress call."""


@dataclass(frozen=True, slots=True)
class Job:
    """A file to read: new, changed, or maybe only touched (same content, new mtime)."""

    path: Path
    key: str
    size: int
    mtime_ns: int
    known: Entry | None
    """What the cache holds for this path (made from other content, or at another mtime)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """What reading one file in this load gave, not yet written to the cache."""

    job: Job
    fingerprint: Fingerprint | None
    """None when the file could not be read (that error is not cached)."""
    result: Indexed | str | None
    """The interview, why it could not be loaded, or None: the cache's entry is current."""

    @classmethod
    def of(cls, job: Job, reading: Reading) -> Parsed:
        if reading.hash is None:
            return cls(job, None, reading.result)
        return cls(job, Fingerprint(job.size, job.mtime_ns, reading.hash), reading.result)


Outcome = tuple[int, Loaded] | LoadError | Parsed


@dataclass(slots=True)
class Batch:
    """What one batch of a load found: from the cache, failed, or parsed to store."""

    loaded: list[tuple[str, int, Loaded]] = field(default_factory=list)
    failed: list[tuple[str, LoadError]] = field(default_factory=list)
    parsed: list[tuple[str, Parsed]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.loaded) + len(self.failed) + len(self.parsed)

    def add(self, key: str, outcome: Outcome) -> None:
        if isinstance(outcome, Parsed) and outcome.fingerprint is None:
            self.failed.append((key, LoadError(outcome.job.path, str(outcome.result))))
        elif isinstance(outcome, Parsed):
            self.parsed.append((key, outcome))
        elif isinstance(outcome, LoadError):
            self.failed.append((key, outcome))
        else:
            self.loaded.append((key, *outcome))


@dataclass(slots=True)
class Run:
    """One load under way: its batch, and its progress so far."""

    total: int
    on_progress: Callable[[LoadProgress], None] | None
    batch: Batch = field(default_factory=Batch)
    done: int = 0
    last: float = field(default_factory=time.monotonic)

    def add(self, key: str, outcome: Outcome) -> None:
        self.batch.add(key, outcome)
        self.done += 1

    def since(self) -> float:
        """Seconds since the last batch went out."""
        return time.monotonic() - self.last

    def next_batch(self, published: bool) -> None:
        """Report the batch (if it was published), and start a new one."""
        batch = self.batch
        if published and self.on_progress is not None:
            loaded = tuple(source_of(item) for _, _, item in batch.loaded)
            failed = tuple(error for _, error in batch.failed)
            self.on_progress(LoadProgress(self.done, self.total, loaded, failed))
        self.batch = Batch()
        self.last = time.monotonic()


def cached_entries(conn: sqlite3.Connection) -> tuple[dict[str, Entry], int | None]:
    """The cache's :func:`~reader.core.cache.entries`, and its generation then (None,
    with no entries, if the cache cannot be read now)."""
    try:
        with reading(conn):
            return entries(conn), generation(conn)
    except sqlite3.OperationalError:  # held elsewhere: parse all, storing says so
        return {}, None


def survey_all(files: Mapping[str, str], known: Mapping[str, Entry], run: Run) -> list[Job]:
    """Add to ``run`` what the cache holds of each file whose entry is current (same
    size and mtime: its interview, or its load error) and each file that cannot be
    read; return the jobs of the others (new and changed files), in order.

    The files are :func:`~reader.core.discovery.locate`'s (transcripts by their name:
    a path as found by its resolved path).
    """
    jobs: list[Job] = []
    cached = run.batch.loaded
    before = len(cached)
    for key, path in files.items():
        entry = known.get(key)
        try:
            info = os.stat(key)
        except OSError as exc:
            run.add(key, LoadError(path, _os_reason(exc)))
            continue
        if not stat.S_ISREG(info.st_mode):
            run.add(key, LoadError(path, "not a regular file"))
        elif entry is None or entry.mtime_ns != info.st_mtime_ns or entry.size != info.st_size:
            jobs.append(Job(Path(path), key, info.st_size, info.st_mtime_ns, entry))
        elif entry.error is None:  # as it was when cached (size and mtime are enough)
            cached.append((key, entry.doc, path))
        else:
            run.add(key, LoadError(path, entry.error or "could not be read"))
    run.done += len(cached) - before
    return jobs


def _cached(path: str, entry: Entry) -> tuple[int, Loaded] | LoadError:
    if entry.error is not None:
        return LoadError(path, entry.error or "could not be read")
    return entry.doc, path


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading and parsing one file gave, as plain values: it is made in a worker
    process when there are many files, and the writer must unpickle it cheaply."""

    hash: str | None
    """The content hash; None when the file could not be read (``result`` says why)."""
    result: Indexed | str | None
    """The interview, why it could not be loaded, or None: the content is the known one."""


def parse_job(job: Job) -> Parsed:
    """Read a file that is new or changed (or touched), and parse and index it."""
    return Parsed.of(job, read_file(job_task(job)))


def job_task(job: Job) -> tuple[str, str | None]:
    """What :func:`read_file` needs of a job: its path and the hash the cache knows."""
    return os.fspath(job.path), None if job.known is None else job.known.hash


def read_file(task: tuple[str, str | None]) -> Reading:
    """Read, parse and index the file at ``path``, unless its content hashes to ``known``."""
    path, known = task
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Reading(None, _os_reason(exc))
    content = file_hash(data)
    if content == known:
        return Reading(content, None)
    try:
        interview = loader.load_interview(Path(path))
    except LoadError as exc:
        return Reading(content, exc.reason)
    except Exception as exc:  # a parser bug must not stop the other files loading
        reason = f"could not be parsed ({type(exc).__name__}: {' '.join(str(exc).split())})"
        return Reading(content, reason)
    return Reading(content, Indexed.of(interview, passage_rows(interview)))


def stored(conn: sqlite3.Connection, key: str, parsed: Parsed) -> tuple[int, Loaded] | LoadError:
    """Write what was read of one file to the cache: its doc id and summary, or its error."""
    assert parsed.fingerprint is not None  # unreadable files never get here
    result, path = parsed.result, parsed.job.path
    if result is None and parsed.job.known is not None:
        touch(conn, parsed.job.known.doc, parsed.fingerprint)
        return _cached(os.fspath(path), parsed.job.known)
    if isinstance(result, Indexed):
        return store(conn, key, parsed.fingerprint, result), make_summary(result.summary, path)
    store(conn, key, parsed.fingerprint, str(result))
    return LoadError(path, str(result))


def parse_unless_stopped(job: Job, stopping: Callable[[], bool]) -> Parsed | None:
    """Parse a big file (seconds) in a daemon thread, abandoned if the load is stopped,
    so quitting never waits for it."""
    result: list[Parsed] = []
    thread = threading.Thread(
        target=lambda: result.append(parse_job(job)), name=f"parse {job.path.name}", daemon=True
    )
    thread.start()
    while thread.is_alive():
        thread.join(STOP_POLL_SECONDS)
        if stopping():
            return None
    return result[0] if result else None


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return " ".join((exc.strerror or type(exc).__name__).split())
