"""Start-up as a user meets it: whole `reader search` processes and the app's list, vs fzf.

Writes N synthetic interviews (``synth.py``; or reuses ``--corpus``), then times, for
this checkout's code and optionally another (``--baseline SRC``, e.g. main's ``src``
exported with ``git archive``), each in fresh processes with its own cache:

- cold: ``reader search QUERY FOLDER`` on an empty cache (parsing and indexing
  everything), with the peak RSS of the process and of its largest child (the
  parsing workers), and the peak of the whole process tree's PSS (sampled every
  20 ms: each shared page counted once, shared out among the processes using it);
- warm: the same command again, median of ``--runs``, the versions taking turns;
- the app (headless): from process start until it paints on an empty folder, and
  until it lists all N interviews from a warm cache, and each process's CPU seconds;
  the versions take turns run by run, so both meet the same load;

and ``fzf --filter QUERY`` over the same folder's paragraphs (one per line, as fzf
would be used on them), median of ``--runs``, in the same run.

    .venv/bin/python bench/startup.py [--interviews N | --corpus DIR] [--baseline SRC]
        [--code SRC] [--runs R] [--no-app] [--caches DIR]

``--caches DIR`` keeps each version's cache there (``cache-this-code``,
``cache-baseline``) between runs: on 50,000 interviews a cold index takes many
minutes, so a second run on the same corpus finds them warm and leaves out the cold
figures (a cache of another corpus must not be put there).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src"
sys.path.insert(0, str(BENCH))

from synth import CASES, write_corpus  # noqa: E402

QUERY = "one cold war was enugh"

CLI_CHILD = """
import resource, runpy, sys
sys.argv = ["reader", "search", sys.argv[1], sys.argv[2]]
try:
    runpy.run_module("reader", run_name="__main__")
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(own, children, file=sys.stderr)
"""

APP_CHILD = """
import time
started = time.perf_counter()
import asyncio, sys
from pathlib import Path
from textual.worker import WorkerCancelled
from reader.ui.app import ReaderApp

async def run(folder, expected):
    app = ReaderApp([Path(folder)])
    async with app.run_test(size=(140, 36)) as pilot:
        await pilot.pause()
        painted = time.perf_counter() - started
        while len(app.interview_list.visible_sources()) < expected:
            await pilot.pause(0.01)
        listed = time.perf_counter() - started
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # replaced by a newer one of its (exclusive) group
            pass
    print(painted, listed)

