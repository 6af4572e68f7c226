"""Palette actions for the reading helpers, mixed into ``ReaderApp``.

Speakers, keyword in context, export of the open interview, and saving the theme
to the user's settings whenever it changes (however it was changed).
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import platformdirs
from textual.app import App

from reader.core.analysis import KwicLine
from reader.core.export import export, export_file, export_name
from reader.core.library import Library
from reader.core.model import Interview
from reader.core.settings import load_settings, save_settings
from reader.ui.messages import OpenPassage, Passage
from reader.ui.screens.kwic import KwicScreen
from reader.ui.screens.speakers import SpeakersScreen
from reader.ui.widgets.conversation_view import ConversationView


def write_here_or_in_documents(write: Callable[[Path], Path]) -> Path:
    """``write`` a new file into the current folder, else into the user's Documents;
    the file's path. Raises OSError."""
    try:
        return write(Path.cwd())
    except OSError:
        return write(Path(platformdirs.user_documents_dir()))


class ReadingTools(App[None]):
    """Actions ``speakers``, ``keyword_in_context``, ``export(fmt)``; ``watch_theme`` saves."""

    current: Interview | None
    library: Library

    @property
    def view(self) -> ConversationView:
        """The conversation view."""
        return self.query_one(ConversationView)

    def action_speakers(self) -> None:
        """Turns, words and share per speaker; choosing one filters the conversation."""
        interview = self.current
        if interview is None or interview.source is None:
            self.notify("Open an interview first", severity="warning", markup=False)
            return
        self.push_screen(SpeakersScreen(interview, self.view.speaker), self._speaker_chosen)

    def _speaker_chosen(self, speaker: str | None) -> None:
        if speaker is None or self.current is None:
            return
        self.view.filter_speaker(speaker or None)
        message = f"Showing only {speaker}'s turns" if speaker else "Showing every speaker"
        self.notify(message, markup=False)

    def action_keyword_in_context(self) -> None:
        """Every occurrence of a word across the loaded interviews; enter opens one."""
        self.push_screen(KwicScreen(self.library.each_interview), self._occurrence_chosen)

    def _occurrence_chosen(self, line: KwicLine | None) -> None:
        if line is None or line.source is None:
            return
        end = line.offset + len(line.word)
        passage = Passage(line.turn, line.offset, end, ((line.offset, end),))
        self.post_message(OpenPassage(line.source, passage))

    def action_export(self, fmt: str) -> None:
        """The open interview as ``fmt``: a download in a browser, else a file here.

        In a terminal the file goes to the current folder (else Documents).
        """
        interview = self.current
        if interview is None:
            self.notify("Open an interview first", severity="warning", markup=False)
            return
        if self.is_web:
            name = export_name(interview, fmt)
            self.deliver_text(io.StringIO(export(interview, fmt)), save_filename=name)
            self.notify(name, title="Downloading", markup=False)
            return
        try:
            path = write_here_or_in_documents(lambda folder: export_file(interview, fmt, folder))
        except OSError as error:
            self.notify(f"Export failed: {error}", severity="error", markup=False)
            return
        self.notify(str(path), title="Exported", markup=False)

    def watch_theme(self, theme: str) -> None:
        """Keep the chosen theme in the user's settings for the next start."""
        settings = load_settings()
        if settings.theme == theme or not self.is_running:
            return
        try:
            save_settings(dataclasses.replace(settings, theme=theme))
        except OSError as error:
            self.notify(f"Theme not saved: {error}", severity="warning", markup=False)
