"""How a file lays out paragraphs: one per line, or hard-wrapped lines to be joined."""

from __future__ import annotations

from collections.abc import Container, Sequence

from reader.core.parsing.lines import Line

_MAX_WRAPPED_LENGTH = 100
_WRAPPED_SHARE = 0.4


def is_hard_wrapped(lines: Sequence[Line], upper: Container[int], lower: Container[int]) -> bool:
    """Whether consecutive text lines are mostly one paragraph wrapped mid-sentence.

    Looks at every line of text followed directly by a line that may continue it:
    ``upper`` holds lines that never continue into the next (furniture, labels alone
    on their line), ``lower`` lines that never continue the previous one (furniture,
    labels). If many such lines stop mid-phrase at a modest length, the file is
    hard-wrapped and its lines are joined.
    """
    inner = wrapped = 0
    for line, following in zip(lines, lines[1:], strict=False):
        if line.blank or following.blank or line.number in upper or following.number in lower:
            continue
        inner += 1
        wrapped += not line.ends_sentence and len(line.text) <= _MAX_WRAPPED_LENGTH
    return wrapped >= max(2, _WRAPPED_SHARE * inner)


def starts_paragraph(line: Line, previous: Line, hard_wrapped: bool) -> bool:
    """Whether a text line directly under ``previous`` opens a new paragraph.

    In a file with one paragraph per line, every line does. In a hard-wrapped file a
    line does when its indentation differs from the line above and is not flush left,
    as GPO text marks paragraphs and block quotations by indenting them.
    """
    if not hard_wrapped:
        return True
    return line.indent != previous.indent and line.indent > 0
