"""The ``reader`` entry point: subcommand dispatch and global options."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader import __version__
from reader.cli import split_command


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
