"""Speed and scale: cold load+index, warm start, per-query latency and memory, vs fzf.

Writes N synthetic interviews (``synth.py``, seeded) to a temporary folder, loads them
into an empty cache (cold), then again from the cache (warm), each in its own process
so peak RSS is per phase. The index build alone (sentences split, normalised and
written to FTS5, from interviews already parsed) is timed apart. Then times typo'd
queries, made from the corpus's own sentences, through ``Library.search`` and through
``fzf --filter`` over the same sentences (one per line), and says how often each put
the source sentence first.

    .venv/bin/python bench/search_bench.py [--interviews N] [--queries Q] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from quality import fzf_filter, sentence_lines  # noqa: E402
from reader.core.cache import CODE_VERSION, Cache, Fingerprint, store  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.model import Interview  # noqa: E402
from reader.core.search import passage_rows  # noqa: E402
from reader.core.sqlite import writing  # noqa: E402
from synth import write_corpus  # noqa: E402


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def typo(word: str, rng: random.Random) -> str:
    """One typing slip: a swapped, dropped, doubled or wrong letter."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]


def make_queries(lines: list[str], count: int, seed: int) -> list[tuple[str, str, str]]:
    """``(query, file, sentence)``: 3-6 words of a random sentence, about a third typo'd."""
    rng = random.Random(seed)
    queries: list[tuple[str, str, str]] = []
    while len(queries) < count:
        file, sentence = rng.choice(lines).split("\t", 1)
        words = [w.strip(".,?!;:()“”\"'") for w in sentence.split()]
        words = [w for w in words if w]
        if len(words) < 8:
            continue
        size = rng.randint(3, 6)
        start = rng.randrange(len(words) - size)
        chosen = [typo(w, rng) if rng.random() < 0.35 else w for w in words[start : start + size]]
        if rng.random() < 0.25:
            chosen[0], chosen[-1] = chosen[-1], chosen[0]
        queries.append((" ".join(chosen).lower(), file, sentence))
    return queries


def phase_cold(corpus: Path, cache: Path) -> dict[str, float]:
    started = time.perf_counter()
    with Library(cache) as library:
        library.load([corpus])
        interviews = len(library.summaries)
    return {
        "seconds": time.perf_counter() - started,
        "rss": peak_rss_mb(),
        "n": interviews,
        "code": CODE_VERSION,
    }


def index_build_seconds(interviews: Iterable[Interview], folder: Path) -> float:
    """Time to split, normalise and index already-parsed interviews into an empty cache."""
    cache = Cache(folder)
    conn = cache.connect()
    started = time.perf_counter()
    with writing(conn):
        for index, interview in enumerate(interviews):
            fingerprint = Fingerprint(0, 0, str(index))
            store(conn, str(index), fingerprint, interview, passage_rows(interview))
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def phase_warm(corpus: Path, cache: Path, queries: int, seed: int, lines_file: Path) -> dict:
    started = time.perf_counter()
    library = Library(cache)
    library.load([corpus])
    warm = time.perf_counter() - started
    rss = peak_rss_mb()
    lines = sentence_lines(library)
    lines_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases = make_queries(lines, queries, seed)
    first = time.perf_counter()
    library.search(cases[0][0])
    first_query = time.perf_counter() - first
    latencies, found = [], 0
    for query, file, sentence in cases:
        started = time.perf_counter()
        hits = library.search(query, limit=10)
        latencies.append(time.perf_counter() - started)
        top = hits[0] if hits else None
        found += bool(
            top
            and top.source
            and top.source.name == file
            and sentence in " ".join(top.text.split())
        )
    with tempfile.TemporaryDirectory() as scratch:
        index_build = index_build_seconds(library.each_interview(), Path(scratch))
    library.close()
    return {
        "index_build": index_build,
        "seconds": warm,
        "first_query": first_query,
        "rss": rss,
        "code": CODE_VERSION,
        "latencies": latencies,
        "found": found / len(cases),
        "sentences": len(lines),
        "queries": cases,
    }


def run_fzf(lines_file: Path, cases: list[list[str]]) -> tuple[list[float], float]:
    latencies, found = [], 0
    for query, file, sentence in cases:
        started = time.perf_counter()
        output = fzf_filter(lines_file, query)
        latencies.append(time.perf_counter() - started)
        found += output.split("\n", 1)[0] == f"{file}\t{sentence}"
    return latencies, found / len(cases)


def child(args: list[str]) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--phase", choices=["cold", "warm"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--lines", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase == "cold":
        print(json.dumps(phase_cold(args.corpus, args.cache)))
        return 0
    if args.phase == "warm":
        print(json.dumps(phase_warm(args.corpus, args.cache, args.queries, args.seed, args.lines)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus, cache, lines = base / "corpus", base / "cache", base / "sentences.txt"
        started = time.perf_counter()
        write_corpus(corpus, args.interviews, args.seed)
        generated = time.perf_counter() - started
        common = ["--corpus", str(corpus), "--cache", str(cache)]
        cold = child(["--phase", "cold", *common])
        warm = child(
            [
                "--phase",
                "warm",
                *common,
                "--lines",
                str(lines),
                "--queries",
                str(args.queries),
                "--seed",
                str(args.seed),
            ]
        )
        fzf, fzf_found = run_fzf(lines, warm["queries"])
        ours = warm["latencies"]
        on_disk, cached = folder_mb(corpus), folder_mb(cache)
    if cold["code"] != warm["code"]:
        print("warning: the parsing code changed between the phases; the warm start re-parsed")
    p50, p95 = percentile(ours, 0.5) * 1000, percentile(ours, 0.95) * 1000
    f50, f95 = percentile(fzf, 0.5) * 1000, percentile(fzf, 0.95) * 1000
    print(
        f"corpus: {cold['n']} interviews, {on_disk:.1f} MB on disk, {warm['sentences']:,}"
        f" sentences (generated in {generated:.1f} s); cache {cached:.1f} MB"
    )
    rows = [
        ("cold load + index", f"{cold['seconds']:.2f} s", f"peak RSS {cold['rss']:.0f} MB"),
        ("  of which index build", f"{warm['index_build']:.2f} s", "split, normalise, FTS5"),
        ("warm start (from cache)", f"{warm['seconds']:.2f} s", f"peak RSS {warm['rss']:.0f} MB"),
        ("first query after start", f"{warm['first_query'] * 1000:.0f} ms", ""),
        (
            f"engine p50 / p95 ({len(ours)} q)",
            f"{p50:.1f} / {p95:.1f} ms",
            f"source sentence first: {warm['found']:.0%}",
        ),
        (
            "fzf --filter p50 / p95",
            f"{f50:.1f} / {f95:.1f} ms",
            f"source sentence first: {fzf_found:.0%}",
        ),
        ("fzf p95 / engine p95", f"{f95 / p95:.1f}x", ""),
        (
            "peak RSS / corpus on disk",
            f"{warm['rss'] / on_disk:.1f}x warm",
            f"{cold['rss'] / on_disk:.1f}x cold",
        ),
    ]
    for label, value, note in rows:
        print(f"{label:<28} {value:>18}   {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
