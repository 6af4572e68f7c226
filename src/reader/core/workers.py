"""A function mapped over items in worker processes: one per core, in order, stoppable.

Each worker is ``python -m reader.core.workers MODULE:FUNCTION``: it reads pickled
items on its stdin and writes each one's pickled result on its stdout, in order.
Plain subprocesses rather than :mod:`multiprocessing`, whose workers import the
program's main module again (a program read from stdin has none: they die at start
and are restarted forever) and whose helper process is handed ``sys.stderr`` (which
the Textual app has captured: it has no file). Stopping kills the workers at once.
"""

from __future__ import annotations

import importlib
import os
import pickle
import select
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_PROCESS = 32
"""Items handed out ahead per process: enough to keep each busy while the reader of
the results is not running (on a busy machine, for many milliseconds at a time), few
enough that their pickles always fit in the pipe to it (so handing out never blocks)."""
RESULT_PIPE_BYTES = 1 << 20
"""What each worker's pipe of results may hold (Linux; 64 KB elsewhere): tens of
results, so a worker goes on while the reader is not running, instead of stopping
after every second one to wait for it."""
_HEADER = 8
"""Bytes of the length before each pickle."""


class WorkerError(Exception):
    """A worker process stopped before answering (killed, or it could not start)."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def available() -> bool:
    """Whether workers can run here: waiting on their pipes needs a POSIX ``select``."""
    return os.name == "posix"


def ordered_map(
    function: Callable[[T], R],
    items: Sequence[T],
    stopping: Callable[[], bool],
    poll_seconds: float,
) -> Iterator[R | None]:
    """``function(item)`` for each item, in order, computed in worker processes.

    Yields None each time ``poll_seconds`` pass without a result, so the caller can
    show what it has meanwhile. When ``stopping()`` turns true it returns at once,
    killing the workers mid-item. ``function`` must be importable by name. Raises
    WorkerError if a worker stops before answering.
    """
    name = f"{function.__module__}:{function.__qualname__}"
    workers = [_start(name) for _ in range(max(1, min(cores(), len(items))))]
    window = len(workers) * IN_FLIGHT_PER_PROCESS
    sent = 0
    try:
        for index in range(len(items)):
            while sent < min(len(items), index + window):
                _send(workers[sent % len(workers)], items[sent])
                sent += 1
            worker = workers[index % len(workers)]
            assert worker.stdout is not None
            while True:
                if stopping():
                    return
                if select.select([worker.stdout], [], [], poll_seconds)[0]:
                    break
                yield None
            yield _receive(worker)
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
            for pipe in (worker.stdin, worker.stdout):
                if pipe is not None:
                    pipe.close()


def _start(name: str) -> subprocess.Popen[bytes]:
    worker = subprocess.Popen(
        [sys.executable, "-m", __name__, name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        bufsize=0,
    )
    assert worker.stdout is not None
    _widen(worker.stdout)
    return worker


def _widen(pipe: IO[bytes]) -> None:
    """Let the pipe hold :data:`RESULT_PIPE_BYTES`, where the system allows it."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or over its limit
        pass


def _send(worker: subprocess.Popen[bytes], item: object) -> None:
    assert worker.stdin is not None
    try:
        _write(worker.stdin, item)
    except BrokenPipeError:
        raise WorkerError("a parsing process stopped") from None


def _receive(worker: subprocess.Popen[bytes]) -> Any:
    assert worker.stdout is not None
    found = _read(worker.stdout)
    if found is None:
        raise WorkerError("a parsing process stopped")
    return found[0]


def _write(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=5)
    view = memoryview(len(data).to_bytes(_HEADER, "big") + data)
    while view:
        view = view[stream.write(view) or 0 :]
    stream.flush()


def _read(stream: IO[bytes]) -> tuple[Any] | None:
    """``(value,)`` of the next message, or None at the end of the stream."""
    header = _read_exactly(stream, _HEADER)
    if header is None:
        return None
    data = _read_exactly(stream, int.from_bytes(header, "big"))
    return None if data is None else (pickle.loads(data),)


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def main(name: str) -> None:
    """A worker: answer ``function(item)`` for each item read, until stdin ends."""
    module, qualname = name.split(":")
    function = getattr(importlib.import_module(module), qualname)
    while (found := _read(sys.stdin.buffer)) is not None:
        _write(sys.stdout.buffer, function(found[0]))


if __name__ == "__main__":
    main(sys.argv[1])
