"""Paginated records: page breaks, running heads, printed page numbers, margin line numbers.

A record printed on pages (a hearing, a court or council transcript, a PDF's text)
carries print furniture on every page. :func:`paginate` reads it, so that the rest of
the parser sees the record's own text and each line knows its page and line:

* **Pages** end at form feeds. In a file without form feeds whose lines are numbered,
  each run of margin numbers from 1 ends a page.
* **Margin line numbers**: where at least :data:`MIN_NUMBERED_RUN` lines in a row start
  with 1, 2, 3, … (lines without a number, such as a running head, may come between;
  fewer on the last sheet of a record whose other sheets are numbered), each number
  comes off its line and becomes the line's number; a number alone on a
  line is an empty numbered line (furniture). A page may be stated with the first
  line's number, ``00012:01`` (page 12, line 1), as court reporters' ASCII exports do.
* **Running heads and feet**: a line among the first or last :data:`EDGE_LINES` lines of
  a page whose shape (its digits aside) is at an edge of at least half the pages, two
  at least, is furniture, and so is a bare page number (``461``, ``Page 461``,
  ``- 461 -``) at an edge. A head or foot of several lines (a council record's meeting,
  page, date and agenda item) is furniture line by line inward, up to
  :data:`MAX_EDGE_LINES` deep: a line next to furniture whose shape is at that depth,
  next to furniture, on at least half the pages. The page's printed number is the
  number such a line gives (all of it, after "Page", or at its start or end) where it
  changes from page to page, as a date in a running head does not. A head may be
  numbered as the page's first line: the first numbered line of a page is furniture
  when it reads the same (its digits aside) as the first numbered line of at least
  half the pages.
* **Contents pages**: among the pages before the first line that starts with a label
  and speech, a page with at least :data:`MIN_INDEX_ENTRIES` lines ending in a page
  number after a gap (``Patrick J. Foye          14``) is a contents or index page:
  all of it is front matter (:func:`contents_lines`).
* **Page markers** in the text (``[[Page S8505]]``, ``_page: 42``) start the page they
  name; a header's ``[Pages S8504-S8510]`` names the first.

A line's page is the printed one where the record prints it, else the count of page
breaks before it plus one in a paginated file, else unknown.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.parsing.lines import Line

MIN_NUMBERED_RUN = 5
EDGE_LINES = 2
MIN_INDEX_ENTRIES = 3
MAX_EDGE_LINES = 6

_MARGIN = re.compile(r"^(?:(?P<page>\d{3,5}):)?(?P<line>\d{1,2})(?:\s+|$)")
_BARE_PAGE = re.compile(r"^(?:page\s+)?(?:-\s*)?([A-Z]?\d{1,5})(?:\s*-)?(?:\s+of\s+\d+)?$", re.I)
_PAGE_WORD = re.compile(r"\bpage\s+([A-Z]?\d{1,5})\b", re.I)
_EDGE_NUMBER = re.compile(r"^(\d{1,5})\s+\S|\S\s+(\d{1,5})$")
_MARKER = re.compile(
    r"^(?:_page:\s*|\[\[Page\s+|\[?Page\s+|-\s*)([A-Z]?\d+)(?:\]\]|\]|\s*-|\s+of\s+\d+)?$", re.I
)
_FIRST_PAGE = re.compile(r"^\[Pages?\s+([A-Z]?\d+)(?:\s*-\s*[A-Z]?\d+)?\]$")
_MARKER_STARTS = frozenset("_[-Pp")
_END_NUMBERS = re.compile(r"^# |(?<=\S) #$")
_DIGITS = frozenset("0123456789")
_INDEX_ENTRY = re.compile(r"\S(?: {2,}|\t)\d{1,4}$")
"""An entry of a contents page: words, a gap, the page they are on."""


@dataclass(frozen=True, slots=True)
class Pagination:
    """What :func:`paginate` read: the lines, the print furniture, pages and line numbers."""

    lines: list[Line]
    """The source lines, margin numbers taken off (offsets still into the source)."""
    furniture: frozenset[int]
    """Numbers of the lines that are print furniture: heads, feet, page numbers."""
    margins: dict[int, int]
    """Line number → margin line number, for numbered lines."""
    starts: list[int]
    """First line number of each stretch of :attr:`pages`, ascending."""
    pages: list[str | None]
    paged: bool
    """Whether any line is on a known page."""

    def page(self, number: int) -> str | None:
        """The page line ``number`` is on (None when unknown)."""
        index = self.index(number)
        return self.pages[index] if index >= 0 else None

    def index(self, number: int) -> int:
        """The index in :attr:`pages` of the page line ``number`` is on."""
        return bisect_right(self.starts, number) - 1


def paginate(lines: list[Line]) -> Pagination:
    """Read the pagination of a text's lines (see the module's rules)."""
    runs = _numbered_runs(lines)
    margins, stated, lines = _take_margins(lines, runs)
    furniture = {n for n in margins if _MARGIN.fullmatch(lines[n].text)}
    pages = _pages(lines, runs)
    printed = _edges(lines, pages, furniture, margins) if len(pages) > 1 else {}
    labels = [
        printed.get(index) or (str(index + 1) if len(pages) > 1 else None)
        for index in range(len(pages))
    ]
    starts = [first for first, _ in pages]
    _add_markers(lines, starts, labels)
    for number, page in stated.items():
        _mark(starts, labels, number, page)
    paged = any(label is not None for label in labels)
    return Pagination(lines, frozenset(furniture), margins, starts, labels, paged)


def contents_lines(pagination: Pagination, before: int) -> set[int]:
    """The text lines of the contents and index pages among the pages that end by line
    ``before`` (where a label with speech first comes): a page is one when at least
    MIN_INDEX_ENTRIES of its lines end in a page number after a gap."""
    lines = pagination.lines
    bounds = [*pagination.starts, len(lines)]
    found: set[int] = set()
    for first, last in itertools.pairwise(bounds):
        if last > before:
            break
        page = [n for n in range(first, last) if lines[n].text and n not in pagination.furniture]
        entries = sum(
            1 for n in page if lines[n].text[-1] in _DIGITS and _INDEX_ENTRY.search(lines[n].text)
        )
        if entries >= MIN_INDEX_ENTRIES:
            found.update(page)
    return found


def _numbered_runs(lines: Sequence[Line]) -> list[list[int]]:
    """Runs of lines (by number) numbered 1, 2, 3, … in the margin, each on one sheet; the
    last run may be short when it is on a sheet after the others (a last page cut short)."""
    runs: list[list[int]] = []
    short: list[int] = []
    current: list[int] = []
    expected = 0
    for line in [line for line in lines if line.text[:1] in _DIGITS]:
        match = _MARGIN.match(line.text)
        if match is None:
            continue
        number = int(match.group("line"))
        if current and number == expected and line.sheet == lines[current[-1]].sheet:
            current.append(line.number)
        else:
            short = _close(current, runs) or short
            current = [line.number] if number == 1 else []
        expected = number + 1
    short = _close(current, runs) or short
    if runs and len(short) > 1 and lines[short[0]].sheet > lines[runs[-1][-1]].sheet:
        runs.append(short)
    return runs


def _close(run: list[int], runs: list[list[int]]) -> list[int]:
    """Add a long enough run to ``runs``; return a short one (empty if none)."""
    if len(run) >= MIN_NUMBERED_RUN:
        runs.append(run)
        return []
    return run


def _take_margins(
    lines: list[Line], runs: list[list[int]]
) -> tuple[dict[int, int], dict[int, str], list[Line]]:
    """The margin number of each numbered line, the pages stated in the margin
    (``00012:01``), and the lines with the numbers taken off.

    A line's indent becomes its gap after the number less the narrowest such gap, so
    text flush with the margin has none. A number alone stays as the line's text.
    """
    found = {n: _MARGIN.match(lines[n].text) for run in runs for n in run}
    gaps = {
        n: m.end() - m.end("line") for n, m in found.items() if m and m.end() < len(lines[n].text)
    }
    narrowest = min(gaps.values(), default=0)
    result = list(lines)
    margins: dict[int, int] = {}
    stated: dict[int, str] = {}
    for n, match in found.items():
        if match is None:
            continue
        line = lines[n]
        margins[n] = int(match.group("line"))
        if match.group("page"):
            stated[n] = str(int(match.group("page")))
        if n in gaps:
            indent = gaps[n] - narrowest
            text = line.text[match.end() :]
            result[n] = line._replace(start=line.start + match.end(), text=text, indent=indent)
    return margins, stated, result


def _pages(lines: Sequence[Line], runs: list[list[int]]) -> list[tuple[int, int]]:
    """(first, last + 1) line numbers of each page: at form feeds, else after each
    numbered run; one page when the text has neither."""
    if lines and lines[-1].sheet > 0:
        bounds = [n for n in range(1, len(lines)) if lines[n].sheet != lines[n - 1].sheet]
    elif len(runs) > 1:
        bounds = [run[-1] + 1 for run in runs[:-1]]
    else:
        bounds = []
    edges = [0, *bounds, len(lines)]
    return list(zip(edges, edges[1:], strict=False))


def _edges(
    lines: Sequence[Line],
    pages: list[tuple[int, int]],
    furniture: set[int],
    margins: dict[int, int],
) -> dict[int, str]:
    """Mark running heads, feet and page numbers as furniture; return printed page numbers
    (by page index). Numbered lines are the record's text, but for a numbered head."""
    sides = [_sides(lines, first, last, margins) for first, last in pages]
    edges = [sorted({n for side in page for n in side[:EDGE_LINES]}) for page in sides]
    shapes = Counter(shape for page in edges for shape in {_shape(lines[n].text) for n in page})
    recurring = max(2, (sum(1 for page in edges if page) + 1) // 2)
    heads = [[n for n in page if _is_head(lines[n].text, shapes, recurring)] for page in edges]
    _deepen(lines, sides, heads, recurring)
    numbers: dict[str, set[str]] = {}
    for n in (n for page in heads for n in page):
        number = _number(lines[n].text)
        if number is not None:
            numbers.setdefault(_shape(lines[n].text), set()).add(number)
    furniture.update(_numbered_heads(lines, pages, margins, furniture, recurring))
    printed: dict[int, str] = {}
    for index, page in enumerate(heads):
        furniture.update(page)
        counting = [n for n in page if len(numbers.get(_shape(lines[n].text), ())) > 1]
        if counting:
            printed[index] = _number(lines[counting[0]].text) or ""
    return printed


def _numbered_heads(
    lines: Sequence[Line],
    pages: list[tuple[int, int]],
    margins: dict[int, int],
    furniture: set[int],
    recurring: int,
) -> list[int]:
    """The first numbered lines of pages that read alike on ``recurring`` pages or more:
    a running head the reporter numbered (``1  Joint Hearing on the MTA, 8-25-20``)."""
    if not margins:
        return []
    tops = [
        next((n for n in range(first, last) if n in margins and n not in furniture), None)
        for first, last in pages
    ]
    shapes = Counter(_shape(lines[n].text) for n in tops if n is not None)
    return [n for n in tops if n is not None and shapes[_shape(lines[n].text)] >= recurring]


def _is_head(text: str, shapes: Counter[str], recurring: int) -> bool:
    return _BARE_PAGE.match(text) is not None or shapes[_shape(text)] >= recurring


def _number(text: str) -> str | None:
    """The page number a head or foot prints: all of it, after "Page", or at an end."""
    for pattern in (_BARE_PAGE, _PAGE_WORD, _EDGE_NUMBER):
        match = pattern.search(text)
        if match is not None:
            return next(group for group in match.groups() if group)
    return None


def _sides(
    lines: Sequence[Line], first: int, last: int, margins: dict[int, int]
) -> tuple[list[int], list[int]]:
    """A page's first and last MAX_EDGE_LINES non-blank, unnumbered lines, by number,
    each side from its edge inward."""
    filled = [n for n in range(first, last) if not lines[n].blank and n not in margins]
    return filled[:MAX_EDGE_LINES], filled[::-1][:MAX_EDGE_LINES]


def _deepen(
    lines: Sequence[Line],
    sides: list[tuple[list[int], list[int]]],
    heads: list[list[int]],
    recurring: int,
) -> None:
    """Extend each page's heads inward, a depth at a time: the line next to a head is one
    too where its shape is at that depth, next to a head, on ``recurring`` pages."""
    for depth in range(EDGE_LINES, MAX_EDGE_LINES):
        reached = [
            [side[depth] for side in page if len(side) > depth and side[depth - 1] in found]
            for page, found in zip(sides, heads, strict=True)
        ]
        shapes = Counter(s for page in reached for s in {_shape(lines[n].text) for n in page})
        deeper = [
            [n for n in page if shapes[_shape(lines[n].text)] >= recurring] for page in reached
        ]
        if not any(deeper):
            return
        for found, more in zip(heads, deeper, strict=True):
            found.extend(n for n in more if n not in found)


def _shape(text: str) -> str:
    """A line with digits and spacing evened out, and a number at either end left off
    (facing pages print it at the outer edge): what repeats in a running head."""
    shape = " ".join(re.sub(r"\d+", "#", text).split()).casefold()
    return _END_NUMBERS.sub("", shape) or shape


def _add_markers(lines: Sequence[Line], starts: list[int], labels: list[str | None]) -> None:
    """Let page markers in the text start the pages they name."""
    for line in lines:
        text = line.text
        if text[:1] not in _MARKER_STARTS:
            continue
        first = _FIRST_PAGE.match(text)
        marker = _MARKER.match(text)
        if marker is None and (first is None or labels[_at(starts, line.number)] is not None):
            continue
        page = (marker or first).group(1)  # type: ignore[union-attr]
        _mark(starts, labels, line.number, page)


def _mark(starts: list[int], labels: list[str | None], number: int, page: str) -> None:
    """Let page ``page`` start at line ``number``."""
    index = _at(starts, number)
    if starts[index] == number:
        labels[index] = page
    else:
        starts.insert(index + 1, number)
        labels.insert(index + 1, page)


def _at(starts: list[int], number: int) -> int:
    return bisect_right(starts, number) - 1
