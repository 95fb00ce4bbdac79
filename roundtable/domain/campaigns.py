"""Campaigns and what they bring: the figures controlling reports at every meeting.

Marketing could always say what a campaign costs, never what it brings. At the round
table marketing communication and dialog marketing feed sales with pre-qualified
leads, sales marketing turns them into an estimated revenue, and controlling reports
at every meeting what each campaign has actually brought so far. A `Snapshot` holds
one campaign's figures as reported in one meeting; the arithmetic here turns the
snapshots into a `Scoreboard` of `CampaignRow`s: cost per lead, acceptance and
conversion, the estimate against the actual revenue, and how that gap moved since the
meeting before. Every amount is an exact `Decimal`; the functions are pure.

The validation helpers raise `FieldError` (a `UsageError`) naming the field, so a
form can point at it and the CLI prints the message like any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import MAX_PREC, ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from babel.numbers import get_group_symbol

from roundtable.domain import l10n
from roundtable.domain.money import DEFAULT_CURRENCY, format_amount, parse_amount
from roundtable.errors import NotFoundError, UsageError
from roundtable.i18n import _, current_language, pgettext

__all__ = [
    "MAX_NAME_LENGTH",
    "Campaign",
    "CampaignDraft",
    "CampaignRow",
    "CampaignStatus",
    "Channel",
    "FieldError",
    "Scoreboard",
    "SeriesPoint",
    "Snapshot",
    "SnapshotFigures",
    "Totals",
    "build_scoreboard",
    "channel_label",
    "check_campaign",
    "check_figures",
    "cost_per_lead",
    "find_campaign",
    "format_change",
    "format_percent",
    "parse_count",
    "parse_day",
    "parse_money",
    "percent",
    "status_label",
    "totals",
]

MAX_NAME_LENGTH = 80
"""A campaign name is a label in tables and minutes, not a description."""

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_ROLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_ZERO = re.compile(r"0+(?:\.0{1,2})?")
_CURRENCY = re.compile(r"[A-Z]{3}")


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


_STATUS_ORDER = {
    CampaignStatus.RUNNING: 0,
    CampaignStatus.PLANNED: 1,
    CampaignStatus.FINISHED: 2,
    CampaignStatus.STOPPED: 3,
}


def channel_label(channel: Channel) -> str:
    """The channel in words, for tables and minutes."""
    return {
        Channel.WEBINAR: _("webinar"),
        Channel.TRADE_FAIR: _("trade fair"),
        Channel.EVENT: _("event"),
        Channel.MAILING: _("mailing"),
        Channel.NEWSLETTER: _("newsletter"),
        Channel.ONLINE_ADS: _("online ads"),
        Channel.CONTENT: _("content"),
        Channel.OTHER: _("other"),
    }[channel]


def status_label(status: CampaignStatus) -> str:
    """The status in words, for tables and minutes."""
    return {
        CampaignStatus.PLANNED: _("planned"),
        CampaignStatus.RUNNING: _("running"),
        CampaignStatus.FINISHED: _("finished"),
        CampaignStatus.STOPPED: _("stopped"),
    }[status]


class FieldError(UsageError):
    """A value typed for a campaign or a snapshot is not usable; `field` names the
    attribute (`"end"`, `"accepted"`, …) so a form can put the cursor there."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
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
class CampaignDraft:
    """A campaign's fields as the campaign form gives them back, checked but not saved:
    the store adds (or updates) it and gives it an id."""

    name: str
    owner: str
    """A role id."""
    channel: Channel
    start: date
    end: date
    budget: Decimal
    cost: Decimal = Decimal(0)
    """Cost to date."""
    currency: str = DEFAULT_CURRENCY
    status: CampaignStatus = CampaignStatus.PLANNED
    note: str = ""

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignDraft:
        """The draft that edits `campaign`."""
        return cls(
            name=campaign.name,
            owner=campaign.owner,
            channel=campaign.channel,
            start=campaign.start,
            end=campaign.end,
            budget=campaign.budget,
            cost=campaign.cost,
            currency=campaign.currency,
            status=campaign.status,
            note=campaign.note,
        )

    def checked(self) -> CampaignDraft:
        """The draft tidied up by `check_campaign`, or `FieldError` naming the field."""
        campaign = check_campaign(
            Campaign(
                id=0,
                name=self.name,
                owner=self.owner,
                channel=self.channel,
                start=self.start,
                end=self.end,
                budget=self.budget,
                cost=self.cost,
                currency=self.currency,
                status=self.status,
                note=self.note,
            )
        )
        return CampaignDraft.of(campaign)


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


@dataclass(frozen=True)
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

    @property
    def gap(self) -> Decimal:
        """Estimate − actual: what the estimate still promises beyond what came in."""
        return _minus(self.estimated_revenue, self.actual_revenue)


# --- the arithmetic ------------------------------------------------------------------


def _exact(compute: Callable[[], Decimal]) -> Decimal:
    """`compute()` with the largest precision: sums and differences never round."""
    with localcontext() as context:
        context.prec = MAX_PREC
        return compute()


