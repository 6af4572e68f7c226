"""The codebook in the bookmark store: codes, the tree, coded passages, the migration."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.bookmarks import BookmarkError, BookmarkStore
from reader.core.bookmarks.codebook import PALETTE
from reader.core.bookmarks.store import DB_NAME
from reader.core.model import Interview, Paragraph, Role, Turn


@pytest.fixture
def store(tmp_path: Path) -> Iterator[BookmarkStore]:
    opened = BookmarkStore.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def talk(tmp_path: Path) -> Interview:
    path = tmp_path / "talk.txt"
    path.write_text("A: One two three.\n\nB: Four five six.\n", encoding="utf-8")
    turns = (
        Turn("A", "A", Role.OTHER, (Paragraph("One two three."),), 0, 17),
        Turn("B", "B", Role.OTHER, (Paragraph("Four five six."),), 19, 36),
    )
    return Interview(source=path, title="Talk", turns=turns)


def tree(store: BookmarkStore) -> list[tuple[str, str | None]]:
    codes = store.codes()
    names = {code.id: code.name for code in codes}
    return [(code.name, names.get(code.parent) if code.parent else None) for code in codes]


def test_codes_get_palette_colours_unless_given(store: BookmarkStore) -> None:
    first = store.add_code(" trust ", description="in institutions")
    second = store.add_code("hardship", color="#ABC")
    third = store.add_code("money", parent="hardship")
    assert (first.name, first.color, first.description) == ("trust", PALETTE[0], "in institutions")
    assert (second.color, third.color, third.parent) == ("#aabbcc", PALETTE[2], second.id)
    assert tree(store) == [("hardship", None), ("money", "hardship"), ("trust", None)]
    assert len({first.guid, second.guid, third.guid}) == 3


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_code("TRUST"), "^a code named 'trust' already exists$"),
        (lambda s: s.add_code("  "), "^a code needs a name$"),
        (lambda s: s.add_code("a\nb"), "^a code name is one line$"),
        (lambda s: s.add_code("x", parent="nope"), r"^no code named 'nope' \(see 'reader codes"),
        (lambda s: s.add_code("x", color="red"), "^'red' is not a colour: use #RRGGBB"),
        (lambda s: s.rename_code("trust", "Money"), "^a code named 'money' already exists$"),
        (lambda s: s.move_code("hardship", "money"), "^cannot put 'hardship' under 'money': "),
        (lambda s: s.move_code("money", "money"), "'money' is that code$"),
        (lambda s: s.merge_codes("hardship", "money"), "'money' is inside it$"),
        (lambda s: s.merge_codes("trust", "TRUST"), "they are the same code$"),
        (lambda s: s.edit_code("trust", color="#12"), "is not a colour"),
    ],
)
def test_broken_rules_are_one_line_errors_and_change_nothing(
    store: BookmarkStore, call: object, message: str
) -> None:
    store.add_code("trust")
    store.add_code("hardship")
    store.add_code("money", parent="hardship")
    before = store.codes()
    with pytest.raises(BookmarkError, match=message):
        call(store)  # type: ignore[operator]
    assert store.codes() == before


def test_rename_move_and_edit(store: BookmarkStore, talk: Interview) -> None:
    store.add_code("trust")
    store.add_code("hardship")
    store.add(talk, 0, "two", codes=["trust"])
    store.rename_code("trust", "Trust in institutions")
    store.rename_code("hardship", "Hardship")  # a change of case alone
    store.move_code("trust in institutions", "hardship")
    store.edit_code("Hardship", color="#000000", description="money, work")
    assert tree(store) == [("Hardship", None), ("Trust in institutions", "Hardship")]
    assert [b.codes for b in store.list()] == [("Trust in institutions",)]
    assert (store.codes()[0].color, store.codes()[0].description) == ("#000000", "money, work")
    store.move_code("Trust in institutions", None)
    assert tree(store)[1] == ("Trust in institutions", None)


def test_coding_and_uncoding_a_passage(store: BookmarkStore, talk: Interview) -> None:
    store.add_code("a")
    store.add_code("b")
    passage = store.add(talk, 1, "five", codes=["b"])
    assert store.code(passage.id, ["a", "B"]).codes == ("b", "a")
    assert store.uncode(passage.id, "b").codes == ("a",)
    with pytest.raises(BookmarkError, match=f"^bookmark {passage.id} is not coded 'b'$"):
        store.uncode(passage.id, "b")
    with pytest.raises(BookmarkError, match="^no code named 'c'"):
        store.code(passage.id, ["a", "c"])
    with pytest.raises(BookmarkError, match="^no bookmark with id 99$"):
        store.code(99, ["a"])
    assert store.get(passage.id).codes == ("a",)


def test_an_unknown_code_writes_no_bookmark(store: BookmarkStore, talk: Interview) -> None:
    with pytest.raises(BookmarkError, match="^no code named 'ghost'"):
        store.add(talk, 0, codes=["ghost"])
    assert store.list() == []


def test_list_by_code_and_usage_counts(
    store: BookmarkStore, talk: Interview, tmp_path: Path
) -> None:
    other = Interview(source=tmp_path / "other.txt", title="Other", turns=talk.turns)
    other.source.write_text("same words", encoding="utf-8")  # type: ignore[union-attr]
    trust, money = store.add_code("trust"), store.add_code("money")
    first = store.add(talk, 0, "One", codes=["trust", "money"])
    second = store.add(talk, 1, "Four", codes=["trust"])
    third = store.add(other, 0, "two", codes=["trust"])
    assert [b.id for b in store.list(code="TRUST")] == [third.id, second.id, first.id]
    assert [b.id for b in store.list(talk.source, code="trust")] == [second.id, first.id]
    assert store.code_usage() == {trust.id: (3, 2), money.id: (1, 1)}


def test_merge_moves_passages_and_sub_codes(store: BookmarkStore, talk: Interview) -> None:
    store.add_code("worry")
    store.add_code("fear")
    store.add_code("dread", parent="fear")
    both = store.add(talk, 0, "One", codes=["fear", "worry"])
    only = store.add(talk, 1, "Four", codes=["fear"])
    assert store.merge_codes("fear", "worry").name == "worry"
    assert tree(store) == [("dread", "worry"), ("worry", None)]
    assert [store.get(both.id).codes, store.get(only.id).codes] == [("worry",), ("worry",)]


def test_remove_refuses_a_used_code_unless_forced(store: BookmarkStore, talk: Interview) -> None:
    store.add_code("top")
    store.add_code("used", parent="top")
    store.add_code("child", parent="used")
    passage = store.add(talk, 0, codes=["used"])
    with pytest.raises(BookmarkError, match="^code 'used' is on 1 passage: remove it with --force"):
        store.remove_code("used")
    assert store.remove_code("used", force=True) == 1
    assert tree(store) == [("child", "top"), ("top", None)]
    assert store.get(passage.id).codes == ()
    assert store.remove_code("child") == 0


def test_removing_a_bookmark_drops_its_codings(store: BookmarkStore, talk: Interview) -> None:
    code = store.add_code("a")
    passage = store.add(talk, 0, codes=["a"])
    store.remove(passage.id)
    assert store.code_usage() == {}
    assert store.remove_code("a") == 0 and code.id


# The migration from the first schema (tags as a JSON list on each bookmark)

SCHEMA_1 = """CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, fingerprint TEXT NOT NULL,
    interview_title TEXT NOT NULL, interview_date TEXT, turn INTEGER NOT NULL,
    speaker TEXT NOT NULL, quote TEXT NOT NULL, quote_start INTEGER NOT NULL,
    quote_end INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL, updated TEXT NOT NULL, orphaned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX bookmarks_by_source ON bookmarks (source);
