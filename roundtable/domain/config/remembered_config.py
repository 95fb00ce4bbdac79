"""The whole config folder as last read (`load_config`), remembered for the commands that
start with it (`roundtable start` above all): importing YAML and checking every field
of every file takes longer than the meeting screen's own first frame needs, and the
files change a few times a year.

A remembered reading is used only when the folder holds exactly the same file names and
its YAML files exactly the bytes it was read from, by exactly this code (see
`remembered.code_fingerprint`), with the same home folder (`store: ~/…`): an added,
removed or edited agenda, an edited roles.yaml or an upgraded roundtable is always read
afresh. Only a folder that loaded without problems is remembered; problems are reported
by `load_config` as always. The cache lives next to the remembered roles
(`remembered.cache_file`); when it cannot be read or written, the folder is simply read.
`roundtable check` always reads the folder itself.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from roundtable.domain.config.files import MAX_FILE_BYTES, read_plain_file
from roundtable.domain.config.model import (
    AGENDA_SUFFIXES,
    Agenda,
    AgendaItem,
    Cadence,
    FixedBudget,
    ItemKind,
    TeamConfig,
)
from roundtable.domain.config.remembered import (
    cache_file,
    code_fingerprint,
    kept_for,
    role_doc,
    role_from_doc,
    write_cache,
)

__all__ = ["remembered_config"]

_FORMAT = 1


def remembered_config(directory: Path, source: str) -> TeamConfig:
    """What `load_config(directory, source)` returns (and raises), from the cache when
    nothing in the folder changed since it was last read."""
    folder = _folder(directory)
    if folder is None:
        return _load(directory, source)  # it says what is wrong
    cache = cache_file(directory, "config")
    if cache is None:
        return _load(directory, source)
    key = [_FORMAT, code_fingerprint(), str(Path("~").expanduser()), str(directory), folder]
    found = _read(cache, key, source)
    if found is not None:
        return found
    config = _load(directory, source)
    if _folder(directory) == folder:  # not changed while it was read
        write_cache(cache, {"key": key, "config": _config_doc(config)})
    return config


def _load(directory: Path, source: str) -> TeamConfig:
    # YAML and the field checks load only when the folder has to be read.
    from roundtable.domain.config.load import load_config

    return load_config(directory, source)


def _folder(directory: Path) -> list[list[str]] | None:
    """Every name in the folder, with the whole content of each YAML file (every byte as
    itself: compared, never parsed); None when the folder or one of them cannot be read."""
    try:
        names = sorted(os.listdir(directory))
        return [
            [name, read_plain_file(directory / name, MAX_FILE_BYTES + 1).decode("latin-1")]
            if name.endswith(AGENDA_SUFFIXES)
            else [name]
            for name in names
        ]
    except (OSError, ValueError):
        return None


def _read(cache: Path, key: list[Any], source: str) -> TeamConfig | None:
    kept = kept_for(cache, key)
    if kept is None:
        return None
    try:
        return _config_from_doc(kept["config"], source)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # not ours: read the folder


def _config_doc(config: TeamConfig) -> dict[str, Any]:
    return {
        "directory": str(config.directory),
        "team": config.team,
        "roles": [role_doc(role) for role in config.roles],
        "agendas": [_agenda_doc(agenda) for agenda in config.agendas],
        "language": config.language,
        "store": None if config.store is None else str(config.store),
        "budgets": [
            [budget.area, budget.period, str(budget.amount), budget.currency]
            for budget in config.budgets
        ],
    }


def _config_from_doc(doc: dict[str, Any], source: str) -> TeamConfig:
    return TeamConfig(
        directory=Path(doc["directory"]),
        source=source,
        team=doc["team"],
        roles=tuple(role_from_doc(role) for role in doc["roles"]),
        agendas=tuple(_agenda_from_doc(agenda) for agenda in doc["agendas"]),
        language=doc["language"],
        store=None if doc["store"] is None else Path(doc["store"]),
        budgets=tuple(
            FixedBudget(area, period, Decimal(amount), currency)
            for area, period, amount, currency in doc["budgets"]
        ),
    )


def _agenda_doc(agenda: Agenda) -> dict[str, Any]:
    return {
        "id": agenda.id,
        "title": agenda.title,
        "timebox_minutes": agenda.timebox_minutes,
        "cadence": agenda.cadence.value,
        "items": [
            [item.title, item.minutes, item.role, item.kind.value, item.notes, item.review]
            for item in agenda.items
        ],
        "path": str(agenda.path),
        "facilitator": agenda.facilitator,
        "minute_taker": agenda.minute_taker,
        "location": agenda.location,
    }


def _agenda_from_doc(doc: dict[str, Any]) -> Agenda:
    return Agenda(
        id=doc["id"],
        title=doc["title"],
        timebox_minutes=doc["timebox_minutes"],
        cadence=Cadence(doc["cadence"]),
        items=tuple(
            AgendaItem(title, minutes, role, ItemKind(kind), notes, review)
            for title, minutes, role, kind, notes, review in doc["items"]
        ),
        path=Path(doc["path"]),
        facilitator=doc["facilitator"],
        minute_taker=doc["minute_taker"],
        location=doc["location"],
    )
