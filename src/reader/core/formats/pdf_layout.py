"""A page's positioned characters as plain text lines, in reading order.

Pure geometry, no PDF library: :mod:`reader.core.formats.pdf` turns each page into
:class:`Char` boxes (in points, ``top`` measured down from the top of the page) and
:func:`page_text` lays them out:

1. Characters run together while they sit on one line and follow each other closely;
   a gap wider than about two letters starts a new run (a margin number, a column).
2. Columns: a vertical strip of the page that no run crosses, with a real column of
   text on each side (wide, and filled line after line), is a gutter. Margin line
   numbers and speaker names in a narrow left column are not columns: they stay on
   the line they belong to.
3. Runs that cross a gutter (a running header, a title across the page) cut the page
   into bands; each band is read column by column, left to right.
4. Within a column, runs on the same line join left to right. Gaps are kept as the
   page shows them: a word space is one space, a wider gap (margin number to text,
   first-line indent) as many spaces as letters would fill it; an unusually tall gap
   between lines becomes a blank line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import NamedTuple

RUN_BREAK = 1.0
"""A gap wider than this many line heights ends a run of characters."""
WORD_GAP = 0.15
"""A gap wider than this many line heights is a space between words."""
GUTTER_WIDTH = 6.0
"""Points of clear page a gutter between two columns needs at least."""
COLUMN_SHARE = 0.2
"""A column is at least this share of the text's width on the page..."""
COLUMN_LINES = 5
"""... holds at least this many runs ..."""
COLUMN_FILL = 0.6
"""... and its typical run fills at least this share of the column's width."""
PARAGRAPH_GAP = 1.6
"""A line pitch this many times the page's usual pitch leaves a blank line."""


class Char(NamedTuple):
    """One character drawn on the page, with its box in points (top-down)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    space_before: bool = False
    """The PDF put a space (or a line break) between this character and the previous."""
    upright: bool = True
    """False for text turned sideways (a production note up the margin)."""


@dataclass(frozen=True, slots=True)
class Run:
    """Characters that follow each other on one line, without a wide gap."""

    left: float
    right: float
    top: float
    bottom: float
    text: str
    chars: tuple[tuple[Char, bool], ...]
    """Each character, and whether a space comes before it."""

    @classmethod
    def of(cls, chars: Sequence[tuple[Char, bool]]) -> Run:
        text = "".join((" " + char.text if spaced else char.text) for char, spaced in chars)
        return cls(
            min(char.left for char, _ in chars),
            max(char.right for char, _ in chars),
            min(char.top for char, _ in chars),
            max(char.bottom for char, _ in chars),
            text,
            tuple(chars),
        )

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def split(self, gutter: tuple[float, float]) -> list[Run]:
        """The run cut where a gap between two characters spans ``gutter``, if one does."""
        for index in range(1, len(self.chars)):
            before, after = self.chars[index - 1][0], self.chars[index][0]
            if before.right <= gutter[0] + 1 and after.left >= gutter[1] - 1:
                first = Run.of(self.chars[:index])
                rest = Run.of([(after, False), *self.chars[index + 1 :]])
                return [first, *rest.split(gutter)]
        return [self]


@dataclass(slots=True)
class _Line:
    runs: list[Run] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(run.top for run in self.runs)

    @property
    def left(self) -> float:
        return min(run.left for run in self.runs)

    def holds(self, run: Run) -> bool:
        """Whether ``run`` overlaps this line by at least half the smaller height."""
        top = min(r.top for r in self.runs)
        bottom = max(r.bottom for r in self.runs)
        overlap = min(bottom, run.bottom) - max(top, run.top)
        return overlap >= 0.5 * min(bottom - top, run.height)


def page_text(chars: Iterable[Char]) -> str:
    """The page's text: lines in reading order, column by column, then any sideways
    text (one line per stretch of it)."""
    upright: list[Char] = []
    sideways: list[str] = []
    after_upright = True
    for char in chars:
        if char.upright:
            upright.append(char)
        elif after_upright:
            sideways.append(char.text)
        else:
            sideways[-1] += (" " if char.space_before else "") + char.text
        after_upright = char.upright
    return "\n".join(part for part in (_upright_text(upright), *sideways) if part.strip())


def _upright_text(chars: Iterable[Char]) -> str:
    runs = make_runs(chars)
    if not runs:
        return ""
    gutters = find_gutters(runs)
    for gutter in gutters:
        runs = [part for run in runs for part in run.split(gutter)]
    edges = _column_edges(runs, gutters)
    lines: list[tuple[_Line, float]] = []
    for band, across in _bands(runs, gutters):
        columns = [band] if across else _split_columns(band, gutters)
        for edge, column in zip(edges, columns, strict=False):
            lines.extend((line, edge) for line in _lines(column))
    return _render(lines, _letter_width(runs))


def make_runs(chars: Iterable[Char]) -> list[Run]:
    """Characters in the PDF's order grouped into runs along their lines."""
    runs: list[Run] = []
    current: list[tuple[Char, bool]] = []
    right = top = bottom = 0.0
    for char in chars:
        if current and top <= (char.top + char.bottom) / 2 <= bottom:  # on the run's line
            gap = char.left - right
            height = max(bottom - top, char.bottom - char.top)
            if -height < gap <= RUN_BREAK * height:
                current.append((char, char.space_before or gap > WORD_GAP * height))
                right = max(right, char.right)
                top, bottom = min(top, char.top), max(bottom, char.bottom)
                continue
        if current:
            runs.append(Run.of(current))
        current = [(char, False)]
        right, top, bottom = char.right, char.top, char.bottom
    if current:
        runs.append(Run.of(current))
    return [run for run in runs if run.text.strip()]