asyncio.run(run(sys.argv[1], int(sys.argv[2])))
"""


def environment(src: Path, cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src), "READER_CACHE_DIR": str(cache)}


class Process(NamedTuple):
    """One ``reader search`` process: seconds, CPU seconds (user + system, its workers
    included), its peak RSS and its largest child's, and the tree's peak PSS (MB)."""

    seconds: float
    cpu: float
    rss: float
    child_rss: float
    pss: float


def children_cpu() -> float:
    """CPU seconds of this process's finished children (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(src: Path, cache: Path, folder: Path) -> Process:
    """Run ``reader search QUERY FOLDER`` once."""
    cpu = children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", CLI_CHILD, QUERY, str(folder)],
        env=environment(src, cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_pss = 0.0
    while process.poll() is None:
        peak_pss = max(peak_pss, tree_pss_mb(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    assert process.stderr is not None and process.returncode == 0
    own, children = process.stderr.read().split()[-2:]
    cpu = children_cpu() - cpu
    return Process(seconds, cpu, int(own) / 1024, int(children) / 1024, peak_pss)


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants now (Linux), in MB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += map(int, (task / "children").read_text().split())
        except (OSError, ValueError):  # it ended meanwhile
            continue
    return total / 1024


def app(src: Path, cache: Path, folder: Path, expected: int) -> tuple[float, float, float]:
    """Seconds from process start until the app paints, and until it lists ``expected``;
    the CPU seconds of the whole process (it ends once its workers have)."""
    cpu = children_cpu()
    done = subprocess.run(
        [sys.executable, "-c", APP_CHILD, str(folder), str(expected)],
        env=environment(src, cache),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"the app failed ({src}):\n{done.stderr[-2000:]}")
    painted, listed = done.stdout.split()
    return float(painted), float(listed), children_cpu() - cpu


def transcripts(folder: Path) -> list[Path]:
    """The synthetic transcripts in ``folder``, as ``synth.py`` names them (``.txt``, or
    ``.md`` with ``--suffix .md``), in path order."""
    return sorted(file for suffix in ("*.txt", "*.md") for file in folder.rglob(suffix))


def paragraphs_file(folder: Path, target: Path) -> int:
    """Every paragraph of the folder's transcripts as ``name<TAB>paragraph``; how many."""
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for file in transcripts(folder):
            for paragraph in file.read_text(encoding="utf-8").split("\n\n"):
                text = " ".join(paragraph.split())
                if text:
                    out.write(f"{file.name}\t{text}\n")
                    count += 1
    return count


def fzf(lines: Path) -> tuple[float, float]:
    """Seconds and CPU seconds of one ``fzf --filter`` over the paragraphs."""
    fzf_path = shutil.which("fzf")
    assert fzf_path is not None, "fzf is not installed (Debian package fzf)"
    cpu = children_cpu()
    started = time.perf_counter()
    with lines.open("rb") as source:
        subprocess.run(
            [fzf_path, "--filter", QUERY, "--delimiter", "\t", "--nth", "2.."],
            stdin=source,
            capture_output=True,
            check=False,
        )
    return time.perf_counter() - started, children_cpu() - cpu


def measure(versions: dict[str, Path], caches: Path, corpus: Path, runs: int) -> dict[str, dict]:
    """The command line's figures for each version of the code, in fresh processes: the
    cold start of each (unless its cache in ``caches`` is there already), then the warm
    ones, the versions taking turns run by run so that both meet the same load."""
    nan = float("nan")
    cold = {}
    for name, src in versions.items():
        cache = caches / f"cache-{name.replace(' ', '-')}"
        cold[name] = Process(nan, nan, nan, nan, nan) if cache.exists() else cli(src, cache, corpus)
    warm: dict[str, list[Process]] = {name: [] for name in versions}
    for _ in range(runs):
        for name, src in versions.items():
            warm[name].append(cli(src, caches / f"cache-{name.replace(' ', '-')}", corpus))
    return {
        name: {
            "cold": cold[name].seconds,
            "cold_cpu": cold[name].cpu,
            "rss": cold[name].rss,
            "child_rss": cold[name].child_rss,
            "pss": cold[name].pss,
            "warm": statistics.median(run.seconds for run in warm[name]),
            "warm_cpu": statistics.median(run.cpu for run in warm[name]),
        }
        for name in versions
    }


def measure_app(
    versions: dict[str, Path], base: Path, caches: Path, corpus: Path, count: int, runs: int
) -> dict[str, dict]:
    """The app's figures for each version (its cache warmed by :func:`measure`), the
    versions taking turns run by run so that both meet the same load."""
    empty = base / "empty"
    empty.mkdir(exist_ok=True)
    runs_of: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in versions}
    for _ in range(runs):
        for name, src in versions.items():
            label = name.replace(" ", "-")
            painted, _, painted_cpu = app(src, base / f"cache-{label}-empty", empty, 0)
            _, listed, listed_cpu = app(src, caches / f"cache-{label}", corpus, count)
            runs_of[name].append((painted, listed, painted_cpu, listed_cpu))
    keys = ("painted", "listed", "painted_cpu", "listed_cpu")
    return {
        name: {key: statistics.median(run[i] for run in runs) for i, key in enumerate(keys)}
        for name, runs in runs_of.items()
    }


def report(results: dict[str, dict], fzf_seconds: float, fzf_cpu: float, corpus_mb: float) -> None:
    names = list(results)
    print(f"{'':<44}" + "".join(f"{name:>14}" for name in names))
    rows = [
        ("warm `reader search` (whole process)", lambda r: f"{r['warm']:.3f} s"),
        ("  as a share of fzf --filter", lambda r: f"{r['warm'] / fzf_seconds:.3f}x"),
        ("  its CPU seconds (user + system)", lambda r: f"{r['warm_cpu']:.3f} s"),
        ("  as a share of fzf's CPU seconds", lambda r: f"{r['warm_cpu'] / fzf_cpu:.3f}x"),
        ("app paints, empty folder", lambda r: f"{r['painted']:.2f} s"),
        ("app lists all, warm cache", lambda r: f"{r['listed']:.2f} s"),
        ("  listed - painted on empty", lambda r: f"{r['listed'] - r['painted']:.2f} s"),
        ("app's CPU seconds, empty folder", lambda r: f"{r['painted_cpu']:.2f} s"),
        ("app's CPU seconds, listing all", lambda r: f"{r['listed_cpu']:.2f} s"),
        ("  listing all - empty folder", lambda r: f"{r['listed_cpu'] - r['painted_cpu']:.2f} s"),
        ("cold `reader search` (parse + index)", lambda r: f"{r['cold']:.2f} s"),
        ("  its CPU seconds, workers included", lambda r: f"{r['cold_cpu']:.2f} s"),
        ("  peak RSS, main process", lambda r: f"{r['rss']:.0f} MB"),
        ("  peak RSS, largest worker", lambda r: f"{r['child_rss']:.0f} MB"),
        (
            "  peak RSS, all processes / corpus",
            lambda r: f"{(r['rss'] + _workers(r) * r['child_rss']) / corpus_mb:.2f}x",
        ),
        ("  peak PSS, all processes", lambda r: f"{r['pss']:.0f} MB"),
        ("  peak PSS, all processes / corpus", lambda r: f"{r['pss'] / corpus_mb:.2f}x"),
    ]
    for label, cell in rows:
        print(f"{label:<44}" + "".join(f"{_shown(cell(results[name])):>14}" for name in names))
    print(f"{'fzf --filter (same paragraphs, same run)':<44}{fzf_seconds:>14.3f} s")
    print(f"{'  its CPU seconds (user + system)':<44}{fzf_cpu:>14.3f} s")


def _shown(cell: str) -> str:
    """A figure, or a dash for one not measured (a cold start with a kept cache)."""
    return "-" if cell.startswith("nan") else cell


def _workers(result: dict) -> int:
    """Parsing workers counted in the total: one per core when there were any."""
    from reader.core.workers import cores

    return cores() if result["child_rss"] > 0 else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--interviews", type=int, default=CASES["library"])
    sizes.add_argument("--case", choices=CASES, help="a named size of synth.py")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, help="reuse this synthetic corpus folder")
    parser.add_argument("--baseline", type=Path, help="another version's src folder")
    parser.add_argument("--code", type=Path, default=SRC, help="this code's src folder")
    parser.add_argument("--no-app", action="store_true", help="leave out the app's figures")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--caches", type=Path, help="keep the caches here, warm, between runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus = args.corpus or base / "corpus"
        if args.corpus is None:
            write_corpus(corpus, CASES[args.case] if args.case else args.interviews, args.seed)
        count = len(transcripts(corpus))
        corpus_mb = sum(f.stat().st_size for f in transcripts(corpus)) / 2**20
        lines = base / "paragraphs.txt"
        paragraphs = paragraphs_file(corpus, lines)
        print(f"corpus: {count} interviews, {corpus_mb:.1f} MB, {paragraphs:,} paragraphs")
        versions = {"this code": args.code}
        if args.baseline:
            versions["baseline"] = args.baseline
        caches = args.caches or base
        caches.mkdir(parents=True, exist_ok=True)
        results = measure(versions, caches, corpus, args.runs)
        nothing = dict.fromkeys(("painted", "listed", "painted_cpu", "listed_cpu"), float("nan"))
        apps = {name: nothing for name in versions}
        if not args.no_app:
            apps = measure_app(versions, base, caches, corpus, count, args.runs)
        for name in versions:
            results[name].update(apps[name])
        fzf_runs = [fzf(lines) for _ in range(args.runs)]
    fzf_seconds = statistics.median(wall for wall, _ in fzf_runs)
    fzf_cpu = statistics.median(cpu for _, cpu in fzf_runs)
    report(results, fzf_seconds, fzf_cpu, corpus_mb)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    if args.json:
        figures = {"fzf": fzf_seconds, "fzf_cpu": fzf_cpu, **results}
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
