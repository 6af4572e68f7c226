"""Parsing speed: seeds, 5 and 50 MB transcripts, a 1 MB line, a long .docx, 1,000 turns on screen.

These are the timings the tests used to assert (the tests now check only what is
parsed). Each case is timed against the cheapest possible "Name: text" splitter over
the same text, ``str.splitlines()`` and ``line.partition(":")``, so the table shows
what the full parser (labels, speakers, header metadata, furniture, offsets) costs
over a naive one. The big transcripts are the five seeds joined and repeated, as in
``tests/test_parse_formats.py``; the .docx alternates bold "Ann:" / "Bo:" labels, as
in ``tests/test_formats_docx.py``; the 1,000-turn interview is the one of
``tests/test_ui_conversation_view.py`` and ``tests/test_ui_app.py``. Each time is the
median of ``--repeat`` runs (seeds: ten times as many). "old limit" is the wall-clock
bound the test used to assert.

    .venv/bin/python bench/parse_bench.py [--repeat N] [--big-mb MB] [--docx-paragraphs P]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx

from reader.core.loader import load_interview
from reader.core.model import Interview, Paragraph, Role, Turn
from reader.core.parsing import parse_text
from reader.core.paths import bundled_corpus_dir


def naive(text: str) -> int:
    """The peer: every line with a colon is a turn, name before it, speech after."""
    turns = []
    for line in text.splitlines():
        name, colon, speech = line.partition(":")
        if colon:
            turns.append((name.strip(), speech.strip()))
    return len(turns)


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds of ``repeat`` runs, and the last run's result."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def turns(result: Interview | int) -> int:
    return result if isinstance(result, int) else len(result.turns)


def seeds_corpus(seeds: list[Path]) -> str:
    """The five seeds joined, as ``seeds_corpus`` in the tests builds them."""
    return "\n\n".join(p.read_text("utf-8") for p in seeds)


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


def long_interview(count: int) -> Interview:
    """The 1,000-turn interview of ``tests/test_ui_conversation_view.py``."""
    body = "Words that go on for a while so that each paragraph wraps onto a few lines. " * 3
    return Interview(
        source=Path("long.txt"),
        title="Long",
        turns=tuple(
            Turn(
                "Q" if n % 2 else "A",
                "Q" if n % 2 else "A",
                Role.INTERVIEWER if n % 2 else Role.INTERVIEWEE,
                (Paragraph(body),),
                0,
                0,
            )
            for n in range(count)
        ),
    )


def long_transcript(path: Path) -> None:
    """The 1,000-turn file of ``tests/test_ui_app.py``."""
    body = "\n\n".join(
        f"QUESTION: Question number {n} about the weather?\n\n"
        f"SECRETARY KERRY: Answer number {n}: it was a long, long answer about the weather,"
        " the sea, the ships and the cold war, wrapped over a few lines on any screen."
        for n in range(500)
    )
    path.write_text(f"Interview With Nobody In Particular\n\n{body}\n", encoding="utf-8")


def view_open(repeat: int) -> float:
    """Median seconds for ``ConversationView.show`` of 1,000 turns and the next refresh."""
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
            for _ in range(repeat):
                view.show(long_interview(1))
                await pilot.pause()
                gc.collect()
                started = time.perf_counter()
                view.show(interview)
                await pilot.pause()
                times.append(time.perf_counter() - started)
        return times

    return statistics.median(asyncio.run(run()))


def app_to_end(path: Path, repeat: int) -> float:
    """Median seconds for ``G`` (to the end) in the app on a 1,000-turn transcript."""
    from reader.ui.app import ReaderApp

    async def run() -> list[float]:
        times = []
        app = ReaderApp([path])
        async with app.run_test(size=(120, 34)) as pilot:
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.current is not None and len(app.current.turns) == 1000
            for _ in range(repeat):
                await pilot.press("g")
                gc.collect()
                started = time.perf_counter()
                await pilot.press("G")
                times.append(time.perf_counter() - started)
        return times

    return statistics.median(asyncio.run(run()))


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:9.3f} ms"
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.2f} s "


def row(case: str, size: str, reader: float, peer: float | None, counts: str, limit: str) -> None:
    if peer is None:
        print(f"{case:<34} {size:>8} {ms(reader)} {'—':>12} {'':>7} {counts:>15} {limit:>9}")
        return
    ratio = f"{reader / peer:6.1f}x"
    print(f"{case:<34} {size:>8} {ms(reader)} {ms(peer)} {ratio:>7} {counts:>15} {limit:>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--big-mb", type=int, default=50, help="size of the big file")
    parser.add_argument("--docx-paragraphs", type=int, default=3000)
    args = parser.parse_args()
    repeat = args.repeat
    seeds = sorted(bundled_corpus_dir().glob("*.txt"))
    corpus = seeds_corpus(seeds)
    with tempfile.TemporaryDirectory() as tmp:
        for key in ("READER_DATA_DIR", "READER_CACHE_DIR", "READER_CONFIG_DIR"):
            os.environ[key] = str(Path(tmp) / key.lower())
        print(
            f"{'case':<34} {'size':>8} {'reader':>12} {'naive split':>12} {'ratio':>7}"
            f" {'turns (naive)':>15} {'old limit':>9}"
        )
        total = 0.0
        for path in seeds:
            seconds, interview = timed(lambda p=path: load_interview(p), repeat * 10)
            peer, lines = timed(lambda p=path: naive(p.read_text("utf-8")), repeat * 10)
            total += seconds
            size = f"{path.stat().st_size / 1024:.1f} KB"
            counts = f"{turns(interview)} ({lines})"
            row(f"seed {path.name[:3]} (load_interview)", size, seconds, peer, counts, "")
        blank = ""
        print(f"{'  all five seeds':<34} {blank:>8} {ms(total)} {blank:>36} {'0.25 s':>9}")

        text = corpus * (5 * 1024 * 1024 // len(corpus))
        seconds, interview = timed(lambda: parse_text(text), repeat)
        peer, lines = timed(lambda: naive(text), repeat)
        counts = f"{turns(interview)} ({lines})"
        row(
            "5 MB of seeds (parse_text)",
            f"{len(text) / 2**20:.1f} MB",
            seconds,
            peer,
            counts,
            "2.5 s",
        )

        big = Path(tmp) / "huge.txt"
        big.write_text(corpus * (args.big_mb * 1024 * 1024 // len(corpus)), encoding="utf-8")
        seconds, interview = timed(lambda: load_interview(big), repeat)
        peer, lines = timed(lambda: naive(big.read_text("utf-8")), repeat)
        counts = f"{turns(interview)} ({lines})"
        size = f"{big.stat().st_size / 2**20:.1f} MB"
        row(f"{args.big_mb} MB file (load_interview)", size, seconds, peer, counts, "30 s")
        del interview
        big.unlink()

        line = "word " * 200_000
        text = f"Q: {line}\n\nA: Short.\n"
        seconds, interview = timed(lambda: parse_text(text), repeat)
        peer, lines = timed(lambda: naive(text), repeat)
        counts = f"{turns(interview)} ({lines})"
        row(
            "one 1 MB line (parse_text)",
            f"{len(text) / 2**20:.1f} MB",
            seconds,
            peer,
            counts,
            "1 s",
        )

        document = Path(tmp) / "long.docx"
        write_docx(document, args.docx_paragraphs)
        seconds, interview = timed(lambda: load_interview(document), repeat)
        peer, lines = timed(lambda: naive(docx_text(document)), repeat)
        counts = f"{turns(interview)} ({lines})"
        size = f"{document.stat().st_size / 1024:.0f} KB"
        row(f"{args.docx_paragraphs:,} paragraphs .docx", size, seconds, peer, counts, "5 s/2,000")

        row("ConversationView.show, 1,000 turns", "", view_open(repeat), None, "", "2 s")
        transcript = Path(tmp) / "long.txt"
        long_transcript(transcript)
        row("app: G to the end, 1,000 turns", "", app_to_end(transcript, repeat), None, "", "1 s")


if __name__ == "__main__":
    main()
