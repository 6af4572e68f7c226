"""Python's cycle collector, paused while many objects are made and kept.

Parsing makes objects by the million on a big file (a line, a label, a paragraph
each) and keeps most of them to the end, which the cycle collector takes as a
reason to walk them all, again and again: a third of the time on a 50 MB text.
Reading the cache's entries at a start is the same on 50,000 files. Neither makes
reference cycles, so nothing waits on a collection; the collector resumes when the
last pause under way (in any thread: a parse and a load may overlap) ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False
"""Whether the collector was running when the first pause under way began."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cycle collector for the ``with`` block (nested and threaded pauses
    share one pause; the collector is left as it was found)."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
