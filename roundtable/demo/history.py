"""A realistic year of this round table, for trying the app: `roundtable demo`.

Built from the team's real config (its roles, holders and agendas) and real `Meeting`
values, written through the ordinary `Store` API in one transaction, so the demo is
either all there or not at all. The constituting meeting comes first; then the round
table meets weekly, later every two weeks, on Tuesdays at nine. Items take their real,
uneven time: some overrun, some are deferred when the box runs out, long meetings get
a break. Decisions, action items and budget agreements are written in the team's own
words, in the language of the demo (`texts_<language>.yaml`). Everything follows from
the seed, and the same seed gives the same history in every language.

The campaigns follow the team's yearly programme (webinars in spring, the Hannover
trade fair follow-up, LinkedIn ads, a newsletter and a direct mailing, …): each is
planned weeks before it starts, its cost grows while it runs, controlling reports its
figures at every meeting, and sales marketing's optimistic first estimate comes down to
the actual revenue over the meetings. Now and then one is stopped halfway.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import Decimal

from roundtable.demo.lead_estimates import lead_estimate
from roundtable.demo.texts import DemoTexts, demo_texts
from roundtable.domain.campaigns import Campaign, CampaignStatus, Channel
from roundtable.domain.clock import Clock
from roundtable.domain.config import Agenda, AgendaItem, Cadence, ItemKind, Role, TeamConfig
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.meeting import (
    Attendee,
    ItemState,
    Meeting,
    MeetingItem,
    Pause,
    Segment,
)
from roundtable.errors import UsageError
from roundtable.i18n import _, current_language
from roundtable.store.store import Store

__all__ = ["DEFAULT_MEETINGS", "DEFAULT_SEED", "DemoSummary", "fill_demo"]

DEFAULT_MEETINGS = 40
DEFAULT_SEED = 7
WEEKLY_SHARE = 0.65
"""The share of meetings held weekly before the team moves to every two weeks."""


@dataclass(frozen=True)
class _Plan:
    """One campaign of the team's yearly programme, and what it really brings."""

    name: str
    owner: str
    channel: Channel
    month: int
    """When it starts (on the first Monday of the month)."""
    weeks: int
    budget: int
    leads: int
    """Pre-qualified leads it brings in all, on average over the years."""
    deal: int
    """An average deal won from it, in EUR."""
    acceptance: float
    """Share of its leads sales accepts."""
    conversion: float
    """Share of the accepted leads that become deals."""
    optimism: float
    """Sales marketing's first estimate, as a multiple of what it really brings."""
    flop: float = 0.0
    """Chance that a year's run is stopped halfway."""


PROGRAMME = (
    _Plan(
        "Frühjahrs-Webinarreihe",
        "marketing-communication",
        Channel.WEBINAR,
        3,
        6,
        12_000,
        90,
        18_000,
        0.7,
        0.18,
        2.1,
    ),
    _Plan(
        "Messe Hannover Follow-up",
        "marketing-communication",
        Channel.TRADE_FAIR,
        4,
        10,
        45_000,
        140,
        35_000,
        0.6,
        0.15,
        1.8,
    ),
    _Plan(
        "LinkedIn Lead-Ads Industrie 4.0",
        "marketing-communication",
        Channel.ONLINE_ADS,
        5,
        12,
        15_000,
        120,
        14_000,
        0.45,
        0.1,
        2.6,
        flop=0.5,
    ),
    _Plan(
        "Newsletter Q3 Bestandskunden",
        "dialog-marketing",
        Channel.NEWSLETTER,
        7,
        12,
        6_000,
        60,
        9_000,
        0.8,
        0.3,
        1.5,
    ),
    _Plan(
        "Direct Mailing Mittelstand",
        "dialog-marketing",
        Channel.MAILING,
        9,
        8,
        18_000,
        75,
        24_000,
        0.65,
        0.2,
        1.9,
    ),
    _Plan(
        "Whitepaper Predictive Maintenance",
        "marketing-communication",
        Channel.CONTENT,
        10,
        10,
        8_000,
        50,
        30_000,
        0.5,
        0.16,
        2.0,
    ),
    _Plan(
        "Anwendertag Süd",
        "marketing-communication",
        Channel.EVENT,
        11,
        4,
        20_000,
        45,
        28_000,
        0.75,
        0.22,
        1.6,
    ),
)
CAMPAIGNS = tuple(plan.name for plan in PROGRAMME)
"""The campaigns the team talks about, in the order of the year."""
ACCOUNTS = ("Brenner Maschinenbau", "Hofmann Logistik", "Stadtwerke Kassel", "Lindner Automotive")
SITES = ("Bielefeld", "Leipzig", "Augsburg", "Hamburg")
SALES_AREA = "sales"
COMMUNICATION_AREA = "communication"
DIALOG_AREA = "dialog marketing"


