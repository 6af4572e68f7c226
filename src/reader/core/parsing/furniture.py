"""Lines that are never speech: page markers, headings, rules, clock times, navigation.

These rules look only at a line's own shape, never at names or titles, so they hold
for any transcript. Lines matched here go to ``Interview.furniture``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from reader.core.parsing.lines import TERMINAL_PUNCTUATION, Line
from reader.core.parsing.tables import is_separator
from reader.core.parsing.timestamps import timestamp_line

_PAGE_MARKER = re.compile(
    r"^(?:_page:\s*\d+|\[\[Page [A-Z]?\d+\]\]|\[?Page \d+(?: of \d+)?\]?|-\s*\d+\s*-)$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^#{1,6}(?:\s+\S.*)?$")
_RULE = re.compile(r"^([-_=*~•·+])(?:\s*\1){2,}$|^```[\w+-]*$")
"""A horizontal rule, or a Markdown code fence (a transcript pasted as a code block)."""
_CAPTION_HEADER = re.compile(r"^WEBVTT(?:\s.*)?$")
_CLOCK_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)(?:\s+[A-Z]{2,4})?$")
_END_MARKER = re.compile(r"^(?:END|-?30-|#\s?#\s?#|-END-|\(END\)|\[END\])$")
_PROCEDURE = re.compile(
    r"^(?:The|A) (?:[\w-]+ ){0,3}(?:clerk|chair|chairman|presiding officer|witness|committee"
    r"|senate|house|hearing|session|meeting|briefing|question|motion|amendment|bill"
    r"|resolution)(?: to [\w-]+)? (?:proceeded to|thereupon|recessed|adjourned|reconvened"
    r"|was sworn|were sworn|read as follows|was taken(?=[;,.])|was laid on the table|was agreed to)"
    r"\b[^.?!:]{0,160}[.:]$",
    re.IGNORECASE,
)
"""A record's own narration of procedure: ``The legislative clerk proceeded to call the
roll.``, ``The Clerk read as follows:``, ``A motion to reconsider was laid on the table.``"""
_SWORN = re.compile(
    r"^([*_]{0,2})(?:[A-Z][\w.'’-]*\s+){0,6}[A-Z][\w.'’-]*,?\s*\((?i:sworn|affirmed)\)\.?\1$"
)
"""A witness taking the oath, as a record notes it: ``MR ROGER HARGREAVES (sworn).``"""
_TEMPLATE = re.compile(r"^(?:(?:\{\{[<%].*?[>%]\}\}|\{%.*?%\}|<!--.*?-->)\s*)+$")
"""A line of site-template tags or HTML comments only: ``{{< asset-static file="…" >}}``,
``<!-- draft -->``; markup that a page never shows."""
_NAVIGATION = frozenset(
    {
        "back to top",
        "top of page",
        "return to top",
        "skip to content",
        "skip to main content",
        "print this page",
        "email this page",
        "share this page",
    }
)
_FRONT_MATTER_FENCE = "---"


class Kind:
    """What a furniture line is; ``None`` from :func:`classify` means possible speech."""

    PAGE = "page"
    TIMESTAMP = "timestamp"
    HEADING = "heading"
    RULE = "rule"
    CLOCK = "clock"
    END = "end"
    NAVIGATION = "navigation"
    PROCEDURE = "procedure"
    CAPTION = "caption"
    """A caption file's header line or a cue's number, in captions pasted into text."""
    TABLE_HEAD = "table head"
    SECTION = "section"
    LINK = "link"
    TEMPLATE = "template"
    CONTENTS = "contents"
    """A line of a paginated record's contents or index page (front matter)."""


MIN_SECTION_LETTERS = 8
_LINK = re.compile(r"^(?:[^\s:][^:]{0,60}:\s+)?<?https?://\S+?>?$")
"""A web address, perhaps after a short caption: ``PR: https://github.com/…/20158``."""


def link_lines(lines: Sequence[Line], after: int, skip: Container[int]) -> set[int]:
    """Numbers of the lines after line ``after`` that are a link standing alone between
    blank lines (a show note, not a sentence that wraps onto an address)."""
    return {
        line.number
        for line in lines[after:]
        if "://" in line.text
        and _LINK.match(line.text)
        and _alone(lines, line.number)
        and line.number not in skip
    }


