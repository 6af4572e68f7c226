"""How a file lays out paragraphs: one per line, hard-wrapped, or hard-wrapped and indented.

* ``LINES``: every line is a paragraph (most web and export formats).
* ``WRAPPED``: lines are wrapped mid-sentence and joined; blank lines separate
  paragraphs (a continuation may hang indented under its label).
* ``INDENTED``: wrapped, and a paragraph starts where the indentation changes to a
  non-zero indent, as in GPO text (first line indented, then flush left; block
  quotations indented further).
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from reader.core.parsing.lines import Line

LINES = "lines"
WRAPPED = "wrapped"
INDENTED = "indented"

_MAX_WRAPPED_LENGTH = 100
_WRAPPED_SHARE = 0.4
_FIRST_LINE_INDENT_SHARE = 0.3


def paragraph_layout(lines: Sequence[Line], upper: Container[int], lower: Container[int]) -> str:
    """The layout of a file's body, judged from its pairs of adjacent text lines.

    ``upper`` holds lines that never continue into the next (furniture, labels alone
    on their line), ``lower`` lines that never continue the previous one (furniture,
    labels). If many lines stop mid-phrase at a modest length the file is wrapped;
    if many indented lines are followed by a less indented continuation, it is
    indented too.
    """
    pairs = wrapped = first_line_indents = indented = 0
    for line, following in zip(lines, lines[1:], strict=False):
        if line.blank or following.blank or line.number in upper or following.number in lower:
            continue
        pairs += 1
        wrapped += not line.ends_sentence and len(line.text) <= _MAX_WRAPPED_LENGTH
        indented += line.indent > 0
        first_line_indents += following.indent < line.indent
    if wrapped < max(2, _WRAPPED_SHARE * pairs):
        return LINES
    if first_line_indents >= max(2, _FIRST_LINE_INDENT_SHARE * indented):
        return INDENTED
    return WRAPPED


def starts_paragraph(line: Line, previous: Line, layout: str) -> bool:
    """Whether a text line directly under ``previous`` opens a new paragraph."""
    if layout == LINES:
        return True
    return layout == INDENTED and line.indent != previous.indent and line.indent > 0
