"""The scoreboard: every campaign's figures as of one meeting, turned into cost per lead,
acceptance and conversion, the estimate against the actual revenue, and how that gap
moved since the meeting before. The functions are pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from roundtable.domain.campaigns.arithmetic import cost_per_lead, minus, percent, plus
from roundtable.domain.campaigns.model import Campaign, CampaignStatus, Snapshot

__all__ = [
    "CampaignRow",
    "Scoreboard",
    "SeriesPoint",
    "Totals",
    "build_scoreboard",
    "sum_totals",
    "totals",
]

_STATUS_ORDER = {
    CampaignStatus.RUNNING: 0,
    CampaignStatus.PLANNED: 1,
    CampaignStatus.FINISHED: 2,
    CampaignStatus.STOPPED: 3,
}


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One meeting's figures in a campaign's series, for a sparkline."""

    meeting_id: int
    meeting_number: int
    estimate: Decimal
    actual: Decimal
    cost: Decimal
    leads: int
    estimated_leads: int = 0

    @property
    def gap(self) -> Decimal:
        return minus(self.estimate, self.actual)


@dataclass(frozen=True, slots=True)
class CampaignRow:
    """One campaign on the scoreboard, with its figures as of one meeting.

    Everything the table and the sparkline show is a plain value here; `None` means
    "nothing to show" (no snapshot yet, no leads to divide by, no earlier snapshot to
    compare with) and is shown as a dash. Amounts are in `campaign.currency`;
    percentages are numbers like `12.5`, rounded half up to one decimal.
    """

    campaign: Campaign
    snapshot: Snapshot | None
    """The latest snapshot up to the meeting the board is for (None: none yet)."""
    previous: Snapshot | None
    """The snapshot before `snapshot`: what the change is measured against."""
    previous_meeting_number: int | None
    """The number of the meeting `previous` was reported in."""
    cost: Decimal | None
    """Cost to date: the campaign's current cost on a board for now; the cost recorded
    with `snapshot` on a board for a past meeting (None if there is no snapshot)."""
    cost_per_lead: Decimal | None
    """cost / leads, to the cent."""
    acceptance_pct: Decimal | None
    """accepted / leads, in percent."""
    conversion_pct: Decimal | None
    """won / accepted, in percent."""
    gap: Decimal | None
    """estimate − actual. Positive: the estimate is still ahead of reality."""
    gap_pct: Decimal | None
    """gap / estimate, in percent (None for an estimate of zero)."""
    gap_change: Decimal | None
    """gap now − gap at the previous snapshot. Negative: estimate and reality moved
    closer together (when the gap is positive)."""
    series: tuple[SeriesPoint, ...]
    """Every snapshot up to the meeting, oldest first: the sparkline's data."""

    @property
    def leads(self) -> int | None:
        return None if self.snapshot is None else self.snapshot.leads

    @property
    def estimated_leads(self) -> int | None:
        """The leads the campaign is estimated to bring in all; None: no estimate given."""
        if self.snapshot is None or not self.snapshot.estimated_leads:
            return None
        return self.snapshot.estimated_leads

    @property
    def accepted(self) -> int | None:
        return None if self.snapshot is None else self.snapshot.accepted

    @property
    def won(self) -> int | None:
        return None if self.snapshot is None else self.snapshot.won

    @property
    def estimate(self) -> Decimal | None:
        return None if self.snapshot is None else self.snapshot.estimated_revenue

    @property
    def actual(self) -> Decimal | None:
        return None if self.snapshot is None else self.snapshot.actual_revenue

    @property
    def reported_in(self) -> int | None:
        """The id of the meeting the shown figures were reported in."""
        return None if self.snapshot is None else self.snapshot.meeting_id

    @property
    def gap_narrowed(self) -> bool | None:
        """True when estimate and actual are closer than at the previous snapshot,
        False when further apart or equally far, None without a previous one."""
        if self.snapshot is None or self.previous is None:
            return None
        return abs(self.snapshot.gap) < abs(self.previous.gap)

    @property
    def actual_trend(self) -> tuple[float, ...]:
        """Actual revenue per meeting, for `textual.widgets.Sparkline` (floats)."""
        return tuple(float(point.actual) for point in self.series)

    @property
    def estimate_trend(self) -> tuple[float, ...]:
        """The estimate per meeting, for a sparkline."""
        return tuple(float(point.estimate) for point in self.series)

    @property
    def gap_trend(self) -> tuple[float, ...]:
        """The gap per meeting, for a sparkline: it should shrink towards zero."""
        return tuple(float(point.gap) for point in self.series)


@dataclass(frozen=True)
class Totals:
    """The sums of several rows in one currency (counts and amounts to date)."""

    currency: str
    campaigns: int
    budget: Decimal
    cost: Decimal
    leads: int
    accepted: int
    won: int
    estimate: Decimal
    actual: Decimal

    @property
    def gap(self) -> Decimal:
        return minus(self.estimate, self.actual)

    @property
    def cost_per_lead(self) -> Decimal | None:
        return cost_per_lead(self.cost, self.leads)

    @property
    def acceptance_pct(self) -> Decimal | None:
        return percent(self.accepted, self.leads)

    @property
    def conversion_pct(self) -> Decimal | None:
        return percent(self.won, self.accepted)

    @property
    def gap_pct(self) -> Decimal | None:
        return percent(self.gap, self.estimate)


