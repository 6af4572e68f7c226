"""The on-disk cache: reuse when unchanged, rebuild what changed, survive a broken cache."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import reader.core.cache as cache_module
import reader.core.loader as loader_module
import reader.core.search.index as index_module
from reader.core.library import Library
from reader.core.loader import load_interview
from reader.core.model import Interview
from reader.core.search import Scope, passage_rows


def transcript(word: str) -> str:
    return (
        "Interview With Anna Berg of Radio North\n\nJohn Smith\nMinister\nMarch 3, 2020\n\n"
        f"QUESTION: What about the harbour?\n\nMINISTER SMITH: The {word} will reopen in spring.\n"
    )


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the library actually parses."""
    seen: list[str] = []
    real = loader_module.load_interview

    def counting(path: Path | str) -> Interview:
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(loader_module, "load_interview", counting)
    return seen


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, word in [("a.txt", "harbour"), ("b.txt", "airport"), ("c.txt", "railway")]:
        (folder / name).write_text(transcript(word), encoding="utf-8")
    return folder


def load(cache: Path, *paths: Path) -> Library:
    library = Library(cache)
    library.load(list(paths))
    return library


def texts(library: Library, query: str) -> list[str]:
    """Every hit's passage, best first."""
    return [h.text for h in library.search(query)]


def test_unchanged_files_come_from_the_cache(
    tmp_path: Path, corpus: Path, parses: list[str]
) -> None:
    with load(tmp_path / "cache", corpus) as first:
        cold = (first.summaries, list(first.each_interview()))
    assert sorted(parses) == ["a.txt", "b.txt", "c.txt"]
    parses.clear()
    with load(tmp_path / "cache", corpus) as second:
        assert parses == []
        assert (second.summaries, list(second.each_interview())) == cold
        assert texts(second, "airprot")[0] == "The airport will reopen in spring."


def test_a_changed_file_alone_is_parsed_again_and_reindexed(
    tmp_path: Path, corpus: Path, parses: list[str]
) -> None:
    load(tmp_path / "cache", corpus).close()
    parses.clear()
    (corpus / "b.txt").write_text(transcript("seaport"), encoding="utf-8")
    os.utime(corpus / "b.txt", ns=(1, 1_000_000_000))
    with load(tmp_path / "cache", corpus) as library:
        assert parses == ["b.txt"]
        assert texts(library, "seaport") == ["The seaport will reopen in spring."]
        assert texts(library, "airport") == []


def test_a_touched_but_identical_file_is_matched_by_hash(
    tmp_path: Path, corpus: Path, parses: list[str]
) -> None:
    load(tmp_path / "cache", corpus).close()
    parses.clear()
    os.utime(corpus / "a.txt", ns=(5, 5_000_000_000))
    with load(tmp_path / "cache", corpus) as library:
        assert parses == []
        assert len(library.summaries) == 3
    with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
        (mtime,) = conn.execute("SELECT mtime_ns FROM docs WHERE path LIKE '%a.txt'").fetchone()
    assert mtime == 5_000_000_000


