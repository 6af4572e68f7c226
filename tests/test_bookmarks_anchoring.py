"""Properties of quote finding: any passage of any turn is found again after edits above it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.bookmarks.anchoring import find_quote, locate
from reader.core.model import Interview, Paragraph, Role, Turn

TEXT = st.text(alphabet="ab .*?()[]\\$^\n\t\u00a0", min_size=1, max_size=40)


def interview(texts: list[str]) -> Interview:
    turns = tuple(Turn("S", None, Role.OTHER, (Paragraph(text),), 0, 0) for text in texts)
    return Interview(source=None, title="T", turns=turns)


@st.composite
def passages(draw: st.DrawFn) -> tuple[list[str], int, int, int]:
    texts = draw(st.lists(TEXT, min_size=1, max_size=5))
    turn = draw(st.integers(0, len(texts) - 1))
    text = texts[turn]
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return texts, turn, start, end


@settings(max_examples=200, deadline=None)
@given(passages(), st.lists(TEXT, max_size=3))
def test_a_passage_is_found_where_it_is_and_after_turns_are_added_above(
    passage: tuple[list[str], int, int, int], added: list[str]
) -> None:
    texts, turn, start, end = passage
    quote = texts[turn][start:end]
    if not quote.split():
        assert find_quote(texts[turn], quote) is None  # blank passages are refused
        return
    begin, finish = find_quote(texts[turn], quote) or (-1, -1)
    assert texts[turn][begin:finish].split() == quote.split()
    anchor = locate(interview(added + texts), quote, turn, start)
    assert anchor is not None
    assert (added + texts)[anchor.turn][anchor.start : anchor.end].split() == quote.split()
