"""Finding transcripts: files and folders named by the user, walked into files.

The walk opens no file: the reader's own Markdown exports found in a folder are left
out by :func:`discover` (reading the start of each Markdown file), or by the library
when it reads a new or changed file (and remembered in its cache).

Kept apart from :mod:`reader.core.loader` (reading a file), whose source is part of
the cache's :data:`~reader.core.cache.CODE_VERSION`: how folders are walked does not
change what a file parses to, so changing it must not make every cache stale.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from operator import attrgetter
from pathlib import Path

from reader.core.export import is_markdown_export
from reader.core.loader import LOADERS, describe, is_supported, unsupported
from reader.core.model import LoadError

_NAME = attrgetter("name")


def discover(paths: Iterable[Path | str]) -> tuple[list[Path], list[LoadError]]:
    """Expand files and folders into transcript files, in a stable order.

    Folders are searched recursively for supported suffixes, following symlinks but
    never visiting a folder twice (so a symlink loop ends), and leaving out the
    reader's own Markdown exports (an export is not one more interview; one named is
    kept). Paths that do not exist, and named files of a type the reader cannot read,
    come back as errors.
    """
    files, errors, named = locate(paths)
    kept = [path for key, path in files.items() if key in named or not is_markdown_export(path)]
    return [Path(path) for path in kept], errors


def locate(
    paths: Iterable[Path | str],
) -> tuple[dict[str, str], list[LoadError], frozenset[str]]:
    """:func:`discover`'s files as strings, by their resolved path (what the cache keys
    them by; a file found twice is kept where first found), exports included; and the
    keys of the files named in ``paths`` (not found in a folder), which are read even
    when they are exports.

    A folder is resolved once and its plain files by joining their names to it; only
    symlinked files are resolved one by one.
    """
    files: dict[str, str] = {}
    errors: list[LoadError] = []
    named: set[str] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found: Iterable[tuple[str, str]] = _walk(path, errors)
        elif not path.exists():
            errors.append(LoadError(path, "no such file or folder"))
            continue
        elif not is_supported(path):
            errors.append(unsupported(path))
            continue
        else:
            found = [(str(path), os.path.realpath(path))]
            named.add(found[0][1])
        for file, key in found:
            files.setdefault(key, file)
    return files, errors, frozenset(named)


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
            real = os.path.join(os.path.realpath(folder), "")  # ends with a separator
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=_NAME)
        except OSError as exc:
            errors.append(LoadError(exc.filename or folder, describe(exc)))
            return
        for entry in entries:
            name = entry.name
            try:
                is_folder = entry.is_dir()  # follows symlinks
            except OSError:
                is_folder = False
            if is_folder:
                if not _saved_page_assets(name, entries):
                    visit(name if folder == "." else entry.path)  # as Path("./x") reads: x
            elif not name.startswith((".", "~$")) and _suffix(name) in LOADERS:
                path = name if folder == "." else entry.path
                key = os.path.realpath(path) if entry.is_symlink() else real + name
                found.append((path, key))

    visit(str(root))
    return found


def _saved_page_assets(folder: str, entries: list[os.DirEntry[str]]) -> bool:
    """A browser's ``Name_files`` folder (images, scripts, ad frames) beside ``Name.html``."""
    stem = folder.removesuffix("_files")
    pages = (f"{stem}.html", f"{stem}.htm")
    return stem != folder and any(entry.name in pages for entry in entries)


def _suffix(name: str) -> str:
    """The lower-case suffix of a name that does not start with a dot, as
    os.path.splitext gives it (for a name without a dot, its last letter: never a
    suffix)."""
    return name[name.rfind(".") :].lower()