@dataclass(frozen=True)
class Scoreboard:
    """Every campaign's figures as of one meeting (or now): what the UI's campaign
    table shows row by row, what `roundtable campaigns` prints and the minutes report.

    Rows come running first, then planned, finished and stopped; within each, by start
    date and name.
    """

    as_of: int | None
    """The meeting id the figures are for; None: the latest figures."""
    rows: tuple[CampaignRow, ...]
    summed: tuple[Totals, ...] | None = None
    """The sums over every campaign, taken while reading, when `rows` holds only some
    of them (`meeting_board`); None: `totals` sums the rows."""

    @property
    def totals(self) -> tuple[Totals, ...]:
        """Sums over every campaign, one per currency."""
        return totals(self.rows) if self.summed is None else self.summed

    def reported_in(self, meeting_id: int) -> tuple[CampaignRow, ...]:
        """The rows whose figures were reported in that meeting."""
        return tuple(row for row in self.rows if row.reported_in == meeting_id)


def _row(
    campaign: Campaign,
    history: Sequence[tuple[int, Snapshot]],
    as_of: int | None,
) -> CampaignRow:
    """`campaign`'s row from its snapshots up to the meeting (numbered, oldest first)."""
    snapshot = history[-1][1] if history else None
    previous_number, previous = history[-2] if len(history) > 1 else (None, None)
    if as_of is None:
        cost: Decimal | None = campaign.cost
    else:
        cost = None if snapshot is None else snapshot.cost
    gap = gap_pct = gap_change = None
    cpl = acceptance = conversion = None
    if snapshot is not None:
        gap = snapshot.gap
        gap_pct = percent(gap, snapshot.estimated_revenue)
        if previous is not None:
            gap_change = minus(gap, previous.gap)
        cpl = None if cost is None else cost_per_lead(cost, snapshot.leads)
        acceptance = percent(snapshot.accepted, snapshot.leads)
        conversion = percent(snapshot.won, snapshot.accepted)
    series = tuple(
        SeriesPoint(
            meeting_id=s.meeting_id,
            meeting_number=number,
            estimate=s.estimated_revenue,
            actual=s.actual_revenue,
            cost=s.cost,
            leads=s.leads,
            estimated_leads=s.estimated_leads,
        )
        for number, s in history
    )
    return CampaignRow(
        campaign=campaign,
        snapshot=snapshot,
        previous=previous,
        previous_meeting_number=previous_number,
        cost=cost,
        cost_per_lead=cpl,
        acceptance_pct=acceptance,
        conversion_pct=conversion,
        gap=gap,
        gap_pct=gap_pct,
        gap_change=gap_change,
        series=series,
    )


def build_scoreboard(
    campaigns: Iterable[Campaign],
    snapshots: Iterable[Snapshot],
    meeting_numbers: Mapping[int, int],
    as_of: int | None = None,
) -> Scoreboard:
    """The scoreboard as of meeting `as_of` (an id; None: with the latest figures).

    `meeting_numbers` maps meeting ids to their running numbers: snapshots are ordered
    by it, and only those of meetings up to `as_of` count. A snapshot of a meeting not
    in it (a damaged store) is left out. Raises `KeyError` if `as_of` is not in it.
    """
    limit = None if as_of is None else meeting_numbers[as_of]
    by_campaign: dict[int, list[tuple[int, Snapshot]]] = {}
    for snapshot in snapshots:
        number = meeting_numbers.get(snapshot.meeting_id)
        if number is None or (limit is not None and number > limit):
            continue
        by_campaign.setdefault(snapshot.campaign_id, []).append((number, snapshot))
    rows = []
    for campaign in campaigns:
        history = sorted(by_campaign.get(campaign.id, ()), key=lambda pair: (pair[0], pair[1].id))
        rows.append(_row(campaign, history, as_of))
    rows.sort(
        key=lambda row: (
            _STATUS_ORDER[row.campaign.status],
            row.campaign.start,
            row.campaign.name.casefold(),
            row.campaign.id,
        )
    )
    return Scoreboard(as_of=as_of, rows=tuple(rows))


def totals(rows: Iterable[CampaignRow]) -> tuple[Totals, ...]:
    """Sums of `rows`, one `Totals` per currency (alphabetical). A row without a
    snapshot adds its budget and cost only."""
    return sum_totals((row.campaign, row.cost, row.snapshot) for row in rows)


def sum_totals(
    figures: Iterable[tuple[Campaign, Decimal | None, Snapshot | None]],
) -> tuple[Totals, ...]:
    """Sums of each campaign's cost to date and latest snapshot (None: none yet), one
    `Totals` per currency (alphabetical)."""
    sums: dict[str, Totals] = {}
    zero = Decimal(0)
    for campaign, cost, snapshot in figures:
        currency = campaign.currency
        total = sums.get(currency) or Totals(currency, 0, zero, zero, 0, 0, 0, zero, zero)
        total = replace(
            total,
            campaigns=total.campaigns + 1,
            budget=plus(total.budget, campaign.budget),
            cost=plus(total.cost, cost or zero),
        )
        if snapshot is not None:
            total = replace(
                total,
                leads=total.leads + snapshot.leads,
                accepted=total.accepted + snapshot.accepted,
                won=total.won + snapshot.won,
                estimate=plus(total.estimate, snapshot.estimated_revenue),
                actual=plus(total.actual, snapshot.actual_revenue),
            )
        sums[currency] = total
    return tuple(sums[currency] for currency in sorted(sums))
