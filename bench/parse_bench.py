"""Parsing speed: seeds, 5 and 50 MB transcripts, a 1 MB line, a long .docx, 1,000 turns on screen.

These are the timings the tests used to assert (the tests now check only what is
parsed). Each case is timed against the cheapest possible "Name: text" splitter over
the same text, ``str.splitlines()`` and ``line.partition(":")``, so the table shows
what the full parser (labels, speakers, header metadata, furniture, offsets) costs
over a naive one. The big transcripts are the five seeds joined and repeated, as in
``tests/test_parse_formats.py``; the .docx alternates bold "Ann:" / "Bo:" labels, as
in ``tests/test_formats_docx.py``; the 1,000-turn interview is the one of
``tests/test_ui_conversation_view.py`` and ``tests/test_ui_app.py``.

Times are CPU seconds, the median of ``--repeat`` runs (seeds: ten times as many).
Each version of the code runs in a worker process of its own (``PYTHONPATH`` set to
its ``src``) on the same input files. With ``--baseline SRC`` (another version's
``src`` folder, e.g. one exported with ``git archive``) both workers run each case in
turn, round after round (this code first in one round, the baseline in the next), and
the table gives the ratio per case with the budget of issue 13 marked: parsing stays
within 20 % of the baseline. "old limit" is the wall-clock bound the tests used to
assert.

    .venv/bin/python bench/parse_bench.py [--repeat N] [--big-mb MB] [--docx-paragraphs P]
        [--baseline SRC] [--code SRC] [--only CASES]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src"
SEEDS = BENCH.parent / "data"
BUDGET = 1.20
"""Issue 13: parsing stays within 20 % of the baseline."""
SEED_RUNS = 10
"""Runs of each seed for one run of the other cases (a seed takes about a millisecond)."""
LINE_WORDS = 200_000


def naive(text: str) -> int:
    """The peer: every line with a colon is a turn, name before it, speech after."""
    turns = []
    for line in text.splitlines():
        name, colon, speech = line.partition(":")
        if colon:
            turns.append((name.strip(), speech.strip()))
    return len(turns)


def cpu_times(run: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """CPU seconds of each of ``runs`` runs, and the last run's result."""
    times = []
    result = None
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        result = run()
        times.append(time.process_time() - started)
    return times, result


def seeds_corpus(seeds: list[Path]) -> str:
    """The five seeds joined, as ``seeds_corpus`` in the tests builds them."""
    return "\n\n".join(p.read_text("utf-8") for p in seeds)


