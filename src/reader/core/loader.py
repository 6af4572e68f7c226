"""From paths on disk to interviews: folder discovery and per-format dispatch.

This is the one entry point the CLI and the UI use to load transcripts. Every
failure is a :class:`~reader.core.model.LoadError` with a one-line reason; nothing
here ever writes to a transcript file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.core.decoding import read_text
from reader.core.formats import load_docx
from reader.core.formats.captions import load_srt, load_vtt
from reader.core.formats.html import load_html
from reader.core.model import Interview, LoadError
from reader.core.parsing import parse_text
from reader.core.parsing.dates import date_in_name

Loader = Callable[[Path], Interview]


def _load_plain_text(path: Path) -> Interview:
    return parse_text(read_text(path), source=path)


LOADERS: dict[str, Loader] = {
    ".txt": _load_plain_text,
    ".text": _load_plain_text,
    ".md": _load_plain_text,
    ".markdown": _load_plain_text,
    ".vtt": load_vtt,
    ".srt": load_srt,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}
"""File suffix (lower case) to the function that loads such a file."""

FOLDER = "is a folder, not a transcript file"


def is_supported(path: Path) -> bool:
    """Whether the reader knows how to open a file with this name."""
    return path.suffix.lower() in LOADERS


def load_interview(path: Path | str) -> Interview:
    """Load one transcript file; raise LoadError with a one-line reason on failure."""
    path = Path(path)
    if path.is_dir():
        raise LoadError(path, FOLDER)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(path, f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        interview = loader(path)
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "too deeply nested to read") from None
    except (OSError, ValueError, UnicodeError) as exc:
        raise LoadError(path, _describe(exc)) from None
    if interview.date is None and (named := date_in_name(path.name)) is not None:
        interview = dataclasses.replace(interview, date=named)
    return interview


def _describe(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return FOLDER
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def discover(paths: Iterable[Path | str]) -> tuple[list[Path], list[LoadError]]:
    """Expand files and folders into transcript files, in a stable order.

    Folders are searched recursively for supported suffixes, following symlinks but
    never visiting a folder twice (so a symlink loop ends). Paths that do not exist
    come back as errors; explicitly named files are kept whatever their suffix so
    that an unsupported one gets a clear message from :func:`load_interview`.
    """
    files: list[Path] = []
    errors: list[LoadError] = []
    seen_files: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(_walk(path, errors))
        elif path.exists():
            found = [path]
        else:
            errors.append(LoadError(path, "no such file or folder"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen_files:
                seen_files.add(key)
                files.append(file)
    return files, errors


def _saved_page_assets(folder: str, files: list[str]) -> bool:
    """A browser's ``Name_files`` folder (images, scripts, ad frames) beside ``Name.html``."""
    stem = folder.removesuffix("_files")
    return stem != folder and (f"{stem}.html" in files or f"{stem}.htm" in files)


def _walk(root: Path, errors: list[LoadError]) -> Iterator[Path]:
    visited: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        errors.append(LoadError(exc.filename or root, _describe(exc)))

    for folder, subfolders, names in os.walk(root, followlinks=True, onerror=on_error):
        try:
            stat = os.stat(folder)
        except OSError as exc:
            on_error(exc)
            subfolders[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:
            subfolders[:] = []
            continue
        visited.add(key)
        subfolders[:] = sorted(d for d in subfolders if not _saved_page_assets(d, names))
        for name in names:
            candidate = Path(folder) / name
            if is_supported(candidate) and not name.startswith((".", "~$")):  # ~$: Word lock
                yield candidate
