"""User settings, kept as JSON in ``config_dir()/settings.json``.

Reading never fails: a missing, unreadable or corrupt file gives the defaults.
Writing goes through a temporary file and ``os.replace`` so a crash mid-write
never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.core.paths import config_dir

SETTINGS_FILE = "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the user chose; ``None`` means "the app's default"."""

    theme: str | None = None
    """Name of a Textual theme, e.g. ``textual-dark``."""


def settings_path() -> Path:
    """The settings file (it may not exist yet)."""
    return config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    """The saved settings, or the defaults when there is no usable file."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) and theme else None)


def save_settings(settings: Settings) -> None:
    """Write ``settings`` atomically; raise OSError when the folder is not writable."""
    write_json_atomically(settings_path(), asdict(settings))


def write_json_atomically(path: Path, data: object) -> None:
    """Write ``data`` as JSON through a temporary file and ``os.replace``, so a crash
    mid-write never leaves a half-written file; raise OSError when it cannot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
