"""``reader bookmarks``: add, list, note, remove, export, re-anchoring and one-line errors."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.bookmarks import store as store_module
from reader.core.bookmarks.store import DB_NAME

ANN = """\
Interview with Ann Lee

Maria: Welcome to the show, Ann.

Ann: Thank you for having me. It is a pleasure to be here.

Maria: Tell us about the new bridge.

Ann: The bridge took eleven years to build and it carries forty thousand cars a day.

We are proud of it.
"""
KERRY = "000_0e1d10314e09f99d.txt"


@pytest.fixture
def ann(tmp_path: Path) -> Path:
    path = tmp_path / "ann.txt"
    path.write_text(ANN, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["bookmarks", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def listed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    status, out, err = run(capsys, "list", "--json")
    assert (status, err) == (0, "")
    return [
        {k: v for k, v in item.items() if k not in ("created", "updated")}
        for item in json.loads(out)
    ]


def test_add_prints_the_id_and_list_json_shows_it(
    ann: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "add", str(ann), "4", "--quote", "eleven years") == (0, "1\n", "")
    for name in ("intro", "x"):
        assert main(["codes", "add", name]) == 0
    args = ("add", str(ann), "2", "--note", "warm", "--code", "intro", "--code", "x")
    assert run(capsys, *args) == (0, "2\n", "")
    assert listed(capsys) == [
        {
            "id": 2,
            "file": str(ann.resolve()),
            "interview": "Interview with Ann Lee",
            "date": None,
            "turn": 1,
            "speaker": "Ann",
            "quote": "Thank you for having me. It is a pleasure to be here.",
            "start": 0,
            "end": 53,
            "note": "warm",
            "codes": ["intro", "x"],
            "orphaned": False,
            "page": None,
            "line": None,
            "start_time": None,
        },
        {
            "id": 1,
            "file": str(ann.resolve()),
            "interview": "Interview with Ann Lee",
            "date": None,
            "turn": 3,
            "speaker": "Ann",
            "quote": "eleven years",
            "start": 16,
            "end": 28,
            "note": "",
            "codes": [],
            "orphaned": False,
            "page": None,
            "line": None,
            "start_time": None,
        },
    ]


def test_list_for_people(seeds_dir: Path, ann: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "list") == (0, "No bookmarks.\n", "")
    assert main(["codes", "add", "t"]) == 0
    run(capsys, "add", str(seeds_dir / KERRY), "2", "--note", "short\nanswer", "--code", "t")
    run(capsys, "add", str(ann), "4")
    status, out, err = run(capsys, "list")
    assert (status, err) == (0, "")
    assert out == (
        "#2  Ann — Interview with Ann Lee (turn 4)\n"
        "    “The bridge took eleven years to build and it carries forty thousand cars a day."
        " We are proud of it.”\n"
        f"    file: {ann.resolve()}\n"
        "#1  John Kerry — Interview With Askar Alimzhanov of Mir TV, 2 November 2015 (turn 2)\n"
        "    “Thank you very much.”\n"
        f"    file: {(seeds_dir / KERRY).resolve()}\n"
        "    note: short answer\n"
        "    codes: t\n"
    )


def test_note_and_remove(ann: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", str(ann), "1")
    run(capsys, "add", str(ann), "3")
    assert run(capsys, "note", "1", "edited note") == (0, "", "")
    assert run(capsys, "remove", "2") == (0, "", "")
    [only] = listed(capsys)
    assert (only["id"], only["note"], only["quote"]) == (
        1,
        "edited note",
        "Welcome to the show, Ann.",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("remove", "9"), "no bookmark with id 9"),
        (("note", "9", "x"), "no bookmark with id 9"),
        (("remove", "one"), "ID must be a whole number, not 'one'"),
        (("add", "{ann}", "x"), "TURN must be a whole number, not 'x'"),
        (("add", "{ann}", "5"), "no turn 5 in ann.txt: it has 4 turns (1 to 4)"),
        (("add", "{ann}", "0"), "no turn 0 in ann.txt: it has 4 turns (1 to 4)"),
        (("add", "{ann}", "3", "--quote", "bridges"), "the quote is not in turn 3 of ann.txt"),
        (("add", "{dir}/missing.txt", "1"), "{dir}/missing.txt: no such file"),
        (("add", "{dir}/notes.odt", "1"), "{dir}/notes.odt: unsupported file type '.odt'"),
    ],
)
def test_errors_are_one_line_and_exit_1(
    ann: Path, args: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fill = {"ann": str(ann), "dir": str(ann.parent)}
    status, out, err = run(capsys, *(arg.format(**fill) for arg in args))
    assert (status, out, err) == (1, "", f"reader: {message.format(**fill)}\n")


def test_data_dir_option_before_or_after_the_action(
    isolated_user_dirs: Path, tmp_path: Path, ann: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run(capsys, "--data-dir", str(first), "add", str(ann), "1")[0] == 0
    assert run(capsys, "add", str(ann), "2", "--data-dir", str(second))[0] == 0
    assert run(capsys, "add", str(ann), "2", "--data-dir", str(second))[0] == 0
    assert (first / DB_NAME).is_file() and (second / DB_NAME).is_file()
    assert not (isolated_user_dirs / "data").exists()
    status, out, _ = run(capsys, "--data-dir", str(second), "list", "--json")
    assert [b["turn"] for b in json.loads(out)] == [1, 1]


def test_list_reanchors_after_an_edit_above_the_passage(
    ann: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", str(ann), "4", "--quote", "forty thousand cars")
    [before] = listed(capsys)
    ann.write_text(
        ANN.replace("Maria: Welcome", "Maria: Hello.\n\nAnn: Hi!\n\nMaria: Welcome"),
        encoding="utf-8",
    )
    [moved] = listed(capsys)
    assert (before["turn"], before["start"], before["end"]) == (3, 53, 72)
    assert (moved["turn"], moved["start"], moved["end"]) == (5, 53, 72)
    assert (moved["quote"], moved["orphaned"]) == ("forty thousand cars", False)


def test_a_deleted_passage_or_file_leaves_the_bookmark_orphaned(
    ann: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = ann.with_name("other.txt")
    shutil.copy(ann, other)
    run(capsys, "add", str(ann), "4", "--quote", "We are proud of it.", "--note", "pride")
    run(capsys, "add", str(other), "3")
    ann.write_text(ANN.replace("\nWe are proud of it.\n", ""), encoding="utf-8")
    other.unlink()
    assert [(b["id"], b["orphaned"], b["quote"]) for b in listed(capsys)] == [
        (2, True, "Tell us about the new bridge."),
        (1, True, "We are proud of it."),
    ]
    status, out, _ = run(capsys, "list")
    assert out.count("ORPHANED: this passage is not in the current version of the file") == 2
    assert run(capsys, "export")[1] == (
        "- “Tell us about the new bridge.” — Maria, *Interview with Ann Lee*\n"
        "  (not found in the current version of other.txt)\n"
        "- “We are proud of it.” — Ann, *Interview with Ann Lee*\n"
        "  pride\n"
        "  (not found in the current version of ann.txt)\n"
    )


def test_export_formats(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = str(seeds_dir / KERRY)
    run(capsys, "add", seed, "4", "--quote", "build a cooperation between countries")
    run(capsys, "add", seed, "2", "--note", "Polite.")
    assert run(capsys, "export", "--format", "md") == (
        0,
        "- “Thank you very much.” — John Kerry, *Interview With Askar Alimzhanov of Mir TV*,"
        " 2 November 2015\n"
        "  Polite.\n"
        "- “build a cooperation between countries” — John Kerry, *Interview With Askar"
        " Alimzhanov of Mir TV*, 2 November 2015\n",
        "",
    )
    status, out, _ = run(capsys, "export", "-f", "json")
    assert [(b["id"], b["speaker"], b["date"]) for b in json.loads(out)] == [
        (2, "John Kerry", "2015-11-02"),
        (1, "John Kerry", "2015-11-02"),
    ]
    target = tmp_path / "out.csv"
    assert run(capsys, "export", "--format", "csv", "--output", str(target)) == (0, "", "")
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["id"], r["quote"], r["note"]) for r in rows] == [
        ("2", "Thank you very much.", "Polite."),
        ("1", "build a cooperation between countries", ""),
    ]
    assert run(capsys, "export", "-o", str(tmp_path / "no" / "such" / "dir.md"))[0] == 1


def test_a_passage_in_a_real_world_transcript(
    realworld_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Used in place; the store only reads the transcript. NBSPs match typed spaces."""
    path = realworld_dir / "wh_covid_briefing_2020-04-24.txt"
    quote = "Thank you very much, everyone. Thank you. We continue to see"
    assert run(capsys, "add", str(path), "1", "--quote", quote)[0] == 0
    [bookmark] = listed(capsys)
    assert (bookmark["speaker"], bookmark["orphaned"]) == ("THE PRESIDENT", False)
    assert bookmark["quote"] == quote.replace(". ", ".\xa0 ")


