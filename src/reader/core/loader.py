"""From paths on disk to interviews: folder discovery and per-format dispatch.

This is the one entry point the CLI and the UI use to load transcripts. Every
failure is a :class:`~reader.core.model.LoadError` with a one-line reason; nothing
here ever writes to a transcript file.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.core.export import is_markdown_export
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
        raise LoadError(path, f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        interview = loader(path)
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(path, "too deeply nested to read") from None
    except (OSError, ValueError, UnicodeError) as exc:
        raise LoadError(path, _describe(exc)) from None
    from reader.core.parsing.dates import date_in_name  # with the parser: see above

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
    never visiting a folder twice (so a symlink loop ends), and leaving out the
    reader's own Markdown exports (an export is not one more interview). Paths that
    do not exist come back as errors; explicitly named files are kept whatever their
    suffix so that an unsupported one gets a clear message from :func:`load_interview`.
    """
    files, errors = locate(paths)
    return [Path(path) for path, _ in files], errors


def locate(paths: Iterable[Path | str]) -> tuple[list[tuple[str, str]], list[LoadError]]:
    """:func:`discover`'s files as strings, each with its resolved path (what the cache
    keys it by).

    A folder is resolved once and its plain files by joining their names to it; only
    symlinked files are resolved one by one.
    """
    files: list[tuple[str, str]] = []
    errors: list[LoadError] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found: Iterable[tuple[str, str]] = _walk(path, errors)
        elif path.exists():
            found = [(str(path), os.path.realpath(path))]
        else:
            errors.append(LoadError(path, "no such file or folder"))
            continue
        for file, key in found:
            if key not in seen:
                seen.add(key)
                files.append((file, key))
    return files, errors


def _saved_page_assets(folder: str, files: list[str]) -> bool:
    """A browser's ``Name_files`` folder (images, scripts, ad frames) beside ``Name.html``."""
    stem = folder.removesuffix("_files")
    return stem != folder and (f"{stem}.html" in files or f"{stem}.htm" in files)


def _walk(root: Path, errors: list[LoadError]) -> list[tuple[str, str]]:
    """Transcripts under ``root`` in path order (as ``sorted`` orders Paths)."""
    found: list[tuple[str, str]] = []
    visited: set[tuple[int, int]] = set()

    def visit(folder: str) -> None:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in visited:
                return
            visited.add((info.st_dev, info.st_ino))
            real = os.path.realpath(folder)
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            errors.append(LoadError(exc.filename or folder, _describe(exc)))
            return
        names = [entry.name for entry in entries]
        for entry in entries:
            path = entry.name if folder == "." else entry.path  # as Path("./x") reads: x
            if _is_folder(entry):
                if not _saved_page_assets(entry.name, names):
                    visit(path)
            elif _is_transcript_name(entry.name) and not is_markdown_export(path):
                symlink = entry.is_symlink()
                key = os.path.realpath(path) if symlink else os.path.join(real, entry.name)
                found.append((path, key))

    visit(str(root))
    return found


def _is_transcript_name(name: str) -> bool:
    """A supported suffix, and neither hidden nor a Word lock file (``~$``)."""
    return os.path.splitext(name)[1].lower() in LOADERS and not name.startswith((".", "~$"))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symlinks
    except OSError:
        return False
