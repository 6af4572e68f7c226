"""Watch folders for changed files and call back on the app's thread.

A daemon thread around :func:`watchfiles.watch` rather than a Textual worker: it runs
for the app's whole life, and a worker that never ends would keep
``app.workers.wait_for_complete()`` waiting for good.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App
from watchfiles import Change, watch

DEBOUNCE_MS = 800
"""Changes on disk are gathered for this long before the callback runs."""


class FileWatcher:
    """Calls ``on_change`` on the app's thread after files accepted by ``accept`` change
    (are added, edited or removed) under ``roots``."""

    def __init__(
        self,
        app: App[Any],
        roots: Sequence[Path],
        accept: Callable[[Path], bool],
        on_change: Callable[[], object],
    ) -> None:
        self._app = app
        self._roots = [root for root in roots if root.exists()]
        self._accept = accept
        self._on_change = on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="file watcher", daemon=True)

    def start(self) -> FileWatcher:
        if self._roots:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        def accept(_change: Change, path: str) -> bool:
            return self._accept(Path(path))

        try:
            for _changes in watch(
                *self._roots, watch_filter=accept, debounce=DEBOUNCE_MS, stop_event=self._stop
            ):
                self._app.call_from_thread(self._on_change)
        except (OSError, RuntimeError) as error:  # folder gone, inotify limit, app closed
            if not self._stop.is_set():
                self._app.log.warning(f"stopped watching {self._roots}: {error}")