def section_headings(
    lines: Sequence[Line],
    after: int,
    furniture: Container[int],
    labels: Container[int],
    gaps: Container[int] = (),
) -> set[int]:
    """Numbers of the lines after line ``after`` that are a record's section headings.

    A heading (``MORNING BUSINESS``; ``ORAL ARGUMENT OF ROBERT A. LONG`` over ``FOR
    THE PETITIONER``) is a run of one to MAX_HEADING_LINES lines in capitals, each with
    at least MIN_SECTION_LETTERS letters and no closing punctuation, set off from
    speech: above it a blank line, furniture or a sentence's end, below it a blank
    line, furniture or a label. Blank lines of double spacing (``gaps``) set nothing
    off. Furniture and label lines are not headings, and in a text set mostly in
    capitals nothing is.
    """
    text_lines = [line for line in lines[after:] if line.text]
    found: set[int] = set()
    index = 0
    while index < len(text_lines):
        end = index
        while (
            end < len(text_lines)
            and _heading_line(text_lines[end], furniture, labels)
            and (end == index or _adjacent(text_lines[end - 1], text_lines[end], gaps))
        ):
            end += 1
        if end == index:
            index += 1
            continue
        above = text_lines[index - 1] if index else None
        below = text_lines[end] if end < len(text_lines) else None
        if (
            end - index <= MAX_HEADING_LINES
            and (
                above is None
                or above.ends_sentence
                or above.number in furniture
                or not _adjacent(above, text_lines[index], gaps)
            )
            and (
                below is None
                or below.number in furniture
                or below.number in labels
                or not _adjacent(text_lines[end - 1], below, gaps)
            )
        ):
            found.update(line.number for line in text_lines[index:end])
        index = end
    return found if 2 * len(found) < len(text_lines) - 1 else set()


MAX_HEADING_LINES = 3


def _heading_line(line: Line, furniture: Container[int], labels: Container[int]) -> bool:
    return (
        line.text[-1] not in TERMINAL_PUNCTUATION
        and line.text.isupper()
        and _capitals(line.text)
        and line.number not in furniture
        and line.number not in labels
    )


def _adjacent(line: Line, below: Line, gaps: Container[int]) -> bool:
    """Whether ``below`` is the next text line after ``line``, past double spacing."""
    step = below.number - line.number
    return step == 1 or (step == 2 and line.number + 1 in gaps)


_UNDERLINE = re.compile(r"^={3,}$")
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with vs v.".split())
_TITLE_WORDS = 4
"""At least this many words in a heading set in title case."""


def underlined_headings(lines: Sequence[Line], after: int) -> set[int]:
    """Numbers of the lines after line ``after`` underlined with ``===`` (a Markdown
    heading, ``1. Mr Roger Hargreaves`` over ``======``)."""
    return {
        line.number - 1
        for line in lines[after + 1 :]
        if line.text[:1] == "=" and _UNDERLINE.match(line.text) and lines[line.number - 1].text
    }


def title_headings(
    lines: Sequence[Line], after: int, skip: Container[int], gaps: Container[int] = ()
) -> set[int]:
    """Numbers of the lines after line ``after`` that are headings set in title case,
    ``Questions From Lead Counsel to the Inquiry``: alone between blank lines (not the
    blank lines of double spacing, ``gaps``), at least _TITLE_WORDS words, each
    capitalised but the small ones, no closing punctuation (speech is written in
    sentence case)."""
    return {
        line.number
        for line in lines[after + 1 :]
        if line.text[:1].isupper()
        and line.text[-1] not in TERMINAL_PUNCTUATION
        and line.number not in skip
        and _title_case(line.text)
        and _alone(lines, line.number)
        and line.number - 1 not in gaps
        and line.number + 1 not in gaps
    }


def _title_case(text: str) -> bool:
    words = text.split()
    return (
        len(words) >= _TITLE_WORDS
        and not text.isupper()
        and all(word[0].isupper() or word in _SMALL_WORDS for word in words)
        and sum(word[0].isupper() for word in words) >= _TITLE_WORDS - 1
    )


def _capitals(text: str) -> bool:
    return text[0].isalpha() and sum(char.isalpha() for char in text) >= MIN_SECTION_LETTERS


def _alone(lines: Sequence[Line], number: int) -> bool:
    return (number == 0 or not lines[number - 1].text) and (
        number + 1 == len(lines) or not lines[number + 1].text
    )


