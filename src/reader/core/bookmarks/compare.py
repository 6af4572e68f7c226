"""Comparing codes: passages per code and interview, per code and speaker, and overlaps.

Each table is plain data with a CSV form, for the comparison screen and for scripts.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from reader.core.bookmarks.model import Bookmark


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table of counts: a header row, then one row per code (or code pair)."""

    title: str
    name: str
    """A file-name stem for its CSV, e.g. ``codes-by-interview``."""
    header: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]

    def to_csv(self) -> str:
        """The table as CSV (header first)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return out.getvalue()


def by_interview(bookmarks: Sequence[Bookmark], codes: Sequence[str]) -> Table:
    """Passages of each code (rows, in ``codes`` order) in each interview (columns)."""
    columns = sorted({b.interview_title for b in bookmarks if b.codes})
    return _crossed(
        "Passages per code and interview", "codes-by-interview", "interview",
        bookmarks, codes, columns, lambda b: b.interview_title,
    )  # fmt: skip


def by_speaker(bookmarks: Sequence[Bookmark], codes: Sequence[str]) -> Table:
    """Passages of each code (rows) said by each speaker (columns)."""
    columns = sorted({b.speaker for b in bookmarks if b.codes})
    return _crossed(
        "Passages per code and speaker", "codes-by-speaker", "speaker",
        bookmarks, codes, columns, lambda b: b.speaker,
    )  # fmt: skip


def overlaps(bookmarks: Sequence[Bookmark], codes: Sequence[str]) -> Table:
    """Pairs of codes on the same words: on one passage, or on passages that overlap."""
    order = {name: index for index, name in enumerate(codes)}
    pairs: Counter[tuple[str, str]] = Counter()
    live = [b for b in bookmarks if b.codes and not b.orphaned]
    for b in live:
        for x, y in combinations(b.codes, 2):
            pairs[_pair(x, y, order)] += 1
    for a, b in combinations(live, 2):
        if a.source == b.source and a.turn == b.turn and a.start < b.end and b.start < a.end:
            for x in a.codes:
                for y in b.codes:
                    if x != y:
                        pairs[_pair(x, y, order)] += 1
    rows = sorted(
        pairs.items(),
        key=lambda item: (-item[1], order.get(item[0][0], 0), order.get(item[0][1], 0)),
    )
    return Table(
        "Codes on the same words",
        "code-overlaps",
        ("code", "with code", "passages"),
        tuple((x, y, count) for (x, y), count in rows),
    )


def _crossed(
    title: str,
    name: str,
    what: str,
    bookmarks: Sequence[Bookmark],
    codes: Sequence[str],
    columns: list[str],
    key: Callable[[Bookmark], str],
) -> Table:
    counts: Counter[tuple[str, str]] = Counter()
    for bookmark in bookmarks:
        for code in bookmark.codes:
            counts[code, key(bookmark)] += 1
    rows: list[tuple[str | int, ...]] = []
    for code in codes:
        cells = [counts[code, column] for column in columns]
        rows.append((code, *cells, sum(cells)))
    return Table(title, name, ("code", *columns, "total"), tuple(rows))


def _pair(x: str, y: str, order: dict[str, int]) -> tuple[str, str]:
    """Two codes in codebook order."""
    return (x, y) if order.get(x, 0) <= order.get(y, 0) else (y, x)
