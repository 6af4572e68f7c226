"""Regenerate the README's screenshots (SVG) from the real app on the bundled corpus.

    .venv/bin/python scripts/screenshots.py [OUTPUT_DIR]   # default: screenshots/

Runs headless with throwaway data/cache/config folders, so your own bookmarks and
settings are neither shown nor touched.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from reader.ui.app import ReaderApp

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.query(Input):
        widget.cursor_blink = False


async def main_screen(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def search(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"one cold war was enugh")
    await settle(pilot)
    await pilot.press("enter", "enter")
    await settle(pilot)


async def help_screen(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def bookmarks(pilot: Pilot[None]) -> None:
    await settle(pilot)
    for query, note in [
        ("one cold war was enugh", "Boucher quoting Gates, Munich"),
        ("seperatists reduce violence", "Kerry on Minsk [draft]"),
    ]:
        await pilot.press("slash", "ctrl+a", "ctrl+k", *query)
        await settle(pilot)
        await pilot.press("enter", "enter", "b", *note, "enter")
        await settle(pilot)
    assert isinstance(pilot.app, ReaderApp)
    pilot.app.action_show_bookmarks()
    await settle(pilot)


async def coding(pilot: Pilot[None]) -> None:
    """Two codes on the first exchange, then a selection growing in the next answer."""
    await settle(pilot)
    await pilot.press("v", "l", "l", "l", "C", *"Democratic reform", "enter")
    await settle(pilot)
    await pilot.press("j", "v", "l", "l", "C", *"Security", "enter")
    await settle(pilot)
    await pilot.press("j", "v", "l", "l")
    await settle(pilot)


async def codes(pilot: Pilot[None]) -> None:
    """A small codebook with passages in three interviews, on the Codes tab."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, ReaderApp) and app.store is not None
    store = app.store
    store.add_code("Democratic reform", color="#4e79a7")
    store.add_code("Elections", parent="Democratic reform", color="#59a14f")
    store.add_code("Security", color="#e15759")
    for number, (turn, names) in enumerate([(1, ["Elections"]), (3, ["Security"])]):
        summary = app.library.summaries[number]
        interview = app.library.interview(summary.source) if summary.source else None
        assert interview is not None
        store.add(interview, turn, codes=names)
        store.add(interview, turn + 2, codes=["Democratic reform", "Security"])
    app._show_bookmarks(store.list())
    app.action_show_codes()
    await settle(pilot)


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("main", (120, 34), main_screen),
    ("search", (120, 34), search),
    ("help", (120, 34), help_screen),
    ("small-80x24", (80, 24), main_screen),
    ("bookmarks", (140, 36), bookmarks),
    ("coding", (140, 36), coding),
    ("codes", (140, 36), codes),
]


async def shoot(name: str, size: tuple[int, int], steps: Steps, out: Path) -> None:
    app = ReaderApp()
    async with app.run_test(size=size) as pilot:
        await steps(pilot)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    print(out / f"{name}.svg")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    for name, size, steps in SHOTS:
        with tempfile.TemporaryDirectory() as scratch:
            for variable in ("READER_DATA_DIR", "READER_CACHE_DIR", "READER_CONFIG_DIR"):
                os.environ[variable] = str(Path(scratch) / variable.lower())
            asyncio.run(shoot(name, size, steps, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
