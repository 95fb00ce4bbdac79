"""The campaign desk of the demo: each campaign of the programme is planned weeks
before it starts, controlling reports its figures at every meeting while it runs and
once more when it ends, and sales marketing's first, optimistic estimate comes down to
what the campaign really brings. Now and then one is stopped halfway."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from roundtable.demo.lead_estimates import lead_estimate
from roundtable.demo.meetings import DemoClock, during
from roundtable.demo.programme import PROGRAMME, Plan
from roundtable.demo.texts import DemoTexts
from roundtable.domain.campaigns import Campaign, CampaignStatus
from roundtable.domain.meeting import Meeting, MeetingItem
from roundtable.store.store import Store

__all__ = ["CampaignDesk"]


@dataclass
class _Run:
    """One year's run of a campaign of the programme, as the demo plays it out."""

    plan: Plan
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


class CampaignDesk:
    """Plans, runs and reports the team's campaigns over the demo history: each is
    planned some weeks before it starts, controlling reports its figures at every
    meeting while it runs and once more when it ends, and sales marketing's first,
    optimistic estimate comes down to what the campaign really brings."""

    LEAD_TIME = timedelta(days=35)
    """How long before its start a campaign is planned at the table."""

    def __init__(
        self, store: Store, clock: DemoClock, first: date, last: date, seed: int, texts: DemoTexts
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

    def run(self, plan: Plan, start: date, end: date) -> _Run:
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
                self.clock.moment = during(results, self.rng)
                run.campaign = self.store.update_campaign(
                    run.campaign.id, status=CampaignStatus.RUNNING
                )
                status = CampaignStatus.RUNNING
            if status is CampaignStatus.RUNNING:
                self.report(run, meeting, results)

    def plan(self, run: _Run, meeting: Meeting, under: MeetingItem) -> None:
        self.clock.moment = during(under, self.rng)
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
        self.clock.moment = during(under, rng)
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
