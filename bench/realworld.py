"""How many real transcripts the loader reads right, per kind, and what it gets wrong.

Runs the loader over ``tests/realworld`` and ``../shared/realworld`` and holds each file
to its hand-written ground truth (``expected.json``, checked by
``tests/realworld_truth.py``, as the tests do). Prints a table per kind (files, fully
right) and, for every file read wrong, what fails: turn count, speakers, first texts,
start times, a non-speech line that leaked into speech, a speech line that went
missing. Entries without a kind (``../shared/realworld``) count as ``shared``.

    .venv/bin/python bench/realworld.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from realworld_truth import failures, load_truths  # noqa: E402

FOLDERS = (ROOT / "tests" / "realworld", ROOT.parent / "shared" / "realworld")


def run(verbose: bool) -> None:
    by_kind: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    started = time.perf_counter()
    for folder in FOLDERS:
        for name, truth in sorted(load_truths(folder).items()):
            by_kind[truth.get("kind", "shared")].append((name, failures(folder / name, truth)))
    elapsed = time.perf_counter() - started
    print(f"{'kind':<14}{'files':>6}{'right':>7}")
    for kind, results in sorted(by_kind.items()):
        right = sum(not problems for _, problems in results)
        print(f"{kind:<14}{len(results):>6}{right:>7}")
    total = [r for results in by_kind.values() for r in results]
    right = sum(not problems for _, problems in total)
    print(f"{'all':<14}{len(total):>6}{right:>7}   ({elapsed:.2f} s to load and check)")
    for kind, results in sorted(by_kind.items()):
        for name, problems in results:
            if problems:
                print(f"\n{kind}: {name}")
                for problem in problems if verbose else problems[:4]:
                    print(f"  - {_short(problem)}")
                if not verbose and len(problems) > 4:
                    print(f"  … and {len(problems) - 4} more (--verbose)")


def _short(problem: str, width: int = 150) -> str:
    return problem if len(problem) <= width else problem[: width - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="every failure, not four a file")
    run(parser.parse_args().verbose)


if __name__ == "__main__":
    main()
