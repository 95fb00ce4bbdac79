"""What a campaign is and what is reported about it: the values the store keeps.

A `Snapshot` holds one campaign's figures as reported in one meeting; every amount is
an exact `Decimal`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from roundtable.domain.campaigns.arithmetic import minus
from roundtable.domain.money import DEFAULT_CURRENCY
from roundtable.errors import UsageError

__all__ = [
    "MAX_NAME_LENGTH",
    "Campaign",
    "CampaignStatus",
    "Channel",
    "FieldError",
    "Snapshot",
    "SnapshotFigures",
]

MAX_NAME_LENGTH = 80
"""A campaign name is a label in tables and minutes, not a description."""


class Channel(StrEnum):
    """How a campaign reaches people."""

    WEBINAR = "webinar"
    TRADE_FAIR = "trade-fair"
    EVENT = "event"
    MAILING = "mailing"
    NEWSLETTER = "newsletter"
    ONLINE_ADS = "online-ads"
    CONTENT = "content"
    OTHER = "other"


class CampaignStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"
    """Ended early, usually because it did not bring what was estimated."""


class FieldError(UsageError):
    """A value typed for a campaign or a snapshot is not usable; `field` names the
    attribute (`"end"`, `"accepted"`, …) so a form can put the cursor there."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Campaign:
    """A campaign as the round table plans and follows it."""

    id: int
    """The store's id; 0 until the store has saved it."""
    name: str
    """Unique in the store, whatever its case."""
    owner: str
    """The id of the role that runs it (marketing communication, dialog marketing, …)."""
    channel: Channel
    start: date
    end: date
    """The last day it runs (planned; the real one once it has finished)."""
    budget: Decimal
    cost: Decimal
    """Spent so far (cost to date); grows while it runs."""
    currency: str = DEFAULT_CURRENCY
    """Of the budget, the cost and every revenue figure of its snapshots."""
    status: CampaignStatus = CampaignStatus.PLANNED
    note: str = ""
    created_in: int | None = None
    """The meeting it was planned in; None when added between meetings."""


@dataclass(frozen=True)
class SnapshotFigures:
    """What is reported about one campaign in one meeting, all to date."""

    leads: int
    """Pre-qualified leads handed to sales (marketing communication, dialog marketing)."""
    accepted: int
    """Of those, the leads sales accepted."""
    won: int
    """Deals won from the accepted leads."""
    estimated_revenue: Decimal
    """Sales marketing's estimate of the revenue the campaign brings in all."""
    actual_revenue: Decimal
    """Controlling's revenue from the campaign so far."""
    estimated_leads: int = 0
    """The running role's estimate of the pre-qualified leads the campaign brings in
    all (0: none given)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One campaign's figures as reported in one meeting. Recording again in the same
    meeting replaces it (same id)."""

    id: int
    campaign_id: int
    meeting_id: int
    leads: int
    accepted: int
    won: int
    estimated_revenue: Decimal
    actual_revenue: Decimal
    cost: Decimal
    """The campaign's cost to date when it was recorded: past minutes keep their figures."""
    at: datetime
    correction: bool = False
    """Confirmed although a running total fell far below the report before (see
    `corrections`)."""
    estimated_leads: int = 0
    """The leads the campaign is estimated to bring in all; 0: no estimate given."""

    @property
    def gap(self) -> Decimal:
        """Estimate − actual: what the estimate still promises beyond what came in."""
        return minus(self.estimated_revenue, self.actual_revenue)
