"""Ranking quality must not regress: the bench's half-remembered queries, kept small.

``bench/quality.py`` runs the same 42 queries against thousands of distractors; here
the seeds alone and with 200 synthetic distractor interviews, with thresholds just
under what the engine scores today (seeds: 100 % hit@1; with distractors: 95.2 % hit@1,
97.6 % hit@5, MRR 0.968), so two more misses fail.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from reader.core.library import Library

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench_module(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


quality = _bench_module("quality")
synth = _bench_module("synth")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    base = tmp_path_factory.mktemp("quality")
    with Library(base / "cache") as library:
        library.load([synth.SEEDS])
        yield library


def test_the_query_set_is_well_formed(seeds_dir: Path) -> None:
    cases = quality.load_cases()
    assert len(cases) >= 40
    for case in cases:
        text = " ".join((seeds_dir / case.file).read_text(encoding="utf-8").split())
        assert " ".join(case.expect.split()) in text, case


def test_every_query_finds_its_passage_first_on_the_seeds(library: Library) -> None:
    result = quality.evaluate(library, quality.load_cases())
    assert result.hit1 >= 0.97
    assert result.mrr >= 0.98


def test_quality_holds_with_distractors(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path / "distractors", 200, seed=7)
    with Library(tmp_path / "cache") as library:
        library.load([synth.SEEDS, tmp_path / "distractors"])
        assert len(library.summaries) == 205
        result = quality.evaluate(library, quality.load_cases())
    assert result.hit1 >= 0.92
    assert result.hit5 >= 0.95
    assert result.mrr >= 0.94