@dataclass(frozen=True)
class DemoSummary:
    """What `fill_demo` wrote."""

    meetings: int
    decisions: int
    actions: int
    budgets: int
    first: date
    last: date
    campaigns: int = 0
    snapshots: int = 0
    """Campaign figures recorded (one per campaign and meeting)."""


class _DemoClock:
    """The store's clock while the demo writes: set to the moment each entry happened."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def _zone() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Berlin")
    except Exception:  # no time zone data on this system: winter time will do
        return timezone(timedelta(hours=1))


def _meeting_dates(count: int, today: date) -> list[tuple[date, Cadence]]:
    """`count` Tuesdays ending before `today`: weekly first, then every two weeks."""
    weekly = max(1, round(count * WEEKLY_SHARE)) if count > 1 else count
    last = today - timedelta(days=1)
    last -= timedelta(days=(last.weekday() - 1) % 7)  # back to a Tuesday
    dates: list[tuple[date, Cadence]] = []
    day = last
    for index in reversed(range(count)):
        cadence = Cadence.WEEKLY if index < weekly else Cadence.BIWEEKLY
        dates.append((day, cadence))
        day -= timedelta(days=cadence.days)
    return list(reversed(dates))


def _people(roles: tuple[Role, ...]) -> list[tuple[str, str]]:
    """(name, role id) for everyone at the table; a person with two roles sits once."""
    seen: dict[str, str] = {}
    for role in roles:
        for holder in role.holders:
            seen.setdefault(holder, role.id)
    return list(seen.items())


def _regular_agenda(config: TeamConfig) -> Agenda:
    agenda = config.agenda("round-table")
    if agenda is not None:
        return agenda
    others = [a for a in config.agendas if a.id != "constituting"]
    if others:
        return others[0]
    if config.agendas:
        return config.agendas[0]
    raise UsageError(
        _("The config in {folder} has no agenda to build demo meetings from.").format(
            folder=config.directory
        )
    )


class _History:
    """Writes one demo history into a store, drawing every choice from one seed."""

    def __init__(
        self, store: Store, config: TeamConfig, today: date, seed: int, texts: DemoTexts
    ) -> None:
        self.store = store
        self.texts = texts
        self.config = config
        self.today = today
        self.rng = random.Random(seed)
        self.zone = _zone()
        self.clock = _DemoClock(datetime.combine(today, time(9), self.zone))
        self.decisions = 0
        self.budgets = 0
        self.open_actions: list[tuple[str, date, datetime]] = []
        """Open items so far: ref, due date, when opened."""
        self.closed = 0
        self.stuck: set[str] = set()
        """Items nobody gets to: they stay open and become overdue."""
        self.quarters: set[str] = set()

    # --- values -------------------------------------------------------------------

    def campaign(self, day: date) -> str:
        # Campaigns follow the seasons: each runs for a few months of the year.
        index = (day.month - 1) * len(CAMPAIGNS) // 12
        return CAMPAIGNS[(index + self.rng.choice((0, 0, 1))) % len(CAMPAIGNS)]

    def fill(self, text: str, day: date) -> str:
        rng = self.rng
        leads = rng.randrange(12, 160)
        rate = rng.choice((8, 10, 12, 15, 18))
        revenue = leads * rate // 100 * rng.choice((18_000, 24_000, 35_000))
        site_a, site_b = rng.sample(SITES, 2)
        start = day + timedelta(days=rng.randrange(10, 40))
        return text.format(
            c=self.campaign(day),
            a=rng.choice(ACCOUNTS),
            s=rng.choice(self.texts.segments),
            n=leads,
            r=rate,
            v=f"{revenue:,}".replace(",", "."),
            w=rng.choice((2, 3, 4)),
            o=max(1, leads // rng.choice((4, 6, 9))),
            d=start.strftime("%d.%m."),
            x=site_a,
            y=site_b,
        )

    def owner(self, role_id: str) -> str:
        role = self.config.role(role_id)
        if role is not None and role.holders and self.rng.random() < 0.4:
            return self.rng.choice(role.holders)
        return role_id

    # --- one meeting ---------------------------------------------------------------

    def meeting(self, number: int, day: date, cadence: Cadence, agenda: Agenda) -> Meeting:
        rng = self.rng
        start = datetime.combine(day, time(9), self.zone) + timedelta(minutes=rng.randrange(0, 5))
        box = timedelta(minutes=agenda.timebox_minutes)
        moment = start
        items: list[MeetingItem] = []
        pauses: list[Pause] = []
        took_break = False
        wrap_up = agenda.items[-1].minutes if agenda.items else 0
        for index, planned in enumerate(agenda.items):
            last = index == len(agenda.items) - 1
            used = moment - start
            # What this item may take and still leave the wrap-up its minutes.
            left = (box - used - timedelta(minutes=0 if last else wrap_up)).total_seconds() / 60
            # The facilitator defers a discussion when not even half of it fits any more,
            # and now and then because it is not ripe yet.
            deferrable = not last and not planned.review and planned.kind is not ItemKind.REPORT
            if deferrable and (left < planned.minutes / 2 or rng.random() < 0.04):
                items.append(_item(planned, ItemState.DEFERRED, ()))
                continue
            pace = _WRAP_UP_PACE if last else _PACE.get(planned.role, 1.0)
            minutes = planned.minutes * min(1.5, max(0.6, rng.gauss(0.96 * pace, 0.17)))
            # Usually the item is cut short to what is left; sometimes it overruns anyway.
            if rng.random() > 0.08:
                minutes = min(minutes, left - (1 if last else 0))
            minutes = max(3.0, minutes)
            segment = Segment(moment, moment + timedelta(minutes=round(minutes, 1)))
            items.append(_item(planned, ItemState.DONE, (segment,)))
            moment = segment.end or moment
            if not took_break and not last and moment - start > timedelta(minutes=85):
                took_break = True
                if rng.random() < 0.6:
                    pause = Pause(moment, moment + timedelta(minutes=rng.choice((5, 10, 10, 15))))
                    pauses.append(pause)
                    moment = pause.end or moment
        facilitator_role = agenda.facilitator or (agenda.items[0].role if agenda.items else "")
        facilitating = self.config.role(facilitator_role)
        facilitator_holders = facilitating.holders if facilitating is not None else ()
        attendees = tuple(
            Attendee(
                name=name,
                role=role_id,
                present=name in facilitator_holders
                or rng.random() > (0.45 if role_id == "management" else 0.08),
            )
            for name, role_id in _people(self.config.roles)
        )
        facilitator = facilitator_holders[0] if facilitator_holders else attendees[0].name
        return Meeting(
            id=None,
            number=number,
            agenda_id=agenda.id,
            title=agenda.title,
            timebox_minutes=agenda.timebox_minutes,
            cadence=cadence,
            items=tuple(items),
            attendees=attendees,
            facilitator=facilitator,
            started_at=start,
            ended_at=moment + timedelta(minutes=rng.randrange(0, 2)),
            pauses=tuple(pauses),
            current=None,
        )

    def review(self, meeting: Meeting) -> None:
        """At the review item, owners report: most items due by now get closed."""
        review = next((item for item in meeting.items if item.review), None)
        at = (review.started_at if review else None) or meeting.started_at
        assert meeting.id is not None
        still_open = []
        for ref, due, opened in self.open_actions:
            roll = self.rng.random()
            due_passed = due <= meeting.started_at.date()
            if opened >= at or ref in self.stuck:
                still_open.append((ref, due, opened))
            elif due_passed and roll < 0.55:
                self.close(ref, ActionStatus.DONE, at + timedelta(minutes=1), meeting.id)
            elif roll < 0.05:
                self.close(ref, ActionStatus.DROPPED, at + timedelta(minutes=2), meeting.id)
            elif not due_passed and roll < 0.12:
                # Done between meetings, from someone's terminal.
                between = opened + (at - opened) * self.rng.uniform(0.3, 0.9)
                between = between.replace(microsecond=0)
                self.close(ref, ActionStatus.DONE, between, None)
            else:
                still_open.append((ref, due, opened))
        self.open_actions = still_open

    def close(self, ref: str, status: ActionStatus, at: datetime, meeting_id: int | None) -> None:
        self.clock.moment = at
        self.store.set_action_status(ref, status, meeting_id)
        self.closed += 1

    def entries(self, meeting: Meeting, constituting: bool) -> None:
        """Decisions, action items and budget agreements taken under the items that ran."""
        assert meeting.id is not None
        rng = self.rng
        day = meeting.started_at.date()
        ran = [(i, item) for i, item in enumerate(meeting.items) if item.state is ItemState.DONE]
        decision_items = [(i, it) for i, it in ran if it.kind is not ItemKind.REPORT]
        texts = self.texts
        pool = list(texts.constituting_decisions) if constituting else list(texts.decisions)
        rng.shuffle(pool)
        wanted = len(pool) if constituting else rng.choice((1, 1, 2, 2, 3))
        for text in pool[:wanted]:
            if not decision_items:
                break
            index, item = rng.choice(decision_items)
            self.clock.moment = _during(item, rng)
            self.store.add_decision(meeting.id, index, self.fill(text, day))
            self.decisions += 1
        action_items = [(i, it) for i, it in ran if not it.review] or ran
        for _count in range(rng.choice((2, 3, 3, 4, 5))):
            if not action_items:
                break
            index, item = rng.choice(action_items)
            choices = self.texts.actions.get(item.role, self.texts.generic_actions)
            self.clock.moment = _during(item, rng)
            due = day + timedelta(days=rng.choice((7, 7, 14, 14, 21, 28)))
            action = self.store.add_action(
                self.fill(rng.choice(choices), day), self.owner(item.role), due, meeting.id, index
            )
            self.open_actions.append((action.ref, due, self.clock.moment))
            if rng.random() < 0.06:
                self.stuck.add(action.ref)
        self.budget_agreements(meeting, ran)

    def budget_agreements(self, meeting: Meeting, ran: list[tuple[int, MeetingItem]]) -> None:
        assert meeting.id is not None
        rng = self.rng
        under = [(i, it) for i, it in ran if "budget" in it.title.casefold()] or [
            (i, it) for i, it in ran if it.kind is ItemKind.DECISION
        ]
        if not under:
            return
        index, item = under[0]
        day = meeting.started_at.date()
        quarter = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        notes = self.texts.budget_notes
        self.clock.moment = _during(item, rng)

        def add(
            area: str,
            amount: int,
            kind: BudgetKind,
            note: str,
            from_area: str | None = None,
            needs_signoff: bool = False,
        ) -> None:
            self.store.add_budget(
                meeting.id or 0,
                index,
                area=area,
                amount=Decimal(amount),
                currency="EUR",
                period=quarter,
                kind=kind,
                from_area=from_area,
                note=note,
                needs_signoff=needs_signoff,
            )
            self.budgets += 1

        if quarter not in self.quarters:
            self.quarters.add(quarter)
            add(
                SALES_AREA,
                rng.randrange(24, 37) * 5_000,
                BudgetKind.ALLOCATION,
                _note(rng, notes["sales_allocation"]),
            )
            add(
                COMMUNICATION_AREA,
                rng.randrange(16, 29) * 5_000,
                BudgetKind.ALLOCATION,
                _note(rng, notes["communication_allocation"]),
            )
            return
        roll = rng.random()
        if roll < 0.12:
            add(
                COMMUNICATION_AREA,
                rng.randrange(2, 7) * 5_000,
                BudgetKind.CUT,
                notes["cut"].format(c=self.campaign(day)),
                needs_signoff=True,
            )
        elif roll < 0.24:
            source, target = rng.choice(
                (
                    (COMMUNICATION_AREA, SALES_AREA),
                    (SALES_AREA, DIALOG_AREA),
                    (COMMUNICATION_AREA, DIALOG_AREA),
                )
            )
            add(
                target,
                rng.randrange(1, 5) * 5_000,
                BudgetKind.SHIFT,
                notes["shift"].format(c=self.campaign(day)),
                from_area=source,
                needs_signoff=rng.random() < 0.3,
            )


@dataclass
class _Run:
    """One year's run of a campaign of the programme, as the demo plays it out."""

    plan: _Plan
    name: str
    start: date
    end: date
    leads_total: int
    acceptance: float
    conversion: float
    deal: int
    spend: float
    """Share of the budget spent by the end (a little over or under it)."""
    first_estimate: float
    stop_at: float | None
    """Progress at which it is stopped because it does not bring enough; None: never."""
    campaign: Campaign | None = None
    leads: int = 0
    accepted: int = 0
    won: int = 0
    actual: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)

    def over_by(self, day: date) -> bool:
        """Nothing more happens to it from `day` on: it has ended, or was never planned."""
        if self.campaign is None:
            return day > self.end
        return self.campaign.status in (CampaignStatus.FINISHED, CampaignStatus.STOPPED)

    @property
    def expected(self) -> float:
        """What it really brings, as controlling will know in the end."""
        return self.leads_total * self.acceptance * self.conversion * self.deal


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _euros(value: float, step: int = 1) -> Decimal:
    """`value` rounded to a multiple of `step` euros (cents for step 0), exactly."""
    if step == 0:
        return Decimal(f"{value:.2f}")
    return Decimal(round(value / step) * step)


