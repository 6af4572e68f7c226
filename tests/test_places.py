"""Reading places: where the reader was left, per set of opened paths."""

from __future__ import annotations

from pathlib import Path

from reader.core.places import MAX_PLACES, Place, load_place, places_path, save_place


def test_a_place_comes_back_for_the_same_paths_however_spelt(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    folder.mkdir()
    place = Place(str(folder / "a.txt"), 3, 120, "cold war")
    save_place([folder, tmp_path / "b.txt"], place)
    assert load_place([tmp_path / "b.txt", folder / ".." / "talks"]) == place
    assert load_place([folder]) is None


def test_a_damaged_places_file_means_nowhere_yet_and_is_replaced(tmp_path: Path) -> None:
    places_path().parent.mkdir(parents=True, exist_ok=True)
    places_path().write_text("{not json", encoding="utf-8")
    assert load_place([tmp_path]) is None
    save_place([tmp_path], Place("x.txt", 0, 0))
    assert load_place([tmp_path]) == Place("x.txt", 0, 0)


def test_only_the_most_recent_places_are_kept(tmp_path: Path) -> None:
    for index in range(MAX_PLACES + 5):
        save_place([tmp_path / str(index)], Place("x.txt", index, 0))
    assert load_place([tmp_path / "0"]) is None
    assert load_place([tmp_path / str(MAX_PLACES + 4)]) == Place("x.txt", MAX_PLACES + 4, 0)
