"""``reader search``: JSON shape, human output, errors and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.cli.search import _progress_line
from reader.core.library import LoadProgress

TRANSCRIPT = (
    "Interview With Anna Berg of Radio North\n\nJohn Smith\nMinister\nMarch 3, 2020\n\n"
    "QUESTION: What about the harbour?\n\n"
    "MINISTER SMITH: The harbour will reopen in spring. We don't expect delays.\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_hits_have_exactly_the_documented_keys(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    code, out, err = run(capsys, "one cold war was enuogh", "--json", "--limit", "2")
    assert (code, err) == (0, "")
    hits = json.loads(out)
    assert len(hits) == 2
    best = hits[0]
    assert list(best) == ["file", "interview", "turn", "speaker", "text", "score", "highlights"]
    assert best["file"] == str(seeds_dir / "003_ebdff7c3278b8ae4.txt")
    assert best["interview"] == "Interview With Maria Kosygina of Vremya Newspaper"
    assert best["text"] == (
        "We've said very clearly, Secretary Gates said very clearly in Munich, "
        "he said one Cold War was enough."
    )
    assert [best["text"][a:b] for a, b in best["highlights"]] == [
        "one",
        "Cold",
        "War",
        "was",
        "enough",
    ]
    assert 0 < best["score"] <= 100 and best["score"] >= hits[1]["score"]
    code = main(["parse", best["file"], "--json"])
    parsed = json.loads(capsys.readouterr().out)
    assert best["text"] in parsed["turns"][best["turn"]]["text"]
    assert best["speaker"] == parsed["turns"][best["turn"]]["speaker"]


def test_human_output_marks_the_matches(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    code, out, err = run(capsys, "harbur reopen", str(path), "--limit", "1")
    assert (code, err) == (0, "")
    score = out.split()[0]
    assert out == (
        f"{score:>5}  Interview With Anna Berg of Radio North — John Smith, turn 2\n"
        f"       {path}\n"
        "       The *harbour* will *reopen* in spring.\n"
    )


def test_speaker_option_filters(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    code, out, _ = run(capsys, "harbour", str(path), "--speaker", "berg", "--json")
    assert code == 0
    assert [(h["speaker"], h["text"]) for h in json.loads(out)] == [
        ("Anna Berg", "What about the harbour?")
    ]


def test_no_hits_fails_like_grep(tmp_path: Path) -> None:
    """Exit status 1 and a line on stderr; JSON output is still an (empty) list."""
    (tmp_path / "harbour.txt").write_text(TRANSCRIPT, encoding="utf-8")
    for extra, out in (([], ""), (["--json"], "[]\n")):
        result = subprocess.run(
            [sys.executable, "-m", "reader", "search", "zzzqqqxxx", str(tmp_path), *extra],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (result.returncode, result.stdout) == (1, out)
        assert result.stderr == "reader: no passage matches 'zzzqqqxxx'\n"


def test_invalid_query_fails_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, '"unfinished') == (
        1,
        "",
        'reader: unterminated quote in query: add the closing "\n',
    )


SPEAKER_NEEDS_A_NAME = "speaker: needs a name (speaker:lavrov)"
CODE_NEEDS_A_NAME = "code: needs a code's name (code:trust)"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("speaker:", SPEAKER_NEEDS_A_NAME),
        ("cold war speaker: lavrov", SPEAKER_NEEDS_A_NAME),
        ('speaker:""', SPEAKER_NEEDS_A_NAME),
        ("code:", CODE_NEEDS_A_NAME),
        ("cold war code: ", CODE_NEEDS_A_NAME),
    ],
)
def test_an_empty_filter_says_what_it_needs(
    capsys: pytest.CaptureFixture[str], query: str, message: str
) -> None:
    assert run(capsys, query) == (1, "", f"reader: {message}\n")


def test_load_errors_go_to_stderr_and_nothing_loaded_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing"
    code, out, err = run(capsys, "harbour", str(missing))
    assert (code, out) == (1, "")
    assert err == (
        f"reader: {missing}: no such file or folder\nreader: no transcript could be loaded\n"
    )


def test_some_errors_still_search_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "harbour.txt"
    good.write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(capsys, "delays", str(tmp_path), "--json")
    assert code == 0
    assert err == f"reader: {tmp_path / 'empty.txt'}: empty file\n"
    assert [h["text"] for h in json.loads(out)] == ["We don't expect delays."]


def test_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "harbour", "--limit", "0") == (1, "", "reader: --limit must be at least 1\n")


def test_progress_line_only_on_a_terminal_and_erased_when_done() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert _progress_line(io.StringIO()) is None
    terminal = Terminal()
    show = _progress_line(terminal)
    assert show is not None
    show(LoadProgress(0, 2, (), ()))
    show(LoadProgress(2, 2, (), ()))
    assert terminal.getvalue() == "\r\x1b[K"
