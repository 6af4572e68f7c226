"""From bytes on disk to clean text: encoding detection, newlines, control characters.

The parser and every format loader work on the string this module returns, so it is
the one place that decides what may reach a terminal: ANSI escape sequences and
control characters other than newline and tab are removed here. Everything else,
including non-breaking spaces and markup-like brackets, is kept verbatim.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reader.core.model import LoadError

MAX_FILE_SIZE = 64 * 1024 * 1024
"""Files larger than this (64 MB) are refused rather than read into memory."""

_BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
)
_SAMPLE_SIZE = 8192
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13, 27}))

_ANSI = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\v\u2028\u2029]")
_BREAKS = ("\r", "\v", "\u2028", "\u2029")
"""The characters that start what :data:`_LINE_BREAKS` matches (``in`` finds them fast)."""


class DecodeError(ValueError):
    """Bytes that are not a transcript; the message is a one-line reason."""


def read_text(path: Path) -> str:
    """Read a transcript file and return its decoded, cleaned text.

    Raises LoadError with a one-line reason for missing, unreadable, oversized,
    binary or empty files.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            limit = _mb(MAX_FILE_SIZE)
            raise LoadError(path, f"file too large ({_mb(size)} MB; the limit is {limit} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except IsADirectoryError:
        raise LoadError(path, "is a directory") from None
    except OSError as exc:
        raise LoadError(path, exc.strerror or type(exc).__name__) from None
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise LoadError(path, str(exc)) from None


def _mb(size: int) -> int:
    return size // (1024 * 1024)


def decode_bytes(data: bytes) -> str:
    """Decode transcript bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else line by
    line UTF-8, cp1252 or Latin-1.

    Newlines become ``\\n`` and form feeds (page breaks) stay; ANSI escapes and
    control characters other than these and tab are removed. Raises DecodeError for
    binary data and empty text.
    """
    text = _clean(_decode(data))
    if not text.strip():
        raise DecodeError("empty file")
    return text


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError(f"invalid {encoding.upper()} text") from None
    if _looks_binary(data):
        raise DecodeError("binary file, not a transcript")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
        return "\n".join(_decode_line(line) for line in lines)


def _decode_line(line: bytes) -> str:
    """One line of a file that is not all UTF-8: UTF-8 if it can be, else cp1252/Latin-1.

    Line by line, so a UTF-8 transcript with one pasted cp1252 quote keeps the rest
    of its text intact instead of turning every accent into mojibake.
    """
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_SIGNATURES):
        return True
    sample = data[:_SAMPLE_SIZE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 10


def _clean(text: str) -> str:
    if any(char in text for char in _BREAKS):
        text = _LINE_BREAKS.sub("\n", text)
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    return _CONTROL.sub("", text)
