"""Bytes to clean text: encodings, newlines, terminal-unsafe characters, bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core import decoding
from reader.core.decoding import DecodeError, decode_bytes, read_text
from reader.core.model import LoadError


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Q: Grüße – “hi”\n".encode(), "Q: Grüße – “hi”\n"),
        (b"\xef\xbb\xbfQ: hi\n", "Q: hi\n"),
        ("Q: Grüße\n".encode("utf-16-le"), None),
        ("Q: Grüße\n".encode("utf-16"), "Q: Grüße\n"),
        ("Q: Grüße\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "Q: Grüße\n"),
        ("Q: Grüße\n".encode("utf-32"), "Q: Grüße\n"),
        ("Q: café – “ok”\n".encode("cp1252"), "Q: café – “ok”\n"),
        (b"Q: caf\xe9 \x81\n", "Q: café \n"),
    ],
    ids=["utf8", "utf8-bom", "utf16-no-bom", "utf16-bom", "utf16-be", "utf32", "cp1252", "latin1"],
)
def test_encodings(data: bytes, text: str | None) -> None:
    if text is None:
        with pytest.raises(DecodeError, match="binary file, not a transcript"):
            decode_bytes(data)
    else:
        assert decode_bytes(data) == text


def test_newlines_are_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\nd\x0be") == "a\nb\nc\nd\ne"


def test_form_feeds_stay_as_page_breaks() -> None:
    assert decode_bytes(b"page one\r\n\x0cpage two\x0c") == "page one\n\x0cpage two\x0c"


def test_ansi_escapes_and_control_characters_are_removed() -> None:
    data = (
        b"\x1b[31mQ:\x1b[0m red\x07 bell\n"
        b"\x1b]0;title\x07A: osc\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n"
        b"tab\tkept\x08\x7f\x0e\n"
    )
    assert decode_bytes(data) == "Q: red bell\nA: osclink\ntab\tkept\n"


def test_c1_controls_from_latin1_are_removed() -> None:
    assert decode_bytes(b"caf\xe9 \x9b31m ok\x81\n") == "café 31m ok\n"


def test_markup_like_text_is_kept_verbatim() -> None:
    text = "A: [bold red]no[/] [link=https://x.org]x[/link] [/] \\[esc\\]\n"
    assert decode_bytes(text.encode()) == text


def test_non_breaking_spaces_are_kept() -> None:
    assert decode_bytes("Q\u00a0\u00a0 hi\n".encode()) == "Q\u00a0\u00a0 hi\n"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04" + b"word/document.xml" * 4,
        b"Q: hello\x00world\n",
        bytes(range(1, 9)) * 100,
    ],
    ids=["pdf", "png", "zip", "nul", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="^binary file, not a transcript$"):
        decode_bytes(data)


def test_more_than_a_tenth_of_control_bytes_is_binary_but_tabs_and_breaks_are_text() -> None:
    assert decode_bytes(b"\x01" * 10 + b"a" * 90) == "a" * 90
    assert decode_bytes(b"\t\n\x0c\r\x1b" * 20 + b"a") == "\t\n\x0c\n" * 20 + "a"
    with pytest.raises(DecodeError, match="^binary file, not a transcript$"):
        decode_bytes(b"\x01" * 11 + b"a" * 89)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\ufeff \n".encode(), b"\x1b[0m\n"])
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match="^empty file$"):
        decode_bytes(data)


def test_read_text_reports_the_path(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\n\n")
    with pytest.raises(LoadError) as caught:
        read_text(empty)
    assert str(caught.value) == f"{empty}: empty file"
    with pytest.raises(LoadError, match="no such file$"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(LoadError, match="is a directory$"):
        read_text(tmp_path)


def test_unreadable_file(tmp_path: Path, make_unreadable: Callable[[Path], None]) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Q: hi\n")
    make_unreadable(path)
    with pytest.raises(LoadError, match="permission denied$"):
        read_text(path)


def test_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Q: hi\n" * 300_000)
    monkeypatch.setattr(decoding, "MAX_FILE_SIZE", 1024 * 1024)
    with pytest.raises(LoadError, match=r"file too large \(1 MB; the limit is 1 MB\)$"):
        read_text(path)


def test_the_real_limit_is_64_mb() -> None:
    assert decoding.MAX_FILE_SIZE == 64 * 1024 * 1024


def test_a_utf8_file_with_one_cp1252_line_keeps_both() -> None:
    data = "Q: It’s “fine”.\n".encode() + b"A: caf\xe9 \x93ok\x94\n" + "Q: Grüße\n".encode()
    assert decode_bytes(data) == "Q: It’s “fine”.\nA: café “ok”\nQ: Grüße\n"
