"""The Library facade: loading in batches, errors, stopping and resuming, ordering, threads."""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import reader.core.cache as cache_module
import reader.core.library as library_module
import reader.core.loader as loader_module
from reader.core.discovery import locate
from reader.core.library import Library, LoadProgress
from reader.core.model import Interview


def transcript(index: int, year: int | None = 2020) -> str:
    """A small transcript whose answer holds a word unique to it (``token<index>``)."""
    date = f"March 3, {year}\n" if year else ""
    return (
        f"Interview With Reporter {index} of Daily {index}\n\nJohn Smith\nMinister\n{date}\n"
        f"QUESTION: What did you say about topic {index}?\n\n"
        f"MINISTER SMITH: I said token{index} matters. The harbour will reopen.\n"
    )


def write_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"t{index:03d}.txt"
        path.write_text(transcript(index, 2000 + index % 20), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the library actually parses (rather than takes from the cache)."""
    seen: list[Path] = []
    real = loader_module.load_interview

    def counting(path: Path | str) -> Interview:
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader_module, "load_interview", counting)
    return seen


def test_load_reports_progress_in_batches_and_every_file_once(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 120)
    calls: list[LoadProgress] = []
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"], on_progress=calls.append)
        assert calls[0] == LoadProgress(0, 120, (), ())
        assert calls[-1].done == calls[-1].total == 120
        assert [c.done for c in calls] == sorted(c.done for c in calls)
        assert all(len(c.loaded) <= library_module.BATCH_FILES for c in calls)
        loaded = [source for c in calls for source in c.loaded]
        assert sorted(loaded) == sorted(str(i.source) for i in library.summaries)
        assert len(loaded) == 120


def test_bad_files_become_errors_and_the_rest_still_load(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\xff\xfe garbage")
    odt = tmp_path / "notes.odt"
    odt.write_bytes(b"PK\x03\x04")
    errors: list[str] = []
    with Library(tmp_path / "cache") as library:
        library.load(
            [corpus, odt, tmp_path / "missing"],
            on_progress=lambda p: errors.extend(str(e) for e in p.errors),
        )
        assert len(library.summaries) == 2
        reasons = sorted((e.path.name, e.reason) for e in library.errors)
        assert reasons == [
            ("binary.txt", "binary file, not a transcript"),
            ("empty.txt", "empty file"),
            ("missing", "no such file or folder"),
            ("notes.odt", "unsupported file type '.odt'"),
        ]
        assert sorted(errors) == sorted(str(e) for e in library.errors)


def test_a_parser_crash_is_a_one_line_error_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "corpus", 3)
    real = loader_module.load_interview

    def flaky(path: Path | str) -> Interview:
        if Path(path).name == "t001.txt":
            raise IndexError("list index out of range\nsecond line")
        return real(path)

    monkeypatch.setattr(loader_module, "load_interview", flaky)
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"])
        assert len(library.summaries) == 2
        (error,) = library.errors
        assert error.reason == (
            "could not be parsed (IndexError: list index out of range second line)"
        )


def test_should_stop_keeps_what_is_done_and_the_next_load_resumes(
    tmp_path: Path, parses: list[Path]
) -> None:
    write_corpus(tmp_path / "corpus", 10)
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"], should_stop=lambda: len(parses) >= 4)
        assert len(library.summaries) == 4
        assert library.search("token2")[0].text == "I said token2 matters."
    parses.clear()
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"])
        assert len(library.summaries) == 10
        assert sorted(p.name for p in parses) == [f"t{i:03d}.txt" for i in range(4, 10)]


def test_interviews_sorted_by_date_undated_last_then_title(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, index, year in [("a", 3, 2019), ("b", 1, None), ("c", 2, 2019), ("d", 4, 2001)]:
        (corpus / f"{name}.txt").write_text(transcript(index, year), encoding="utf-8")
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert [i.title for i in library.summaries] == [
            "Interview With Reporter 4 of Daily 4",
            "Interview With Reporter 2 of Daily 2",
            "Interview With Reporter 3 of Daily 3",
            "Interview With Reporter 1 of Daily 1",
        ]


def test_interview_lookup_by_source(tmp_path: Path) -> None:
    (path,) = write_corpus(tmp_path / "corpus", 1)
    with Library(tmp_path / "cache") as library:
        library.load([path])
        interview = library.interview(path)
        assert interview is not None and interview.source == path
        assert library.interview(path.resolve()) is interview
        assert library.interview(tmp_path / "other.txt") is None


def test_search_works_while_loading_from_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While loading, a search may use a vocabulary up to a second old, so how many hits
    # a search during the load sees depends on the machine's speed; with no such pause
    # it depends only on what was loaded (on a busy machine, every search saw none).
    monkeypatch.setattr(library_module, "VOCABULARY_REFRESH_SECONDS", 0)
    write_corpus(tmp_path / "corpus", 200)
    seen_during_load: list[int] = []
    with Library(tmp_path / "cache") as library:

        def on_progress(progress: LoadProgress) -> None:
            if progress.loaded:
                seen_during_load.append(len(library.search("harbour reopen", limit=500)))

        worker = threading.Thread(
            target=library.load, args=([tmp_path / "corpus"],), kwargs={"on_progress": on_progress}
        )
        worker.start()
        while worker.is_alive():
            library.search("token1 harbour")
        worker.join()
        assert seen_during_load == sorted(seen_during_load)
        assert seen_during_load[-1] == 200
        assert len(library.search("harbour reopen", limit=500)) == 200


def test_a_pipe_named_like_a_transcript_is_an_error_not_a_hang(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1)
    os.mkfifo(corpus / "pipe.txt")
    with Library(tmp_path / "cache") as library:
        library.load([corpus])
        assert len(library.summaries) == 1
        assert [(e.path.name, e.reason) for e in library.errors] == [
            ("pipe.txt", "not a regular file")
        ]


def test_closing_during_a_load_stops_it_quietly(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 120)
    library = Library(tmp_path / "cache")

    def close_after_first_batch(progress: LoadProgress) -> None:
        if progress.loaded:
            library.close()

    library.load([tmp_path / "corpus"], on_progress=close_after_first_batch)
    assert 0 < len(library.summaries) < 120
    assert library.search("harbour") == []


def test_reloading_a_changed_file_in_the_same_library_searches_its_new_text(
    tmp_path: Path,
) -> None:
    (path,) = write_corpus(tmp_path / "corpus", 1)
    with Library(tmp_path / "cache") as library:
        library.load([path])
        assert library.search("harbour reopen")[0].text == "The harbour will reopen."
        path.write_text(transcript(0).replace("The harbour will", "Our old harbour should"))
        os.utime(path, ns=(1, 1))
        library.load([path])
        hit = library.search("harbour reopen")[0]
        assert hit.text == "Our old harbour should reopen."
        assert [hit.text[a:b] for a, b in hit.highlights] == ["harbour", "reopen"]
        assert len(library.summaries) == 1
        reread = library.interview(path)
        assert reread is not None
        assert reread.turns[1].text == "I said token0 matters. Our old harbour should reopen."


def live_interviews() -> int:
    gc.collect()
    return sum(isinstance(o, Interview) for o in gc.get_objects())


def test_only_summaries_stay_in_memory_and_turns_come_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What keeps a 5,000-interview library within a few times its size (issue 7)."""
    monkeypatch.setattr(library_module, "RECENT_INTERVIEWS", 3)
    paths = write_corpus(tmp_path / "corpus", 30)
    elsewhere = live_interviews()  # held by other tests' modules
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"])
        assert live_interviews() == elsewhere
        assert [s.turn_count for s in library.summaries] == [2] * 30
        assert len(library.search("harbour reopen", limit=30)) == 30
        assert live_interviews() == elsewhere  # ranking reads only the turns it scores
        interview = library.interview(paths[7])
        assert interview is not None and interview.source == paths[7]
        assert interview.summary == next(s for s in library.summaries if s.source == paths[7])
        assert interview.turns[1].text == "I said token7 matters. The harbour will reopen."
        assert [i.source for i in library.each_interview()] == [s.source for s in library.summaries]
        assert live_interviews() <= elsewhere + 3 + 1  # the one held here


def test_an_interview_dropped_from_the_cache_elsewhere_is_read_from_its_file(
    tmp_path: Path, parses: list[Path]
) -> None:
    """Another copy of the app (another version, say) may prune the shared cache."""
    (path,) = write_corpus(tmp_path / "corpus", 1)
    with Library(tmp_path / "cache") as library:
        library.load([path])
        parses.clear()
        with sqlite3.connect(tmp_path / "cache" / cache_module.FILE_NAME) as conn:
            conn.execute("UPDATE docs SET version = 'other'")
        interview = library.interview(path)
        assert parses == [path]
        assert interview is not None and interview.source == path
        assert interview.turns[1].text == "I said token0 matters. The harbour will reopen."


def test_what_is_ready_is_shown_before_a_big_file_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 50 MB transcript takes seconds: the files before it must not wait for it."""
    write_corpus(tmp_path / "corpus", 3)  # t000..t002, each well under 1 KB
    big = tmp_path / "corpus" / "z-big.txt"
    big.write_text(transcript(99) + "MINISTER SMITH: More.\n" * 100, encoding="utf-8")
    monkeypatch.setattr(library_module, "BIG_FILE_BYTES", 1000)
    shown: list[str] = []
    shown_when_big_parsed: list[list[str]] = []
    real = loader_module.load_interview

    def parse(path: Path | str) -> Interview:
        if Path(path) == big:
            shown_when_big_parsed.append(sorted(shown))
        return real(path)

    monkeypatch.setattr(loader_module, "load_interview", parse)
    with Library(tmp_path / "cache") as library:
        library.load(
            [tmp_path / "corpus"],
            on_progress=lambda p: shown.extend(Path(s).name for s in p.loaded if s),
        )
        assert len(library.summaries) == 4
    assert shown_when_big_parsed == [["t000.txt", "t001.txt", "t002.txt"]]


def test_stopping_never_waits_for_a_big_file_being_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting during a 50 MB parse must not hang: the parse is abandoned."""
    write_corpus(tmp_path / "corpus", 2)
    big = tmp_path / "corpus" / "z-big.txt"
    big.write_text(transcript(99) + "MINISTER SMITH: More.\n" * 100, encoding="utf-8")
    monkeypatch.setattr(library_module, "BIG_FILE_BYTES", 1000)
    parsing, release = threading.Event(), threading.Event()
    real = loader_module.load_interview

    def endless(path: Path | str) -> Interview:
        if Path(path) == big:
            parsing.set()
            release.wait()  # as if parsing took forever
        return real(path)

    monkeypatch.setattr(loader_module, "load_interview", endless)
    library = Library(tmp_path / "cache")
    loader = threading.Thread(
        target=library.load, args=([tmp_path / "corpus"],), kwargs={"should_stop": parsing.is_set}
    )
    loader.start()
    loader.join(timeout=10)
    stuck = loader.is_alive()
    release.set()
    assert not stuck
    assert [s.source.name for s in library.summaries if s.source] == ["t000.txt", "t001.txt"]
    library.close()
    with Library(tmp_path / "cache") as again:  # the next start parses it
        again.load([tmp_path / "corpus"])
        assert len(again.summaries) == 3


def test_files_parsed_in_worker_processes_load_as_they_do_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PROCESS_BYTES to parse, files are parsed in other processes: the same
    interviews, errors, hits and progress as parsing them here."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30)
    (corpus / "empty.txt").write_bytes(b"")

    def load(cache: Path) -> tuple[object, ...]:
        calls: list[LoadProgress] = []
        with Library(cache) as library:
            library.load([corpus], on_progress=calls.append)
            hits = [(h.source, h.text, h.highlights) for h in library.search("token7 harbour")]
            errors = [(e.path, e.reason) for e in library.errors]
            return library.summaries, errors, hits, calls[-1].done, calls[-1].total

    here = load(tmp_path / "cache-here")
    monkeypatch.setattr(library_module, "PROCESS_BYTES", 0)
    elsewhere = load(tmp_path / "cache-elsewhere")
    assert elsewhere == here
    assert here[1] == [(corpus / "empty.txt", "empty file")]
    assert here[3:] == (31, 31)


def test_stopping_a_load_in_worker_processes_keeps_what_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "corpus", 200)
    monkeypatch.setattr(library_module, "PROCESS_BYTES", 0)
    monkeypatch.setattr(library_module, "BATCH_FILES", 10)
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"], should_stop=lambda: len(library.summaries) >= 10)
        assert 10 <= len(library.summaries) < 200
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"])
        assert len(library.summaries) == 200
        assert len(library.search("harbour reopen", limit=500)) == 200


