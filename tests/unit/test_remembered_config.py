"""The remembered config folder: the same config as reading the folder, from a cache
that an edited, added or removed file, a broken folder or an unusable cache never
fools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from roundtable.domain.config import load_config
from roundtable.domain.config.remembered import CACHE_ENV
from roundtable.domain.config.remembered_config import remembered_config
from roundtable.errors import ConfigError

SHIPPED = Path(__file__).resolve().parents[2] / "roundtable" / "defaults"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    shutil.copytree(SHIPPED / "de", folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return folder


def _cached(tmp_path: Path) -> list[Path]:
    return list((tmp_path / "cache" / "roundtable").glob("config-*.json"))


def test_the_remembered_config_is_the_one_read(config: Path, tmp_path: Path) -> None:
    read = load_config(config, "test")
    assert remembered_config(config, "test") == read  # read, and remembered
    assert _cached(tmp_path)
    assert remembered_config(config, "test") == read  # from the cache
    assert remembered_config(config, "--config").source == "--config"


def test_the_shipped_folder_with_its_budgets_and_a_store_comes_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("de"))
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text("utf-8") + "store: ~/team.db\n", "utf-8")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    read = load_config(folder, "test")
    assert read.budgets and read.store is not None
    remembered_config(folder, "test")
    assert remembered_config(folder, "test") == read


def test_an_edited_agenda_is_read_again(config: Path) -> None:
    remembered_config(config, "test")
    agenda = config / "round-table.yaml"
    text = agenda.read_text("utf-8")
    agenda.write_text(text.replace("2.14", "3.01"), "utf-8")
    edited = remembered_config(config, "test")
    assert edited == load_config(config, "test")
    assert "3.01" in (edited.agenda("round-table") or edited.agendas[0]).location


def test_an_added_or_removed_agenda_is_read_again(config: Path) -> None:
    before = remembered_config(config, "test")
    shutil.copy(config / "round-table.yaml", config / "extra.yaml")
    added = remembered_config(config, "test")
    assert [agenda.id for agenda in added.agendas] == sorted(
        [agenda.id for agenda in before.agendas] + ["extra"]
    )
    (config / "extra.yaml").unlink()
    assert remembered_config(config, "test") == before


def test_a_broken_folder_is_reported_as_always_even_after_a_good_one(config: Path) -> None:
    remembered_config(config, "test")
    (config / "round-table.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as remembered:
        remembered_config(config, "test")
    with pytest.raises(ConfigError) as read:
        load_config(config, "test")
    assert remembered.value.message == read.value.message


def test_an_unusable_cache_only_means_reading_the_folder(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remembered_config(config, "test")
    [cache] = _cached(tmp_path)
    cache.write_text('{"key": "nonsense"}', encoding="utf-8")
    assert remembered_config(config, "test") == load_config(config, "test")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked))
    assert remembered_config(config, "test") == load_config(config, "test")


def test_the_remembered_config_is_taken_without_yaml(config: Path, tmp_path: Path) -> None:
    read = load_config(config, "test")
    remembered_config(config, "test")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from roundtable.domain.config.remembered_config import remembered_config\n"
        f"config = remembered_config(Path({str(config)!r}), 'test')\n"
        "print(config.team, len(config.agendas), 'yaml' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, CACHE_ENV: str(tmp_path / "cache")},
    )
    assert result.stdout.split()[-2:] == [str(len(read.agendas)), "False"]
    assert result.stdout.startswith(read.team)
