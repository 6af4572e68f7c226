"""Text helpers of the UI: citations, speaker colours, stage directions, headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.core.bookmarks.export import long_date
from reader.core.model import Interview, Paragraph, Role, Turn
from reader.ui.text import (
    SPEAKER_COLOURS,
    STAGE_DIRECTION,
    citation,
    clock,
    interview_header,
    paragraph_text,
    speaker_colour,
    speaker_line,
)

INTERVIEW = Interview(
    source=Path("x.txt"),
    title="Interview With Mir TV",
    turns=(),
    date=dt.date(2015, 11, 2),
    place="Astana, Kazakhstan",
    interviewee="John Kerry",
    interviewee_role="Secretary of State",
)


def test_citation_has_curly_quotes_speaker_title_and_long_date() -> None:
    quote = "one Cold War\n was  enough."
    assert citation(quote, "John Kerry", INTERVIEW) == (
        "“one Cold War was enough.” — John Kerry, Interview With Mir TV, 2 November 2015"
    )


def test_citation_dates_the_passage_as_the_exported_citation_does() -> None:
    """``c`` and ``reader bookmarks export`` cite one passage with the same date."""
    exported = long_date(dt.date(2015, 11, 2))
    assert citation("x", "Ann", INTERVIEW).endswith(f", {exported}")


def test_citation_leaves_out_an_unknown_date() -> None:
    undated = Interview(source=None, title="T", turns=())
    assert citation("x", "Ann", undated) == "“x” — Ann, T"


def test_citation_ends_with_the_place_in_the_record() -> None:
    assert citation("x", "Mr. Liman", INTERVIEW, "p. 461") == (
        "“x” — Mr. Liman, Interview With Mir TV, 2 November 2015, p. 461"
    )
    undated = Interview(source=None, title="T", turns=())
    assert citation("x", "Ann", undated, "45:12") == "“x” — Ann, T, 45:12"


def test_speaker_colours_are_steady_and_from_the_palette() -> None:
    assert speaker_colour("John Kerry") == speaker_colour("john kerry")
    assert speaker_colour("John Kerry") in SPEAKER_COLOURS
    names = ["John Kerry", "Sergey Lavrov", "Question", "Moderator", "Mikhail Gusman"]
    assert len({speaker_colour(name) for name in names}) >= 3


def test_stage_directions_found_in_brackets_and_parentheses_only() -> None:
    text = "(Laughter.) yes (Inaudible) [inaudible] [laughs] (5+1) [b] (Russia) (crosstalk)"
    found = [m.group() for m in STAGE_DIRECTION.finditer(text)]
    assert found == ["(Laughter.)", "(Inaudible)", "[inaudible]", "[laughs]", "(crosstalk)"]


def test_paragraph_text_is_literal_and_highlights_spans() -> None:
    text = paragraph_text("[bold red]x[/] said", highlights=[(15, 19)], highlight_style="reverse")
    assert text.plain == "[bold red]x[/] said"
    assert [(span.start, span.end, str(span.style)) for span in text.spans] == [(15, 19, "reverse")]


def test_header_has_title_then_who_date_and_place() -> None:
    assert interview_header(INTERVIEW).plain == (
        "Interview With Mir TV\n"
        "John Kerry, Secretary of State · November 2, 2015 · Astana, Kazakhstan"
    )


def test_speaker_line_has_the_role_badge_and_the_time_into_the_recording() -> None:
    turn = Turn("Gus Grissom", "CC", Role.OTHER, (Paragraph("Roger."),), 0, 6, start_time=3725.9)
    assert speaker_line(turn, bookmarked=True).plain == "★ Gus Grissom  1:02:05"
    asked = Turn("Ann", None, Role.INTERVIEWER, (Paragraph("Why?"),), 0, 4, start_time=65)
    assert speaker_line(asked).plain == "Ann   interviewer   1:05"
    assert clock(0) == "0:00"