def classify(text: str) -> str | None:
    """The furniture kind of a stripped, non-blank line, or None if it may be speech.

    Each shape is tried only on a line that starts (or ends) as it must, so that a
    line of speech costs a few character tests.
    """
    first = text[0]
    digit = first.isdecimal()
    if (digit or first in "[(") and timestamp_line(text) is not None:
        return Kind.TIMESTAMP
    if first in _PAGE_STARTS and _PAGE_MARKER.match(text):
        return Kind.PAGE
    if first == "#" and _HEADING.match(text):
        return Kind.HEADING
    if first in _RULE_STARTS and (_RULE.match(text) or is_separator(text)):
        return Kind.RULE
    if first in "{<" and _TEMPLATE.match(text):
        return Kind.TEMPLATE
    if first == "W" and _CAPTION_HEADER.match(text):
        return Kind.CAPTION
    if digit and _CLOCK_TIME.match(text):
        return Kind.CLOCK
    if first in _END_STARTS and _END_MARKER.match(text):
        return Kind.END
    if text[-1].casefold()[-1] in _NAVIGATION_ENDS and _is_navigation(text):
        return Kind.NAVIGATION
    if is_procedure(text):
        return Kind.PROCEDURE
    return None


_PAGE_STARTS = frozenset("_[Pp-")
_RULE_STARTS = frozenset("-_=*~•·+`|:")
"""What a rule, a code fence or a table's head rule starts with."""
_END_STARTS = frozenset("E-3#([")
_NAVIGATION_ENDS = frozenset(entry[-1] for entry in _NAVIGATION)


def _is_navigation(text: str) -> bool:
    return " ".join(text.split()).casefold() in _NAVIGATION


def is_procedure(text: str) -> bool:
    """Whether a line or a joined paragraph is the record's narration of procedure."""
    if text[:1] in "TtAa" and text[-1:] in ".:" and _PROCEDURE.match(text) is not None:
        return True
    if ")" not in text[-4:]:  # an oath's parenthesis closes at most three characters from the end
        return False
    oath = text.rstrip(".*_")[-10:].casefold()
    return oath.endswith(("(sworn)", "(affirmed)")) and _SWORN.match(text) is not None


def is_fragment(text: str) -> bool:
    """A short line without sentence punctuation: a button, menu entry or caption."""
    words = text.split()
    return 0 < len(words) <= 4 and text[-1] not in '.?!…:;,"”’)—–-' and not text[0].islower()


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A YAML front-matter block: the lines it spans and its simple ``key: value`` pairs."""

    end: int
    """Index of the first line after the closing fence."""
    fields: dict[str, str]


def front_matter(lines: list[Line]) -> FrontMatter | None:
    """Parse a leading ``---`` ... ``---`` block, if the text starts with one."""
    first = next((i for i, line in enumerate(lines) if not line.blank), None)
    if first is None or lines[first].text != _FRONT_MATTER_FENCE:
        return None
    for i in range(first + 1, min(len(lines), first + 200)):
        if lines[i].text == _FRONT_MATTER_FENCE and lines[i].indent == 0:
            return FrontMatter(i + 1, _yaml_fields(lines[first + 1 : i]))
    return None


_YAML_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w -]*):(?:\s+(?P<value>.*))?$")


def _yaml_fields(lines: list[Line]) -> dict[str, str]:
    """Top-level scalar fields of simple YAML, with quoted and continued values; a
    field holding a list (``guests:`` then ``- name: Ellen Körbes``) gives its items'
    names (or plain items), comma-separated. Nested ``key: value`` lines (a guest's
    ``url:``) are the items' own fields, never part of the value."""
    fields: dict[str, str] = {}
    items: dict[str, list[str]] = {}
    key: str | None = None
    for line in lines:
        match = _YAML_KEY.match(line.text) if line.indent == 0 else None
        if match:
            key = match.group("key").strip().casefold()
            fields[key] = match.group("value") or ""
        elif key is None or line.indent == 0:
            continue
        elif line.text.startswith("- "):
            item = line.text[2:].strip()
            nested = _YAML_KEY.match(item)
            if nested is None or nested.group("key").strip().casefold() == "name":
                items.setdefault(key, []).append(nested.group("value") or "" if nested else item)
        elif not _YAML_KEY.match(line.text):
            fields[key] += "\n" + line.text
    for name, values in items.items():
        if not fields[name].strip():
            fields[name] = ", ".join(_yaml_scalar(v) for v in values if v.strip())
    return {k: _yaml_scalar(v) for k, v in fields.items() if v.strip()}


_YAML_ESCAPES = re.compile(r"\\(u[0-9a-fA-F]{4}|_|.)")


def _yaml_scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return " ".join(value[1:-1].replace("''", "'").split())
    if len(value) >= 2 and value[0] == value[-1] == '"':
        body = re.sub(r"\\\n\s*", "", value[1:-1])
        return " ".join(_YAML_ESCAPES.sub(_unescape, body).split())
    return " ".join(value.split())


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith("u") and len(code) == 5:
        return chr(int(code[1:], 16))
    return {"_": "\u00a0", "n": "\n", "t": "\t"}.get(code, code)
