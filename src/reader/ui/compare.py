"""Comparing codes: passages per code and interview, per code and speaker, and overlaps.

Plain data (no Textual): each table is a header and rows of a label and counts, written
to CSV as shown. Only coded passages that are found in their files count (orphans do not).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from reader.core.bookmarks import Bookmark, Code
from reader.core.bookmarks.codebook import tree


@dataclass(frozen=True, slots=True)
class Table:
    """A count table: a title, its file's name, column headings, rows (label, counts)."""

    title: str
    name: str
    """The CSV file's name, e.g. ``codes-by-interview.csv``."""
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]

    def to_csv(self) -> str:
        """The table as CSV: a heading row, then a row per label."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", *self.columns])
        for label, counts in self.rows:
            writer.writerow([label, *counts])
        return out.getvalue()


def compare_tables(codes: Sequence[Code], passages: Sequence[Bookmark]) -> list[Table]:
    """The three tables for these codes (in tree order) over these coded passages."""
    names = [code.name for code, _depth in tree(codes)]
    coded = [b for b in passages if b.codes and not b.orphaned]
    return [
        _cross(
            "Passages per code and interview",
            "codes-by-interview.csv",
            names,
            coded,
            lambda b: (b.interview_title, b.source),
        ),
        _cross(
            "Passages per code and speaker",
            "codes-by-speaker.csv",
            names,
            coded,
            lambda b: b.speaker,
        ),
        overlaps(names, coded),
    ]


def _cross(
    title: str,
    name: str,
    names: list[str],
    coded: list[Bookmark],
    key: Callable[[Bookmark], Hashable],
) -> Table:
    """Passages of each code in each column (an interview, a speaker), columns in order
    of first appearance; a column key is labelled by its first part when a tuple."""
    counts: Counter[tuple[str, Hashable]] = Counter()
    columns: dict[Hashable, str] = {}
    for bookmark in sorted(coded, key=lambda b: (b.interview_date is None, b.interview_date)):
        column = key(bookmark)
        columns.setdefault(column, str(column[0] if isinstance(column, tuple) else column))
        for code in _folded(bookmark.codes):
            counts[code, column] += 1
    rows = tuple(
        (code, tuple(counts[code.casefold(), column] for column in columns)) for code in names
    )
    return Table(title, name, tuple(columns.values()), rows)


def overlaps(names: list[str], coded: list[Bookmark]) -> Table:
    """For each pair of codes, how many times they meet on the same words: on one
    passage, or on two passages of a turn that share characters. The diagonal is
    each code's number of passages."""
    pairs: Counter[tuple[str, str]] = Counter()
    for bookmark in coded:
        for code in _folded(bookmark.codes):
            pairs[code, code] += 1
        for a, b in combinations(_folded(bookmark.codes), 2):
            pairs[a, b] += 1
            pairs[b, a] += 1
    by_turn: dict[tuple[Path, int], list[Bookmark]] = {}
    for bookmark in coded:
        by_turn.setdefault((bookmark.source, bookmark.turn), []).append(bookmark)
    for same_turn in by_turn.values():
        for first, second in combinations(same_turn, 2):
            if first.start < second.end and second.start < first.end:
                for a in _folded(first.codes):
                    for b in _folded(second.codes):
                        if a != b:
                            pairs[a, b] += 1
                            pairs[b, a] += 1
    rows = tuple(
        (code, tuple(pairs[code.casefold(), other.casefold()] for other in names)) for code in names
    )
    return Table("Codes on the same passages", "code-overlaps.csv", tuple(names), rows)


def _folded(names: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(name.casefold() for name in names))
