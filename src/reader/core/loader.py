"""From a transcript file to an interview: per-format dispatch.

This is the one entry point the CLI and the UI use to read a transcript (finding
them in folders is :mod:`reader.core.discovery`'s). Every failure is a
:class:`~reader.core.model.LoadError` with a one-line reason; nothing here ever
writes to a transcript file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from reader.core.model import Interview, LoadError

Loader = Callable[[Path], Interview]

# The formats' modules (and the parser's) are imported when a file of theirs is first
# loaded: a start from the cache parses nothing and need not pay for them.


def _load_plain_text(path: Path) -> Interview:
    from reader.core.decoding import read_text
    from reader.core.parsing import parse_text

    return parse_text(read_text(path), source=path)


def _load_vtt(path: Path) -> Interview:
    from reader.core.formats.captions import load_vtt

    return load_vtt(path)


def _load_srt(path: Path) -> Interview:
    from reader.core.formats.captions import load_srt

    return load_srt(path)


def _load_docx(path: Path) -> Interview:
    from reader.core.formats import load_docx

    return load_docx(path)


def _load_html(path: Path) -> Interview:
    from reader.core.formats.html import load_html

    return load_html(path)


def _load_pdf(path: Path) -> Interview:
    from reader.core.formats import load_pdf

    return load_pdf(path)


LOADERS: dict[str, Loader] = {
    ".txt": _load_plain_text,
    ".text": _load_plain_text,
    ".md": _load_plain_text,
    ".markdown": _load_plain_text,
    ".vtt": _load_vtt,
    ".srt": _load_srt,
    ".docx": _load_docx,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
}
"""File suffix (lower case) to the function that loads such a file."""

FOLDER = "is a folder, not a transcript file"


def is_supported(path: Path | str) -> bool:
    """Whether the reader knows how to open a file with this name."""
    return os.path.splitext(path)[1].lower() in LOADERS


def load_interview(path: Path | str) -> Interview:
    """Load one transcript file; raise LoadError with a one-line reason on failure."""
    path = Path(path)
    if path.is_dir():
        raise LoadError(path, FOLDER)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise unsupported(path)
    try:
        interview = loader(path)
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "too deeply nested to read") from None
    except (OSError, ValueError, UnicodeError) as exc:
        raise LoadError(path, describe(exc)) from None
    from reader.core.parsing.dates import date_in_name  # with the parser: see above

    if interview.date is None and (named := date_in_name(path.name)) is not None:
        interview = dataclasses.replace(interview, date=named)
    return interview


def unsupported(path: Path) -> LoadError:
    """The error for a file of a type the reader cannot read."""
    return LoadError(path, f"unsupported file type {path.suffix or '(none)'!r}")


def describe(exc: BaseException) -> str:
    """A one-line reason for an error reading a file."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return FOLDER
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
