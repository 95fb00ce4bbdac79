"""Remembered roles: the same roles as reading roles.yaml, from a cache that an edited
file, a broken one or an unwritable cache folder never fools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roundtable.domain.config import load_roles, peek_language
from roundtable.domain.config.remembered import CACHE_ENV, remembered_language, remembered_roles
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


def test_the_remembered_language_is_the_one_peeked(config: Path) -> None:
    roles_file = config / "roles.yaml"
    assert remembered_language(config) is None  # the shipped roles.yaml sets none
    roles_file.write_text("language: de\n" + roles_file.read_text("utf-8"), "utf-8")
    assert remembered_language(config) == peek_language(config) == "de"  # read: no cache
    remembered_roles(config)  # remembers the language with the roles
    assert remembered_language(config) == "de"  # from the cache


def test_a_remembered_language_is_never_taken_for_an_edited_file(config: Path) -> None:
    roles_file = config / "roles.yaml"
    text = roles_file.read_text("utf-8")
    roles_file.write_text("language: de\n" + text, "utf-8")
    remembered_roles(config)
    roles_file.write_text("language: en\n" + text, "utf-8")
    assert remembered_language(config) == "en"
    roles_file.unlink()
    assert remembered_language(config) is None


def test_the_language_is_taken_from_the_cache_without_yaml(config: Path, tmp_path: Path) -> None:
    roles_file = config / "roles.yaml"
    roles_file.write_text("language: de\n" + roles_file.read_text("utf-8"), "utf-8")
    remembered_roles(config)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from roundtable.domain.config.remembered import remembered_language\n"
        f"print(remembered_language(Path({str(config)!r})), 'yaml' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, CACHE_ENV: str(tmp_path / "cache")},
    )
    assert result.stdout.split() == ["de", "False"]
