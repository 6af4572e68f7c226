"""The real transcripts of ``tests/realworld`` read as their hand-written ground truth.

Each file is held to its entry in ``tests/realworld/expected.json`` (see
``tests/realworld/SOURCES.md`` for what the fields mean). A file the parser misreads
today carries ``known_failure`` and is expected to fail (strictly, so that a fix turns
it red until the entry is updated).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from realworld_truth import failures, load_truths, unknown_words

CORPUS = Path(__file__).resolve().parent / "realworld"
TRUTHS = load_truths(CORPUS)


def _case(name: str) -> object:
    reason = TRUTHS[name].get("known_failure")
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [_case(name) for name in sorted(TRUTHS)])
def test_real_transcript_reads_as_its_ground_truth(name: str) -> None:
    assert failures(CORPUS / name, TRUTHS[name]) == []


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_ground_truth_quotes_the_file(name: str) -> None:
    assert unknown_words(CORPUS / name, TRUTHS[name]) == []


def test_every_file_has_an_entry_and_every_entry_a_file() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name not in {"expected.json", "SOURCES.md"}}
    assert files == set(TRUTHS)


def test_every_entry_says_its_kind_and_source() -> None:
    kinds = {"hearing", "floor", "council", "briefing", "oral-history", "podcast", "captions"}
    kinds |= {"word", "html", "markdown", "pdf"}
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for name, truth in TRUTHS.items():
        assert truth["kind"] in kinds, name
        assert f"`{name}`" in sources, name
