"""One load's reading of files: what the cache holds, what to parse, writing batches.

:class:`~reader.core.library.Library` drives it: :func:`survey` each file against
the cache's entries, :func:`parse_job` the new and changed ones (here or in worker
processes), collect the outcomes in a :class:`Batch`, :func:`stored` writes a
parsed file to the cache, and :class:`Run` reports each batch as a
:class:`LoadProgress`.

The reader's own Markdown exports found in a folder are left out (an export is not
one more interview): a new or changed file is found to be one when it is read, and
its entry says so (:data:`~reader.core.cache.NOT_READ`), so a load from the cache
leaves it out without opening it. A file named by the user is read, export or not.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import loader
from reader.core.cache import (
    NOT_READ,
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
from reader.core.export import is_export_content
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
    named: bool
    """Whether the user named the file (read even if an export), not found in a folder."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """What reading one file in this load gave, not yet written to the cache."""

    job: Job
    fingerprint: Fingerprint | None
    """None when the file could not be read (that error is not cached)."""
    result: Indexed | str | None
    """The interview, why it could not be loaded, or None: the cache's entry is current."""
    export: bool

    @classmethod
    def of(cls, job: Job, reading: Reading) -> Parsed:
        if reading.hash is None:
            return cls(job, None, reading.result, reading.export)
        fingerprint = Fingerprint(job.size, job.mtime_ns, reading.hash)
        return cls(job, fingerprint, reading.result, reading.export)


Outcome = tuple[int, Loaded] | LoadError | Parsed | None
"""A file's outcome: from the cache, failed, to store, or None: an export left out."""


@dataclass(slots=True)
class Batch:
    """What one batch of a load found: from the cache, failed, or parsed to store."""

    loaded: list[tuple[str, int, Loaded]] = field(default_factory=list)
    failed: list[tuple[str, LoadError]] = field(default_factory=list)
    parsed: list[tuple[str, Parsed]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """Keys of exports left out (forgotten, should they have been interviews before)."""

    @property
    def size(self) -> int:
        return len(self.loaded) + len(self.failed) + len(self.parsed) + len(self.dropped)

    def add(self, key: str, outcome: Outcome) -> None:
        if outcome is None:
            self.dropped.append(key)
        elif isinstance(outcome, Parsed) and outcome.fingerprint is None:
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


def survey_all(
    files: Mapping[str, str], known: Mapping[str, Entry], run: Run, named: Collection[str]
) -> list[Job]:
    """Add to ``run`` what the cache holds of each file whose entry is current (same
    size and mtime: its interview, its load error, or that it is an export to leave
    out) and each file that cannot be read; return the jobs of the others (new and
    changed files, and exports named but not read before), in order.

    The files are :func:`~reader.core.discovery.locate`'s (transcripts by their name:
    a path as found by its resolved path), ``named`` the keys of those the user named.
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
        elif (
            entry is None
            or entry.mtime_ns != info.st_mtime_ns
            or entry.size != info.st_size
            or (entry.export and _unread(entry, key in named))
        ):
            jobs.append(_job(path, key, info, entry, key in named))
        elif entry.export:
            run.add(key, _cached(path, entry, key in named))
        elif entry.error is None:  # as it was when cached (size and mtime are enough)
            cached.append((key, entry.doc, path))
        else:
            run.add(key, LoadError(path, entry.error or "could not be read"))
    run.done += len(cached) - before
    return jobs


def _job(path: str, key: str, info: os.stat_result, entry: Entry | None, named: bool) -> Job:
    """A file to read; its entry is left out when it holds no reading of the file (then
    parsed even if its content is the known one)."""
    known = None if entry is not None and _unread(entry, named) else entry
    return Job(Path(path), key, info.st_size, info.st_mtime_ns, known, named)


def _unread(entry: Entry, named: bool) -> bool:
    """Whether the file is wanted but its entry holds no reading: a named export that
    was only found in a folder before."""
    return named and entry.error == NOT_READ


def _cached(path: str, entry: Entry, named: bool) -> tuple[int, Loaded] | LoadError | None:
    if entry.export and not named:
        return None
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
    """The interview, why it could not be loaded (or :data:`~reader.core.cache.NOT_READ`),
    or None: the content is the known one."""
    export: bool = False
    """Whether the file is a Markdown export."""


def parse_job(job: Job) -> Parsed:
    """Read a file that is new or changed (or touched), and parse and index it."""
    return Parsed.of(job, read_file(job_task(job)))


Task = tuple[str, str | None, bool]
"""What :func:`read_file` needs of a job: its path, the hash the cache knows, and
whether the user named it."""


def job_task(job: Job) -> Task:
    """What :func:`read_file` needs of a job."""
    return os.fspath(job.path), None if job.known is None else job.known.hash, job.named


def read_file(task: Task) -> Reading:
    """Read, parse and index the file at ``path``, unless its content hashes to ``known``
    or it is an export found in a folder (not ``named``)."""
    path, known, named = task
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Reading(None, _os_reason(exc))
    content = file_hash(data)
    export = is_export_content(path, data)
    if content == known:
        return Reading(content, None, export)
    if export and not named:
        return Reading(content, NOT_READ, export)
    try:
        interview = loader.load_interview(Path(path))
    except LoadError as exc:
        return Reading(content, exc.reason, export)
    except Exception as exc:  # a parser bug must not stop the other files loading
        reason = f"could not be parsed ({type(exc).__name__}: {' '.join(str(exc).split())})"
        return Reading(content, reason, export)
    return Reading(content, Indexed.of(interview, passage_rows(interview)), export)


def stored(
    conn: sqlite3.Connection, key: str, parsed: Parsed
) -> tuple[int, Loaded] | LoadError | None:
    """Write what was read of one file to the cache: its doc id and summary, its error,
    or None: an export, left out."""
    assert parsed.fingerprint is not None  # unreadable files never get here
    result, path, export = parsed.result, parsed.job.path, parsed.export
    if result is None and parsed.job.known is not None:
        touch(conn, parsed.job.known.doc, parsed.fingerprint)
        return _cached(os.fspath(path), parsed.job.known, parsed.job.named)
    if isinstance(result, Indexed):
        doc = store(conn, key, parsed.fingerprint, result, export=export)
        return doc, make_summary(result.summary, path)
    store(conn, key, parsed.fingerprint, str(result), export=export)
    return None if result == NOT_READ else LoadError(path, str(result))


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
