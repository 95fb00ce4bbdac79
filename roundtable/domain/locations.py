"""Where the config folder and the store are found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from roundtable.i18n import _, current_language

__all__ = [
    "CONFIG_ENV",
    "DB_ENV",
    "ConfigLocation",
    "default_db_path",
    "find_config_dir",
    "shipped_defaults_dir",
]

APP_NAME = "roundtable"
CONFIG_ENV = "ROUNDTABLE_CONFIG"
DB_ENV = "ROUNDTABLE_DB"


@dataclass(frozen=True)
class ConfigLocation:
    directory: Path
    source: str
    """How it was found, in words: shown by `roundtable check`."""


def shipped_defaults_dir(language: str | None = None) -> Path:
    """The roles and agendas that travel inside the package, in `language` (default: the
    current one). The German variant lives in `defaults/de/` with the same role and
    agenda ids; the English one is the folder itself (the loader never looks into
    subfolders, so the two do not mix)."""
    # The package is always installed as files (the build makes a plain wheel), so a
    # path next to this module is enough; importlib.resources would cost every command
    # a few milliseconds of imports.
    base = Path(__file__).resolve().parent.parent / "defaults"
    variant = base / (language or current_language())
    # English is the base folder; any other language has a subfolder of its own.
    return variant if variant.is_dir() else base


def user_config_dir() -> Path:
    import platformdirs  # only when neither --config, the env nor ./agendas decided

    return platformdirs.user_config_path(APP_NAME)


def find_config_dir(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> ConfigLocation:
    """`--config`, else `$ROUNDTABLE_CONFIG`, else `./agendas`, else the user's config
    folder, else the shipped defaults: the first that is given or present wins."""
    if explicit is not None:
        return ConfigLocation(explicit, _("--config"))
    if env.get(CONFIG_ENV):
        return ConfigLocation(Path(env[CONFIG_ENV]), f"${CONFIG_ENV}")
    local = cwd / "agendas"
    if local.is_dir():
        return ConfigLocation(local, _("./agendas in the current folder"))
    user = user_config_dir()
    if user.is_dir():
        return ConfigLocation(user, _("the user config folder"))
    return ConfigLocation(shipped_defaults_dir(), _("the shipped defaults"))


def default_db_path(explicit: Path | None, env: Mapping[str, str]) -> Path:
    """`--db`, else `$ROUNDTABLE_DB`, else `roundtable.db` in the user data folder."""
    if explicit is not None:
        return explicit
    if env.get(DB_ENV):
        return Path(env[DB_ENV])
    import platformdirs  # only when neither --db nor the env named the store

    return platformdirs.user_data_path(APP_NAME) / "roundtable.db"
