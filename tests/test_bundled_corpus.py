"""The demo corpus ships inside the package and is exactly the five seed interviews."""

from __future__ import annotations

from pathlib import Path

from reader.core.paths import bundled_corpus_dir


def _contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.txt"))}


def test_the_installed_package_finds_the_bundled_corpus() -> None:
    assert len(_contents(bundled_corpus_dir())) == 5


def test_the_bundled_corpus_is_the_seeds_unchanged(seeds_source_dir: Path) -> None:
    assert _contents(bundled_corpus_dir()) == _contents(seeds_source_dir)