def test_entries_made_by_other_parsing_code_are_not_served(
    tmp_path: Path, corpus: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load(tmp_path / "cache", corpus).close()
    parses.clear()
    monkeypatch.setattr(cache_module, "CODE_VERSION", "another parser")
    with load(tmp_path / "cache", corpus) as library:
        assert sorted(parses) == ["a.txt", "b.txt", "c.txt"]
        assert texts(library, "railway") == ["The railway will reopen in spring."]


def test_code_version_covers_the_parser_sources() -> None:
    files = {f.name for f in cache_module._source_files("reader.core.parsing")}
    assert "__init__.py" in files and len(files) > 1
    assert cache_module._source_files("reader.core.search.text")[0].name == "text.py"


def test_load_errors_are_cached_too(tmp_path: Path, corpus: Path, parses: list[str]) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    load(tmp_path / "cache", corpus).close()
    parses.clear()
    with load(tmp_path / "cache", corpus) as library:
        assert parses == []
        assert [(e.path.name, e.reason) for e in library.errors] == [("empty.txt", "empty file")]


def test_a_cached_interview_takes_the_path_it_is_loaded_by(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(tmp_path / "cache", corpus).close()
    monkeypatch.chdir(corpus)
    with load(tmp_path / "cache", Path("a.txt")) as library:
        (interview,) = library.summaries
        assert interview.source == Path("a.txt")
        assert library.search("harbour reopen")[0].source == Path("a.txt")


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all" * 100,
        b"",
    ],
)
def test_a_corrupt_cache_is_rebuilt_silently(tmp_path: Path, corpus: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    load(cache, corpus).close()
    (cache / cache_module.FILE_NAME).write_bytes(damage)
    for suffix in ("-wal", "-shm"):
        Path(f"{cache / cache_module.FILE_NAME}{suffix}").unlink(missing_ok=True)
    with load(cache, corpus) as library:
        assert len(library.summaries) == 3
        assert texts(library, "harbor reopen")[0] == "The harbour will reopen in spring."


def test_a_foreign_database_in_its_place_is_replaced(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    with sqlite3.connect(cache / cache_module.FILE_NAME) as conn:
        conn.execute("CREATE TABLE something (x)")
    with load(cache, corpus) as library:
        assert len(library.summaries) == 3
    with sqlite3.connect(cache / cache_module.FILE_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == cache_module.SCHEMA_VERSION


def test_an_unusable_cache_folder_falls_back_to_a_temporary_one(
    tmp_path: Path, corpus: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with load(blocker / "cache", corpus) as library:
        assert texts(library, "railwya") == ["The railway will reopen in spring."]
    assert blocker.read_text() == "a file where the cache folder should be"


def test_default_cache_is_in_the_user_cache_dir(corpus: Path) -> None:
    with Library() as library:
        library.load([corpus])
    assert (Path(os.environ["READER_CACHE_DIR"]) / cache_module.FILE_NAME).is_file()


def test_entries_of_deleted_files_and_old_code_are_pruned_after_a_full_load(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(tmp_path / "cache", corpus).close()
    other = tmp_path / "other.txt"
    other.write_text(transcript("ferry"), encoding="utf-8")
    monkeypatch.setattr(cache_module, "CODE_VERSION", "older parser")
    load(tmp_path / "cache", other).close()
    monkeypatch.undo()
    (corpus / "c.txt").unlink()
    with load(tmp_path / "cache", corpus) as library:
        assert len(library.summaries) == 2
    with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
        paths = sorted(Path(p).name for (p,) in conn.execute("SELECT path FROM docs"))
        (passages,) = conn.execute("SELECT count(*) FROM passages").fetchone()
        (indexed,) = conn.execute(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'ferry OR railway'"
        ).fetchone()
    assert paths == ["a.txt", "b.txt"]
    assert passages == 4
    assert indexed == 0


def test_a_full_load_leaves_a_current_vocabulary_snapshot(tmp_path: Path, corpus: Path) -> None:
    load(tmp_path / "cache", corpus).close()
    with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
        snapshot = cache_module.read_meta(conn, "vocabulary")
        assert snapshot is not None
        counts, sentences = pickle.loads(snapshot)
        stamp = cache_module.read_meta(conn, "vocabulary_generation")
        assert stamp == str(cache_module.generation(conn)).encode()
    assert (counts["railway"], counts["reopen"], sentences) == (1, 3, 6)


def test_a_damaged_vocabulary_snapshot_is_rebuilt_from_the_index(
    tmp_path: Path, corpus: Path
) -> None:
    load(tmp_path / "cache", corpus).close()
    with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
        cache_module.write_meta(conn, "vocabulary", b"not a pickle")
    with load(tmp_path / "cache", corpus) as library:
        assert texts(library, "railwya")[0] == "The railway will reopen in spring."


def test_a_cache_locked_by_another_process_is_left_alone(tmp_path: Path, corpus: Path) -> None:
    cache = tmp_path / "cache"
    load(cache, corpus).close()
    inode = (cache / cache_module.FILE_NAME).stat().st_ino
    holder = sqlite3.connect(cache / cache_module.FILE_NAME)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cache_module, "BUSY_SECONDS", 0.05)
            with load(cache, corpus) as library:
                assert len(library.summaries) == 3
    finally:
        holder.rollback()
        holder.close()
    assert (cache / cache_module.FILE_NAME).stat().st_ino == inode


LOAD_AND_REPORT = """
import json, sys
from pathlib import Path
from reader.core.library import Library
with Library(Path(sys.argv[1])) as library:
    library.load([Path(sys.argv[2])])
    hits = library.search("harbour reopen", limit=1000)
    print(json.dumps([len(library.summaries), [str(e) for e in library.errors], len(hits)]))
"""


def test_copies_of_the_app_loading_one_folder_at_once_all_get_everything(
    tmp_path: Path,
) -> None:
    """Three processes start together on an empty cache: each lists and finds every file,
    and the shared cache ends with each file once."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for index in range(150):
        text = transcript("harbour").replace("spring", f"spring {index}")
        (folder / f"t{index:03d}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", LOAD_AND_REPORT, str(cache), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [err for _, err in outputs] == ["", "", ""]
    assert [json.loads(out) for out, _ in outputs] == [[150, [], 300]] * 3  # two passages each
    with sqlite3.connect(cache / cache_module.FILE_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM docs").fetchone()[0] == 150


KILLED_WHILE_STORING = """
import os, signal, sys
from pathlib import Path
import reader.core.ingest as ingest
import reader.core.library as library
real, calls = ingest.store, []
def store(*args, **kwargs):
    calls.append(args)
    if len(calls) == 75:  # inside the fourth batch's write transaction
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
ingest.store = store
library.BATCH_FILES, library.BATCH_SECONDS = 20, 60.0
library.Library(Path(sys.argv[1])).load([Path(sys.argv[2])])
"""


def test_a_load_killed_while_storing_leaves_a_consistent_cache_that_the_next_one_completes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for index in range(150):
        text = transcript("harbour").replace("spring", f"spring {index}")
        (folder / f"t{index:03d}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_STORING, str(cache), str(folder)],
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9
    with sqlite3.connect(cache / cache_module.FILE_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")
        counts = "SELECT count(*), count(DISTINCT doc) FROM {}"
        assert conn.execute("SELECT count(*) FROM docs").fetchone() == (60,)  # three batches
        assert conn.execute(counts.format("interviews")).fetchone() == (60, 60)
        assert conn.execute(counts.format("turns")).fetchone() == (120, 60)
        assert conn.execute(counts.format("passages")).fetchone() == (120, 60)
    with load(cache, folder) as library:
        assert len(library.summaries) == 150 and library.errors == ()
        assert len(library.search("harbour reopen", limit=1000)) == 300


def test_a_cache_held_past_the_busy_timeout_is_a_one_line_error_per_new_file(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    Library(cache).close()  # an empty cache
    holder = sqlite3.connect(cache / cache_module.FILE_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(cache_module, "BUSY_SECONDS", 0.05)
    try:
        with load(cache, corpus) as library:
            assert library.summaries == ()
            reasons = sorted((e.path.name, e.reason) for e in library.errors)
    finally:
        holder.rollback()
        holder.close()
    assert reasons == [
        (name, "not loaded: the cache could not store it (database is locked); open it again later")
        for name in ("a.txt", "b.txt", "c.txt")
    ]
    with load(cache, corpus) as library:  # released: the next start loads them
        assert len(library.summaries) == 3 and library.errors == ()


def test_a_search_sees_one_snapshot_while_another_process_reindexes(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another copy of the app re-indexing files (new sentence ids) between two steps
    of a search must not lose hits (it did, 1 run in 8 of the three-process test)."""
    with load(tmp_path / "cache", corpus) as library:
        expected = [(h.source, h.text) for h in library.search("harbour reopen")]
        assert len(expected) == 6  # each file: the question and the answer
        other = sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME, isolation_level=None)
        real = index_module._rowids
        reindexed: list[bool] = []

        def rowids(conn: sqlite3.Connection, match: str, scope: Scope) -> list[int]:
            found = real(conn, match, scope)
            if not reindexed:  # after the first posting list is read
                other.execute("BEGIN IMMEDIATE")
                for path in sorted(corpus.iterdir()):
                    interview = load_interview(path)
                    info = path.stat()
                    fingerprint = cache_module.Fingerprint(
                        info.st_size, info.st_mtime_ns, cache_module.file_hash(path.read_bytes())
                    )
                    key = cache_module.cache_key(path)
                    cache_module.store(other, key, fingerprint, interview, passage_rows(interview))
                other.execute("COMMIT")
                reindexed.append(True)
            return found

        monkeypatch.setattr(index_module, "_rowids", rowids)
        assert [(h.source, h.text) for h in library.search("harbour reopen")] == expected
        assert reindexed == [True]
        other.close()


@pytest.mark.parametrize("by_id", [1000, 2], ids=["by id", "reading them all"])
def test_summaries_read_from_the_cache_are_the_parsed_ones(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, by_id: int
) -> None:
    monkeypatch.setattr(cache_module, "SUMMARIES_BY_ID", by_id)
    (corpus / "undated.txt").write_text("QUESTION: Where?\n\nMINISTER SMITH: Here.\n")
    (corpus / "empty.txt").write_text("")
    with load(tmp_path / "cache", corpus) as library:
        parsed = library.summaries
        assert len(parsed) == 4 and len(library.errors) == 1
    with load(tmp_path / "cache", corpus) as library:
        assert library.summaries == parsed
    assert [(s.title, s.date, s.turn_count, s.interviewee) for s in parsed] == [
        ("Interview With Anna Berg of Radio North", dt.date(2020, 3, 3), 2, "John Smith"),
    ] * 3 + [("undated", None, 2, None)]


def test_a_summary_dropped_from_the_cache_before_it_is_read_comes_from_its_file(
    tmp_path: Path, corpus: Path, parses: list[str]
) -> None:
    """Summaries are read from the cache when first needed; another copy of the app
    (another version, say) may have pruned the entry by then."""
    load(tmp_path / "cache", corpus).close()
    with load(tmp_path / "cache", corpus) as library:
        parses.clear()
        with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
            conn.execute("DELETE FROM docs WHERE path LIKE '%b.txt'")
        assert [(s.source, s.title) for s in library.summaries] == [
            (corpus / name, "Interview With Anna Berg of Radio North")
            for name in ("a.txt", "b.txt", "c.txt")
        ]
        assert parses == ["b.txt"]
