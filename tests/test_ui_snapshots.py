"""Snapshots of the main screens (regenerate with ``pytest --snapshot-update``, then review)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

APP = Path(__file__).parent / "ui_snapshot_app.py"
SnapCompare = Callable[..., bool]


async def loaded(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def searched(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("slash", *"one cold war was enugh")
    await pilot.pause(0.3)
    await loaded(pilot)


async def jumped(pilot: Pilot[Any]) -> None:
    await searched(pilot)
    await pilot.press("enter", "enter")
    await loaded(pilot)


async def helped(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


def test_main_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, terminal_size=(120, 34), run_before=loaded)


def test_search_with_results(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, terminal_size=(120, 34), run_before=searched)


def test_search_result_opened_at_the_passage(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, terminal_size=(120, 34), run_before=jumped)


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, terminal_size=(120, 34), run_before=helped)


def test_small_terminal(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, terminal_size=(80, 24), run_before=loaded)


async def coded(pilot: Pilot[Any]) -> None:
    """A small codebook (a tree, a markup trap in a name), one coded turn, the Codes tab."""
    await loaded(pilot)
    app = pilot.app
    store = app.store
    store.add_code("Diplomacy", description="talks between states")
    store.add_code("Cold war", parent="Diplomacy")
    store.add_code("Trust [b]x[/b]")
    store.add(app.current, 1, codes=["Cold war", "Trust [b]x[/b]"])
    app._show_bookmarks(store.list())
    app._set_sidebar(True)
    app.sidebar.active = "codes-tab"
    app.query_one("#codes").focus()
    await pilot.pause()


def test_codes_tab(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, terminal_size=(120, 34), run_before=coded)
