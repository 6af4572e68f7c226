"""Which in-interview hits are close matches: the sought passage's score and the others'.

``n``/``N`` in the app step through the hits of the search inside the open interview
that score at least ``CLOSE_MATCH``. For each query of ``quality_queries.json``, searched
in its own interview, this prints how many sought passages and how many other hits each
threshold keeps.

    .venv/bin/python bench/close_match.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from quality import load_cases  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.search import CLOSE_MATCH  # noqa: E402
from synth import SEEDS  # noqa: E402

THRESHOLDS = (40.0, 50.0, 55.0, CLOSE_MATCH, 65.0, 70.0, 75.0)


def main() -> int:
    cases = load_cases()
    sought: list[float] = []
    others: list[list[float]] = []
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "cache") as library:
        library.load([SEEDS])
        for case in cases:
            hits = library.search(case.query, limit=1000, source=SEEDS / case.file)
            found = [h for h in hits if case.found_in(case.file, h.text)]
            sought.append(found[0].score if found else 0.0)
            others.append([h.score for h in hits if not found or h is not found[0]])
    total = sum(map(len, others))
    print(f"{len(cases)} queries, each searched in its interview: {total:,} other hits")
    print(f"lowest score of a sought passage: {min(sought):.1f}")
    print(f"{'score at least':>14} {'sought kept':>12} {'others kept':>12} {'most per query':>15}")
    for threshold in THRESHOLDS:
        kept = sum(score >= threshold for score in sought)
        per_query = [sum(score >= threshold for score in scores) for scores in others]
        mark = "  <- CLOSE_MATCH" if threshold == CLOSE_MATCH else ""
        print(
            f"{threshold:>14.0f} {kept:>7} / {len(cases)} {sum(per_query):>7} / {total:,}"
            f" {max(per_query):>15}{mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
