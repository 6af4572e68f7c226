"""The speakers and keyword-in-context screens, driven with Pilot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static

from conftest import choose_speaker, settle
from reader.core.analysis import KwicLine, keyword_in_context
from reader.core.model import Interview, Paragraph, Role, Turn
from reader.ui.screens.kwic import KwicScreen, context_width, kwic_row
from reader.ui.screens.speakers import SpeakersScreen


def _turn(speaker: str, *paragraphs: str) -> Turn:
    return Turn(speaker, speaker.upper(), Role.OTHER, tuple(map(Paragraph, paragraphs)), 0, 0)


TALK = Interview(
    Path("/corpus/talk.txt"),
    "A [bold]talk[/]",
    (
        _turn("Question", "Was it [inaudible] loud?"),
        _turn("Anna [/]", "It was loud. Very LOUD [/] indeed.", "Loud, yes."),
        _turn("Question", "Thanks."),
    ),
)
OTHER = Interview(Path("/corpus/other.txt"), "Other", (_turn("Bo", "Not loud at all."),))


class Host(App[None]):
    """An empty app that pushes one screen and keeps what it is dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.to_push = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.to_push, self.results.append)


async def test_speakers_table_lists_turns_words_and_share() -> None:
    app = Host(SpeakersScreen(TALK))
    async with app.run_test() as pilot:
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["Question", "2", "5", "38.5%"],
            ["Anna [/]", "1", "8", "61.5%"],
        ]
        assert all(isinstance(cell, Text) for cell in table.get_row_at(1))
        await pilot.press("down", "enter")
    assert app.results == ["Anna [/]"]


async def test_speakers_escape_cancels() -> None:
    app = Host(SpeakersScreen(TALK))
    async with app.run_test() as pilot:
        await pilot.press("escape")
    assert app.results == [None]


def test_context_width_grows_with_the_screen_within_bounds() -> None:
    assert [context_width(w) for w in (40, 100, 120, 130, 200)] == [12, 15, 25, 30, 40]


def test_kwic_row_centres_the_word_and_aligns_the_source_column() -> None:
    line = KwicLine(None, "A [bold]talk[/]", "Anna [/]", 1, 4, "[/] It ", "was", " loud. [x]")
    row = kwic_row(line, word_width=5, width=10)
    assert row.plain == "   [/] It was loud. [x]    A [bold]talk[/] · Anna [/]"
    assert [(span.start, span.end, str(span.style)) for span in row.spans] == [
        (10, 13, "bold reverse"),
        (27, 53, "dim"),
    ]


def test_kwic_row_cuts_a_long_title_so_the_speaker_stays_in_view() -> None:
    line = KwicLine(
        None, "Interview With Maria Kosygina of Vremya Newspaper", "Bo", 0, 0, "", "w", ""
    )
    assert kwic_row(line, word_width=1, width=2).plain == (
        "  w    Interview With Maria Kosygina of Vr… · Bo"
    )


async def test_kwic_lists_every_occurrence_and_enter_returns_the_chosen_one() -> None:
    app = Host(KwicScreen(lambda: [TALK, OTHER]))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"loud")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [
            "      Was it [inaudible] loud?                          A [bold]talk[/] · Question",
            "                  It was loud. Very LOUD [/] indeed. L  A [bold]talk[/] · Anna [/]",
            "       It was loud. Very LOUD [/] indeed. Loud, yes.    A [bold]talk[/] · Anna [/]",
            "d. Very LOUD [/] indeed. Loud, yes.                     A [bold]talk[/] · Anna [/]",
            "                     Not loud at all.                   Other · Bo",
        ]
        status = app.screen.query_one("#kwic-status", Static)
        assert str(status.render()) == "5 occurrences in 2 interviews · enter: go there"
        await pilot.press("down", "down", "down", "enter")
    assert app.results == [keyword_in_context([TALK, OTHER], "loud", width=25)[2]]
    chosen = app.results[0]
    assert (chosen.source, chosen.turn, chosen.offset, chosen.word) == (TALK.source, 1, 18, "LOUD")


async def test_kwic_enter_in_the_input_takes_the_first_line() -> None:
    app = Host(KwicScreen(lambda: [TALK, OTHER], word="inaudible"))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")
    [chosen] = app.results
    assert (chosen.source, chosen.turn, chosen.offset, chosen.word) == (
        TALK.source,
        0,
        8,
        "inaudible",
    )