def big_text(seeds: list[Path], megabytes: int) -> str:
    corpus = seeds_corpus(seeds)
    return corpus * (megabytes * 1024 * 1024 // len(corpus))


def line_text() -> str:
    return f"Q: {'word ' * LINE_WORDS}\n\nA: Short.\n"


def write_docx(path: Path, paragraphs: int) -> None:
    document = docx.Document()
    for i in range(paragraphs):
        paragraph = document.add_paragraph()
        paragraph.add_run("Ann:" if i % 2 == 0 else "Bo:").bold = True
        paragraph.add_run(f" Sentence number {i}.")
    document.save(str(path))


def docx_text(path: Path) -> str:
    """The cheapest way to the document's text: python-docx paragraphs, one a line."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def long_transcript(path: Path) -> None:
    """The 1,000-turn file of ``tests/test_ui_app.py``."""
    body = "\n\n".join(
        f"QUESTION: Question number {n} about the weather?\n\n"
        f"SECRETARY KERRY: Answer number {n}: it was a long, long answer about the weather,"
        " the sea, the ships and the cold war, wrapped over a few lines on any screen."
        for n in range(500)
    )
    path.write_text(f"Interview With Nobody In Particular\n\n{body}\n", encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files every worker reads, written once by the main process."""

    seeds: list[Path]
    big: Path
    document: Path
    transcript: Path
    five_mb: int = 5

    def to_argv(self) -> list[str]:
        files = [str(self.big), str(self.document), str(self.transcript)]
        return [*files, str(self.five_mb), *map(str, self.seeds)]

    @classmethod
    def from_argv(cls, argv: list[str]) -> Inputs:
        big, document, transcript, five_mb, *seeds = argv
        paths = [Path(s) for s in seeds]
        return cls(paths, Path(big), Path(document), Path(transcript), int(five_mb))


# ---- the worker: runs cases on one version of the code ----------------------------


def long_interview(count: int) -> Any:
    """The 1,000-turn interview of ``tests/test_ui_conversation_view.py``.

    A version whose turns hold plain strings (before ``Paragraph``) gets the same text.
    """
    from reader.core import model

    body = "Words that go on for a while so that each paragraph wraps onto a few lines. " * 3
    paragraph = model.Paragraph(body) if hasattr(model, "Paragraph") else body
    role = model.Role
    return model.Interview(
        source=Path("long.txt"),
        title="Long",
        turns=tuple(
            model.Turn(
                "Q" if n % 2 else "A",
                "Q" if n % 2 else "A",
                role.INTERVIEWER if n % 2 else role.INTERVIEWEE,
                (paragraph,),
                0,
                0,
            )
            for n in range(count)
        ),
    )


def view_open(runs: int) -> list[float]:
    """CPU seconds for ``ConversationView.show`` of 1,000 turns and the next refresh."""
    from textual.app import App, ComposeResult

    from reader.ui.widgets.conversation_view import ConversationView

    class ViewApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ConversationView()

    interview = long_interview(1000)

    async def run() -> list[float]:
        times = []
        app = ViewApp()
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.query_one(ConversationView)
            for _ in range(runs):
                view.show(long_interview(1))
                await pilot.pause()
                gc.collect()
                started = time.process_time()
                view.show(interview)
                await pilot.pause()
                times.append(time.process_time() - started)
        return times

    return asyncio.run(run())


def app_to_end(path: Path, runs: int) -> list[float]:
    """CPU seconds for ``G`` (to the end) in the app on a 1,000-turn transcript."""
    from reader.ui.app import ReaderApp

    async def run() -> list[float]:
        times = []
        app = ReaderApp([path])
        async with app.run_test(size=(120, 34)) as pilot:
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.current is not None and len(app.current.turns) == 1000
            for _ in range(runs):
                await pilot.press("g")
                gc.collect()
                started = time.process_time()
                await pilot.press("G")
                times.append(time.process_time() - started)
        return times

    return asyncio.run(run())


def turn_count(interview: Any) -> int:
    return len(interview.turns)


class Worker:
    """The cases, run on the ``reader`` this process imports."""

    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.texts: dict[str, str] = {}

    def run(self, case: str, runs: int) -> tuple[list[float], int | None]:
        """CPU seconds of ``runs`` runs of a case, and the turns it parsed."""
        from reader.core.loader import load_interview
        from reader.core.parsing import parse_text

        inputs = self.inputs
        if case.startswith("seed "):
            path = inputs.seeds[int(case.split()[1])]
            times, interview = cpu_times(lambda: load_interview(path), runs)
        elif case == "5mb":
            text = self.text(case, lambda: big_text(inputs.seeds, inputs.five_mb))
            times, interview = cpu_times(lambda: parse_text(text), runs)
        elif case == "big":
            times, interview = cpu_times(lambda: load_interview(inputs.big), runs)
        elif case == "line":
            text = self.text(case, line_text)
            times, interview = cpu_times(lambda: parse_text(text), runs)
        elif case == "docx":
            times, interview = cpu_times(lambda: load_interview(inputs.document), runs)
        elif case == "view":
            return view_open(runs), None
        elif case == "app":
            return app_to_end(inputs.transcript, runs), None
        else:
            raise ValueError(f"no case {case!r}")
        return times, turn_count(interview)

    def text(self, case: str, make: Callable[[], str]) -> str:
        if case not in self.texts:
            self.texts[case] = make()
        return self.texts[case]


def serve(argv: list[str]) -> None:
    """Worker mode: announce the ``reader`` in use, then answer one JSON request a line."""
    import reader

    worker = Worker(Inputs.from_argv(argv))
    print(json.dumps({"reader": reader.__file__}), flush=True)
    for request in sys.stdin:
        order = json.loads(request)
        times, turns = worker.run(order["case"], order["runs"])
        print(json.dumps({"times": times, "turns": turns}), flush=True)


# ---- the main process: inputs, workers, rounds and the table -----------------------


class Version:
    """A worker process running one version of the code."""

    def __init__(self, name: str, src: Path, inputs: Inputs, home: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(src.resolve()))
        for key in ("READER_DATA_DIR", "READER_CACHE_DIR", "READER_CONFIG_DIR"):
            env[key] = str(home / name.replace(" ", "-") / key.lower())
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", *inputs.to_argv()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.reader = self.receive()["reader"]
        self.times: dict[str, list[float]] = {}
        self.turns: dict[str, int | None] = {}

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the worker for {self.name} stopped")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self, case: str, runs: int) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"case": case, "runs": runs}) + "\n")
        self.process.stdin.flush()
        answer = self.receive()
        self.times.setdefault(case, []).extend(answer["times"])
        self.turns[case] = answer["turns"]

    def median(self, case: str) -> float:
        return statistics.median(self.times[case])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


@dataclass(frozen=True, slots=True)
class Case:
    key: str
    name: str
    size: str
    runs: int
    """Runs a round."""
    peer: Callable[[], int] | None
    limit: str


def cases(inputs: Inputs, repeat_seeds: int, args: argparse.Namespace) -> list[Case]:
    """Every case, with the naive split over the same text as its peer."""
    found = []
    for index, path in enumerate(inputs.seeds):
        size = f"{path.stat().st_size / 1024:.1f} KB"
        name = f"seed {path.name[:3]} (load_interview)"
        peer = lambda p=path: naive(p.read_text("utf-8"))  # noqa: E731
        found.append(Case(f"seed {index}", name, size, repeat_seeds, peer, ""))
    five = big_text(inputs.seeds, inputs.five_mb)
    line = line_text()
    big_mb = f"{inputs.big.stat().st_size / 2**20:.1f} MB"
    paragraphs = f"{args.docx_paragraphs:,} paragraphs .docx"
    size = f"{inputs.document.stat().st_size / 1024:.0f} KB"
    return [
        *found,
        Case("5mb", "5 MB of seeds (parse_text)", f"{len(five) / 2**20:.1f} MB", 1,
             lambda: naive(five), "2.5 s"),
        Case("big", f"{args.big_mb} MB file (load_interview)", big_mb, 1,
             lambda: naive(inputs.big.read_text("utf-8")), "30 s"),
        Case("line", "one 1 MB line (parse_text)", f"{len(line) / 2**20:.1f} MB", 1,
             lambda: naive(line), "1 s"),
        Case("docx", paragraphs, size, 1, lambda: naive(docx_text(inputs.document)), "5 s/2,000"),
        Case("view", "ConversationView.show, 1,000 turns", "", 1, None, "2 s"),
        Case("app", "app: G to the end, 1,000 turns", "", 1, None, "1 s"),
    ]  # fmt: skip


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:9.3f} ms"
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.2f} s "


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:6.2f}x" if theirs else "    —  "