PRAGMA user_version = 1;
"""


def test_tags_of_a_first_schema_store_become_codes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    raw = sqlite3.connect(data / DB_NAME)
    raw.executescript(SCHEMA_1)
    rows = [
        (1, ["economy", "trust"], "first note", 0),
        (2, [], "", 1),
        (3, ["Trust", " politics ", "economy"], "", 0),
    ]
    for id_, tags, note, orphaned in rows:
        raw.execute(
            "INSERT INTO bookmarks VALUES (?, '/t/a.txt', 'f', 'A', '2015-11-02', ?, 'Ann',"
            " 'words', 0, 5, ?, ?, '2024-01-0' || ? || 'T00:00:00+00:00',"
            " '2024-01-01T00:00:00+00:00', ?)",
            (id_, id_, note, json.dumps(tags), id_, orphaned),
        )
    raw.commit()
    raw.close()
    with BookmarkStore.open(data) as store:
        assert [(code.name, code.color) for code in store.codes()] == [
            ("economy", PALETTE[0]),
            ("politics", PALETTE[2]),
            ("trust", PALETTE[1]),
        ]
        bookmarks = {b.id: b for b in store.list()}
    assert [bookmarks[i].codes for i in (1, 2, 3)] == [
        ("economy", "trust"),
        (),
        ("trust", "politics", "economy"),
    ]
    assert (bookmarks[1].note, bookmarks[2].orphaned, bookmarks[3].turn) == ("first note", True, 3)
    raw = sqlite3.connect(data / DB_NAME)
    columns = [row[1] for row in raw.execute("PRAGMA table_info(bookmarks)")]
    assert (raw.execute("PRAGMA user_version").fetchone()[0], "tags" in columns) == (4, False)
    raw.close()