async def test_kwic_finds_and_shows_markup_like_text_literally() -> None:
    app = Host(KwicScreen(lambda: [TALK, OTHER], word="[/]"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#kwic-status", Static)
        assert str(status.render()) == "1 occurrence in 1 interview · enter: go there"
        options = app.screen.query_one(OptionList)
        assert " ".join(str(options.get_option_at_index(0).prompt).split()) == (
            "It was loud. Very LOUD [/] indeed. Loud, yes. A [bold]talk[/] · Anna [/]"
        )
        await pilot.press("backspace", *"[b]x[/b]")
        await settle(pilot)
        assert str(status.render()) == "No occurrences of “[b]x[/b]”."
        assert options.option_count == 0
        await pilot.press("enter", "escape")
    assert app.results == [None]


async def test_kwic_empty_word_asks_for_one() -> None:
    app = Host(KwicScreen(lambda: [TALK]))
    async with app.run_test() as pilot:
        await settle(pilot)
        status = app.screen.query_one("#kwic-status", Static)
        assert str(status.render()) == "Type a word or phrase."
        await pilot.press("space")
        await settle(pilot)
        assert str(status.render()) == "Type a word or phrase."
        await pilot.press("enter", "escape")
    assert app.results == [None]


# --------------------------------------------------------------- in the app
async def _loaded_app(pilot: Any) -> Any:
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app


async def test_palette_keyword_in_context_jumps_to_the_occurrence(seeds_dir: Path) -> None:
    from reader.ui.app import ReaderApp

    app = ReaderApp(paths=[seeds_dir])
    async with app.run_test(size=(140, 40)) as pilot:
        await _loaded_app(pilot)
        await pilot.press("ctrl+p", *"keyword")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KwicScreen)
        await pilot.press(*"Kazakhstan")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        expected = keyword_in_context(app.library.each_interview(), "Kazakhstan")[1]
        assert app.current is not None and app.current.source == expected.source
        end = expected.offset + len("Kazakhstan")
        assert app.view.passage.turn == expected.turn
        assert (app.view.passage.start, app.view.passage.end) == (expected.offset, end)
        assert app.view.passage.highlights == ((expected.offset, end),)
        assert app.focused is app.view


async def test_palette_export_writes_markdown_and_json_to_the_current_folder(
    seeds_dir: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    from reader.core.export import to_json_text, to_markdown
    from reader.ui.app import ReaderApp

    monkeypatch.chdir(tmp_path)
    app = ReaderApp(paths=[seeds_dir])
    async with app.run_test(size=(140, 40)) as pilot:
        await _loaded_app(pilot)
        interview = app.current
        assert interview is not None and interview.source is not None
        notes: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **_: notes.append(message))
        for name in ("markdown", "as json"):
            await pilot.press("ctrl+p", *name)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
        stem = interview.source.stem
        assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.json", f"{stem}.md"]
        assert (tmp_path / f"{stem}.md").read_text(encoding="utf-8") == to_markdown(interview)
        assert (tmp_path / f"{stem}.json").read_text(encoding="utf-8") == to_json_text(interview)
        assert notes == [str(tmp_path / f"{stem}.md"), str(tmp_path / f"{stem}.json")]


async def test_theme_choice_persists_into_the_next_start(seeds_dir: Path) -> None:
    from reader.core.settings import load_settings, settings_path
    from reader.ui.app import ReaderApp

    first = ReaderApp(paths=[seeds_dir])
    async with first.run_test() as pilot:
        await _loaded_app(pilot)
        assert not settings_path().exists()  # starting up saves nothing
        first.theme = "nord"
        await pilot.pause()
    assert load_settings().theme == "nord"
    second = ReaderApp(paths=[seeds_dir])
    async with second.run_test() as pilot:
        assert second.theme == "nord"


async def test_palette_speakers_filters_the_conversation_to_the_chosen_speaker(
    seeds_dir: Path,
) -> None:
    from reader.ui.app import ReaderApp

    app = ReaderApp(paths=[seeds_dir])
    async with app.run_test(size=(140, 40)) as pilot:
        await _loaded_app(pilot)
        interview = app.current
        assert interview is not None
        second = interview.speakers[1]
        theirs = [i for i, t in enumerate(interview.turns) if t.speaker == second]
        await choose_speaker(pilot, 1)
        view = app.view
        assert view.speaker == second
        assert sorted({item.turn for item in view.paragraphs}) == theirs
        passage = view.current_passage()
        assert passage is not None and passage[0] == theirs[0]
        assert passage[1] == interview.turns[theirs[0]].speech[0]
        # b and c still act on the whole interview's turn numbering.
        await pilot.press("j")
        assert view.current_passage() is not None
        # "All speakers" is the first row while filtered; it shows everyone again.
        await choose_speaker(pilot, 0)
        assert view.speaker is None
        assert len({item.turn for item in view.paragraphs}) == len(interview.turns)


async def test_jumping_to_a_hidden_turn_drops_the_speaker_filter(seeds_dir: Path) -> None:
    from reader.ui.app import ReaderApp
    from reader.ui.messages import Passage

    app = ReaderApp(paths=[seeds_dir])
    async with app.run_test(size=(140, 40)) as pilot:
        await _loaded_app(pilot)
        interview = app.current
        assert interview is not None
        app.view.filter_speaker(interview.turns[0].speaker)
        hidden = next(
            i for i, t in enumerate(interview.turns) if t.speaker != interview.turns[0].speaker
        )
        app.view.go_to(Passage(hidden, 0, 5))
        await pilot.pause()
        assert app.view.speaker is None
        assert app.view.current_passage() is not None
        assert app.view.current_passage()[0] == hidden  # type: ignore[index]