def test_files_are_found_in_path_order_and_keyed_by_their_resolved_path(tmp_path: Path) -> None:
    """The walk joins names to each resolved folder: the keys are what resolve() gives,
    symlinks included, and the order is sorted()'s over the paths."""
    root = tmp_path / "root"
    for name in ["a/x.txt", "a-b/x.txt", "a/b/y.txt", "a/c.txt", "Z.txt"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(transcript(1))
    (root / "link").symlink_to(root / "a-b")
    (root / "a" / "y-link.txt").symlink_to(root / "Z.txt")
    files, errors, named = locate([root])
    assert errors == [] and named == frozenset()
    assert [Path(path) for path in files.values()] == sorted(map(Path, files.values()))
    assert [(Path(path).relative_to(root).as_posix(), key) for key, path in files.items()] == [
        ("Z.txt", str((root / "Z.txt").resolve())),
        ("a/b/y.txt", str((root / "a/b/y.txt").resolve())),
        ("a/c.txt", str((root / "a/c.txt").resolve())),
        ("a/x.txt", str((root / "a/x.txt").resolve())),
        ("a-b/x.txt", str((root / "a-b/x.txt").resolve())),
    ]


def test_count_is_the_number_of_interviews_loaded(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 3)
    (tmp_path / "corpus" / "empty.txt").write_bytes(b"")
    for _ in range(2):  # parsed, then from the cache
        with Library(tmp_path / "cache") as library:
            assert library.count == 0
            library.load([tmp_path / "corpus"])
            assert library.count == len(library.summaries) == 3


def test_a_program_read_from_stdin_parses_here_rather_than_hang(tmp_path: Path) -> None:
    """Worker processes import the main module again; one read from stdin has none, so
    they would die at start and be restarted forever."""
    write_corpus(tmp_path / "corpus", 3)
    program = (
        "import sys\nfrom pathlib import Path\nimport reader.core.library as library\n"
        "library.PROCESS_BYTES = 0\n"
        "with library.Library(Path(sys.argv[1])) as loaded:\n"
        "    loaded.load([Path(sys.argv[2])])\n    print(loaded.count)\n"
    )
    done = subprocess.run(
        [sys.executable, "-", str(tmp_path / "cache"), str(tmp_path / "corpus")],
        input=program,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.stdout, done.stderr) == ("3\n", "")


def test_loading_the_same_paths_again_with_prune_follows_the_disk(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    first, second, _third = write_corpus(folder, 3)
    with Library(tmp_path / "cache") as library:
        library.load([folder])
        first.write_text(transcript(0).replace("token0", "beacon"), encoding="utf-8")
        os.utime(first, (1, 1))  # a new mtime, whatever the clock's resolution
        second.unlink()
        (folder / "t999.txt").write_text(transcript(999), encoding="utf-8")
        (folder / "bad.txt").write_bytes(b"")
        library.load([folder], prune=True)
        names = sorted(s.source.name for s in library.summaries if s.source)
        assert names == ["t000.txt", "t002.txt", "t999.txt"]
        assert [e.path.name for e in library.errors] == ["bad.txt"]
        assert [h.source for h in library.search("beacon")] == [first]
        assert first not in [h.source for h in library.search('"token0"')]
        assert second not in [h.source for h in library.search('"token1"')]
        (folder / "bad.txt").unlink()
        library.load([folder], prune=True)
        assert library.errors == ()


def test_a_load_without_prune_keeps_what_other_loads_brought(tmp_path: Path) -> None:
    one, two = write_corpus(tmp_path / "one", 1), write_corpus(tmp_path / "two", 1)
    with Library(tmp_path / "cache") as library:
        library.load(one)
        library.load(two)
        assert len(library.summaries) == 2


def test_when_a_worker_process_dies_the_rest_is_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.core.workers as workers_module

    def dying(name: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", "pass"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    write_corpus(tmp_path / "corpus", 20)
    monkeypatch.setattr(library_module, "PROCESS_BYTES", 0)
    monkeypatch.setattr(workers_module, "_start", dying)
    with Library(tmp_path / "cache") as library:
        library.load([tmp_path / "corpus"])
        assert library.count == 20 and library.errors == ()
        assert library.search("token13")[0].text == "I said token13 matters."
