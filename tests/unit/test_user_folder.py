"""The user's config folder: platformdirs' answer, remembered while nothing it depends on
changes."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from roundtable.domain.user_folder import user_config_dir


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path


def cached(home: Path) -> dict[str, object]:
    kept = json.loads((home / "cache" / "roundtable" / "user-config-folder.json").read_text())
    assert isinstance(kept, dict)
    return kept


def test_it_is_platformdirs_answer_and_is_remembered(home: Path) -> None:
    expected = platformdirs.user_config_path("roundtable")
    assert user_config_dir() == expected
    assert cached(home)["path"] == str(expected)
    assert user_config_dir() == expected  # from the cache now


def test_a_cached_answer_for_another_home_is_not_used(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_config_dir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "elsewhere"))
    assert user_config_dir() == platformdirs.user_config_path("roundtable")
    assert user_config_dir() == home / "elsewhere" / "roundtable"
    monkeypatch.setenv("HOME", str(home / "other"))
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert user_config_dir() == platformdirs.user_config_path("roundtable")


def test_a_cache_that_is_not_ours_is_asked_again(home: Path) -> None:
    cache = home / "cache" / "roundtable" / "user-config-folder.json"
    cache.parent.mkdir(parents=True)
    for junk in ("", "[]", '{"key": "x", "path": "/nowhere"}', "\0\0"):
        cache.write_text(junk)
        assert user_config_dir() == platformdirs.user_config_path("roundtable")


def test_without_a_writable_cache_it_still_answers(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "cache").write_text("a file where the cache folder would be")
    assert user_config_dir() == platformdirs.user_config_path("roundtable")
