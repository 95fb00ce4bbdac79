"""What every command looks up the same way: the config folder, the store, today."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from roundtable.domain.locations import (
    DB_ENV,
    ConfigLocation,
    StoreLocation,
    find_config_dir,
    find_store,
    store_exists,
)
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.domain.config import TeamConfig
    from roundtable.domain.contacts import Contacts

__all__ = [
    "TODAY_ENV",
    "config_location",
    "db_path",
    "existing_db_path",
    "store_location",
    "team_config",
    "team_contacts",
    "today",
]

TODAY_ENV = "ROUNDTABLE_TODAY"
"""A testing aid: `ROUNDTABLE_TODAY=2026-03-01` makes that date today for the commands."""


def config_location(args: argparse.Namespace) -> ConfigLocation:
    return find_config_dir(args.config, os.environ, Path.cwd())


def team_config(args: argparse.Namespace) -> TeamConfig:
    """The config folder, as last read when nothing in it changed (YAML is read only
    when something did: see `remembered_config`)."""
    from roundtable.domain.config.remembered_config import remembered_config

    location = config_location(args)
    return remembered_config(location.directory, location.source)


def store_location(args: argparse.Namespace) -> StoreLocation:
    """The store this command uses: `--db`, `$ROUNDTABLE_DB`, the config's `store:`, or
    the user data folder's."""
    configured = None
    if args.db is None and not os.environ.get(DB_ENV):
        # Only read when it decides: roles.yaml is not opened when --db names the store.
        from roundtable.domain.config import peek_store

        configured = peek_store(config_location(args).directory)
    return find_store(args.db, os.environ, configured)


def db_path(args: argparse.Namespace) -> Path:
    """The store for a command that creates it when there is none (the app, `demo`);
    `StoreError` when the path can never be a store (a folder, a symlink loop, …)."""
    path = store_location(args).path
    store_exists(path)
    return path


def existing_db_path(args: argparse.Namespace) -> Path:
    """The store a command reads or changes; `NotFoundError` if there is none yet. An
    attendee's terminal pointed at the wrong place must say so, not read an empty store
    or start a new one there."""
    path = store_location(args).path
    if not store_exists(path):
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


def team_contacts(args: argparse.Namespace) -> Contacts:
    """The people's addresses, the mail server and the time zone from roles.yaml."""
    from roundtable.domain.contacts import load_contacts  # YAML: not for `--help`

    return load_contacts(config_location(args).directory)
