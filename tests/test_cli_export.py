"""``reader export``: Markdown and JSON on stdout or to a file, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.export import EXPORT_MARK, to_markdown
from reader.core.loader import load_interview

KERRY = "000_0e1d10314e09f99d.txt"


def test_markdown_to_stdout_by_default(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = seeds_dir / KERRY
    assert main(["export", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == to_markdown(load_interview(path))
    assert out.startswith(f"{EXPORT_MARK}\n\n# Interview With Askar Alimzhanov of Mir TV\n")
    assert "\n## John Kerry\n\nThank you very much.\n" in out


def test_json_is_the_parse_json_shape(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = seeds_dir / KERRY
    assert main(["export", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == load_interview(path).to_json()


def test_output_file_gets_the_same_text(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seeds_dir / KERRY
    out_file = tmp_path / "kerry.md"
    assert main(["export", str(path), "-f", "md", "--output", str(out_file)]) == 0
    assert capsys.readouterr().out == ""
    assert out_file.read_text(encoding="utf-8") == to_markdown(load_interview(path))


def test_refuses_to_overwrite_the_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("ANNA: Hello there.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert main(["export", str(transcript), "-o", str(tmp_path / "sub" / ".." / "t.txt")]) == 1
    assert capsys.readouterr().err == (
        f"reader: {tmp_path}/sub/../t.txt: refusing to overwrite the transcript being exported\n"
    )
    assert transcript.read_text(encoding="utf-8") == "ANNA: Hello there.\n"


def test_missing_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "nope.txt")]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"reader: {tmp_path}/nope.txt: no such file\n")


def test_unwritable_output_is_a_one_line_error(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "out.md"
    assert main(["export", str(seeds_dir / KERRY), "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"reader: {target}: cannot write (No such file or directory)\n"
    )


def test_unknown_format_is_rejected_by_the_parser(
    seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(seeds_dir / KERRY), "--format", "pdf"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'pdf' (choose from 'md', 'json')" in capsys.readouterr().err


def test_help_names_both_formats_and_the_output_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])
    assert exit_info.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert help_text.startswith("usage: reader export [-h] [--data-dir DIR] [-f {md,json}]")
    assert "the transcript itself is never modified" in help_text
    assert "-o OUT, --output OUT write to this file instead of standard output" in help_text