def verdict(ours: float, theirs: float) -> str:
    return "ok" if ours <= BUDGET * theirs else "OVER"


def report(
    table: list[Case], this: Version, base: Version | None, peers: dict[str, tuple[float, int]]
) -> None:
    head = f"{'case':<34} {'size':>8} {'this code':>12}"
    if base is not None:
        head += f" {'baseline':>12} {'ratio':>7} {'≤' + format(BUDGET, '.2f') + 'x':>6}"
    print(f"{head} {'naive split':>12} {'turns (naive)':>15} {'old limit':>9}")
    seeds = [case for case in table if case.key.startswith("seed ")]
    for case in seeds:
        print(row(case.name, case.size, case.key, this, base, peers, case.limit))
    if seeds:
        print(row("  all five seeds", "", [c.key for c in seeds], this, base, {}, "0.25 s"))
    for case in table[len(seeds) :]:
        print(row(case.name, case.size, case.key, this, base, peers, case.limit))


def row(
    name: str,
    size: str,
    keys: str | list[str],
    this: Version,
    base: Version | None,
    peers: dict[str, tuple[float, int]],
    limit: str,
) -> str:
    """One line of the table: a case, or the sum of several (``keys``)."""
    every = [keys] if isinstance(keys, str) else keys
    ours = sum(this.median(key) for key in every)
    line = f"{name:<34} {size:>8} {ms(ours)}"
    if base is not None:
        theirs = sum(base.median(key) for key in every)
        line += f" {ms(theirs)} {ratio(ours, theirs):>7} {verdict(ours, theirs):>6}"
    if isinstance(keys, str) and keys in peers:
        seconds, count = peers[keys]
        line += f" {ms(seconds)} {f'{this.turns[keys]} ({count})':>15}"
    else:
        line += f" {'—' if isinstance(keys, str) else '':>12} {'':>15}"
    return f"{line} {limit:>9}"


GROUPS = ("seeds", "5mb", "big", "line", "docx", "view", "app")
"""The case groups ``--only`` chooses from (``seeds`` is the five seeds)."""


def chosen(case: Case, only: str | None) -> bool:
    if only is None:
        return True
    group = "seeds" if case.key.startswith("seed ") else case.key
    return group in only.split(",")


def write_inputs(tmp: Path, args: argparse.Namespace) -> Inputs:
    seeds = sorted(SEEDS.glob("*.txt"))
    big = tmp / "huge.txt"
    big.write_text(big_text(seeds, args.big_mb), encoding="utf-8")
    document = tmp / "long.docx"
    write_docx(document, args.docx_paragraphs)
    transcript = tmp / "long.txt"
    long_transcript(transcript)
    return Inputs(seeds, big, document, transcript)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--big-mb", type=int, default=50, help="size of the big file")
    parser.add_argument("--docx-paragraphs", type=int, default=3000)
    parser.add_argument("--baseline", type=Path, help="another version's src folder")
    parser.add_argument("--code", type=Path, default=SRC, help="this code's src folder")
    parser.add_argument(
        "--only", help=f"these cases, comma-separated: {','.join(GROUPS)} (default: all)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        inputs = write_inputs(tmp, args)
        versions = [Version("this code", args.code, inputs, tmp)]
        if args.baseline is not None:
            versions.append(Version("baseline", args.baseline, inputs, tmp))
        for version in versions:
            print(f"{version.name}: {version.reader}")
        table = [case for case in cases(inputs, SEED_RUNS, args) if chosen(case, args.only)]
        for index in range(args.repeat):
            order = versions if index % 2 == 0 else versions[::-1]
            for case in table:
                for version in order:
                    version.run(case.key, case.runs)
        peers = {}
        for case in table:
            if case.peer is not None:
                times, count = cpu_times(case.peer, case.runs * args.repeat)
                peers[case.key] = statistics.median(times), count
        for version in versions:
            version.close()
    base = versions[1] if len(versions) > 1 else None
    report(table, versions[0], base, peers)
    print(f"load average: {' '.join(f'{n:.1f}' for n in os.getloadavg())} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        serve(sys.argv[2:])
    else:
        main()
