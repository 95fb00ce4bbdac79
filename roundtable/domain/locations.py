"""Where the config folder and the store are found."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from roundtable.domain.user_folder import user_config_dir
from roundtable.errors import StoreError
from roundtable.i18n import _, current_language

__all__ = [
    "CONFIG_ENV",
    "DB_ENV",
    "ConfigLocation",
    "StoreLocation",
    "default_db_path",
    "find_config_dir",
    "find_store",
    "shipped_defaults_dir",
    "store_exists",
]

APP_NAME = "roundtable"
CONFIG_ENV = "ROUNDTABLE_CONFIG"
DB_ENV = "ROUNDTABLE_DB"


class ConfigLocation(NamedTuple):
    """The folder the roles and agendas are read from, and why that one (a named tuple,
    like `StoreLocation`: every command makes one at start, and defining a frozen
    dataclass costs it several times as long)."""

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


class StoreLocation(NamedTuple):
    """The store file a command uses, and why that one."""

    path: Path
    source: str
    """How it was chosen, in words: shown by `roundtable check`."""


def find_store(
    explicit: Path | None, env: Mapping[str, str], configured: Path | None = None
) -> StoreLocation:
    """`--db`, else `$ROUNDTABLE_DB`, else the config's `store:` (`configured`, already
    resolved against the config folder), else `roundtable.db` in the user data folder."""
    if explicit is not None:
        return StoreLocation(explicit, _("--db"))
    if env.get(DB_ENV):
        return StoreLocation(Path(env[DB_ENV]), f"${DB_ENV}")
    if configured is not None:
        return StoreLocation(configured, _("store: in roles.yaml"))
    import platformdirs  # only when neither --db, the env nor the config named the store

    return StoreLocation(
        platformdirs.user_data_path(APP_NAME) / "roundtable.db", _("the user data folder")
    )


def default_db_path(explicit: Path | None, env: Mapping[str, str]) -> Path:
    """`--db`, else `$ROUNDTABLE_DB`, else `roundtable.db` in the user data folder."""
    return find_store(explicit, env).path


def store_exists(path: Path) -> bool:
    """Whether there is a store file at `path` (False: none yet, it may be created).

    `StoreError` (naming the path) when the path can never be a store: a folder, a
    device, pipe or socket, a loop of symbolic links, a path through a file, or one
    that cannot be looked at. Nothing is opened, so a pipe cannot block the command.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        raise StoreError(_store_path_problem(path, error)) from None
    if stat.S_ISDIR(status.st_mode):
        raise StoreError(
            _("{path} is a folder, not a store file; name the file, like {example}.").format(
                path=path, example=path / "roundtable.db"
            )
        )
    if not stat.S_ISREG(status.st_mode):
        raise StoreError(
            _(
                "{path} is not a regular file (a device, pipe or socket); it cannot be a store."
            ).format(path=path)
        )
    return True


def _store_path_problem(path: Path, error: OSError | ValueError) -> str:
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        return _("The store path {path} is a loop of symbolic links.").format(path=path)
    if isinstance(error, OSError) and error.errno == errno.ENOTDIR:
        return _("The store path {path} leads through a file, not a folder.").format(path=path)
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return _("Cannot reach the store {path}: {reason}").format(path=path, reason=reason)