def find_gutters(runs: Sequence[Run]) -> list[tuple[float, float]]:
    """Clear vertical strips between real columns of text, left to right."""
    left = min(run.left for run in runs)
    right = max(run.right for run in runs)
    body = [run for run in runs if run.right - run.left < 0.9 * (right - left)]
    if not body:
        return []
    crossing = _crossing_counts(body, left, right)
    allowed = max(1, len(body) // 10)
    gaps: list[tuple[float, float]] = []
    start: int | None = None
    for x, count in enumerate([*crossing, allowed + 1]):
        if count <= allowed and start is None:
            start = x
        elif count > allowed and start is not None:
            core = _clearest(crossing, start, x)
            if core[1] - core[0] >= GUTTER_WIDTH and start > 0 and x < len(crossing):
                gaps.append((left + core[0], left + core[1]))
            start = None
    return _real_gutters(body, gaps, right - left)


def _clearest(counts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The widest stretch of ``counts[start:end]`` at its lowest value."""
    lowest = min(counts[start:end])
    best, run_start = (start, start), None
    for x in range(start, end + 1):
        if x < end and counts[x] == lowest:
            run_start = x if run_start is None else run_start
        elif run_start is not None:
            best = max(best, (run_start, x), key=lambda span: span[1] - span[0])
            run_start = None
    return best


def _crossing_counts(runs: Sequence[Run], left: float, right: float) -> list[int]:
    """How many runs cover each point of the page's width."""
    steps = [0] * (int(right - left) + 3)
    for run in runs:
        steps[int(run.left - left)] += 1
        steps[int(run.right - left) + 1] -= 1
    counts, total = [], 0
    for step in steps[:-1]:
        total += step
        counts.append(total)
    return counts


def _real_gutters(
    runs: Sequence[Run], gaps: list[tuple[float, float]], width: float
) -> list[tuple[float, float]]:
    """Keep the gaps with a real column on each side; drop the rest, narrowest first."""
    gutters = list(gaps)
    while gutters:
        edges = [min(r.left for r in runs), *(x for gap in gutters for x in gap)]
        edges.append(max(r.right for r in runs))
        spans = list(zip(edges[::2], edges[1::2], strict=True))
        weak = [i for i, span in enumerate(spans) if not _is_column(runs, span, width)]
        if not weak:
            return gutters
        worst = min(weak, key=lambda i: spans[i][1] - spans[i][0])
        del gutters[min(worst, len(gutters) - 1)]  # merge it with its right neighbour
    return gutters


def _is_column(runs: Sequence[Run], span: tuple[float, float], width: float) -> bool:
    """A strip of text wide enough, with enough lines, filled like running text."""
    inside = [r for r in runs if r.left >= span[0] - 1 and r.right <= span[1] + 1]
    size = span[1] - span[0]
    if size < COLUMN_SHARE * width or len(inside) < COLUMN_LINES:
        return False
    return median(r.right - r.left for r in inside) >= COLUMN_FILL * size


def _column_edges(runs: Sequence[Run], gutters: Sequence[tuple[float, float]]) -> list[float]:
    """Where each column's lines start when not indented: the leftmost place where
    several of its runs start (a stray mark further left does not count)."""
    edges: list[float] = []
    for index in range(len(gutters) + 1):
        lefts = [run.left for run in runs if _column(run, gutters) == index]
        starts = Counter(round(left) for left in lefts)
        shared = [left for left in lefts if starts[round(left)] >= max(2, len(lefts) // 20)]
        edges.append(min(shared or lefts or [0.0]))
    return edges


def _column(run: Run, gutters: Sequence[tuple[float, float]]) -> int:
    """The column a run lies in, or -1 when it crosses a gutter."""
    index = 0
    for left, right in gutters:
        if run.left < right and run.right > left:
            return -1
        if run.left >= right:
            index += 1
    return index


def _bands(
    runs: Sequence[Run], gutters: Sequence[tuple[float, float]]
) -> list[tuple[list[Run], bool]]:
    """The page cut into bands at the lines that cross a gutter, each such line a band
    of its own (marked True); a run on such a line (a page number beside a running
    title) belongs to it."""
    if not gutters:
        return [(list(runs), False)]
    rows = _lines([r for r in runs if _column(r, gutters) < 0])
    bands: list[list[Run]] = [[] for _ in range(2 * len(rows) + 1)]
    for run in runs:
        row = next((i for i, line in enumerate(rows) if line.holds(run)), None)
        if row is not None:
            bands[2 * row + 1].append(run)
        else:
            bands[2 * sum(line.top < run.top for line in rows)].append(run)
    return [(band, index % 2 == 1) for index, band in enumerate(bands) if band]


def _split_columns(band: Sequence[Run], gutters: Sequence[tuple[float, float]]) -> list[list[Run]]:
    """A band's runs by column, left to right."""
    columns: list[list[Run]] = [[] for _ in range(len(gutters) + 1)]
    for run in band:
        columns[_column(run, gutters)].append(run)
    return columns


def _lines(runs: Sequence[Run]) -> list[_Line]:
    """Runs grouped into lines, top to bottom, each line's runs left to right."""
    lines: list[_Line] = []
    for run in sorted(runs, key=lambda r: (r.top, r.left)):
        line = next((line for line in reversed(lines[-3:]) if line.holds(run)), None)
        if line is None:
            lines.append(_Line([run]))
        else:
            line.runs.append(run)
    for line in lines:
        line.runs.sort(key=lambda r: r.left)
    return lines


def _render(lines: Sequence[tuple[_Line, float]], unit: float) -> str:
    """Lines as text, with the page's gaps as spaces and blank lines."""
    pitches = [b[0].top - a[0].top for a, b in zip(lines, lines[1:], strict=False)]
    usual = median([p for p in pitches if p > 0] or [0.0])
    out: list[str] = []
    for index, (line, left) in enumerate(lines):
        pitch = pitches[index - 1] if index else 0.0
        if out and usual and pitch > PARAGRAPH_GAP * usual:
            out.append("")
        text = " " * _spaces(line.left - left, unit, indent=True)
        previous: Run | None = None
        for run in line.runs:
            if previous is not None:
                text += " " * _spaces(run.left - previous.right, unit, indent=False)
            text += run.text
            previous = run
        out.append(text.rstrip())
    return "\n".join(out)


def _spaces(gap: float, unit: float, indent: bool) -> int:
    """Spaces for a gap: as many letters as fit (at least one between runs)."""
    count = round(gap / unit) if unit > 0 else 0
    return max(count, 0 if indent else 1)


def _letter_width(runs: Sequence[Run]) -> float:
    """The page's typical letter width (its text's width per character)."""
    chars = sum(len(run.text) for run in runs)
    return sum(run.right - run.left for run in runs) / chars if chars else 0.0