class _CampaignDesk:
    """Plans, runs and reports the team's campaigns over the demo history: each is
    planned some weeks before it starts, controlling reports its figures at every
    meeting while it runs and once more when it ends, and sales marketing's first,
    optimistic estimate comes down to what the campaign really brings."""

    LEAD_TIME = timedelta(days=35)
    """How long before its start a campaign is planned at the table."""

    def __init__(
        self, store: Store, clock: _DemoClock, first: date, last: date, seed: int, texts: DemoTexts
    ):
        self.store = store
        self.texts = texts
        self.clock = clock
        # Its own random numbers: the rest of the history stays as it was without them.
        self.rng = random.Random(seed * 1_000_003 + 17)
        self.campaigns = 0
        self.snapshots = 0
        self.runs: list[_Run] = []
        self.first_year = first.year
        for year in range(first.year, last.year + 2):
            for plan in PROGRAMME:
                start = _first_monday(year, plan.month)
                end = start + timedelta(weeks=plan.weeks, days=-3)  # ends on a Friday
                # Planned within the history, or running when it starts.
                if end < first or start - self.LEAD_TIME > last:
                    continue
                self.runs.append(self.run(plan, start, end))
        self.first_live = 0
        """Runs before this one are over: nothing happens to them any more."""

    def run(self, plan: _Plan, start: date, end: date) -> _Run:
        rng = self.rng
        leads = max(5, round(plan.leads * rng.uniform(0.6, 1.35)))
        acceptance = min(0.95, plan.acceptance * rng.uniform(0.8, 1.2))
        conversion = plan.conversion * rng.uniform(0.6, 1.3)
        deal = round(plan.deal * rng.uniform(0.8, 1.25), -2)
        run = _Run(
            plan=plan,
            name=f"{plan.name} {start.year}",
            start=start,
            end=end,
            leads_total=leads,
            acceptance=acceptance,
            conversion=conversion,
            deal=int(deal),
            spend=rng.uniform(0.82, 1.06),
            first_estimate=0.0,
            stop_at=rng.uniform(0.45, 0.7) if rng.random() < plan.flop else None,
        )
        run.first_estimate = run.expected * plan.optimism * rng.uniform(0.85, 1.2)
        return run

    def meeting(self, meeting: Meeting) -> None:
        """What happens to the campaigns in `meeting`: plan, start, report, end."""
        assert meeting.id is not None
        day = meeting.started_at.date()
        planning = _item_by_role(meeting, ("marketing-communication", "dialog-marketing"))
        results = _item_by_role(meeting, ("sales-controlling",))
        # Only the runs planned by now and not yet over: years of finished ones are
        # skipped without a look, and the order (and so every random draw) is kept.
        while self.first_live < len(self.runs) and self.runs[self.first_live].over_by(day):
            self.first_live += 1
        for run in self.runs[self.first_live :]:
            if run.start - self.LEAD_TIME > day:
                break
            if run.over_by(day):
                continue
            if run.campaign is None:
                if run.start - self.LEAD_TIME <= day and day <= run.end:
                    self.plan(run, meeting, planning)
                continue
            status = run.campaign.status
            if status is CampaignStatus.PLANNED and day >= run.start:
                self.clock.moment = _during(results, self.rng)
                run.campaign = self.store.update_campaign(
                    run.campaign.id, status=CampaignStatus.RUNNING
                )
                status = CampaignStatus.RUNNING
            if status is CampaignStatus.RUNNING:
                self.report(run, meeting, results)

    def plan(self, run: _Run, meeting: Meeting, under: MeetingItem) -> None:
        self.clock.moment = _during(under, self.rng)
        run.campaign = self.store.add_campaign(
            run.name,
            owner=run.plan.owner,
            channel=run.plan.channel,
            start=run.start,
            end=run.end,
            budget=Decimal(run.plan.budget),
            note=self.texts.campaign_note.format(
                n=round(run.leads_total * self.rng.uniform(1.1, 1.5))
            ),
            meeting_id=meeting.id,
        )
        self.campaigns += 1

    def report(self, run: _Run, meeting: Meeting, under: MeetingItem) -> None:
        """Controlling's figures to date; the last report when it has ended or stops."""
        assert run.campaign is not None and meeting.id is not None
        rng = self.rng
        day = meeting.started_at.date()
        length = max(1, (run.end - run.start).days)
        progress = min(1.0, max(0.02, (day - run.start).days / length))
        stopped = run.stop_at is not None and progress >= run.stop_at
        final = day > run.end or stopped
        reach = progress**0.85 * rng.uniform(0.95, 1.05)
        run.leads = max(
            run.leads, min(round(run.leads_total * 1.1), round(run.leads_total * reach))
        )
        accepted = round(run.leads * run.acceptance * rng.uniform(0.93, 1.04))
        run.accepted = min(run.leads, max(run.accepted, accepted))
        # Deals take a while after the lead: the last ones come in by the final report.
        lag = 1.0 if final else min(1.0, 0.1 + 0.8 * progress)
        won = min(run.accepted, max(run.won, round(run.accepted * run.conversion * lag)))
        for _deal in range(won - run.won):
            run.actual += _euros(run.deal * rng.uniform(0.7, 1.3), 10)
        run.won = won
        spent = run.plan.budget * run.spend * progress**0.7
        run.cost = max(run.cost, _euros(spent * rng.uniform(0.97, 1.0), 0))
        actual = float(run.actual)
        if final:
            # What is still in negotiation when controlling closes the books.
            estimate = actual * rng.uniform(1.0, 1.08)
        else:
            # The estimate starts optimistic and is corrected towards reality at each
            # report, the more the further the campaign has run.
            reality = max(actual, run.expected * rng.uniform(0.9, 1.1))
            estimate = reality + (run.first_estimate - reality) * (1 - progress) ** 1.4
        self.clock.moment = _during(under, rng)
        status = end = None
        if final:
            status = CampaignStatus.STOPPED if stopped else CampaignStatus.FINISHED
            end = day if stopped else None
        run.campaign = self.store.update_campaign(
            run.campaign.id, cost=run.cost, status=status, end=end
        )
        self.store.record_snapshot(
            run.campaign.id,
            meeting.id,
            leads=run.leads,
            accepted=run.accepted,
            won=run.won,
            estimated_revenue=_euros(estimate, 500),
            actual_revenue=run.actual,
            estimated_leads=lead_estimate(
                run.leads_total, run.leads, progress, final, run.start.year - self.first_year
            ),
        )
        self.snapshots += 1


