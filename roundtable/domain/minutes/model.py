"""What the minutes show, as plain values (no store, no clock)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from roundtable.domain.approval import MinutesApproval
from roundtable.domain.budget_picture import BudgetLine, CutTouch
from roundtable.domain.campaigns import CampaignRow
from roundtable.domain.campaigns.calibration import EstimateOutcome
from roundtable.domain.entries import ActionItem, BudgetAgreement, Decision, Note
from roundtable.domain.history import Event
from roundtable.domain.meeting import Meeting

__all__ = ["BudgetWaiting", "Change", "EarlierAction", "Entry", "MinutesInput"]

Entry = Decision | ActionItem | BudgetAgreement | Note
"""Anything logged in a meeting."""


@dataclass(frozen=True)
class EarlierAction:
    """An action item opened before this meeting, with the number of the meeting that
    opened it (None when it was opened between meetings, or that meeting is gone)."""

    action: ActionItem
    meeting_number: int | None


@dataclass(frozen=True)
class MinutesInput:
    """Everything the minutes show, as plain values (no store, no clock)."""

    team: str
    meeting: Meeting
    elapsed: Sequence[timedelta]
    """Actual time of each item in agenda order, breaks excluded (`timebox.item_elapsed`)."""
    decisions: Sequence[Decision] = ()
    """All decisions of this meeting."""
    actions: Sequence[ActionItem] = ()
    """Action items opened in this meeting (open, done or dropped)."""
    still_open: Sequence[EarlierAction] = ()
    """Action items from earlier meetings that were still open when this one ended."""
    closed: Sequence[EarlierAction] = ()
    """Action items from earlier meetings closed in this meeting."""
    budgets: Sequence[BudgetAgreement] = ()
    campaigns: Sequence[CampaignRow] = ()
    """The campaigns whose figures were reported in this meeting, as of this meeting
    (`Store.scoreboard(meeting_id, reported_only=True).rows`)."""
    role_titles: Mapping[str, str] = field(default_factory=dict)
    """Role title by role id; an unknown id is shown as it is."""
    estimate_outcomes: Sequence[EstimateOutcome] = ()
    """Every estimate of a campaign finished by this meeting against what it brought
    (`campaigns.calibration.board_outcomes`)."""
    lead_outcomes: Sequence[EstimateOutcome] = ()
    """Every lead estimate of a campaign finished by this meeting against the leads it
    brought (`campaigns.lead_calibration.board_lead_outcomes`)."""
    next_meeting: date | None = None
    timezone: tzinfo | None = None
    """The room's time zone for clock times and dates; None: the machine's local time."""
    now: datetime | None = None
    """For a meeting that has not ended: the moment the minutes are taken."""
    notes: Sequence[Note] = ()
    """What was noted under the agenda items."""
    previous_number: int | None = None
    """The number of the meeting before this one (None: this is the first)."""
    between: Sequence[Change] = ()
    """Action items closed, reopened, re-assigned or re-dated between the previous
    meeting and this one, oldest first."""
    waiting: Sequence[BudgetWaiting] = ()
    """Budget agreements still awaiting management sign-off when this meeting ended,
    oldest first (from this and every earlier meeting)."""
    answered: Sequence[BudgetWaiting] = ()
    """Budget agreements signed off or rejected since the previous meeting ended (in
    this meeting or before it), as answered."""
    amendments: Sequence[Change] = ()
    """Corrections to this meeting's record made after it ended, oldest first."""
    approval: MinutesApproval | None = None
    """What this meeting said about the previous meeting's minutes (None: nothing)."""
    budget_picture: Sequence[BudgetLine] = ()
    """Per area and period with a fixed budget: what was agreed so far and what is left."""
    cut_touches: Sequence[CutTouch] = ()
    """The cuts agreed in this meeting with the other side's agreements they touch."""


@dataclass(frozen=True)
class BudgetWaiting:
    """A budget agreement that needs (or needed) management sign-off, with the number
    of the meeting that agreed it."""

    budget: BudgetAgreement
    meeting_number: int | None


@dataclass(frozen=True)
class Change:
    """One event with the entry as it stood before and after it (None: it did not
    exist yet / is gone)."""

    event: Event
    before: Entry | None
    after: Entry | None
