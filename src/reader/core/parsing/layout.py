"""How a file lays out paragraphs: one per line, hard-wrapped, or hard-wrapped and indented.

* ``LINES``: every line is a paragraph (most web and export formats).
* ``WRAPPED``: lines are wrapped mid-sentence and joined; blank lines separate
  paragraphs (a continuation may hang indented under its label).
* ``INDENTED``: wrapped, and a paragraph starts where the indentation changes to a
  non-zero indent, as in GPO text (first line indented, then flush left; block
  quotations indented further).

A typescript may also be *double spaced*: a blank line after every wrapped line. Those
blank lines (:func:`spacing_gaps`) separate nothing; its paragraphs are told apart by
indentation, as in an indented layout.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from reader.core.parsing.lines import TERMINAL_PUNCTUATION, Line

LINES = "lines"
WRAPPED = "wrapped"
INDENTED = "indented"

_MAX_WRAPPED_LENGTH = 100
_WRAPPED_SHARE = 0.4
_FIRST_LINE_INDENT_SHARE = 0.3
_WOBBLE = 1
"""Columns a typed line may stray from the margin and still be flush with it."""
_DOUBLE_SPACED_SHARE = 0.8
_MIN_DOUBLE_SPACED = 10
_TYPED_LENGTH = 80
"""A typed line is at most this long: a typewriter page's width."""
_TYPED_SHARE = 0.9
_MID_PHRASE_SHARE = 0.2


def spacing_gaps(lines: Sequence[Line], pages: Sequence[int] = ()) -> set[int]:
    """The blank lines of double-spaced text, by number (none if it is not).

    Text is double spaced when its lines are typed lines (90 % at most 80 characters
    long); when at least 80 % of its text lines that have a text line next or next but
    one have it next but one, after a single blank line; and when a fifth of those or
    more stop mid-phrase, wrapped. One-line paragraphs with blank lines between them
    are longer, and a menu's entries do not wrap.

    A record's title pages are often set otherwise than its body (a list of names, an
    address block): where the whole text is not double spaced, the leading pages
    (``pages`` gives each page's first line) that are not double spaced themselves
    are left out, and the rest is judged.
    """
    gaps = _double_spaced(lines)
    if gaps:
        return gaps
    for start, end in zip(pages[1:], [*pages[2:], len(lines)], strict=False):
        if _double_spaced(lines[start:end]):
            return _double_spaced(lines[start:])
    return set()


def _double_spaced(lines: Sequence[Line]) -> set[int]:
    """The gaps of :func:`spacing_gaps` if ``lines`` as a whole are double spaced."""
    texts = [line.text for line in lines]
    filled = [text for text in texts if text]
    untyped = [text for text in filled if len(text) > _TYPED_LENGTH]
    if len(untyped) > (1 - _TYPED_SHARE) * len(filled):
        return set()
    gaps: list[int] = []
    adjacent = wrapped = 0
    triples = zip(texts, texts[1:], texts[2:], strict=False)
    for index, (above, line, below) in enumerate(triples, 1):
        if not above:
            continue
        if line:
            adjacent += 1
        elif below:
            gaps.append(lines[index].number)
            wrapped += above[-1] not in TERMINAL_PUNCTUATION
    double = (
        len(gaps) >= _MIN_DOUBLE_SPACED
        and len(gaps) >= _DOUBLE_SPACED_SHARE * (len(gaps) + adjacent)
        and wrapped >= _MID_PHRASE_SHARE * len(gaps)
    )
    return set(gaps) if double else set()


def paragraph_layout(
    lines: Sequence[Line], upper: Container[int], lower: Container[int], margin: int = 0
) -> str:
    """The layout of a file's body, judged from its pairs of adjacent text lines.

    ``upper`` holds lines that never continue into the next (furniture, labels alone
    on their line), ``lower`` lines that never continue the previous one (furniture,
    labels). If many lines stop mid-phrase at a modest length the file is wrapped;
    if many indented lines are followed by a less indented continuation, it is
    indented too. Indents count from ``margin``, where the text's lines start.
    """
    pairs = wrapped = first_line_indents = indented = 0
    for line, following in zip(lines, lines[1:], strict=False):
        if line.blank or following.blank or line.number in upper or following.number in lower:
            continue
        pairs += 1
        wrapped += not line.ends_sentence and len(line.text) <= _MAX_WRAPPED_LENGTH
        indented += line.indent > margin + _WOBBLE
        first_line_indents += following.indent < line.indent
    if wrapped < max(2, _WRAPPED_SHARE * pairs):
        return LINES
    if first_line_indents >= max(2, _FIRST_LINE_INDENT_SHARE * indented):
        return INDENTED
    return WRAPPED


def starts_paragraph(line: Line, previous: Line, layout: str, margin: int = 0) -> bool:
    """Whether a text line directly under ``previous`` opens a new paragraph (indents
    count from ``margin``)."""
    if layout == LINES:
        return True
    return layout == INDENTED and line.indent != previous.indent and line.indent > margin + _WOBBLE
