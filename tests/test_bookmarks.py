"""The bookmark store: round trips, validation, re-anchoring after edits, export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, export, fingerprint
from reader.core.bookmarks import store as store_module
from reader.core.bookmarks.store import DB_NAME, VERSION
from reader.core.loader import load_interview
from reader.core.model import Interview, LoadError, Paragraph, Role, Turn

KERRY = """\
QUESTION: Hello, Mr. Secretary. It is an honor.

KERRY: Thank you very much.

QUESTION: What is the reason of this format?

KERRY: Well, the reason is to really try to build a cooperation between countries.

And we are ready to work with everybody, whether it is local or far away.

QUESTION: So no big game, but big game?

KERRY: That is a good way to put it. I like that. No, no big game at all.
"""


def labelled(path: Path) -> Interview:
    """A stand-in for the real parser: a ``Name: text`` paragraph starts a turn.

    Bookmarks only rely on ``Interview.turns[i].text`` and ``speaker``, so these tests
    pin the store's behaviour independently of the transcript parser.
    """
    text = path.read_text(encoding="utf-8")
    turns: list[Turn] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        start = text.index(paragraph, offset)
        offset = end = start + len(paragraph)
        label, sep, speech = paragraph.strip().partition(": ")
        if sep and label.isupper():
            turns.append(Turn(label.title(), label, Role.OTHER, (Paragraph(speech),), start, end))
        elif paragraph.strip():
            last = turns[-1]
            paragraphs = (*last.paragraphs, Paragraph(paragraph.strip()))
            turns[-1] = Turn(last.speaker, last.label, last.role, paragraphs, last.start, end)
    return Interview(
        source=path, title=path.stem.title(), turns=tuple(turns), date=dt.date(2015, 11, 2)
    )


def write(path: Path, text: str) -> Interview:
    path.write_text(text, encoding="utf-8")
    return labelled(path)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def kerry(tmp_path: Path) -> Interview:
    return write(tmp_path / "kerry.txt", KERRY)


def test_the_stand_in_parser_splits_turns_as_expected(kerry: Interview) -> None:
    assert [(t.speaker, t.text) for t in kerry.turns][3] == (
        "Kerry",
        "Well, the reason is to really try to build a cooperation between countries.\n\n"
        "And we are ready to work with everybody, whether it is local or far away.",
    )
    assert len(kerry.turns) == 6


def test_code_passages_codes_a_bookmarked_passage_and_bookmarks_the_others(
    store: BookmarkStore, kerry: Interview
) -> None:
    quote = "build a cooperation between countries"
    start = kerry.turns[3].text.index(quote)
    first = store.add(kerry, 3, quote, note="aim", start=start)
    store.code_passages([(kerry, 3, quote, start), (kerry, 1, kerry.turns[1].text, 0)], "Aims")
    assert [c.name for c in store.codes()] == ["Aims"]
    assert [(b.id, b.turn, b.note, b.codes) for b in store.list()] == [
        (2, 1, "", ("Aims",)),
        (first.id, 3, "aim", ("Aims",)),
    ]
    store.code_passages([(kerry, 1, kerry.turns[1].text, 0)], "aims")  # it exists: kept once
    assert [(c.name, len(store.list(code=c.name))) for c in store.codes()] == [("Aims", 2)]


def test_add_stores_the_passage_and_survives_a_restart(tmp_path: Path, kerry: Interview) -> None:
    with BookmarkStore.open(tmp_path / "data") as store:
        store.add_code("aims")
        store.add_code("x")
        added = store.add(kerry, 3, "build a cooperation", note="key aim", codes=["aims", "x"])
    assert not store.read_only and store.warning is None
    with BookmarkStore.open(tmp_path / "data") as store:
        [again] = store.list()
    assert again == added
    assert again.id == 1
    assert again.source == (tmp_path / "kerry.txt").resolve()
    assert again.fingerprint == fingerprint(KERRY)
    assert (again.interview_title, again.interview_date) == ("Kerry", dt.date(2015, 11, 2))
    assert (again.turn, again.speaker, again.quote) == (3, "Kerry", "build a cooperation")
    assert kerry.turns[3].text[again.start : again.end] == "build a cooperation"
    assert (again.start, again.end) == (37, 56)
    assert (again.note, again.codes, again.orphaned) == ("key aim", ("aims", "x"), False)
    assert again.created.tzinfo == dt.UTC and again.created == again.updated


def test_the_file_is_wal_and_versioned(tmp_path: Path, store: BookmarkStore) -> None:
    raw = sqlite3.connect(tmp_path / "data" / DB_NAME)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == VERSION == 4
    raw.close()


def test_default_location_is_the_data_dir(isolated_user_dirs: Path, kerry: Interview) -> None:
    with BookmarkStore.open() as store:
        store.add(kerry, 1)
    assert (isolated_user_dirs / "data" / DB_NAME).is_file()


def test_no_quote_bookmarks_the_whole_turn(store: BookmarkStore, kerry: Interview) -> None:
    bookmark = store.add(kerry, 3)
    assert bookmark.quote == kerry.turns[3].text
    assert (bookmark.start, bookmark.end) == (0, len(kerry.turns[3].text))


def test_quote_whitespace_may_differ_but_the_turn_text_is_stored(
    store: BookmarkStore, kerry: Interview
) -> None:
    bookmark = store.add(kerry, 3, "between   countries.\nAnd we\tare")
    assert bookmark.quote == "between countries.\n\nAnd we are"


def test_start_picks_one_of_repeated_occurrences(store: BookmarkStore, kerry: Interview) -> None:
    assert store.add(kerry, 4, "big game").start == 6
    assert store.add(kerry, 4, "big game", start=20).start == 20
    with pytest.raises(BookmarkError, match=r"^the quote is not in turn 5 of kerry.txt$"):
        store.add(kerry, 4, "big game", start=7)


@pytest.mark.parametrize(
    ("turn", "quote", "message"),
    [
        (1, "cooperation", "the quote is not in turn 2 of kerry.txt"),
        (6, None, "no turn 7 in kerry.txt: it has 6 turns (1 to 6)"),
        (-1, None, "no turn 0 in kerry.txt: it has 6 turns (1 to 6)"),
        (1, "   ", "the quote is not in turn 2 of kerry.txt"),
    ],
)
def test_bad_add_is_refused_with_one_line(
    store: BookmarkStore, kerry: Interview, turn: int, quote: str | None, message: str
) -> None:
    with pytest.raises(BookmarkError) as caught:
        store.add(kerry, turn, quote)
    assert str(caught.value) == message
    assert store.list() == []


def test_an_interview_without_a_file_cannot_be_bookmarked(
    store: BookmarkStore, kerry: Interview
) -> None:
    orphan = Interview(source=None, title="Pasted", turns=kerry.turns)
    with pytest.raises(BookmarkError, match="^cannot bookmark 'Pasted': it has no source file$"):
        store.add(orphan, 1)


def test_codes_are_trimmed_and_deduplicated(store: BookmarkStore, kerry: Interview) -> None:
    for name in ("a", "B", "single"):
        store.add_code(name)
    assert store.add(kerry, 1, codes=[" a ", "b", "A", ""]).codes == ("a", "B")
    assert store.add(kerry, 1, codes="single").codes == ("single",)  # type: ignore[arg-type]


def test_list_is_newest_first_and_filters_by_source(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    other = write(tmp_path / "other.txt", "ANN: Hi there.\n\nBOB: Hello to you.\n")
    first = store.add(kerry, 1)
    second = store.add(other, 1)
    third = store.add(kerry, 2)
    assert [b.id for b in store.list()] == [third.id, second.id, first.id]
    assert [b.id for b in store.list(kerry.source)] == [third.id, first.id]
    assert [b.quote for b in store.list(tmp_path / "." / "other.txt")] == ["Hello to you."]


def test_remove_and_ids_are_never_reused(store: BookmarkStore, kerry: Interview) -> None:
    first = store.add(kerry, 1)
    second = store.add(kerry, 2)
    store.remove(second.id)
    assert store.list() == [first]
    assert store.add(kerry, 3).id == 3
    with pytest.raises(BookmarkError, match="^no bookmark with id 2$"):
        store.remove(second.id)


def test_set_note_changes_note_and_updated_only(store: BookmarkStore, kerry: Interview) -> None:
    added = store.add(kerry, 1, note="old")
    edited = store.set_note(added.id, "new note")
    assert edited.note == "new note" and edited.updated > added.updated
    assert edited == Bookmark(**{**_fields(added), "note": "new note", "updated": edited.updated})
    assert store.list() == [edited]
    with pytest.raises(BookmarkError, match="^no bookmark with id 99$"):
        store.set_note(99, "x")


def _fields(bookmark: Bookmark) -> dict[str, object]:
    return {name: getattr(bookmark, name) for name in Bookmark.__dataclass_fields__}


def test_worker_threads_each_use_their_own_connection(
    store: BookmarkStore, kerry: Interview
) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(25):
                store.add(kerry, 3, note=f"{n}-{i}")
                store.list()
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(b.note for b in store.list()) == sorted(
        f"{n}-{i}" for n in range(4) for i in range(25)
    )


def test_closed_store_refuses_use(tmp_path: Path, kerry: Interview) -> None:
    store = BookmarkStore.open(tmp_path / "data")
    store.close()
    with pytest.raises(BookmarkError, match="^the bookmark store is closed$"):
        store.list()


# Re-anchoring


def test_reanchor_after_an_edit_above_the_passage(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    added = store.add(kerry, 3, "build a cooperation between countries")
    edited = write(
        tmp_path / "kerry.txt",
        "QUESTION: A new first question?\n\nKERRY: A new first answer.\n\n"
        + KERRY.replace("Well, the reason", "Well, well, the reason"),
    )
    [moved] = store.reanchor(edited)
    assert (moved.turn, moved.speaker, moved.orphaned) == (5, "Kerry", False)
    assert (moved.start, moved.end) == (added.start + 6, added.end + 6)
    assert edited.turns[5].text[moved.start : moved.end] == added.quote == moved.quote
    assert moved.fingerprint == fingerprint((tmp_path / "kerry.txt").read_text())
    assert store.list() == [moved]


def test_reanchor_finds_a_lightly_edited_passage_fuzzily(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    store.add(kerry, 3, "ready to work with everybody, whether it is local or far away")
    edited = write(
        tmp_path / "kerry.txt",
        KERRY.replace("whether it is local", "whether it's local").replace(
            "KERRY: Thank", "KERRY: Oh, thank"
        ),
    )
    [moved] = store.reanchor(edited)
    assert not moved.orphaned
    assert moved.quote == "ready to work with everybody, whether it's local or far away"
    assert edited.turns[3].text[moved.start : moved.end] == moved.quote


def test_a_deleted_passage_is_orphaned_kept_and_found_again_when_restored(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    added = store.add(kerry, 3, "And we are ready to work with everybody")
    cut = write(
        tmp_path / "kerry.txt",
        KERRY.replace(
            "\n\nAnd we are ready to work with everybody, whether it is local or far away.", ""
        ),
    )
    [orphan] = store.reanchor(cut)
    assert orphan.orphaned
    assert (orphan.turn, orphan.quote, orphan.start, orphan.end) == (
        added.turn, added.quote, added.start, added.end
    )  # fmt: skip
    assert store.list() == [orphan]
    restored = write(tmp_path / "kerry.txt", KERRY)
    [back] = store.reanchor(restored)
    assert back == added


def test_a_short_quote_is_never_matched_fuzzily(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    store.add(kerry, 1, "Thank you")
    edited = write(tmp_path / "kerry.txt", KERRY.replace("Thank you", "Thanks you"))
    [orphan] = store.reanchor(edited)
    assert orphan.orphaned


def test_reanchor_leaves_other_files_alone(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    other = write(tmp_path / "other.txt", "ANN: Hi there.\n\nBOB: Hello to you.\n")
    kept = store.add(other, 1)
    store.add(kerry, 1)
    write(tmp_path / "kerry.txt", "QUESTION: Entirely new.\n")
    [orphan] = store.reanchor(labelled(tmp_path / "kerry.txt"))
    assert orphan.orphaned
    assert store.list(other.source) == [kept]


def test_refresh_loads_only_changed_files_and_orphans_vanished_ones(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    other = write(tmp_path / "other.txt", "ANN: Hi there.\n\nBOB: Hello to you.\n")
    gone = write(tmp_path / "gone.txt", "ANN: Soon deleted.\n")
    store.add(kerry, 3, "build a cooperation")
    store.add(other, 1)
    store.add(gone, 0)
    write(tmp_path / "kerry.txt", "QUESTION: New.\n\n" + KERRY)
    (tmp_path / "gone.txt").unlink()
    loaded: list[Path] = []

    def load(path: Path) -> Interview:
        loaded.append(path)
        return labelled(path)

    refreshed = store.refresh(load)
    assert loaded == [(tmp_path / "kerry.txt").resolve()]
    assert [(b.source.name, b.turn, b.orphaned) for b in refreshed] == [
        ("gone.txt", 0, True),
        ("other.txt", 1, False),
        ("kerry.txt", 4, False),
    ]
    assert store.list() == refreshed
    loaded.clear()
    assert store.refresh(load) == refreshed and loaded == []


def test_refresh_orphans_bookmarks_on_a_file_that_no_longer_loads(
    tmp_path: Path, store: BookmarkStore, kerry: Interview
) -> None:
    store.add(kerry, 1)
    (tmp_path / "kerry.txt").write_text("changed")

    def broken(path: Path) -> Interview:
        raise LoadError(path, "not a transcript")

    [orphan] = store.refresh(broken)
    assert orphan.orphaned and orphan.quote == "Thank you very much."


# Export


@pytest.fixture
def two(tmp_path: Path, store: BookmarkStore, kerry: Interview) -> list[Bookmark]:
    store.add(kerry, 3, "build a cooperation between countries", note="Aim.\nSecond line")
    plain = write(tmp_path / "plain.txt", "ANN: Use *stars* and _under_ here.\n")
    store.add_code("a")
    store.add_code("b")
    store.add(plain, 0, codes=["a", "b"])
    bookmarks = store.list()
    return [
        Bookmark(**{**_fields(bookmarks[0]), "interview_date": None, "orphaned": True}),
        bookmarks[1],
    ]


def test_markdown_export_is_a_list_of_citations(two: list[Bookmark]) -> None:
    assert export(two, "md") == (
        "- “Use \\*stars\\* and \\_under\\_ here.” — Ann, *Plain*\n"
        "  (not found in the current version of plain.txt)\n"
        "- “build a cooperation between countries” — Kerry, *Kerry*, 2 November 2015\n"
        "  Aim.\n"
        "  Second line\n"
    )


def test_json_export_has_every_field(two: list[Bookmark]) -> None:
    data = json.loads(export(two, "json"))
    assert [sorted(item) for item in data] == [
        sorted(
            "id file interview date turn speaker quote start end note codes orphaned"
            " page line start_time created updated".split()
        )
    ] * 2
    assert data[1]["quote"] == "build a cooperation between countries"
    assert (data[1]["date"], data[0]["date"], data[0]["codes"]) == ("2015-11-02", None, ["a", "b"])
    assert (data[0]["orphaned"], data[1]["orphaned"]) == (True, False)


def test_csv_export_round_trips_through_a_csv_reader(two: list[Bookmark]) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export(two, "csv"))))
    assert [(r["id"], r["speaker"], r["codes"], r["orphaned"]) for r in rows] == [
        ("2", "Ann", "a; b", "true"),
        ("1", "Kerry", "", "false"),
    ]
    assert rows[1]["note"] == "Aim.\nSecond line"


def test_csv_numbers_turns_from_1_as_people_read_them_and_json_from_0(
    two: list[Bookmark],
) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export(two, "csv"))))
    assert [(r["speaker"], r["turn"]) for r in rows] == [("Ann", "1"), ("Kerry", "4")]
    assert [(b["speaker"], b["turn"]) for b in json.loads(export(two, "json"))] == [
        ("Ann", 0),
        ("Kerry", 3),
    ]


def test_export_of_nothing_and_of_an_unknown_format(two: list[Bookmark]) -> None:
    assert (export([], "md"), export([], "json"), export([], "csv")) == ("", "[]\n", "")
    with pytest.raises(
        BookmarkError, match="^unknown export format 'pdf': use one of md, json, csv$"
    ):
        export(two, "pdf")  # type: ignore[arg-type]


# With the real parser, on a copy of a bundled transcript

SENTENCE = (
    "I think that nobody should think of this visit as anything to do with choosing"
    " between Russia or choosing between China"
)


@pytest.fixture
def seed_copy(seeds_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "kerry.txt"
    shutil.copy(seeds_dir / "000_0e1d10314e09f99d.txt", copy)
    return copy


def test_seed_passage_follows_turns_inserted_above(store: BookmarkStore, seed_copy: Path) -> None:
    added = store.add(load_interview(seed_copy), 3, SENTENCE, note="n")
    text = seed_copy.read_text(encoding="utf-8")
    first = text.index("QUESTION:")
    seed_copy.write_text(
        text[:first] + "QUESTION: Shall we start?\n\nSECRETARY KERRY: Yes.\n\n" + text[first:],
        encoding="utf-8",
    )
    [moved] = store.reanchor(load_interview(seed_copy))
    assert (moved.turn, moved.speaker, moved.quote) == (5, "John Kerry", SENTENCE)
    assert (moved.start, moved.end, moved.orphaned) == (added.start, added.end, False)


def test_seed_passage_with_a_word_changed_is_found_and_a_cut_one_orphaned(
    store: BookmarkStore, seed_copy: Path
) -> None:
    store.add(load_interview(seed_copy), 3, SENTENCE)
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace("this visit", "this trip"), encoding="utf-8")
    [found] = store.reanchor(load_interview(seed_copy))
    assert (found.turn, found.orphaned) == (3, False)
    assert found.quote == SENTENCE.replace("this visit", "this trip")
    seed_copy.write_text(text.replace(SENTENCE, "I think so."), encoding="utf-8")
    [cut] = store.reanchor(load_interview(seed_copy))
    assert (cut.orphaned, cut.quote) == (True, SENTENCE.replace("this visit", "this trip"))


def test_an_orphan_is_not_searched_for_again_in_the_same_file(
    tmp_path: Path, store: BookmarkStore, kerry: Interview, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(kerry, 3, "build a cooperation between countries")
    edited = write(tmp_path / "kerry.txt", "QUESTION: Entirely new.\n")
    [orphan] = store.reanchor(edited)
    searches: list[str] = []
    monkeypatch.setattr(store_module, "locate", lambda *args: searches.append(args[1]))
    assert store.reanchor(edited) == [orphan] and searches == []
    write(tmp_path / "kerry.txt", "QUESTION: Newer still.\n")
    [still] = store.reanchor(labelled(tmp_path / "kerry.txt"))
    assert still.orphaned and searches == ["build a cooperation between countries"]


def test_reanchor_takes_new_speaker_names_and_title_from_the_interview(
    store: BookmarkStore, kerry: Interview
) -> None:
    """The file is unchanged but the parser now names things differently."""
    added = store.add(kerry, 3, "build a cooperation")
    renamed = dataclasses.replace(
        kerry,
        title="Interview With Askar Alimzhanov",
        turns=tuple(
            dataclasses.replace(turn, speaker=f"Mr {turn.speaker}") for turn in kerry.turns
        ),
    )
    [again] = store.reanchor(renamed)
    assert (again.speaker, again.interview_title) == ("Mr Kerry", "Interview With Askar Alimzhanov")
    assert (again.turn, again.start, again.end, again.quote) == (
        3,
        added.start,
        added.end,
        added.quote,
    )
    assert store.list() == [again]
