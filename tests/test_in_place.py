"""Where furniture lines stand among the turns (for showing them in place)."""

from __future__ import annotations

import dataclasses

from reader.core.in_place import furniture_in_place
from reader.core.parsing import parse_text

TEXT = """# Hearing on the budget

Q: First question, about the harbour?

A: A first paragraph of the answer, long enough to have some weight here.

_page: 2

A second paragraph of the answer after the page marker.

Q: Next?

A: Done.

Back to top
"""


def test_each_line_goes_before_the_paragraph_or_turn_it_preceded() -> None:
    interview = parse_text(TEXT)
    assert interview.furniture == ("# Hearing on the budget", "_page: 2", "Back to top")
    assert furniture_in_place(interview) == {
        (0, 0): ("# Hearing on the budget",),
        (1, 1): ("_page: 2",),
        (4, 0): ("Back to top",),
    }


def test_a_line_at_the_end_of_a_turn_goes_before_the_next_one() -> None:
    text = "Q: Why?\n\nA: Because it was so.\nIt was.\n\n[00:01:00]\n\nQ: And?\n\nA: Yes.\n"
    interview = parse_text(text)
    assert furniture_in_place(interview) == {(2, 0): ("[00:01:00]",)}


def test_lines_not_in_the_text_go_first() -> None:
    interview = dataclasses.replace(
        parse_text(TEXT),
        furniture=("Page header", *parse_text(TEXT).furniture),
        furniture_starts=(None, *parse_text(TEXT).furniture_starts),
    )
    assert furniture_in_place(interview)[(0, 0)] == ("Page header", "# Hearing on the budget")
