"""A function mapped over items in worker processes: one per core, in order, stoppable.

Processes are started fresh (``spawn``), never forked: the caller may be a thread of
an app whose other threads hold locks a fork would copy.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_PROCESS = 8
"""Items handed out ahead per process: enough to keep each busy, few enough that
results waiting to be taken stay a small part of memory."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def available() -> bool:
    """Whether worker processes can start. Each imports this program's main module
    again, which a program read from stdin does not have (its workers would die at
    start, and be restarted, forever); and multiprocessing hands its helper process
    ``sys.stderr``, which an app that captures it (Textual does) has no file for."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return (path is None or os.path.exists(path)) and _has_file(sys.stderr)


def _has_file(stream: object) -> bool:
    try:
        return int(stream.fileno()) >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def ordered_map(
    function: Callable[[T], R],
    items: Sequence[T],
    stopping: Callable[[], bool],
    poll_seconds: float,
) -> Iterator[R | None]:
    """``function(item)`` for each item, in order, computed in worker processes.

    Yields None each time ``poll_seconds`` pass without a result, so the caller can
    show what it has meanwhile. When ``stopping()`` turns true it returns at once,
    killing the workers mid-item. ``function`` must be importable by name.
    """
    import multiprocessing  # here: it costs a start from the cache 20 ms (sockets)

    processes = max(1, min(cores(), len(items)))
    with multiprocessing.get_context("spawn").Pool(processes) as pool:  # exit: terminate
        waiting = iter(items)
        pending: deque[AsyncResult[R]] = deque()

        def hand_out() -> None:
            room = processes * IN_FLIGHT_PER_PROCESS - len(pending)
            pending.extend(pool.apply_async(function, (item,)) for item in islice(waiting, room))

        hand_out()
        while pending:
            if stopping():
                return
            pending[0].wait(poll_seconds)
            if not pending[0].ready():
                yield None
                continue
            result = pending.popleft().get()
            hand_out()
            yield result
