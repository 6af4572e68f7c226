"""Where the reader keeps its files: data (bookmarks), cache (search index), config."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "interview-reader"


def _dir(env: str, default: str) -> Path:
    override = os.environ.get(env)
    return Path(override).expanduser() if override else Path(default)


def data_dir() -> Path:
    """Bookmarks live here; ``READER_DATA_DIR`` (or ``--data-dir``) overrides it."""
    return _dir("READER_DATA_DIR", platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """The search index cache; ``READER_CACHE_DIR`` overrides it."""
    return _dir("READER_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    """User settings such as the theme; ``READER_CONFIG_DIR`` overrides it."""
    return _dir("READER_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME))


def bundled_corpus_dir() -> Path:
    """The demo transcripts shipped with the package.

    An installed wheel carries them as ``reader/data``; a source checkout (editable
    install) has them in the repository's top-level ``data/``.
    """
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "data"
    if installed.is_dir():
        return installed
    return package_dir.parent.parent / "data"
