"""Roles and agendas: the team's YAML configuration, loaded and validated.

A config folder holds `roles.yaml` (the team and its roles) and one file per agenda
template: every other `*.yaml` or `*.yml` in the folder; the agenda's id is the file
name without its suffix (`round-table.yaml` → `round-table`). Files whose name starts
with a dot are ignored.

roles.yaml::

    team: Marketing & Sales Round Table      # the team's name, shown on screens and in minutes
    language: en                             # optional: en | de, for screens, messages, minutes
    store: team.db                           # optional: the team's store, relative to this folder
    roles:
      - id: product-marketing                # lowercase letters, digits and dashes; unique
        title: Product Marketing
        department: marketing                # free word: marketing, sales, controlling, …
        holders: [Jana Richter]              # people; at least one
        responsibilities:                    # optional: sentences
          - Positions the products and defines the target groups for each campaign.
        committed_by: Dr. Martin Keller      # optional: who committed the role
        committed_on: 2026-01-12             # optional date
        signs_off: false                     # optional: true if its holders sign off budgets

An agenda file, e.g. round-table.yaml::

    title: Marketing & Sales Round Table
    timebox: 180            # minutes, 1 to 180 (default 180)
    cadence: biweekly       # weekly | biweekly (default weekly)
    facilitator: sales-marketing   # optional role id
    items:                  # at least one; titles unique (ignoring case)
      - title: Open action items
        minutes: 15         # a positive whole number
        role: sales-marketing          # the owning role's id
        kind: report        # report | discussion | decision (default discussion)
        review: true        # optional: reviews the open action items (at most one item)
        notes: Everything still open from earlier meetings, overdue first.   # optional

The items' minutes together must fit in the time box. `load_config` reports every
problem in every file at once, each as `FILE:LINE: message`, through `ConfigError`.

The package: `roles` and `model` (what the rest of the program uses), `files`
(reading without waiting on a pipe), `yamlfile` (line-aware YAML), `fields` (checking
values), `documents` (the keys of each file), `load` (the folder), `peek` (the
language and the store, before anything else).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from roundtable.domain.config.roles import ROLES_FILE, Role, is_role_id

if TYPE_CHECKING:
    from roundtable.domain.config.load import load_config, load_roles
    from roundtable.domain.config.model import (
        AGENDA_SUFFIXES,
        MAX_TIMEBOX_MINUTES,
        Agenda,
        AgendaItem,
        Cadence,
        FixedBudget,
        ItemKind,
        TeamConfig,
    )
    from roundtable.domain.config.peek import peek_language, peek_store

_LAZY = {
    "AGENDA_SUFFIXES": "model",
    "MAX_TIMEBOX_MINUTES": "model",
    "Agenda": "model",
    "AgendaItem": "model",
    "Cadence": "model",
    "FixedBudget": "model",
    "ItemKind": "model",
    "TeamConfig": "model",
    "load_config": "load",
    "load_roles": "load",
    "peek_language": "peek",
    "peek_store": "peek",
}

__all__ = [
    "AGENDA_SUFFIXES",
    "MAX_TIMEBOX_MINUTES",
    "ROLES_FILE",
    "Agenda",
    "AgendaItem",
    "Cadence",
    "FixedBudget",
    "ItemKind",
    "Role",
    "TeamConfig",
    "is_role_id",
    "load_config",
    "load_roles",
    "peek_language",
    "peek_store",
]


def __getattr__(name: str) -> object:
    """Everything but the roles on first use: loading means YAML, which the store and
    attendee commands that never read a config file should not pay for at start; and
    `roundtable actions --owner` needs only a `Role`, not the agendas' model."""
    module = _LAZY.get(name)
    if module is not None:
        return getattr(importlib.import_module(f"{__name__}.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
