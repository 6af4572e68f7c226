"""The conversation view on its own: rendering, cursor keys, passages, hits, sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from reader.core.model import Interview, Paragraph, ParagraphKind, Role, Turn
from reader.ui.messages import Passage
from reader.ui.widgets import conversation_view
from reader.ui.widgets.conversation_layout import MEASURE, Item, line_of
from reader.ui.widgets.conversation_view import LAYING_OUT, ConversationView

TRAPS = "We heard [inaudible] then [laughs] and [/] and [b] and [bold red]x[/] (Laughter.)"


def turn(speaker: str, role: Role, *paragraphs: str) -> Turn:
    return Turn(speaker, speaker.upper(), role, tuple(map(Paragraph, paragraphs)), 0, 0)


def small_interview() -> Interview:
    return Interview(
        source=Path("small.txt"),
        title="A [b]talk[/b]",
        turns=(
            turn("Ann Asker", Role.INTERVIEWER, "First question?"),
            turn("Bo Teller", Role.INTERVIEWEE, TRAPS, "A second paragraph here."),
            turn("Ann Asker", Role.INTERVIEWER, "Follow-up?"),
            turn("Bo Teller", Role.INTERVIEWEE, "Closing words about the cold war."),
        ),
    )


BODY = "Words that go on for a while so that each paragraph wraps onto a few lines. " * 3


def long_interview(turns: int) -> Interview:
    return Interview(
        source=Path("long.txt"),
        title="Long",
        turns=tuple(
            turn("Q" if n % 2 else "A", Role.INTERVIEWER if n % 2 else Role.INTERVIEWEE, BODY)
            for n in range(turns)
        ),
    )


def two_paragraph_interview(turns: int) -> Interview:
    return Interview(
        source=Path("long.txt"),
        title="Long",
        turns=tuple(
            turn(
                "Q" if n % 2 else "A",
                Role.INTERVIEWER if n % 2 else Role.INTERVIEWEE,
                f"Turn {n}. {BODY}",
                f"Second paragraph of turn {n}.",
            )
            for n in range(turns)
        ),
    )


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ConversationView()


def screen_lines(view: ConversationView) -> list[str]:
    return [view.render_line(y).text.rstrip() for y in range(view.size.height)]


async def test_transcript_text_is_shown_literally_never_as_markup() -> None:
    app = ViewApp()
    async with app.run_test(size=(140, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(small_interview())
        await pilot.pause()
        lines = screen_lines(view)
        assert lines[0] == "  A [b]talk[/b]"
        assert f"  {TRAPS}" in lines
        assert "  Bo Teller   interviewee   turn 2" in lines


async def test_stage_directions_are_dimmed_and_speech_is_not() -> None:
    app = ViewApp()
    async with app.run_test(size=(140, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(small_interview())
        await pilot.pause()
        line = next(y for y, text in enumerate(screen_lines(view)) if "[laughs]" in text)
        styles = {seg.text: seg.style for seg in view.render_line(line) if seg.text.strip()}
        dimmed = {text for text, style in styles.items() if style and style.dim}
        assert dimmed == {"[inaudible]", "[laughs]", "(Laughter.)"}


async def test_j_k_g_G_move_the_cursor_paragraph_by_paragraph() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(small_interview())
        view.focus()
        seen = [view.paragraphs[view.cursor]]
        for key in ["j", "j", "down", "j", "j", "k", "up"]:
            await pilot.press(key)
            seen.append(view.paragraphs[view.cursor])
        assert seen == [
            Item(0, 0),
            Item(1, 0),
            Item(1, 1),
            Item(2, 0),
            Item(3, 0),
            Item(3, 0),
            Item(2, 0),
            Item(1, 1),
        ]
        await pilot.press("G")
        assert view.paragraphs[view.cursor] == Item(3, 0)
        await pilot.press("g")
        assert view.paragraphs[view.cursor] == Item(0, 0)
        assert view.current_passage() == (0, "First question?", 0, 15)


def directed_interview() -> Interview:
    """A council record: a direction inside a turn, and a turn that is only a direction."""
    laughter = Paragraph("(Laughter.)", ParagraphKind.DIRECTION)
    return Interview(
        source=Path("council.txt"),
        title="Council",
        turns=(
            Turn("Mayor", "MAYOR", Role.OTHER, (Paragraph("Order."), laughter), 0, 0),
            Turn(
                "Clerk",
                "CLERK",
                Role.OTHER,
                (Paragraph("Item one."), laughter, Paragraph("Item [two].")),
                0,
                0,
            ),
            Turn("Mayor", "MAYOR", Role.OTHER, (laughter,), 0, 0),
            Turn("Mayor", "MAYOR", Role.OTHER, (Paragraph("Carried."),), 0, 0),
        ),
    )


async def test_directions_keep_their_place_dimmed_and_the_cursor_passes_them() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(directed_interview())
        view.focus()
        await pilot.pause()
        lines = screen_lines(view)
        body = [line for line in lines[3:] if line]
        assert body == [
            "  Mayor  turn 1",
            "▎ Order.",
            "  (Laughter.)",
            "  Clerk  turn 2",
            "  Item one.",
            "  (Laughter.)",
            "  Item [two].",
            "  Mayor  turn 3",
            "  (Laughter.)",
            "  Mayor  turn 4",
            "  Carried.",
        ]
        laughter = view.render_line(lines.index("  (Laughter.)"))
        styles = [seg.style for seg in laughter if seg.text.strip()]
        assert styles and all(s and s.dim and s.italic for s in styles)
        seen = [view.paragraphs[view.cursor]]
        for _ in range(4):
            await pilot.press("j")
            seen.append(view.paragraphs[view.cursor])
        assert seen == [Item(0, 0), Item(1, 0), Item(1, 2), Item(3, 0), Item(3, 0)]
        await pilot.press("k")
        assert view.current_passage() == (1, "Item [two].", 11, 22)
        view.go_to(Passage(turn=1, start=17, end=22))
        assert view.paragraphs[view.cursor] == Item(1, 2)
        await pilot.press("g")
        view.action_next_speaker_turn()
        assert view.paragraphs[view.cursor] == Item(3, 0)


async def test_go_to_a_passage_highlights_it_and_it_becomes_the_current_passage() -> None:
    app = ViewApp()
    interview = long_interview(300)
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(interview)
        await pilot.pause()
        view.go_to(Passage(turn=250, start=6, end=27, highlights=((6, 10),)))
        await pilot.pause()
        assert view.paragraphs[view.cursor] == Item(250, 0)
        assert view.current_passage() == (250, "that go on for a whil", 6, 27)
        visible = screen_lines(view)
        top = visible.index("  A   interviewee   turn 251")
        assert visible[top + 1].startswith("▎ Words that go on")
        line = view.render_line(top + 1)
        passage_bg = {seg.text: seg.style.bgcolor for seg in line if seg.style}
        assert passage_bg["that"] != passage_bg["Words "]


async def test_n_and_N_step_through_the_hits_in_reading_order_and_stop_at_the_ends() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(small_interview())
        view.focus()
        view.set_hits("x", [Passage(3, 0, 7), Passage(1, 0, 7), Passage(1, 86, 92)])
        turns = []
        for key in ["n", "n", "n", "n", "N", "N", "N"]:
            await pilot.press(key)
            assert view.passage is not None
            turns.append((view.passage.turn, view.passage.start))
        assert turns == [(1, 0), (1, 86), (3, 0), (3, 0), (1, 86), (1, 0), (1, 0)]
        assert view.paragraphs[view.cursor] == Item(1, 0)


@pytest.mark.parametrize(
    ("moves", "key", "landed"),
    [
        (["j", "j", "j"], "n", (3, 0)),  # from a paragraph without hits: the next one
        (["j", "j", "j"], "N", (1, 86)),
        (["j", "j"], "N", (1, 86)),  # in a paragraph with a hit: that hit, either way
        (["j", "j"], "n", (1, 86)),
        (["j"], "N", (1, 0)),  # the cursor moved off the highlighted hit
    ],
)
async def test_n_and_N_go_from_the_cursor_when_it_left_the_hit(
    moves: list[str], key: str, landed: tuple[int, int]
) -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(small_interview(), Passage(3, 0, 7))
        view.focus()
        view.set_hits("x", [Passage(3, 0, 7), Passage(1, 0, 7), Passage(1, 86, 92)])
        await pilot.press("g", *moves, key)
        assert view.passage is not None and (view.passage.turn, view.passage.start) == landed


async def test_a_thousand_turns_open_at_the_top_and_the_end_is_reachable() -> None:
    app = ViewApp()
    interview = long_interview(1000)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ConversationView)
        view.show(interview)
        await pilot.pause()
        assert view.paragraphs[view.cursor] == Item(0, 0)
        assert view.scroll_y == 0
        top = screen_lines(view)
        assert (top[0], top[3]) == ("  Long", "  A   interviewee   turn 1")
        assert top[4].startswith("▎ Words that go on")
        view.focus()
        await pilot.press("G")
        assert view.paragraphs[view.cursor] == Item(999, 0)
        assert view.scroll_y == view.max_scroll_y > 0
        bottom = screen_lines(view)
        cursor_line = next(y for y, line in enumerate(bottom) if line.startswith("▎"))
        assert bottom[cursor_line - 1] == "  Q   interviewer   turn 1000"
        assert bottom[cursor_line].startswith("▎ Words that go on")


async def test_resizing_down_to_40x10_and_back_keeps_the_cursor_in_view() -> None:
    app = ViewApp()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ConversationView)
        view.show(long_interview(50))
        view.go_to(Passage(30, 0, 5))
        for size in [(40, 10), (20, 5), (160, 50), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert any(line.startswith("▎") for line in screen_lines(view)), size


async def test_the_line_index_matches_the_drawn_lines_at_every_width() -> None:
    odd = Interview(
        source=Path("odd.txt"),
        title="Odd",
        turns=(
            turn("A speaker with a rather long name indeed", Role.OTHER, "short"),
            turn("B", Role.INTERVIEWEE, "line one\nline two\n\ttabbed", "x" * 130, TRAPS),
            turn("C", Role.INTERVIEWER, "a " * 200),
        ),
    )
    app = ViewApp()
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(odd)
        view.set_bookmarked_turns(frozenset({0}))
        for width in [9, 20, 47, 100, 250]:
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            drawn = [len(view._render_item(n, view._index_width)) for n in range(len(view._items))]
            counted = [
                sum(1 for item, _ in view._index if item == n) for n in range(len(view._items))
            ]
            assert drawn == counted, width


async def test_space_and_pageup_scroll_a_page_and_bring_the_cursor_along() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(long_interview(40))
        view.focus()
        await pilot.press("space")
        assert view.scroll_y == 19
        top_item = view._items[view._index[19][0]]
        assert view.paragraphs[view.cursor] == Item(top_item.turn, 0)
        await pilot.press("pageup")
        assert view.scroll_y == 0 and view.cursor == 0


async def test_lines_stop_at_a_readable_measure_on_a_wide_screen() -> None:
    app = ViewApp()
    async with app.run_test(size=(250, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(long_interview(3))
        await pilot.pause()
        lines = screen_lines(view)
        longest = max(len(line) for line in lines if "─" not in line)
        assert 2 + MEASURE - 12 < longest <= 2 + MEASURE


# A very long interview (a 50 MB transcript has ~80,000 turns) opens at once: the view
# indexes the first items on the UI thread and the rest in a worker (issue 7).


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
    interview = two_paragraph_interview(600)
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
        assert shown[cursor - 1] == "  A   interviewee   turn 551"


async def test_resizing_while_laying_out_ends_with_the_layout_of_the_final_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interview = two_paragraph_interview(600)
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


async def test_the_line_of_each_word_is_the_line_it_is_drawn_on() -> None:
    words = [f"w{n}" for n in range(300)]
    text = " ".join(words[:100]) + "\n\t" + " ".join(words[100:200]) + "\t" + "x" * 150
    text += " " + " ".join(words[200:])
    app = ViewApp()
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ConversationView)
        view.show(Interview(Path("w.txt"), "W", (turn("A", Role.OTHER, text),)))
        for width in [12, 47, 120]:
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            drawn = [strip.text.split() for strip in view._render_item(2, view._index_width)]
            for word in [*words, "x" * 5]:
                line = line_of(text, text.index(word), view._index_width)
                assert any(token.startswith(word) for token in drawn[line]), (width, word)


async def test_a_shorter_reading_of_the_file_keeps_the_cursor_on_its_last_paragraph() -> None:
    app = ViewApp()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ConversationView)
        view.show(long_interview(40))
        view.focus()
        await pilot.press("G")
        view.replace_interview(long_interview(3))
        await pilot.pause()
        assert view.paragraphs[view.cursor] == Item(2, 0)
        assert any(line.startswith("▎ Words that go on") for line in screen_lines(view))
