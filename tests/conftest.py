"""Fixtures shared by every test: isolated user folders and the real transcripts."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from reader.core.paths import bundled_corpus_dir
from reader.ui.screens.speakers import SpeakersScreen
from reader.ui.widgets.search_sidebar import DEBOUNCE_SECONDS

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# Property tests explore new examples on every run here; in CI they try the same ones
# each time, so a rare find shows up on a developer's machine, never as a red CI that a
# rerun turns green. A failure prints the blob that reproduces it anywhere.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets its own data, cache and config folders; the user's are never touched."""
    base = tmp_path_factory.mktemp("user")
    keys = ("READER_DATA_DIR", "READER_CACHE_DIR", "READER_CONFIG_DIR")
    saved = {key: os.environ.get(key) for key in keys}
    os.environ["READER_DATA_DIR"] = str(base / "data")
    os.environ["READER_CACHE_DIR"] = str(base / "cache")
    os.environ["READER_CONFIG_DIR"] = str(base / "config")
    yield base
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def make_unreadable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make a file unreadable: mode 0, and where that does not stop the reader (tests
    running as root), reading it raises the PermissionError the OS would give."""
    locked: set[Path] = set()
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.resolve() in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    def unreadable(path: Path) -> None:
        path.chmod(0)
        if os.geteuid() == 0:
            locked.add(path.resolve())
            monkeypatch.setattr(Path, "read_bytes", read_bytes)

    return unreadable


def _shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{path} is not here (../shared is absent)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """The bundled corpus where the installed package finds it (copies of ../shared/seeds)."""
    return bundled_corpus_dir()


@pytest.fixture
def realworld_dir() -> Path:
    """``../shared/realworld``: skipped only when absent and not in CI."""
    return _shared("realworld")


@pytest.fixture
def seeds_source_dir() -> Path:
    """``../shared/seeds``, where the bundled corpus was copied from."""
    return _shared("seeds")


async def settle(pilot: Pilot[Any]) -> None:
    """Let the search box's debounce timer fire (its own constant, so the tests follow
    a change of it), then every worker finish and the screen take their results."""
    await pilot.pause(DEBOUNCE_SECONDS + 0.05)
    while True:  # an exclusive worker replaced by a newer one is not waited for
        workers = [worker for worker in pilot.app.workers if not worker.is_cancelled]
        try:
            await pilot.app.workers.wait_for_complete(workers)
            break
        except WorkerCancelled:  # cancelled while waited for: wait for the rest again
            continue
    await pilot.pause()


async def choose_speaker(pilot: Pilot[Any], row: int) -> None:
    """Palette → Speakers → the ``row``-th row of the table."""
    await pilot.press("ctrl+p", *"speakers")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SpeakersScreen)
    await pilot.press(*["down"] * row, "enter")
    await pilot.pause()


async def search(pilot: Pilot[Any], query: str, *, typed: bool = False) -> None:
    """``/`` then the query: typed key by key, or pasted in one go (faster)."""
    await pilot.press("slash")
    if typed:
        await pilot.press(*query)
    else:
        pilot.app.query_one("#search-input", Input).insert_text_at_cursor(query)
    await settle(pilot)
