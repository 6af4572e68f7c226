"""Two copies of the reader on one cache: what one writes, the other searches exactly.

Copy A is a Library in this process; copy B is another process loading into the same
cache folder. What A keeps in memory about the cache (whether every cached interview
is one of its own, the ranker's sentence and word caches, the typo vocabulary, the
recently opened interviews) must follow the cache, not only A's own loads.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader.core.library import Library

LOAD = """
import sys
from pathlib import Path
from reader.core.library import Library
with Library(Path(sys.argv[1])) as library:
    library.load([Path(p) for p in sys.argv[2:]])
    assert not library.errors, library.errors
"""


def copy_b_loads(cache: Path, *paths: Path) -> None:
    """Another copy of the reader loads ``paths`` into ``cache`` and exits."""
    subprocess.run([sys.executable, "-c", LOAD, str(cache), *map(str, paths)], check=True)


def transcript(answer: str) -> str:
    return (
        "Interview With Anna Berg of Radio North\n\nJohn Smith\nMinister\nMarch 3, 2020\n\n"
        f"QUESTION: What about the ferry?\n\nMINISTER SMITH: {answer}\n"
    )


def highlighted(library: Library, query: str) -> list[tuple[str, list[str]]]:
    """Each hit's passage and its highlighted words, best first."""
    return [(hit.text, [hit.text[a:b] for a, b in hit.highlights]) for hit in library.search(query)]


def test_files_another_copy_loads_do_not_crowd_out_this_copys_hits(tmp_path: Path) -> None:
    """B fills the cache with 300 better matches than A's own: A, which does not list
    B's files, still finds its passage (it found none: B's crowded out the candidates)."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "a.txt").write_text(transcript("The harbour is closed. We reopen in May."))
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    for index in range(300):
        (theirs / f"t{index:03d}.txt").write_text(transcript(f"Harbour {index} will reopen."))
    cache = tmp_path / "cache"
    with Library(cache) as library:
        library.load([mine])
        expected = [("The harbour is closed. We reopen in May.", ["harbour", "reopen"])]
        assert highlighted(library, "harbour reopen") == expected
        copy_b_loads(cache, theirs)
        assert highlighted(library, "harbour reopen") == expected


def test_a_file_another_copy_reindexes_is_searched_and_highlighted_as_it_now_is(
    tmp_path: Path,
) -> None:
    """B re-indexes a changed file A has searched and opened: A's hits are the new text,
    highlighted on the right words, at offsets into the interview A opens."""
    path = tmp_path / "a.txt"
    path.write_text(transcript("The harbour will reopen in spring."))
    cache = tmp_path / "cache"
    with Library(cache) as library:
        library.load([path])
        assert highlighted(library, "spring") == [
            ("The harbour will reopen in spring.", ["spring"])
        ]
        assert library.interview(path) is not None
        path.write_text(transcript("In spring, our old harbour will reopen for ferries."))
        os.utime(path, ns=(1, 1))
        copy_b_loads(cache, path)
        assert highlighted(library, "spring") == [
            ("In spring, our old harbour will reopen for ferries.", ["spring"])
        ]
        (hit,) = library.search("ferries")
        interview = library.interview(path)
        assert interview is not None
        turn_text = interview.turns[hit.turn].text
        assert turn_text[hit.passage_start :][: len(hit.text)] == hit.text
        assert [hit.text[a:b] for a, b in hit.highlights] == ["ferries"]


def test_words_another_copy_indexes_are_in_this_copys_vocabulary(tmp_path: Path) -> None:
    """A typo of a word only B's re-index brought in still finds it in A."""
    path = tmp_path / "a.txt"
    path.write_text(transcript("The harbour will reopen in spring."))
    cache = tmp_path / "cache"
    with Library(cache) as library:
        library.load([path])
        assert library.search("catamaran") == []
        path.write_text(transcript("The catamaran will sail in spring."))
        os.utime(path, ns=(1, 1))
        copy_b_loads(cache, path)
        assert highlighted(library, "catamaram") == [
            ("The catamaran will sail in spring.", ["catamaran"])
        ]


def test_a_search_leaves_out_what_this_copy_did_not_load_as_loads_come_and_go(
    tmp_path: Path,
) -> None:
    """B loaded 300 better matches and one more file. A, which loads its own file, then
    B's too, then (pruning) its own alone again, always searches just what it loaded:
    B's matches never crowd out A's file while A has not loaded them (or forgot them)."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "a.txt").write_text(transcript("The harbour is closed. We reopen in May."))
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    for index in range(300):
        (theirs / f"t{index:03d}.txt").write_text(transcript(f"Harbour {index} will reopen."))
    foreign = tmp_path / "foreign.txt"
    foreign.write_text(transcript("Nobody here loads this."))
    cache = tmp_path / "cache"
    copy_b_loads(cache, theirs, foreign)
    expected = [("The harbour is closed. We reopen in May.", ["harbour", "reopen"])]
    with Library(cache) as library:
        library.load([mine])
        assert highlighted(library, "harbour reopen") == expected
        library.load([mine, theirs])
        assert highlighted(library, "harbour 117")[0] == (
            "Harbour 117 will reopen.",
            ["Harbour", "117"],
        )
        library.load([mine], prune=True)
        assert highlighted(library, "harbour reopen") == expected
