"""User settings: defaults, round trip, corrupt files, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core import settings as settings_module
from reader.core.settings import Settings, load_settings, save_settings, settings_path


def test_settings_file_lives_in_the_config_dir(isolated_user_dirs: Path) -> None:
    assert settings_path() == isolated_user_dirs / "config" / "settings.json"


def test_defaults_when_there_is_no_file() -> None:
    assert load_settings() == Settings(theme=None)


def test_round_trip_creates_the_config_dir() -> None:
    save_settings(Settings(theme="nord"))
    assert load_settings() == Settings(theme="nord")
    assert json.loads(settings_path().read_text(encoding="utf-8")) == {"theme": "nord"}
    assert os.listdir(settings_path().parent) == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[1, 2]", b'{"theme": 3}', b'{"theme": ""}', b"\xff\xfe\x00"],
)
def test_corrupt_file_gives_defaults(content: bytes) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(content)
    assert load_settings() == Settings()


def test_unreadable_file_gives_defaults() -> None:
    settings_path().mkdir(parents=True)  # a folder where the file should be
    assert load_settings() == Settings()


def test_unknown_keys_are_ignored() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('{"theme": "dracula", "future": true}', encoding="utf-8")
    assert load_settings() == Settings(theme="dracula")


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(Settings(theme="nord"))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(settings_module.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_settings(Settings(theme="gruvbox"))
    assert load_settings() == Settings(theme="nord")
    assert os.listdir(settings_path().parent) == ["settings.json"]
