"""The app on a big library: time and memory until every file is listed, vs the core.

Writes N synthetic interviews (``synth.py``, seeded), then in separate processes:
``Library.load`` alone into an empty cache (the floor), the headless app on an empty
folder (its fixed memory), the app into an empty cache (cold) and again from that
cache (warm). The app's time is from start until the load worker has finished and
the list shows every interview; the list is usable (and interviews open) from the
first batch on. Memory is the process's peak RSS and its RSS once loaded, also as a
multiple of the corpus size on disk. With ``--baseline SRC`` (another version's
``src``, e.g. main's exported with ``git archive``) each app phase runs for both
versions in turn, each with its own cache, so the two are compared in the same run.

    .venv/bin/python bench/app_load.py [--interviews N] [--seed S] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src"
sys.path.insert(0, str(BENCH))

from synth import write_corpus  # noqa: E402


def _core(folder: Path, cache: Path) -> tuple[float, int]:
    from reader.core.library import Library

    started = time.perf_counter()
    with Library(cache_dir=cache) as library:
        library.load([folder])
        return time.perf_counter() - started, len(library.summaries)


def _app(folder: Path, cache: Path) -> tuple[float, int]:
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


def _rss_mb() -> float:
    """Resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _phase(kind: str, folder: Path, cache: Path, src: Path) -> str:
    """Run one phase of the code in ``src`` in a fresh process, so its peak memory is
    its own."""
    result = subprocess.run(
        [sys.executable, __file__, "--phase", kind, str(folder), str(cache)],
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--code", type=Path, default=SRC, help="this code's src folder")
    parser.add_argument("--baseline", type=Path, help="another version's src folder")
    parser.add_argument("--phase", nargs=3, metavar=("KIND", "FOLDER", "CACHE"))
    args = parser.parse_args()
    if args.phase:
        kind, folder, cache = args.phase
        seconds, count = (_core if kind == "core" else _app)(Path(folder), Path(cache))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{seconds:.2f} {count} {peak:.0f} {_rss_mb():.0f}")
        return
    versions = {"": args.code}
    if args.baseline is not None:
        versions = {"(this code)": args.code, "(baseline)": args.baseline}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, args.interviews, seed=args.seed)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
        print(f"corpus: {args.interviews} interviews, {size:.1f} MB on disk")
        empty = Path(tmp) / "empty"
        empty.mkdir()
        rows = [("Library.load alone, cold", "core", folder, "core", args.code)]
        for label, where, cache in [
            ("app, empty folder", empty, "empty"),
            ("app, cold (empty cache)", folder, "app"),
            ("app, warm (from cache)", folder, "app"),
        ]:
            for number, (name, src) in enumerate(versions.items()):
                rows.append((f"{label} {name}".rstrip(), "app", where, f"{cache}-{number}", src))
        print(f"{'run':<38} {'time':>8} {'listed':>7} {'peak RSS':>16} {'RSS loaded':>16}")
        for label, kind, where, cache, src in rows:
            seconds, count, peak, loaded = _phase(kind, where, Path(tmp) / cache, src).split()
            print(
                f"{label:<38} {float(seconds):6.2f} s {count:>7}"
                f" {_mb(peak, size):>16} {_mb(loaded, size):>16}"
            )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")


def _mb(value: str, corpus: float) -> str:
    """``123 MB (3.4×)``: memory and its multiple of the corpus size."""
    return f"{float(value):.0f} MB ({float(value) / corpus:.1f}×)"


if __name__ == "__main__":
    main()
