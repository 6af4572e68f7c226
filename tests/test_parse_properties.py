"""Properties of ``parse_text`` on arbitrary text, including label-like lines.

The "no word lost" invariant, precisely: split the input on ``\\n`` and form feeds
and strip each line (whitespace, non-breaking spaces included). Every non-blank
stripped line ``s``, or ``s`` without a margin line number opening it, is then

* an element of ``Interview.furniture`` (found in the text at its ``furniture_starts``), or
* a substring of some paragraph of a turn, speech or stage direction, or
* a label line: ``s`` minus an optional leading timestamp, minus one turn's label
  as written (with optional ``**``/``__`` markup, a colon or period, and an optional
  timestamp after it) leaves a remainder that, minus a timestamp opening it, is empty
  or a substring of a paragraph of that turn; a label may be in brackets
  (``[Speaker 2] [04:10]``),
* or a line whose leading timestamp is its start time: the rest is in a paragraph,
* or a table row (cells split by ``|`` or tabs): each cell is a time, the turn's
  label, or in a paragraph of the turn,
* or a line of a label wrapped over lines (a name, a role after a comma): what comes
  before any colon is in the turn's label, and what follows it in a paragraph.

Hard-wrapped lines are joined with single spaces, so each stays a substring. Paginated
input (form feeds, running heads, numbered lines) is generated too.

Markup is not text (:mod:`reader.core.parsing.markup`): turn text has HTML tags and
entities rendered and, in Markdown, escapes and emphasis markers removed. Only
markers go, so the comparison is made on :func:`bare` forms: the line rendered as
Markdown, then both sides without ``*``, ``_`` and ``\\`` and with runs of spaces
squeezed (a removed tag may leave one).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pdfmaker import lines, make_pdf
from reader.core.formats.pdf import SCAN_TEXT, pdf_to_text
from reader.core.model import Interview, LoadError, Turn
from reader.core.parsing import parse_text
from reader.core.parsing.lines import split_lines
from reader.core.parsing.markup import Markup

STAMP = r"[\[(]?(?:\d{1,2}:){1,3}\d{2}(?:[.,]\d{1,3})?[\])]?"
LEADING_STAMP = re.compile(rf"^{STAMP}:?(?:\s*[-–—|]\s*|\s+)")
MARKUP = r"(?:\*\*|__)?"

WORDS = st.text(
    alphabet=st.sampled_from(list("abcdefgh XYZ.,?!:;'’“”—()[]/*#_-0123456789\u00a0\t")),
    max_size=50,
)
NAMES = st.sampled_from(
    ["Q", "A", "QUESTION", "Jane Doe", "MR. SMITH", "Mr. REID", "Host", "Note", "BELL 7", "ann"]
)
LABEL_LINE = st.builds(
    "{}{}{}{}{}{}".format,
    st.sampled_from(["", "  ", "[00:01:02] ", "00:00:05 ", "(00:12) ", "[00:00:01:23] "]),
    st.sampled_from(["", "**"]),
    NAMES,
    st.sampled_from([": ", ". ", ":\u00a0", "\u00a0\u00a0 ", ":** ", ":", " (00:01:02): "]),
    st.sampled_from(["", "[00:00:05] ", "00:01:02 ", "(01:15) ", "9:15 "]),
    WORDS,
)
FURNITURE_LIKE = st.sampled_from(
    [
        "", " ", "\u00a0", "# Heading", "## Part two", "_page: 3", "[[Page S8505]]",
        "[00:00:00:01]", "00:12", "---", "END", "5:39 P.M. EDT", "Back to top",
        "title: X", "Host: Jane Doe", "November 2, 2015", "Interview With A B of C TV",
        "____________________", "The clerk proceeded to call the roll.",
    ]
)  # fmt: skip
DIRECTION_LIKE = st.sampled_from(
    [
        "(Laughter.)", "(The assemblage repeated the Pledge of Allegiance.)",
        "[The exhibit appears at p. 461.]", "(THE END OF TAPE)", "--Title page--",
        "**Break:** a word from our sponsor", "*[music]*", "(a) one (b) two", "[inaudible]",
        "(", "[(])", "(no close", "**Note:**",
    ]
)  # fmt: skip
ANY_TEXT = st.text(max_size=60)
LINES = st.lists(
    st.one_of(LABEL_LINE, FURNITURE_LIKE, DIRECTION_LIKE, WORDS, ANY_TEXT), max_size=40
)
WRAPPED_LABEL_PART = st.sampled_from(
    [
        "SENATOR ANN HALE, CHAIR, SENATE", "MR. BO FENN, CHAIRMAN & CEO,", "YES, SIR,",
        "STANDING COMMITTEE ON RIVERS:      Well,", "AUTHORITY:  Thank you.", "THE PORT:",
    ]
)  # fmt: skip
"""Pieces of labels that records wrap over lines, with a role after a comma."""
PAGE_LINE = st.one_of(LABEL_LINE, DIRECTION_LIKE, WORDS, WRAPPED_LABEL_PART, st.just(""))
HEADS = st.sampled_from(["", "HEARING ON RIVERS    {}", "{}", "Page {} of 9", "- {} -"])


@st.composite
def paged_text(draw: st.DrawFn) -> str:
    """Pages split by form feeds (or not), with a running head and numbered lines (or not)."""
    head = draw(HEADS)
    numbered = draw(st.sampled_from(["", "{n:>2}    ", "{page:05d}:{n:02d}   "]))
    pages = []
    for page in range(draw(st.integers(1, 4))):
        body = draw(st.lists(PAGE_LINE, min_size=1, max_size=12))
        if numbered:
            body = [
                (numbered if n == 1 else "      {n:02d}   ").format(page=page + 1, n=n) + line
                if "page" in numbered
                else numbered.format(n=n) + line
                for n, line in enumerate(body, 1)
            ]
        top = [f"        {head.format(page + 1)}", ""] if head else []
        pages.append("\n".join([*top, *body]))
    return draw(st.sampled_from(["\f", "\n\f", "\n"])).join(pages)


MARGIN = re.compile(r"^(?:\d{3,5}:)?\d{1,2}(?:\s+|$)")


def in_turn(text: str, turn: Turn) -> bool:
    """In a paragraph of the turn, as written or with markup rendered."""
    return any(text in p.text or bare(text, render=True) in bare(p.text) for p in turn.paragraphs)


def found(line: str, interview: Interview) -> bool:
    """The line, or the line without a margin number, is in a paragraph or furniture."""
    margin = MARGIN.match(line)
    return spoken_part_found(line, interview) or (
        margin is not None and spoken_part_found(line[margin.end() :], interview)
    )


def bare(text: str, *, render: bool = False) -> str:
    """Text without markup markers, for comparing a source line with turn text."""
    if render:
        text = Markup(markdown=True).plain(text)
    return " ".join(re.sub(r"[*_`\\]", "", text).split())


def spoken_part_found(line: str, interview: Interview) -> bool:
    if line in interview.furniture:
        return True
    if any(in_turn(line, turn) for turn in interview.turns):
        return True
    unstamped = LEADING_STAMP.sub("", line, count=1)
    if any(in_turn(unstamped, turn) for turn in interview.turns):
        return True
    cells = [cell.strip() for cell in re.split(r"[\t|]", line) if cell.strip()]
    if len(cells) > 1 and any(
        all(
            re.fullmatch(STAMP, cell)
            or cell.rstrip(":.").strip() == turn.label
            or in_turn(cell, turn)
            for cell in cells
        )
        for turn in interview.turns
    ):
        return True
    for turn in interview.turns:
        if turn.label is None:
            continue
        if "," in turn.label:
            part, _, rest = unstamped.partition(":")
            if " ".join(part.split()) in turn.label and (
                not rest.strip() or in_turn(rest.strip(), turn)
            ):
                return True
        label = re.escape(turn.label)
        pattern = rf"^{MARKUP}\[?{label}\]?\s*(?P<stamp>\s*{STAMP})?{MARKUP}\s*[:.]?{MARKUP}\s*"
        match = re.match(pattern, unstamped)
        if match:
            rest = unstamped[match.end() :].strip()
            rest = re.sub(rf"^{STAMP}(?:\s*[-–—|]\s*|\s+|$)", "", rest)
            if match.group("stamp"):  # a time after the label, then a dash: ``[00:05] —``
                rest = re.sub(r"^[-–—|]\s*", "", rest)
            if not rest or in_turn(rest, turn):
                return True
    return False


def check(text: str) -> None:
    interview = parse_text(text)
    previous_end = 0
    for turn in interview.turns:
        assert previous_end <= turn.start <= turn.end <= len(text)
        previous_end = turn.end
        assert turn.speaker
    for raw in re.split("[\n\f]", text):
        line = raw.strip()
        if line:
            assert found(line, interview), line
    for turn in interview.turns:
        assert turn.text == "\n\n".join(p.text for p in turn.paragraphs if p.is_speech)
    for start, line in interview.placed_furniture():
        assert start is not None and text[start : start + len(line)] == line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES.map("\n".join))
def test_label_like_lines_never_lose_a_word(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paged_text())
@example("Q: \nQ: \nQ: \n.\t0")
@example(  # a label line between the lines of a wrapped label is not part of it
    " 1    Q: \n 2    Q: \n 3    Q: \n 4    Q: \n 5    SENATOR ANN HALE, CHAIR, SENATE\n"
    " 6    Q: 0\n 7    STANDING COMMITTEE ON RIVERS:      Well,"
)
def test_paginated_records_never_lose_a_word(text: str) -> None:
    check(text)


@given(st.text(alphabet="ab \n\f\t\u00a0", max_size=80))
def test_lines_point_at_their_text_and_count_form_feeds(text: str) -> None:
    for line in split_lines(text):
        assert text[line.start : line.end] == line.text
        assert line.sheet == text[: line.start].count("\f")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_loses_nothing(text: str) -> None:
    check(text)


PLAIN_WORDS = st.from_regex(r"[a-h][a-h .,?!;']{0,30}", fullmatch=True)
"""Lower-case words, punctuated or not: speech that looks like nothing else."""


@settings(max_examples=60, deadline=None)
@given(st.lists(PLAIN_WORDS, min_size=2, max_size=8), st.sampled_from(["\n", "\n\n"]))
@example(["hello there", "an answer"], "\n")
def test_every_question_and_answer_line_is_a_turn(speeches: list[str], separator: str) -> None:
    """A file of alternating ``Q:`` and ``A:`` lines, punctuated or not, is that many
    turns in that order, each line's words in its turn, nothing set aside."""
    pairs = [("Q" if i % 2 == 0 else "A", words) for i, words in enumerate(speeches)]
    interview = parse_text(separator.join(f"{label}: {words}" for label, words in pairs))
    assert [(t.label, t.text) for t in interview.turns] == [
        (label, words.strip()) for label, words in pairs
    ]
    assert interview.furniture == ()


