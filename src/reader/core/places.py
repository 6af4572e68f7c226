"""Where the reader left off: the open interview, the passage under the cursor and the
search, remembered per set of opened paths in ``data_dir()/places.json``.

Like the settings, reading never fails (a missing or damaged file means "nowhere yet")
and writing is atomic.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.core import paths as user_paths
from reader.core.settings import write_json_atomically

PLACES_FILE = "places.json"
MAX_PLACES = 50
"""Reading places kept, the most recently left first out when there are more."""


@dataclass(frozen=True, slots=True)
class Place:
    """An interview and a passage in it (offset into ``Turn.text``), plus the search."""

    source: str
    turn: int
    start: int
    query: str = ""


def places_path(data_dir: Path | None = None) -> Path:
    """The file that keeps reading places (it may not exist yet)."""
    return (data_dir if data_dir is not None else user_paths.data_dir()) / PLACES_FILE


def paths_key(paths: Sequence[Path]) -> str:
    """One key for a set of opened paths, however they were spelt or ordered."""
    return "\n".join(sorted({str(Path(p).expanduser().resolve()) for p in paths}))


def load_place(paths: Sequence[Path], data_dir: Path | None = None) -> Place | None:
    """Where the reader was left last time these paths were open, if anywhere."""
    entry = _read(places_path(data_dir)).get(paths_key(paths))
    if not isinstance(entry, dict):
        return None
    try:
        place = Place(
            source=str(entry["source"]),
            turn=int(entry["turn"]),
            start=int(entry["start"]),
            query=str(entry.get("query", "")),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return place if place.turn >= 0 and place.start >= 0 else None


def save_place(paths: Sequence[Path], place: Place, data_dir: Path | None = None) -> None:
    """Remember ``place`` for these paths; raise OSError when the folder is not writable."""
    file = places_path(data_dir)
    places = _read(file)
    key = paths_key(paths)
    places.pop(key, None)
    places[key] = asdict(place)
    while len(places) > MAX_PLACES:
        places.pop(next(iter(places)))
    write_json_atomically(file, places)


def _read(file: Path) -> dict[str, object]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
