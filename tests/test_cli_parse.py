"""``reader parse FILE [--json]``: summary, JSON, and one-line errors for bad files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.loader import load_interview


def seed(seeds_dir: Path, prefix: str) -> Path:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path


def test_summary(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed(seeds_dir, "000"))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:10] == [
        "Title:       Interview With Askar Alimzhanov of Mir TV",
        "Date:        2015-11-02",
        "Place:       Astana",
        "Interviewee: John Kerry (Secretary of State)",
        "Interviewer: Askar Alimzhanov",
        "Outlet:      Mir TV",
        "Turns:       15",
        " 1 Q Askar Alimzhanov: Hello, Mr. Secretary. It’s an honor and a privilege to (ina…",
        " 2 A John Kerry: Thank you very much.",
        " 3 Q Askar Alimzhanov: Thank you (inaudible) for your time and to answer a few que…",
    ]
    assert len(lines) == 7 + 15 + 2 + 6
    assert lines[21].startswith("15 A John Kerry: Well, Ukraine is not an issue")
    assert lines[22:] == [
        "",
        "Not speech (6 lines):",
        "  Interview With Askar Alimzhanov of Mir TV",
        "  John Kerry",
        "  Secretary of State",
        "  U.S. Ambassador's Residence",
        "  Astana, Kazakhstan",
        "  November 2, 2015",
    ]


def test_furniture_in_json_says_where_each_line_is(tmp_path: Path) -> None:
    path = tmp_path / "talk.md"
    text = "# Garden Talk\n\nAnn: Hi?\n\nBob: Hello.\n\n_page: 2\n\nAnn: Bye?\n\nBob: Bye.\n"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["furniture"] == [
        {"text": "# Garden Talk", "start": 0},
        {"text": "_page: 2", "start": 38},
    ]
    assert text[38:46] == "_page: 2"


def test_summary_marks_unknown_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.md"
    path.write_text("Ann: Hi?\n\nBob: Hello.\n\nAnn: Bye?\n\nBob: Bye.\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Title:       chat",
        "Date:        -",
        "Place:       -",
        "Interviewee: -",
        "Interviewer: -",
        "Outlet:      -",
        "Turns:       4",
        "1 Q Ann: Hi?",
        "2 A Bob: Hello.",
        "3 Q Ann: Bye?",
        "4 A Bob: Bye.",
    ]


def test_json_is_the_interview(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = seed(seeds_dir, "004")
    assert main(["parse", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data == load_interview(path).to_json()
    assert "Lavrov’s" in out
    assert list(data) == [
        "file", "title", "date", "place", "interviewer", "outlet", "interviewee",
        "interviewee_role", "description", "turns", "furniture",
    ]  # fmt: skip
    assert data["date"] == "2017-01-20"
    first = data["turns"][0]
    assert [first["speaker"], first["label"], first["role"]] == [
        "Sergey Lavrov",
        None,
        "interviewee",
    ]
    assert first["text"].startswith("Ladies and gentlemen,\n\nMy counterpart")
    assert list(first) == ["speaker", "label", "role", "text", "start", "end", "start_time"]


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF-1.4\n")
    return {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "empty": (empty, "empty file"),
        "binary": (binary, "binary file, not a transcript"),
        "folder": (folder, "is a folder, not a transcript file"),
        "unsupported": (odd, "unsupported file type '.pdf'"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "folder", "unsupported"])
def test_bad_files_give_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path, reason = bad_files(tmp_path)[case]
    assert main(["parse", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"reader: {path}: {reason}\n"


def test_unreadable_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make_unreadable: Callable[[Path], None],
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Q: hi\n")
    make_unreadable(path)
    assert main(["parse", str(path)]) == 1
    assert capsys.readouterr().err == f"reader: {path}: permission denied\n"


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "parse", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"reader: {path}: binary file, not a transcript\n"


def test_a_folder_is_named_as_one(seeds_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "parse", str(seeds_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"reader: {seeds_dir}: is a folder, not a transcript file\n"
