"""Remembered roles: the same roles as reading roles.yaml, from a cache that an edited
file, a broken one or an unwritable cache folder never fools."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roundtable.domain.config import load_roles
from roundtable.domain.config.remembered import CACHE_ENV, remembered_roles
from roundtable.errors import ConfigError

SHIPPED = Path(__file__).resolve().parents[2] / "roundtable" / "defaults"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    shutil.copy(SHIPPED / "roles.yaml", folder / "roles.yaml")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return folder


def test_the_remembered_roles_are_those_read(config: Path, tmp_path: Path) -> None:
    read = load_roles(config)
    assert remembered_roles(config) == read  # read, and remembered
    assert list((tmp_path / "cache" / "roundtable").glob("roles-*.json"))
    assert remembered_roles(config) == read  # from the cache


def test_an_edited_file_is_read_again(config: Path) -> None:
    remembered_roles(config)
    roles_file = config / "roles.yaml"
    text = roles_file.read_text(encoding="utf-8")
    assert "title: Sales Marketing" in text
    roles_file.write_text(text.replace("title: Sales Marketing", "title: Vertrieb"), "utf-8")
    titles = {role.id: role.title for role in remembered_roles(config)}
    assert titles["sales-marketing"] == "Vertrieb (Absatzmarketing)"


def test_a_broken_file_is_reported_as_always_even_after_a_good_one(config: Path) -> None:
    remembered_roles(config)
    (config / "roles.yaml").write_text("team: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as remembered:
        remembered_roles(config)
    with pytest.raises(ConfigError) as read:
        load_roles(config)
    assert remembered.value.message == read.value.message


def test_an_unusable_cache_folder_only_means_reading_the_file(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    assert remembered_roles(config) == load_roles(config)


def test_a_cache_file_of_someone_else_is_ignored(config: Path, tmp_path: Path) -> None:
    remembered_roles(config)
    [cache] = (tmp_path / "cache" / "roundtable").glob("roles-*.json")
    cache.write_text('{"format": 1, "roles": "nonsense"}', encoding="utf-8")
    assert remembered_roles(config) == load_roles(config)
