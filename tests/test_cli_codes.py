"""``reader codes`` and the coding actions of ``reader bookmarks``: output and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bookmarks.codebook import PALETTE

TALK = """\
Interview with Ann Lee

Maria: Welcome to the show, Ann.

Ann: Thank you for having me.

Maria: Tell us about the new bridge.

Ann: The bridge took eleven years to build.
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")
    return path


def test_building_and_listing_a_codebook(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "codes", "list") == (0, "No codes.\n", "")
    assert run(capsys, "codes", "add", "Hardship", "--description", "money,\nwork") == (0, "", "")
    assert (
        run(capsys, "codes", "add", "Money", "--parent", "hardship", "--color", "#00AA00")[0] == 0
    )
    assert run(capsys, "codes", "add", "Trust")[0] == 0
    assert (
        run(capsys, "bookmarks", "add", str(talk), "1", "--code", "money", "--code", "Trust")[0]
        == 0
    )
    assert run(capsys, "bookmarks", "add", str(talk), "3", "--code", "Money")[0] == 0
    assert run(capsys, "codes", "list") == (
        0,
        f"Hardship  {PALETTE[0]}  0 passages in 0 interviews — money, work\n"
        "  Money  #00aa00  2 passages in 1 interview\n"
        f"Trust  {PALETTE[2]}  1 passage in 1 interview\n",
        "",
    )
    status, out, _ = run(capsys, "codes", "list", "--json")
    rows = [{k: v for k, v in row.items() if k != "guid"} for row in json.loads(out)]
    assert rows == [
        {"name": "Hardship", "parent": None, "color": PALETTE[0], "description": "money,\nwork",
         "passages": 0, "interviews": 0},
        {"name": "Money", "parent": "Hardship", "color": "#00aa00", "description": "",
         "passages": 2, "interviews": 1},
        {"name": "Trust", "parent": None, "color": PALETTE[2], "description": "",
         "passages": 1, "interviews": 1},
    ]  # fmt: skip


def test_rename_move_merge_remove(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b", "c"):
        run(capsys, "codes", "add", name)
    run(capsys, "bookmarks", "add", str(talk), "1", "--code", "a")
    assert run(capsys, "codes", "rename", "a", "Alpha") == (0, "", "")
    assert run(capsys, "codes", "move", "b", "--parent", "alpha") == (0, "", "")
    assert run(capsys, "codes", "move", "alpha", "--parent", "b") == (
        1,
        "",
        "reader: cannot put 'Alpha' under 'b': 'b' is inside it\n",
    )
    assert run(capsys, "codes", "merge", "Alpha", "c") == (0, "", "")
    assert run(capsys, "codes", "remove", "c") == (
        1,
        "",
        "reader: code 'c' is on 1 passage: remove it with --force (the passages stay)\n",
    )
    assert run(capsys, "codes", "remove", "c", "--force") == (0, "", "")
    assert run(capsys, "codes", "list")[1] == f"b  {PALETTE[1]}  0 passages in 0 interviews\n"


def test_coding_passages_from_the_shell(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "codes", "add", "why")
    run(capsys, "codes", "add", "how")
    run(capsys, "bookmarks", "add", str(talk), "2")
    run(capsys, "bookmarks", "add", str(talk), "3")
    assert run(capsys, "bookmarks", "code", "1", "WHY") == (0, "", "")
    assert run(capsys, "bookmarks", "code", "2", "how") == (0, "", "")
    assert run(capsys, "bookmarks", "code", "2", "why") == (0, "", "")
    assert run(capsys, "bookmarks", "uncode", "2", "how") == (0, "", "")
    _, out, _ = run(capsys, "bookmarks", "list", "--code", "why", "--json")
    assert [(b["id"], b["quote"], b["codes"]) for b in json.loads(out)] == [
        (2, "Tell us about the new bridge.", ["why"]),
        (1, "Thank you for having me.", ["why"]),
    ]
    assert run(capsys, "bookmarks", "list", "--code", "how", "--json") == (0, "[]\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("codes", "add", "x", "--color", "blue"),
            "'blue' is not a colour: use #RRGGBB, e.g. #4e79a7",
        ),
        (
            ("codes", "add", "x", "--parent", "nope"),
            "no code named 'nope' (see 'reader codes list')",
        ),
        (("codes", "rename", "nope", "x"), "no code named 'nope' (see 'reader codes list')"),
        (("codes", "merge", "known", "nope"), "no code named 'nope' (see 'reader codes list')"),
        (("codes", "import", "missing.qdpx"), "missing.qdpx: no such file\n"),
        (("codes", "import", "."), ".: is a folder, not a REFI-QDA file\n"),
        (("bookmarks", "code", "1", "nope"), "no code named 'nope' (see 'reader codes list')"),
        (("bookmarks", "code", "9", "known"), "no bookmark with id 9"),
        (("bookmarks", "uncode", "1", "known"), "bookmark 1 is not coded 'known'"),
        (("bookmarks", "list", "--code", "nope"), "no code named 'nope' (see 'reader codes list')"),
    ],
)
def test_errors_are_one_line_and_write_nothing(
    talk: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    run(capsys, "codes", "add", "known")
    run(capsys, "bookmarks", "add", str(talk), "1")
    before = run(capsys, "codes", "list", "--json"), run(capsys, "bookmarks", "list", "--json")
    status, out, err = run(capsys, *args)
    assert (status, out) == (1, "")
    assert err.startswith(f"reader: {message}") and err.count("\n") == 1
    assert (
        run(capsys, "codes", "list", "--json"),
        run(capsys, "bookmarks", "list", "--json"),
    ) == before


def test_an_unknown_code_on_add_writes_no_bookmark(
    talk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "bookmarks", "add", str(talk), "1", "--code", "ghost") == (
        1,
        "",
        "reader: no code named 'ghost' (see 'reader codes list')\n",
    )
    assert run(capsys, "bookmarks", "list") == (0, "No bookmarks.\n", "")