def test_a_damaged_store_is_replaced_with_a_warning(
    isolated_user_dirs: Path, ann: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = isolated_user_dirs / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"\0garbage" * 512)
    status, out, err = run(capsys, "list")
    [aside] = data.glob(f"{DB_NAME}.corrupt-*")
    assert (status, out) == (0, "No bookmarks.\n")
    assert err == (
        "reader: warning: the bookmark database was damaged:"
        f" moved it to {aside} and started a new one\n"
    )
    assert run(capsys, "add", str(ann), "1") == (0, "1\n", "")


def test_a_read_only_store_still_lists_but_refuses_writes(
    isolated_user_dirs: Path,
    ann: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Simulated read-only file (root ignores permissions); see test_bookmarks_faults."""
    run(capsys, "add", str(ann), "1")

    def refuse(path: Path, busy_timeout: float) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store_module, "_open_writable", refuse)
    db = isolated_user_dirs / "data" / DB_NAME
    warning = (
        f"reader: warning: bookmarks are read-only: cannot write {db} (the file is read-only);"
        " reading still works\n"
    )
    status, out, err = run(capsys, "list", "--json")
    assert (status, len(json.loads(out)), err) == (0, 1, warning)
    assert run(capsys, "remove", "1") == (
        1,
        "",
        warning + f"reader: cannot save bookmarks: {db} is read-only (the file is read-only)\n",
    )


LOOP = """
for i in $(seq 1 6); do
    "$READER" bookmarks add "$FILE" 1 --note "$WHO-$i" >/dev/null || exit 1
done
"""


@pytest.mark.slow
def test_two_cli_loops_adding_at_once_lose_nothing(ann: Path) -> None:
    reader = Path(sys.executable).with_name("reader")
    env = {**os.environ, "READER": str(reader), "FILE": str(ann)}
    loops = [
        subprocess.Popen(["bash", "-c", LOOP], env={**env, "WHO": who}, stderr=subprocess.PIPE)
        for who in ("a", "b")
    ]
    assert [loop.communicate(timeout=60)[1] for loop in loops] == [b"", b""]
    assert [loop.returncode for loop in loops] == [0, 0]
    result = subprocess.run(
        [str(reader), "bookmarks", "list", "--json"], capture_output=True, text=True, check=True
    )
    notes = sorted(b["note"] for b in json.loads(result.stdout))
    assert notes == sorted(f"{who}-{i}" for who in "ab" for i in range(1, 7))
