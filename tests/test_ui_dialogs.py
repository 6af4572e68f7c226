"""Dialogs show their whole question (QA pass): a long one wraps inside the box."""

from __future__ import annotations

from textual.widgets import Label

from reader.ui.app import ReaderApp
from reader.ui.screens.confirm import ConfirmScreen

QUESTION = "Delete the bookmark “We've said very clearly, Secretary Gates said very clearly in M…”?"


async def test_a_long_question_wraps_inside_the_confirm_dialog() -> None:
    app = ReaderApp()
    async with app.run_test(size=(120, 34)) as pilot:
        await app.push_screen(ConfirmScreen(QUESTION))
        await pilot.pause()
        dialog = app.screen.query_one("#confirm-dialog")
        label = app.screen.query_one(Label)
        assert dialog.content_region.contains_region(label.region)
        strips = label.render_lines(label.region.reset_offset)
        shown = " ".join("".join(segment.text for segment in strip) for strip in strips)
        assert label.region.height == 2 and " ".join(shown.split()) == QUESTION
