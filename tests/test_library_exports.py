"""The reader's own Markdown exports in a loaded folder: left out, decided when a file is
read and remembered in the cache, so a start from the cache opens no file."""

from __future__ import annotations

import builtins
import io
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import reader.core.cache as cache_module
from reader.core.export import to_markdown
from reader.core.library import Library
from reader.core.loader import load_interview

TALK = "Interview With Ann Lee\n\nANN: The harbour will reopen in spring.\n\nBOB: {word} then.\n"
WORDS = {1: "Lighthouse", 2: "Orchard"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two transcripts (one of them Markdown) and an export of the first beside them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "talk1.txt").write_text(TALK.format(word=WORDS[1]), encoding="utf-8")
    (folder / "talk2.md").write_text(TALK.format(word=WORDS[2]), encoding="utf-8")
    exported = to_markdown(load_interview(folder / "talk1.txt"))
    (folder / "talk1 export.md").write_text(exported, encoding="utf-8")
    return folder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], list[str]]:
    """After it is called with a folder: the names of the files opened in it since."""
    names: list[str] = []

    def watch(folder: Path) -> list[str]:
        def counting(real: Callable[..., Any]) -> Callable[..., Any]:
            def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
                if isinstance(file, str | Path) and Path(file).parent == folder:
                    names.append(Path(file).name)
                return real(file, *args, **kwargs)

            return open_

        monkeypatch.setattr(builtins, "open", counting(builtins.open))
        monkeypatch.setattr(io, "open", counting(io.open))
        return names

    return watch


def loaded(library: Library) -> list[str]:
    return sorted(s.source.name for s in library.summaries if s.source is not None)


def test_a_start_from_the_cache_opens_no_file_and_leaves_the_export_out(
    corpus: Path, tmp_path: Path, opened: Callable[[Path], list[str]]
) -> None:
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert loaded(library) == ["talk1.txt", "talk2.md"]
    names = opened(corpus)
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert loaded(library) == ["talk1.txt", "talk2.md"] and library.errors == ()
        assert [hit.source.name for hit in library.search("lighthouse") if hit.source] == [
            "talk1.txt"
        ]
    assert names == []


def test_the_export_is_hashed_but_not_parsed_and_its_entry_says_so(
    corpus: Path, tmp_path: Path
) -> None:
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
    with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
        rows = conn.execute("SELECT path, export, error, title FROM docs ORDER BY path")
        assert [(Path(path).name, *rest) for path, *rest in rows] == [
            ("talk1 export.md", 1, cache_module.NOT_READ, None),
            ("talk1.txt", 0, None, "Interview With Ann Lee"),
            ("talk2.md", 0, None, "Interview With Ann Lee"),
        ]
        assert conn.execute("SELECT count(DISTINCT doc) FROM passages").fetchone() == (2,)


def test_a_file_turned_into_an_export_drops_out_and_back_in_on_the_next_load(
    corpus: Path, tmp_path: Path
) -> None:
    talk2 = corpus / "talk2.md"
    original = talk2.read_text(encoding="utf-8")
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert loaded(library) == ["talk1.txt", "talk2.md"]
        talk2.write_text(to_markdown(load_interview(talk2)), encoding="utf-8")
        library.load([corpus], prune=True)  # as the app's watcher does
        assert loaded(library) == ["talk1.txt"] and library.errors == ()
        assert library.search("orchard") == []
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert loaded(library) == ["talk1.txt"]
        talk2.write_text(original + "\n", encoding="utf-8")
        library.load([corpus], prune=True)
        assert loaded(library) == ["talk1.txt", "talk2.md"]


def test_an_export_whose_mtime_alone_changed_stays_out(corpus: Path, tmp_path: Path) -> None:
    export = corpus / "talk1 export.md"
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        os.utime(export, ns=(1_000_000_000, 1_000_000_000))
        library.load([corpus], prune=True)
        assert loaded(library) == ["talk1.txt", "talk2.md"] and library.errors == ()


def test_an_export_named_is_read_whether_its_folder_was_loaded_before_or_after(
    corpus: Path, tmp_path: Path
) -> None:
    export = corpus / "talk1 export.md"
    with Library(tmp_path / "cache") as library:
        library.load([corpus])  # its entry: an export, not read
    for _ in range(2):  # read, then from the cache
        with Library(tmp_path / "cache") as library:
            library.load([export])
            assert loaded(library) == ["talk1 export.md"] and library.errors == ()
            hits = library.search("lighthouse")
            assert [hit.source.name for hit in hits if hit.source] == ["talk1 export.md"]
    with Library(tmp_path / "cache") as library:
        library.load([corpus])  # its entry now holds the interview: still left out here
        assert loaded(library) == ["talk1.txt", "talk2.md"]
        assert [hit.source.name for hit in library.search("lighthouse") if hit.source] == [
            "talk1.txt"
        ]
        library.load([corpus, export])  # named as well as found: read
        assert loaded(library) == ["talk1 export.md", "talk1.txt", "talk2.md"]
