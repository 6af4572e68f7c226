"""A very long interview (a 50 MB transcript has ~80,000 turns) opens at once: the
view indexes the first items on the UI thread and the rest in a worker (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from reader.core.model import Interview, Role, Turn
from reader.ui.messages import Passage
from reader.ui.widgets import conversation_view
from reader.ui.widgets.conversation_view import LAYING_OUT, ConversationView, Item

BODY = "Words that go on for a while so that each paragraph wraps onto a few lines. " * 3


def long_interview(turns: int) -> Interview:
    return Interview(
        source=Path("long.txt"),
        title="Long",
        turns=tuple(
            Turn(
                "Q" if n % 2 else "A",
                "Q" if n % 2 else "A",
                Role.INTERVIEWER if n % 2 else Role.INTERVIEWEE,
                (f"Turn {n}. {BODY}", f"Second paragraph of turn {n}."),
                0,
                0,
            )
            for n in range(turns)
        ),
    )


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ConversationView()


def screen_lines(view: ConversationView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


async def laid_out_height(interview: Interview) -> int:
    """The view's full height with everything indexed at once."""
    app = ViewApp()
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(interview)
        await pilot.pause()
        return view.virtual_size.height


async def test_a_long_interview_is_readable_at_once_and_laid_out_in_the_background(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interview = long_interview(600)
    full_height = await laid_out_height(interview)
    monkeypatch.setattr(conversation_view, "LAYOUT_AT_ONCE", 100)
    app = ViewApp()
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(interview, Passage(550, 0, 8))  # far past what is indexed at once
        assert view.virtual_size.height < full_height / 4
        head = screen_lines(view)
        assert head[0] == "  Long" and head[4].startswith("  Turn 0. Words that go on")
        last = view.virtual_size.height - 1  # the line after what is indexed
        assert view.render_line(last).text.strip() == LAYING_OUT

        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.virtual_size.height == full_height
        assert view.paragraphs[view.cursor] == Item(550, 0)
        shown = screen_lines(view)
        cursor = next(y for y, line in enumerate(shown) if line.startswith("▎"))
        assert shown[cursor] == (
            "▎ Turn 550. Words that go on for a while so that each paragraph wraps onto a few"
            " lines. Words that go"
        )
        assert shown[cursor - 1] == "  A   interviewee"


async def test_resizing_while_laying_out_ends_with_the_layout_of_the_final_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interview = long_interview(600)
    full_height = await laid_out_height(interview)
    monkeypatch.setattr(conversation_view, "LAYOUT_AT_ONCE", 100)
    app = ViewApp()
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(interview)
        await pilot.resize_terminal(40, 10)
        await pilot.resize_terminal(120, 30)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.virtual_size.height == full_height
        view.focus()
        await pilot.press("G")
        assert view.paragraphs[view.cursor] == Item(599, 1)
        assert screen_lines(view)[-2] == "▎ Second paragraph of turn 599."