def _item_by_role(meeting: Meeting, roles: tuple[str, ...]) -> MeetingItem:
    """The item run by one of `roles` that took place (else any that did): where its
    entries are written down."""
    ran = [item for item in meeting.items if item.segments]
    for role in roles:
        for item in ran:
            if item.role == role:
                return item
    return ran[0]


# Habits the statistics should find: campaign planning runs over most times, controlling
# reports in less than its plan, and the wrap-up usually ends early.
_PACE = {"marketing-communication": 1.2, "sales-controlling": 0.9}
_WRAP_UP_PACE = 0.72


def _note(rng: random.Random, text: str) -> str:
    return text if rng.random() < 0.7 else ""


def _item(planned: AgendaItem, state: ItemState, segments: tuple[Segment, ...]) -> MeetingItem:
    return MeetingItem(
        title=planned.title,
        role=planned.role,
        kind=planned.kind,
        planned_minutes=planned.minutes,
        original_minutes=planned.minutes,
        notes=planned.notes,
        review=planned.review,
        state=state,
        segments=segments,
    )


def _during(item: MeetingItem, rng: random.Random) -> datetime:
    """A moment while `item` ran, towards its end (when things get written down)."""
    segment = item.segments[-1]
    end = segment.end or segment.start
    moment = segment.start + (end - segment.start) * rng.uniform(0.5, 0.98)
    return moment.replace(microsecond=0)


