"""Properties of ``parse_text`` on arbitrary text, including label-like lines.

The "no word lost" invariant, precisely: split the input on ``\\n`` and strip each
line (whitespace, non-breaking spaces included). Every non-blank stripped line ``s``
is then

* an element of ``Interview.furniture`` (found in the text at its ``furniture_starts``), or
* a substring of some turn's text, or
* a label line: ``s`` minus an optional leading timestamp, minus one turn's label
  as written (with optional ``**``/``__`` markup, a colon or period, and an optional
  timestamp after it) leaves a remainder that, minus a timestamp opening it, is empty
  or a substring of that turn's text.

Hard-wrapped lines are joined with single spaces, so each stays a substring.

Markup is not text (:mod:`reader.core.parsing.markup`): turn text has HTML tags and
entities rendered and, in Markdown, escapes and emphasis markers removed. Only
markers go, so the comparison is made on :func:`bare` forms: the line rendered as
Markdown, then both sides without ``*``, ``_`` and ``\\`` and with runs of spaces
squeezed (a removed tag may leave one).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.model import Interview
from reader.core.parsing import parse_text
from reader.core.parsing.markup import Markup

STAMP = r"[\[(]?(?:\d{1,2}:){1,3}\d{2}(?:[.,]\d{1,3})?[\])]?"
LEADING_STAMP = re.compile(rf"^{STAMP}(?:\s*[-–—|]\s*|\s+)")
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
ANY_TEXT = st.text(max_size=60)
LINES = st.lists(st.one_of(LABEL_LINE, FURNITURE_LIKE, WORDS, ANY_TEXT), max_size=40)


def bare(text: str, *, render: bool = False) -> str:
    """Text without markup markers, for comparing a source line with turn text."""
    if render:
        text = Markup(markdown=True).plain(text)
    return " ".join(re.sub(r"[*_\\]", "", text).split())


def spoken_part_found(line: str, interview: Interview) -> bool:
    if line in interview.furniture:
        return True
    if any(line in turn.text for turn in interview.turns):
        return True
    if any(bare(line, render=True) in bare(turn.text) for turn in interview.turns):
        return True
    unstamped = LEADING_STAMP.sub("", line, count=1)
    for turn in interview.turns:
        if turn.label is None:
            continue
        label = re.escape(turn.label)
        pattern = rf"^{MARKUP}{label}\s*(?:\s*{STAMP})?{MARKUP}\s*[:.]?{MARKUP}\s*"
        match = re.match(pattern, unstamped)
        if match:
            rest = unstamped[match.end() :].strip()
            rest = re.sub(rf"^{STAMP}(?:\s*[-–—|]\s*|\s+|$)", "", rest)
            if not rest or rest in turn.text or bare(rest, render=True) in bare(turn.text):
                return True
    return False


def check(text: str) -> None:
    interview = parse_text(text)
    previous_end = 0
    for turn in interview.turns:
        assert previous_end <= turn.start <= turn.end <= len(text)
        previous_end = turn.end
        assert turn.speaker
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            assert spoken_part_found(line, interview), line
    for start, line in interview.placed_furniture():
        assert start is not None and text[start : start + len(line)] == line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES.map("\n".join))
def test_label_like_lines_never_lose_a_word(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_loses_nothing(text: str) -> None:
    check(text)


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
