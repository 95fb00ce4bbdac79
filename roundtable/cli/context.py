"""What every command looks up the same way: the config folder, the store, today."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from roundtable.domain.config import TeamConfig, load_config
from roundtable.domain.locations import ConfigLocation, default_db_path, find_config_dir
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _

__all__ = [
    "TODAY_ENV",
    "config_location",
    "db_path",
    "existing_db_path",
    "team_config",
    "today",
]

TODAY_ENV = "ROUNDTABLE_TODAY"
"""A testing aid: `ROUNDTABLE_TODAY=2026-03-01` makes that date today for the commands."""


def config_location(args: argparse.Namespace) -> ConfigLocation:
    return find_config_dir(args.config, os.environ, Path.cwd())


def team_config(args: argparse.Namespace) -> TeamConfig:
    location = config_location(args)
    return load_config(location.directory, location.source)


def db_path(args: argparse.Namespace) -> Path:
    return default_db_path(args.db, os.environ)


def existing_db_path(args: argparse.Namespace) -> Path:
    """The store an attendee's command changes; `NotFoundError` if there is none yet. An
    attendee's terminal pointed at the wrong place must say so, not start a new, empty
    store there."""
    path = db_path(args)
    if not path.exists():
        raise NotFoundError(
            _(
                "There is no store at {path}. Point --db or {env} at the team's store "
                "(the one the meeting runs on)."
            ).format(path=path, env="ROUNDTABLE_DB")
        )
    return path


def today() -> date:
    """Today's date, or the one `$ROUNDTABLE_TODAY` gives (a testing aid)."""
    override = os.environ.get(TODAY_ENV, "").strip()
    if not override:
        return date.today()
    try:
        return date.fromisoformat(override)
    except ValueError:
        raise UsageError(
            _("{env} must be a date like 2026-03-01, not {value!r}.").format(
                env=TODAY_ENV, value=override
            )
        ) from None
