"""Roles and agendas: the team's YAML configuration, loaded and validated.

A config folder holds `roles.yaml` (the team and its roles) and one YAML file per
agenda template (every other `*.yaml`). Problems are reported all at once, each as
`FILE:LINE: message`, through `ConfigError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

__all__ = [
    "MAX_TIMEBOX_MINUTES",
    "Agenda",
    "AgendaItem",
    "Cadence",
    "ItemKind",
    "Role",
    "TeamConfig",
]

MAX_TIMEBOX_MINUTES = 180
"""The round table never runs longer than three hours."""

ROLES_FILE = "roles.yaml"


class ItemKind(StrEnum):
    REPORT = "report"
    DISCUSSION = "discussion"
    DECISION = "decision"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    @property
    def days(self) -> int:
        return 7 if self is Cadence.WEEKLY else 14


@dataclass(frozen=True)
class Role:
    """Who is responsible for what, as the managers committed it."""

    id: str
    title: str
    department: str
    holders: tuple[str, ...]
    responsibilities: tuple[str, ...] = ()
    committed_by: str | None = None
    committed_on: date | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One item of an agenda template."""

    title: str
    minutes: int
    role: str
    """The id of the owning role."""
    kind: ItemKind = ItemKind.DISCUSSION
    notes: str = ""
    review: bool = False
    """True for the item that reviews the open action items of earlier meetings."""


@dataclass(frozen=True)
class Agenda:
    """An agenda template: what a meeting of this kind covers and in how long."""

    id: str
    """The file name without `.yaml`; what `roundtable start ID` takes."""
    title: str
    timebox_minutes: int
    cadence: Cadence
    items: tuple[AgendaItem, ...]
    path: Path
    facilitator: str | None = None
    """Role id of whoever usually runs this meeting."""

    @property
    def planned_minutes(self) -> int:
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class TeamConfig:
    """Everything read from one config folder."""

    directory: Path
    source: str
    """How the folder was found, in words for `roundtable check`."""
    team: str
    roles: tuple[Role, ...]
    agendas: tuple[Agenda, ...]

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def agenda(self, agenda_id: str) -> Agenda | None:
        return next((agenda for agenda in self.agendas if agenda.id == agenda_id), None)
