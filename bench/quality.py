"""Ranking quality on half-remembered queries over the bundled corpus: hit@1, hit@5, MRR.

Each query in ``quality_queries.json`` names the seed file and a piece of the passage
it is after. The engine is scored on the seeds alone, then with synthetic distractor
interviews (same vocabulary, see ``synth.py``) mixed in; ``fzf --filter`` is scored on
the same sentences for comparison.

    .venv/bin/python bench/quality.py [--interviews N] [--seed S] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from reader.core.library import Library  # noqa: E402
from reader.core.search import sentence_spans  # noqa: E402
from synth import SEEDS, write_corpus  # noqa: E402

QUERIES = BENCH / "quality_queries.json"
DEPTH = 10
"""Ranks past this count as a miss."""


@dataclass(frozen=True)
class Case:
    """A query and the passage it should find."""

    kind: str
    query: str
    file: str
    expect: str

    def found_in(self, file: str, text: str) -> bool:
        """Whether a result from ``file`` with ``text`` is the passage sought."""
        return file == self.file and " ".join(self.expect.split()) in " ".join(text.split())


@dataclass(frozen=True)
class Quality:
    """Ranking quality over a set of cases."""

    ranks: tuple[int | None, ...]
    """1-based rank of the right passage per case, None when not in the top DEPTH."""

    @property
    def hit1(self) -> float:
        return sum(r == 1 for r in self.ranks) / len(self.ranks)

    @property
    def hit5(self) -> float:
        return sum(r is not None and r <= 5 for r in self.ranks) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r is not None) / len(self.ranks)

    def row(self, label: str) -> str:
        return f"{label:<34} {self.hit1:6.1%} {self.hit5:6.1%} {self.mrr:6.3f}"


def load_cases() -> list[Case]:
    """The half-remembered queries."""
    return [Case(**case) for case in json.loads(QUERIES.read_text(encoding="utf-8"))]


def rank_of(case: Case, results: Sequence[tuple[str, str]]) -> int | None:
    """1-based rank of the first ``(file, text)`` result that is the passage sought."""
    for rank, (file, text) in enumerate(results[:DEPTH], start=1):
        if case.found_in(file, text):
            return rank
    return None


def evaluate(library: Library, cases: Sequence[Case]) -> Quality:
    """Score the engine: where does each query's passage rank?"""
    ranks = []
    for case in cases:
        hits = library.search(case.query, limit=DEPTH)
        ranks.append(rank_of(case, [(h.source.name if h.source else "", h.text) for h in hits]))
    return Quality(tuple(ranks))


def sentence_lines(library: Library) -> list[str]:
    """Every indexed sentence as ``file<TAB>sentence`` (whitespace collapsed)."""
    lines = []
    for interview in library.each_interview():
        name = interview.source.name if interview.source else ""
        for turn in interview.turns:
            text = turn.text
            for start, stop in sentence_spans(text):
                lines.append(f"{name}\t{' '.join(text[start:stop].split())}")
    return lines


def fzf_filter(lines_file: Path, query: str) -> str:
    """``fzf --filter`` over ``name<TAB>sentence`` lines, matching the sentence only."""
    fzf = shutil.which("fzf")
    assert fzf is not None, "fzf is not installed (Debian package fzf)"
    with lines_file.open("rb") as source:
        return subprocess.run(
            [fzf, "--filter", query, "--delimiter", "\t", "--nth", "2.."],
            stdin=source,
            capture_output=True,
            check=False,
        ).stdout.decode("utf-8")


def fzf_search(lines_file: Path, query: str) -> list[tuple[str, str]]:
    """fzf's best lines for the query as (name, sentence), best first."""
    output = fzf_filter(lines_file, query)
    return [tuple(line.split("\t", 1)) for line in output.splitlines()[:DEPTH]]  # type: ignore[misc]


def evaluate_fzf(lines_file: Path, cases: Sequence[Case]) -> Quality:
    """Score ``fzf --filter`` on the same sentences."""
    return Quality(tuple(rank_of(case, fzf_search(lines_file, case.query)) for case in cases))


def report(
    label: str, library: Library, cases: Sequence[Case], verbose: bool, out: Callable[[str], None]
) -> None:
    """Print the engine's and fzf's quality on one corpus."""
    started = time.perf_counter()
    quality = evaluate(library, cases)
    elapsed = (time.perf_counter() - started) / len(cases)
    out(quality.row(f"engine, {label}") + f"   {elapsed * 1000:5.1f} ms/query")
    if shutil.which("fzf"):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as lines:
            lines.write("\n".join(sentence_lines(library)) + "\n")
            lines.flush()
            out(evaluate_fzf(Path(lines.name), cases).row(f"fzf --filter, {label}"))
    if verbose:
        for case, rank in zip(cases, quality.ranks, strict=True):
            if rank != 1:
                out(f"   rank {rank}  [{case.kind}] {case.query}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=3000, help="distractor interviews")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="list the queries missed at 1")
    args = parser.parse_args(argv)
    cases = load_cases()
    print(f"{len(cases)} half-remembered queries over the bundled corpus (ranks past {DEPTH} miss)")
    print(f"{'':<34} {'hit@1':>6} {'hit@5':>6} {'MRR':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        with Library(base / "cache") as library:
            library.load([SEEDS])
            report("seeds alone", library, cases, args.verbose, print)
            write_corpus(base / "distractors", args.interviews, args.seed)
            library.load([SEEDS, base / "distractors"])
            report(f"seeds + {args.interviews} distractors", library, cases, args.verbose, print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