def fill_demo(
    store: Store,
    config: TeamConfig,
    *,
    today: date,
    meetings: int = DEFAULT_MEETINGS,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    language: str | None = None,
) -> DemoSummary:
    """Write `meetings` meetings of history ending before `today` into `store`, its
    texts in `language` (default: the language roundtable speaks now).

    Refuses (`UsageError`) when the store already has meetings, unless `force`, which
    replaces everything in it. One transaction: all of it is written, or nothing.
    """
    if meetings < 1:
        raise UsageError(_("The demo needs at least one meeting."))
    regular = _regular_agenda(config)
    constituting = config.agenda("constituting")
    texts = demo_texts(current_language() if language is None else language)
    history = _History(store, config, today, seed, texts)
    saved_clock: Clock = store.clock
    store.clock = history.clock
    try:
        with store.transaction():
            existing = store.meetings()
            if existing and not force:
                raise UsageError(
                    _(
                        "The store {file} already has {count} meetings; the demo only "
                        "fills an empty store. Use --force to replace everything in it."
                    ).format(file=store.path, count=len(existing))
                )
            store.wipe()
            dates = _meeting_dates(meetings, today)
            desk = _CampaignDesk(store, history.clock, dates[0][0], dates[-1][0], seed, texts)
            for number, (day, cadence) in enumerate(dates, start=1):
                first = number == 1 and constituting is not None
                agenda = constituting if first and constituting is not None else regular
                meeting = store.add_meeting(history.meeting(number, day, cadence, agenda))
                if number > 1:
                    history.review(meeting)
                history.entries(meeting, constituting=first)
                if not first:
                    desk.meeting(meeting)
            actions = len(store.actions(include_closed=True))
        # The history went in as one line; compacted, it is laid out a table chunk a
        # line, which later opens read only the tables they use.
        store.compact()
    finally:
        store.clock = saved_clock
    return DemoSummary(
        meetings=len(dates),
        decisions=history.decisions,
        actions=actions,
        budgets=history.budgets,
        first=dates[0][0],
        last=dates[-1][0],
        campaigns=desk.campaigns,
        snapshots=desk.snapshots,
    )
