"""The app keeps up with the disk (files and bookmarks changed elsewhere) and reopens
where the reader left off."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.core.bookmarks import BookmarkStore
from reader.core.loader import load_interview
from reader.core.model import Interview
from reader.core.paths import data_dir
from reader.ui.app import ReaderApp

TALK = """Talk {n}

ALICE: The first question about rivers {n}.

BOB: The first answer about rivers and their banks.

ALICE: The second question about bridges.

BOB: The second answer about bridges.
"""


async def wait_until(
    pilot: Pilot[None],
    condition: Callable[[], bool],
    *,
    touch: tuple[Path, ...] = (),
    seconds: float = 30,
) -> None:
    """Let the app run until ``condition()`` holds (a file watcher answers in about a
    second). Every few seconds the ``touch`` files are touched again: a change made
    before the watcher's thread had set up its watches (a loaded machine) is not seen."""
    deadline = time.monotonic() + seconds
    nudge = time.monotonic() + 3
    while not condition():
        assert time.monotonic() < deadline, "the app did not catch up with the disk"
        if time.monotonic() > nudge:
            for path in touch:
                if path.exists():
                    os.utime(path)
            nudge = time.monotonic() + 3
        await pilot.pause(0.1)


@pytest.fixture
def talks(tmp_path: Path) -> Path:
    folder = tmp_path / "talks"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"talk{n}.txt").write_text(TALK.format(n=n), encoding="utf-8")
    return folder


def listed(items: ReaderApp | list[Interview | None]) -> list[str]:
    """Names of the files the app lists (or of the given interviews)."""
    found = items.library.summaries if isinstance(items, ReaderApp) else items
    return sorted(item.source.name for item in found if item and item.source)


async def test_files_added_edited_and_removed_are_read_again(talks: Path) -> None:
    app = ReaderApp([talks])
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: app.current is not None)
        assert app.current is not None and app.current.source == talks / "talk1.txt"
        await pilot.press("j", "j")
        assert app.view.cursor == 2
        edited = TALK.format(n=1) + "\nALICE: A third question, added later.\n"
        (talks / "talk1.txt").write_text(edited, encoding="utf-8")
        (talks / "talk3.txt").write_text(TALK.format(n=3), encoding="utf-8")
        (talks / "talk2.txt").unlink()
        touch = (talks / "talk1.txt", talks / "talk3.txt")
        await wait_until(pilot, lambda: listed(app) == ["talk1.txt", "talk3.txt"], touch=touch)
        await wait_until(pilot, lambda: app.current is not None and len(app.current.turns) == 5)
        assert app.current is not None
        assert app.current.turns[-1].text == "A third question, added later."
        assert app.view.cursor == 2  # the reading position is kept
        assert app.view.interview is app.current


async def test_a_turn_added_above_the_cursor_leaves_it_on_the_same_words(
    talks: Path,
) -> None:
    """The reading position follows the text, not the paragraph's number: a turn
    inserted above the cursor must not move it onto someone else's words."""
    app = ReaderApp([talks])
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: app.current is not None)
        await pilot.press("j", "j")
        before = app.view.current_passage()
        assert before is not None and before[1] == "The second question about bridges."
        edited = TALK.format(n=1).replace(
            "ALICE: The first", "BOB: A word before we start.\n\nALICE: The first"
        )
        (talks / "talk1.txt").write_text(edited, encoding="utf-8")
        touch = (talks / "talk1.txt",)
        await wait_until(
            pilot, lambda: app.current is not None and len(app.current.turns) == 5, touch=touch
        )
        await pilot.pause()
        passage = app.view.current_passage()
        assert passage is not None
        assert (passage[0], passage[1]) == (3, "The second question about bridges.")
        assert app.view.cursor == 3


async def test_the_open_interview_removed_on_disk_is_closed_with_a_note(talks: Path) -> None:
    app = ReaderApp([talks])
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: app.current is not None)
        (talks / "talk1.txt").unlink()
        await wait_until(pilot, lambda: app.current is None, touch=(talks / "talk2.txt",))
        assert listed(app) == ["talk2.txt"]
        assert app.view.interview is None
        assert any("is gone" in str(n.message) for n in app._notifications)


async def test_bookmarks_added_by_another_copy_appear(talks: Path) -> None:
    app = ReaderApp([talks])
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: app.store is not None and app.current is not None)
        assert app.bookmarks == []
        interview = load_interview(talks / "talk2.txt")
        with BookmarkStore.open() as other:  # another copy, or `reader bookmarks add`
            other.add(interview, 1, "The first answer", note="from the shell")
        store_files = tuple(data_dir().glob("bookmarks.sqlite3*"))
        await wait_until(pilot, lambda: len(app.bookmarks) == 1, touch=store_files)
        assert app.bookmarks[0].note == "from the shell"
        assert str(app.sidebar.get_tab("bookmarks-tab").label) == "Bookmarks (1)"


async def test_the_next_start_with_the_same_paths_reopens_where_the_reader_left(
    talks: Path,
) -> None:
    app = ReaderApp([talks])
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: app.current is not None)
        app.open_interview(talks / "talk2.txt")
        await wait_until(pilot, lambda: listed([app.current]) == ["talk2.txt"])
        await pilot.press("j", "j", "j")
        app.query_one("#search-input", Input).value = "bridges"
        await wait_until(pilot, lambda: app.search_sidebar.query_text == "bridges")
        await pilot.press("q")
    again = ReaderApp([Path(os.path.relpath(talks))])  # the same folder, spelt otherwise
    async with again.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: again.current is not None and again.view.paragraphs != [])
        assert again.current is not None and again.current.source is not None
        assert again.current.source.resolve() == talks / "talk2.txt"
        assert again.view.cursor == 3
        passage = again.view.current_passage()
        assert passage is not None and passage[1] == "The second answer about bridges."
        assert again.query_one("#search-input", Input).value == "bridges"
        await wait_until(pilot, lambda: len(again.search_sidebar.hits) > 0)
    other = ReaderApp([talks / "talk1.txt"])  # other paths: a place of their own
    async with other.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: other.current is not None)
        assert other.current is not None and other.current.source == talks / "talk1.txt"
        assert other.view.cursor == 0


async def test_a_markdown_export_into_a_watched_folder_is_not_read_as_an_interview(
    talks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(talks)
    app = ReaderApp([talks])
    async with app.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: app.current is not None)
        await pilot.press("ctrl+p", *"markdown")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert (talks / "talk1.md").is_file()
        (talks / "talk3.txt").write_text(TALK.format(n=3), encoding="utf-8")  # read after it
        await wait_until(pilot, lambda: "talk3.txt" in listed(app), touch=(talks / "talk3.txt",))
        assert listed(app) == ["talk1.txt", "talk2.txt", "talk3.txt"]
    again = ReaderApp([talks])
    async with again.run_test(size=(120, 34)) as pilot:
        await wait_until(pilot, lambda: again.current is not None)
        assert listed(again) == ["talk1.txt", "talk2.txt", "talk3.txt"]
