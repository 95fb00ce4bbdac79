"""The team's configuration as the rest of the program sees it: agendas and their
items, the fixed budgets, the whole folder, already checked (see
`roundtable.domain.config.load`); the roles are in `roles`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from roundtable.domain.config.roles import Role

__all__ = [
    "AGENDA_SUFFIXES",
    "MAX_PROBLEMS_PER_FILE",
    "MAX_TIMEBOX_MINUTES",
    "Agenda",
    "AgendaItem",
    "Cadence",
    "FixedBudget",
    "ItemKind",
    "Language",
    "TeamConfig",
]

MAX_TIMEBOX_MINUTES = 180
"""The round table never runs longer than three hours."""

AGENDA_SUFFIXES = (".yaml", ".yml")

MAX_PROBLEMS_PER_FILE = 100
"""More than this from one file is noise (it is probably not a config file at all)."""


class ItemKind(StrEnum):
    """What an agenda item is for."""

    REPORT = "report"
    DISCUSSION = "discussion"
    DECISION = "decision"


class Language(StrEnum):
    """The values of roles.yaml's `language` key: `roundtable.i18n.LANGUAGES`."""

    ENGLISH = "en"
    GERMAN = "de"


class Cadence(StrEnum):
    """How often a meeting of this agenda takes place."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    @property
    def days(self) -> int:
        return 7 if self is Cadence.WEEKLY else 14


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
    minute_taker: str | None = None
    """Role id of whoever usually keeps the minutes."""
    location: str = ""
    """Where the table meets, as the minutes' header says it."""

    @property
    def planned_minutes(self) -> int:
        """The items' planned minutes together."""
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class FixedBudget:
    """What one side has to spend in one period, as the managers fixed it."""

    area: str
    """As the team types it in budget agreements: `sales`, `communication`."""
    period: str
    """`2026`, `2026-Q1`, `H2 2026`: agreements for a period inside it count against it."""
    amount: Decimal
    currency: str = "EUR"


@dataclass(frozen=True)
class TeamConfig:
    """Everything read from one config folder."""

    directory: Path
    source: str
    """How the folder was found, in words for `roundtable check`."""
    team: str
    roles: tuple[Role, ...]
    agendas: tuple[Agenda, ...]
    language: str | None = None
    """`en` or `de` if roles.yaml sets `language`; None leaves it to `--lang` and the locale."""
    store: Path | None = None
    """The team's store file if roles.yaml names one (`store:`), resolved against the
    folder; `--db` and `$ROUNDTABLE_DB` still come first."""
    budgets: tuple[FixedBudget, ...] = ()
    """The fixed budgets per area and period (roles.yaml's `budgets:`)."""

    def role(self, role_id: str) -> Role | None:
        """The role with this id, or None."""
        return next((role for role in self.roles if role.id == role_id), None)

    def agenda(self, agenda_id: str) -> Agenda | None:
        """The agenda with this id, or None."""
        return next((agenda for agenda in self.agendas if agenda.id == agenda_id), None)
