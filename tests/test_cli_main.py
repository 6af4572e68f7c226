"""The ``reader`` entry point: subcommand dispatch and global options."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import split_command
from reader.cli.app import no_terminal


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["parse", "f.txt"], ("parse", ["f.txt"])),
        (["--data-dir", "D", "bookmarks", "list"], ("bookmarks", ["--data-dir", "D", "list"])),
        (["--data-dir=D", "bookmarks", "list"], ("bookmarks", ["--data-dir=D", "list"])),
        (["some/folder", "parse"], (None, ["some/folder", "parse"])),
        ([], (None, [])),
    ],
)
def test_split_command(argv: list[str], expected: tuple[str | None, list[str]]) -> None:
    assert split_command(argv) == expected


def test_version_and_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"reader {__version__}"


def test_help_lists_every_subcommand_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import SUBCOMMANDS, main

    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for name in SUBCOMMANDS:
        line = next(line for line in out.splitlines() if line.startswith(f"  {name} "))
        assert len(line.split()) > 2, line


def reader(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``reader ARGS`` as a shell runs it without a terminal: stdin empty, output piped."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["serach"], "'serach' is neither a command nor a file or folder (did you mean 'search'?)"),
        (["hello"], "'hello' is neither a command nor a file or folder (commands: parse, export, "
         "serve, search, bookmarks, codes)"),
        (["gone.txt"], "gone.txt: no such file or folder"),
        (["gone.txt", "lost/"], "gone.txt: no such file or folder (nor are the 1 other paths)"),
    ],
)  # fmt: skip
def test_app_on_nothing_that_exists_fails_with_one_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = reader(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"reader: {message}\n")


def test_app_without_a_terminal_says_so_and_exits(tmp_path: Path) -> None:
    (tmp_path / "talk.txt").write_text("Q: Hi?\n\nA: Hello.\n", encoding="utf-8")
    for args in ([], [str(tmp_path)], [str(tmp_path / "talk.txt"), str(tmp_path / "gone.txt")]):
        result = reader(*args)
        assert (result.returncode, result.stdout) == (1, ""), args
        assert result.stderr == (
            "reader: the app needs a terminal (standard input and output are not one); "
            "without one use 'reader parse', 'reader search' or 'reader export'\n"
        )


def test_a_textual_driver_in_the_environment_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``reader serve`` runs the app under the web driver, with pipes for stdin/stdout."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert no_terminal() is not None
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert no_terminal() is None


def test_one_turn_numbering_for_people_and_the_index_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """parse, search and bookmarks count turns from 1; their JSON keeps the 0-based index."""
    from reader.cli import main

    path = tmp_path / "harbour.txt"
    path.write_text(
        "Ann: Is the harbour open?\n\nBob: The harbour reopens in spring.\n\n"
        "Ann: Thank you?\n\nBob: Bye.\n"
    )

    def out(*args: str) -> str:
        main([*args])
        return capsys.readouterr().out

    assert out("parse", str(path)).splitlines()[-4:] == [
        "1 Q Ann: Is the harbour open?",
        "2 A Bob: The harbour reopens in spring.",
        "3 Q Ann: Thank you?",
        "4 A Bob: Bye.",
    ]
    assert ", turn 2\n" in out("search", "reopens in spring", str(path), "--limit", "1")
    assert json.loads(out("search", "reopens in spring", str(path), "--json"))[0]["turn"] == 1
    assert out("bookmarks", "add", str(path), "2") == "1\n"
    assert out("bookmarks", "list").splitlines()[0] == "#1  Bob — harbour (turn 2)"
    assert json.loads(out("bookmarks", "list", "--json"))[0]["turn"] == 1