@settings(max_examples=60, deadline=None)
@given(st.lists(LABEL_LINE, min_size=2, max_size=12), st.sampled_from(["\n", "\n\n", "\n \n"]))
def test_turns_follow_the_order_of_the_source(lines: list[str], separator: str) -> None:
    text = separator.join(lines)
    interview = parse_text(text)
    starts = [turn.start for turn in interview.turns]
    assert starts == sorted(starts)
    for turn in interview.turns:
        if turn.label is not None:
            assert turn.label in text[turn.start : turn.end + 1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(LABEL_LINE, FURNITURE_LIKE, WORDS), max_size=30), st.sampled_from([14, 20])
)
def test_a_pdf_keeps_every_drawn_word_and_the_parser_every_line(
    rows: list[str], pitch: int
) -> None:
    """Rows drawn on two pages come out as the same words (columns may reorder
    them), and the text parser then keeps every line, as for a text file."""
    half = len(rows) // 2
    data = make_pdf([lines(rows[:half], pitch=pitch), lines(rows[half:], pitch=pitch)])
    drawn = sorted(" ".join(rows).split())
    if len("".join(drawn)) < SCAN_TEXT * 2:  # too little text for two pages: a scan
        with pytest.raises(LoadError):
            pdf_to_text(data, Path("blank.pdf"))
        return
    text = pdf_to_text(data, Path("drawn.pdf"))
    assert sorted(text.split()) == drawn
    check(text)
