"""The app on a big library: time until every file is listed, cold and warm, vs the core.

Writes N synthetic interviews (``synth.py``, seeded), then in separate processes:
``Library.load`` alone into an empty cache (the floor), the headless app into an
empty cache (cold) and again from that cache (warm). The app's figure is the time
from start until the load worker has finished and the list shows every interview;
the list is usable (and interviews open) from the first batch on.

    .venv/bin/python bench/app_load.py [--interviews N] [--seed S]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from synth import write_corpus  # noqa: E402


def _core(folder: Path, cache: Path) -> tuple[float, int]:
    from reader.core.library import Library

    started = time.perf_counter()
    with Library(cache_dir=cache) as library:
        library.load([folder])
        return time.perf_counter() - started, len(library.interviews)


def _app(folder: Path, cache: Path) -> tuple[float, int]:
    import os

    from reader.ui.app import ReaderApp

    os.environ["READER_CACHE_DIR"] = str(cache)

    async def run() -> tuple[float, int]:
        app = ReaderApp([folder])
        started = time.perf_counter()
        async with app.run_test(size=(140, 36)) as pilot:
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.pause()
            listed = len(app.interview_list.visible_sources())
            return time.perf_counter() - started, listed

    return asyncio.run(run())


def _phase(kind: str, folder: Path, cache: Path) -> str:
    """Run one phase in a fresh process so its peak memory is its own."""
    result = subprocess.run(
        [sys.executable, __file__, "--phase", kind, str(folder), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--phase", nargs=3, metavar=("KIND", "FOLDER", "CACHE"))
    args = parser.parse_args()
    if args.phase:
        kind, folder, cache = args.phase
        seconds, count = (_core if kind == "core" else _app)(Path(folder), Path(cache))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{seconds:.2f} {count} {peak:.0f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, args.interviews, seed=args.seed)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
        print(f"corpus: {args.interviews} interviews, {size:.1f} MB on disk")
        rows = [
            ("Library.load alone, cold", "core", Path(tmp) / "cache-core"),
            ("app, cold (empty cache)", "app", Path(tmp) / "cache-app"),
            ("app, warm (from cache)", "app", Path(tmp) / "cache-app"),
        ]
        for label, kind, cache in rows:
            seconds, count, peak = _phase(kind, folder, cache).split()
            print(f"{label:<30} {float(seconds):7.2f} s  {count:>6} listed  peak RSS {peak} MB")


if __name__ == "__main__":
    main()
