"""Issue 7: a folder of whatever people have. Nothing crashes, nothing is lost or written.

One table of generated files, each with what a user must see: the file loads (and says
the right words), or it fails with a one-line reason while the rest of the folder loads.
The same folder goes through ``reader parse``, ``Library.load`` and the app.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Input

from pdfmaker import Page, lines, make_pdf
from reader.cli import main
from reader.core.library import Library
from reader.core.loader import load_interview
from reader.ui.app import MAX_ERROR_NOTES, ReaderApp

GOOD = "QUESTION: Where were you?\n\nSECRETARY KERRY: In Minsk, {word}.\n"


def _png() -> bytes:
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = b"IHDR" + (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    data = b"IDAT" + zlib.compress(b"\x00\xff\x00\x00")
    return header + b"".join(len(c[4:]).to_bytes(4, "big") + c + b"\0\0\0\0" for c in (ihdr, data))


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    spoken: str | None
    """A word that must come out of the loader in a turn, or None when the file must fail."""
    reason: str | None = None
    """Part of the one-line failure reason."""


CASES = [
    Case("empty.txt", b"", None, "empty file"),
    Case("blank.txt", b" \n\t\n\n", None, "empty file"),
    Case("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\nstream\n\x00\x01", None, "binary"),
    Case("photo.txt", _png(), None, "binary"),
    Case("cp1252.txt", GOOD.format(word="café “quoted”").encode("cp1252"), "café “quoted”"),
    Case("latin1.txt", GOOD.format(word="na\xefve").encode("latin-1"), "naïve"),
    Case("bom8.txt", b"\xef\xbb\xbf" + GOOD.format(word="bom").encode(), "bom"),
    Case("utf16.txt", GOOD.format(word="sixteen").encode("utf-16"), "sixteen"),
    Case("crlf.txt", GOOD.format(word="crlf").replace("\n", "\r\n").encode(), "crlf"),
    Case("lonecr.txt", GOOD.format(word="cr").replace("\n", "\r").encode(), "cr"),
    Case("ansi.txt", GOOD.format(word="\x1b[31mred\x1b[0m\x07").encode(), "red"),
    Case(
        "markup.txt",
        GOOD.format(word="[/] [bold red]x[/] [link=http://a]y[/link]").encode(),
        "[/] [bold red]x[/] [link=http://a]y[/link]",
    ),
    Case("one-line.txt", b"word " * 200_000, "word word"),
    Case("hearing.pdf", make_pdf([lines(GOOD.format(word="pdf [/]").split("\n"))]), "pdf [/]"),
    Case("scan.pdf", make_pdf([Page(scanned=True)]), None, "needs OCR"),
    Case("locked.pdf", make_pdf([lines(["secret"])], encrypted=True), None, "password"),
    Case("cut.pdf", make_pdf([lines(["cut short"])])[:-30], None, "truncated PDF"),
]
IDS = [case.name for case in CASES]


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for case in CASES:
        (folder / case.name).write_bytes(case.data)
    loop = folder / "nested"
    loop.mkdir()
    (loop / "again").symlink_to(folder, target_is_directory=True)  # a symlink loop
    return folder


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and "again" not in p.parts
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_loader_keeps_every_word_or_fails_in_one_line(case: Case, bad_folder: Path) -> None:
    path = bad_folder / case.name
    if case.spoken is None:
        with pytest.raises(Exception) as info:
            load_interview(path)
        message = str(info.value)
        assert "\n" not in message and case.reason is not None and case.reason in message
        return
    interview = load_interview(path)
    text = "\n".join(turn.text for turn in interview.turns)
    assert case.spoken in text
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_reader_parse_exit_status_and_one_line_error(
    case: Case, bad_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["parse", str(bad_folder / case.name), "--json"])
    out, err = capsys.readouterr()
    if case.spoken is None:
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith("reader: ") and "Traceback" not in err
    else:
        assert code == 0 and err == ""


def test_missing_path_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path / "nope.txt")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_library_loads_the_good_files_and_reports_each_bad_one(bad_folder: Path) -> None:
    before = _digest(bad_folder)
    with Library() as library:
        library.load([bad_folder, bad_folder / "does-not-exist"])
        loaded = {i.source.name for i in library.summaries if i.source}
        failed = {e.path.name: e.reason for e in library.errors}
    assert loaded == {c.name for c in CASES if c.spoken is not None}
    assert set(failed) == {c.name for c in CASES if c.spoken is None} | {"does-not-exist"}
    assert all("\n" not in reason for reason in failed.values())
    assert _digest(bad_folder) == before, "a transcript file was written to"


def test_a_file_that_vanishes_while_loading_is_reported_not_fatal(
    bad_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import loader as loader_module

    real = loader_module.load_interview

    def vanishing(path: Path) -> object:
        if path.name == "crlf.txt":
            path.unlink()
        return real(path)

    monkeypatch.setattr(loader_module, "load_interview", vanishing)
    with Library() as library:
        library.load([bad_folder])
        failed = {e.path.name: e.reason for e in library.errors}
        assert "crlf.txt" in failed and "\n" not in failed["crlf.txt"]
        assert "bom8.txt" in {i.source.name for i in library.summaries if i.source}


def test_an_unreadable_file_is_reported(
    bad_folder: Path, make_unreadable: Callable[[Path], None]
) -> None:
    locked = bad_folder / "locked.txt"
    locked.write_text(GOOD.format(word="x"))
    make_unreadable(locked)
    with Library() as library:
        library.load([bad_folder])
        reasons = {e.path.name: e.reason for e in library.errors}
        assert reasons["locked.txt"] == "permission denied"
        assert "bom8.txt" in {s.source.name for s in library.summaries if s.source}


async def test_the_app_opens_the_folder_notifies_each_bad_file_and_marks_it(
    bad_folder: Path,
) -> None:
    before = _digest(bad_folder)
    app = ReaderApp([bad_folder])
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        bad = {c.name for c in CASES if c.spoken is None}
        notes = [n.message for n in app._notifications]
        named = {name for name in bad if any(name in note for note in notes)}
        assert len(named) == MAX_ERROR_NOTES < len(bad)  # the rest in one note:
        assert f"{len(bad) - MAX_ERROR_NOTES} more files could not be loaded" in notes[-1]
        assert all("\n" not in note for note in notes)
        listed = {p.name for p in app.interview_list.visible_sources()}
        assert listed == {c.name for c in CASES if c.spoken is not None}
        options = app.interview_list.options
        failed_ids = {options.get_option_at_index(i).id or "" for i in range(options.option_count)}
        assert {Path(i.split(":", 1)[-1]).name for i in failed_ids if i.startswith("failed")} >= bad
        # The markup file's words show literally in search results.
        await pilot.press("slash")
        app.query_one("#search-input", Input).insert_text_at_cursor("bold red link")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("[bold red]x[/]" in hit.text for hit in app.search_sidebar.hits)
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        await pilot.resize_terminal(120, 34)
        await pilot.pause()
    assert _digest(bad_folder) == before


async def test_the_app_notifies_an_unreadable_file_marks_it_and_loads_the_rest(
    tmp_path: Path, make_unreadable: Callable[[Path], None]
) -> None:
    (tmp_path / "good.txt").write_text(GOOD.format(word="harbour"), encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD.format(word="x"), encoding="utf-8")
    make_unreadable(locked)
    app = ReaderApp([tmp_path])
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [str(n.message) for n in app._notifications]
        assert f"{locked}: permission denied" in notes
        assert [p.name for p in app.interview_list.visible_sources()] == ["good.txt"]
        options = app.interview_list.options
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert f"failed:{locked}" in ids
        assert app.current is not None and app.current.source == tmp_path / "good.txt"