def _plus(a: Decimal, b: Decimal) -> Decimal:
    return _exact(lambda: a + b)


def _minus(a: Decimal, b: Decimal) -> Decimal:
    return _exact(lambda: a - b)


def _quotient(numerator: Decimal, denominator: Decimal, step: Decimal) -> Decimal:
    """numerator / denominator rounded half up to `step` (commercial rounding)."""
    with localcontext() as context:
        context.prec = 60
        value = numerator / denominator
        context.prec = MAX_PREC
        return value.quantize(step, rounding=ROUND_HALF_UP)


def cost_per_lead(cost: Decimal, leads: int) -> Decimal | None:
    """cost / leads to the cent; None while there are no leads."""
    if leads <= 0:
        return None
    return _quotient(cost, Decimal(leads), _CENT)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part as a percentage of whole, to one decimal (12.5 for 1 of 8); None when whole
    is zero."""
    if whole == 0:
        return None
    return _quotient(Decimal(part) * 100, Decimal(whole), _TENTH)


@dataclass(frozen=True)
class SeriesPoint:
    """One meeting's figures in a campaign's series, for a sparkline."""

    meeting_id: int
    meeting_number: int
    estimate: Decimal
    actual: Decimal
    cost: Decimal
    leads: int

    @property
    def gap(self) -> Decimal:
        return _minus(self.estimate, self.actual)


@dataclass(frozen=True)
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
        return _minus(self.estimate, self.actual)

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

    @property
    def totals(self) -> tuple[Totals, ...]:
        """Sums over all rows, one per currency."""
        return totals(self.rows)

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
            gap_change = _minus(gap, previous.gap)
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
    sums: dict[str, Totals] = {}
    zero = Decimal(0)
    for row in rows:
        currency = row.campaign.currency
        total = sums.get(currency) or Totals(currency, 0, zero, zero, 0, 0, 0, zero, zero)
        snapshot = row.snapshot
        total = replace(
            total,
            campaigns=total.campaigns + 1,
            budget=_plus(total.budget, row.campaign.budget),
            cost=_plus(total.cost, row.cost or zero),
        )
        if snapshot is not None:
            total = replace(
                total,
                leads=total.leads + snapshot.leads,
                accepted=total.accepted + snapshot.accepted,
                won=total.won + snapshot.won,
                estimate=_plus(total.estimate, snapshot.estimated_revenue),
                actual=_plus(total.actual, snapshot.actual_revenue),
            )
        sums[currency] = total
    return tuple(sums[currency] for currency in sorted(sums))


# --- formatting ----------------------------------------------------------------------


def format_percent(value: Decimal | None) -> str:
    """A percentage with one decimal as the current language writes it (`12.5%`,
    German `12,5 %`), or a dash for nothing to show."""
    return "—" if value is None else l10n.format_percent(value)


def format_change(change: Decimal | None, currency: str) -> str:
    """A change of an amount with its sign in front, like `+€1,000.00`, `−€500.00` or
    `±€0.00` (German `+1.000,00 €`), as `format_amount` writes amounts; a dash for
    nothing to compare."""
    if change is None:
        return "—"
    # The minus sign (U+2212), not a hyphen: it lines up with + and ±, and a Markdown
    # table cell or list item starting with it stays plain text.
    sign = "+" if change > 0 else "\u2212" if change < 0 else "±"
    return sign + format_amount(abs(change), currency)


# --- checking what people typed ------------------------------------------------------


def _field_labels() -> dict[str, str]:
    return {
        "name": _("Name"),
        "owner": _("Owner"),
        "channel": _("Channel"),
        "start": _("Start"),
        "end": pgettext("campaign", "End"),
        "budget": _("Budget"),
        "cost": _("Cost to date"),
        "currency": _("Currency"),
        "status": _("Status"),
        "leads": _("Pre-qualified leads"),
        "accepted": _("Leads accepted by sales"),
        "won": _("Deals won"),
        "estimated_revenue": _("Estimated revenue"),
        "actual_revenue": _("Actual revenue to date"),
    }


def _error(field: str, message: str) -> FieldError:
    label = _field_labels().get(field, field)
    return FieldError(field, _("{field}: {problem}").format(field=label, problem=message))


def _money(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise _error(field, _("not a number."))
    amount = Decimal(value)
    if not amount.is_finite():
        raise _error(field, _("not a number."))
    if amount < 0:
        raise _error(field, _("must not be negative."))
    return amount


def _count(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(field, _("must be a whole number."))
    if value < 0:
        raise _error(field, _("must not be negative."))
    return value


def check_campaign(campaign: Campaign) -> Campaign:
    """`campaign` tidied up (spaces trimmed, currency upper-cased), or `FieldError`
    naming the first field that is wrong. Whether the name is taken and the owner is a
    role of the team are for the store and the caller: this sees one campaign only."""
    name = " ".join(campaign.name.split())
    if not name:
        raise _error("name", _("a campaign needs a name."))
    if len(name) > MAX_NAME_LENGTH:
        raise _error("name", _("at most {count} characters, please.").format(count=MAX_NAME_LENGTH))
    owner = campaign.owner.strip()
    if not owner:
        raise _error("owner", _("say which role runs the campaign."))
    if not _ROLE_ID.fullmatch(owner):
        raise _error(
            "owner", _("“{owner}” is not a role id, like dialog-marketing.").format(owner=owner)
        )
    try:
        channel = Channel(campaign.channel)
    except ValueError:
        raise _error(
            "channel",
            _("“{channel}” is not one of {channels}.").format(
                channel=campaign.channel, channels=", ".join(c.value for c in Channel)
            ),
        ) from None
    try:
        status = CampaignStatus(campaign.status)
    except ValueError:
        raise _error(
            "status",
            _("“{status}” is not one of {statuses}.").format(
                status=campaign.status, statuses=", ".join(s.value for s in CampaignStatus)
            ),
        ) from None
    for field in ("start", "end"):
        if not isinstance(getattr(campaign, field), date):
            raise _error(field, _("not a date."))
    if campaign.end < campaign.start:
        raise _error(
            "end",
            _("the campaign cannot end ({end}) before it starts ({start}).").format(
                end=campaign.end.isoformat(), start=campaign.start.isoformat()
            ),
        )
    budget = _money(campaign.budget, "budget")
    cost = _money(campaign.cost, "cost")
    currency = campaign.currency.strip().upper()
    if not _CURRENCY.fullmatch(currency):
        raise _error("currency", _("three letters, like EUR."))
    return replace(
        campaign,
        name=name,
        owner=owner,
        channel=channel,
        status=status,
        budget=budget,
        cost=cost,
        currency=currency,
        note=campaign.note.strip(),
    )


def check_figures(figures: SnapshotFigures) -> SnapshotFigures:
    """`figures` if they can be true together, else `FieldError` naming the field:
    no negative counts or amounts, no more accepted leads than leads, no more deals won
    than leads accepted, revenue a number."""
    leads = _count(figures.leads, "leads")
    accepted = _count(figures.accepted, "accepted")
    won = _count(figures.won, "won")
    if accepted > leads:
        raise _error(
            "accepted",
            _("{accepted} accepted, but only {leads} pre-qualified leads.").format(
                accepted=accepted, leads=leads
            ),
        )
    if won > accepted:
        raise _error(
            "won",
            _("{won} deals won, but only {accepted} leads accepted by sales.").format(
                won=won, accepted=accepted
            ),
        )
    return SnapshotFigures(
        leads=leads,
        accepted=accepted,
        won=won,
        estimated_revenue=_money(figures.estimated_revenue, "estimated_revenue"),
        actual_revenue=_money(figures.actual_revenue, "actual_revenue"),
    )


def find_campaign(campaigns: Iterable[Campaign], typed: str) -> Campaign:
    """The campaign `typed` names: its whole name, or a part of it that no other
    campaign's name has (case and runs of spaces do not matter). `NotFoundError` for
    none, `UsageError` listing them for several."""
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        raise UsageError(_("Name the campaign, like “Anwendertag”."))
    candidates = list(campaigns)
    named = [c for c in candidates if " ".join(c.name.split()).casefold() == wanted]
    if named:
        return named[0]
    found = [c for c in candidates if wanted in " ".join(c.name.split()).casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(
            _("There is no campaign “{typed}”. `roundtable campaigns` lists them.").format(
                typed=typed
            )
        )
    raise UsageError(
        _("“{typed}” could be any of: {names}. Type more of the name.").format(
            typed=typed, names="; ".join(sorted(c.name for c in found))
        )
    )


def parse_count(text: str, field: str) -> int:
    """A count typed in a form, thousands grouped the current language's way (`48`,
    `1,250`; German `1.250`), or `FieldError` naming `field`."""
    cleaned = text.strip()
    if not cleaned:
        raise _error(field, _("enter a number, like 48."))
    if cleaned.startswith("-"):
        raise _error(field, _("must not be negative."))
    group = get_group_symbol(current_language())
    grouped = rf"[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})+|[0-9]+"
    if not re.fullmatch(grouped, cleaned):
        raise _error(field, _("“{text}” is not a whole number, like 48.").format(text=cleaned[:40]))
    return int(cleaned.replace(group, ""))


def parse_money(text: str, field: str) -> Decimal:
    """An amount typed in a form (`12,500.00`, `0`), or `FieldError` naming `field`.
    Same rules as budget amounts (`money.parse_amount`), but zero is fine here."""
    cleaned = text.strip()
    if _ZERO.fullmatch(cleaned):
        return Decimal(0)
    # Budget agreements word a minus sign as "record it as a cut"; here it is just wrong.
    if cleaned.startswith(("-", "−")):
        raise _error(field, _("must not be negative."))
    try:
        return parse_amount(cleaned)
    except UsageError as error:
        raise _error(field, error.message) from None


def parse_day(text: str, field: str) -> date:
    """A date typed as ISO `2026-03-12` or the current language's form (German
    `12.03.2026`; see `l10n.read_date`), or `FieldError` naming `field`."""
    try:
        return l10n.parse_date(text.strip())
    except UsageError as error:
        raise _error(field, error.message) from None
