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
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from roundtable.demo.campaign_desk import CampaignDesk
from roundtable.demo.meetings import (
    DemoClock,
    build_meeting,
    demo_zone,
    during,
    meeting_dates,
    regular_agenda,
)
from roundtable.demo.programme import (
    ACCOUNTS,
    CAMPAIGNS,
    COMMUNICATION_AREA,
    DIALOG_AREA,
    SALES_AREA,
    SITES,
)
from roundtable.demo.record import RecordKeeper
from roundtable.demo.texts import DemoTexts, demo_texts
from roundtable.domain.clock import Clock
from roundtable.domain.config import Agenda, Cadence, ItemKind, TeamConfig
from roundtable.domain.entries import ActionStatus, BudgetKind
from roundtable.domain.meeting import ItemState, Meeting, MeetingItem
from roundtable.errors import UsageError
from roundtable.i18n import _, current_language, ngettext
from roundtable.store.store import Store

__all__ = ["DEFAULT_MEETINGS", "DEFAULT_SEED", "DemoSummary", "fill_demo"]

DEFAULT_MEETINGS = 40
DEFAULT_SEED = 7


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


class _History:
    """Writes one demo history into a store, drawing every choice from one seed."""

    def __init__(
        self, store: Store, config: TeamConfig, today: date, seed: int, texts: DemoTexts
    ) -> None:
        self.store = store
        self.record: RecordKeeper | None = None
        self.texts = texts
        self.config = config
        self.today = today
        self.rng = random.Random(seed)
        self.zone = demo_zone()
        self.clock = DemoClock(datetime.combine(today, time(9), self.zone))
        self.decisions = 0
        self.budgets = 0
        self.open_actions: list[tuple[str, date, datetime]] = []
        """Open items so far: ref, due date, when opened."""
        self.closed = 0
        self.stuck: set[str] = set()
        """Items nobody gets to: they stay open and become overdue."""
        self.quarters: set[str] = set()
        self.owners: dict[str, str] = {}
        """Each action item's owner, by ref."""

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
            v=f"{revenue:,}".replace(",", self.texts.thousands),
            w=rng.choice((2, 3, 4)),
            o=max(1, leads // rng.choice((4, 6, 9))),
            d=start.strftime(self.texts.day_format),
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
        return build_meeting(self.rng, self.zone, self.config, number, day, cadence, agenda)

    def review(self, meeting: Meeting) -> list[tuple[str, ActionStatus, datetime]]:
        """At the review item, owners report: most items due by now get closed, a few
        were done between meetings already. Closes those done between meetings (before
        `meeting` starts) and returns what is closed in it: ref, status, when."""
        review = next((item for item in meeting.items if item.review), None)
        at = (review.started_at if review else None) or meeting.started_at
        still_open = []
        in_meeting: list[tuple[str, ActionStatus, datetime]] = []
        for ref, due, opened in self.open_actions:
            roll = self.rng.random()
            due_passed = due <= meeting.started_at.date()
            if opened >= at or ref in self.stuck:
                still_open.append((ref, due, opened))
            elif due_passed and roll < 0.55:
                in_meeting.append((ref, ActionStatus.DONE, at + timedelta(minutes=1)))
            elif roll < 0.05:
                in_meeting.append((ref, ActionStatus.DROPPED, at + timedelta(minutes=2)))
            elif not due_passed and roll < 0.12:
                # Done between meetings, from the owner's terminal.
                between = opened + (at - opened) * self.rng.uniform(0.3, 0.9)
                between = min(between, meeting.started_at - timedelta(hours=1))
                self.close(ref, ActionStatus.DONE, between.replace(microsecond=0), None)
            else:
                still_open.append((ref, due, opened))
        self.open_actions = still_open
        return in_meeting

    def close(self, ref: str, status: ActionStatus, at: datetime, meeting_id: int | None) -> None:
        self.clock.moment = at
        if meeting_id is None:
            # From the owner's own terminal: the event says who.
            self.store.actor = self.person(self.owners.get(ref))
        try:
            self.store.set_action_status(ref, status, meeting_id)
        finally:
            self.store.actor = None
        self.closed += 1

    def person(self, owner: str | None) -> str | None:
        """Who acts for an owner: the person, or the first holder of the role."""
        role = self.config.role(owner or "")
        return role.holders[0] if role is not None and role.holders else owner

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
        taken = []
        for text in pool[:wanted]:
            if not decision_items:
                break
            index, item = rng.choice(decision_items)
            self.clock.moment = during(item, rng)
            taken.append(self.store.add_decision(meeting.id, index, self.fill(text, day)))
            self.decisions += 1
        action_items = [(i, it) for i, it in ran if not it.review] or ran
        for _count in range(rng.choice((2, 3, 3, 4, 5))):
            if not action_items:
                break
            index, item = rng.choice(action_items)
            choices = self.texts.actions.get(item.role, self.texts.generic_actions)
            self.clock.moment = during(item, rng)
            due = day + timedelta(days=rng.choice((7, 7, 14, 14, 21, 28)))
            action = self.store.add_action(
                self.fill(rng.choice(choices), day), self.owner(item.role), due, meeting.id, index
            )
            self.open_actions.append((action.ref, due, self.clock.moment))
            self.owners[action.ref] = action.owner or ""
            if rng.random() < 0.06:
                self.stuck.add(action.ref)
        if self.record is not None:
            self.record.taken(taken)
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
        self.clock.moment = during(item, rng)

        def add(
            area: str,
            amount: int,
            kind: BudgetKind,
            note: str,
            from_area: str | None = None,
            needs_signoff: bool = False,
        ) -> None:
            budget = self.store.add_budget(
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
            if self.record is not None:
                self.record.agreed(budget, meeting.number)

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


def _note(rng: random.Random, text: str) -> str:
    return text if rng.random() < 0.7 else ""


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
    regular = regular_agenda(config)
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
                    ngettext(
                        "The store {file} already has {count} meeting; the demo only "
                        "fills an empty store. Use --force to replace everything in it.",
                        "The store {file} already has {count} meetings; the demo only "
                        "fills an empty store. Use --force to replace everything in it.",
                        len(existing),
                    ).format(file=store.path, count=len(existing))
                )
            store.wipe()
            dates = meeting_dates(meetings, today)
            desk = CampaignDesk(store, history.clock, dates[0][0], dates[-1][0], seed, texts)
            record = RecordKeeper(store, config, history.clock, seed, texts, len(dates))
            history.record = record
            previous: Meeting | None = None
            for number, (day, cadence) in enumerate(dates, start=1):
                first = number == 1 and constituting is not None
                agenda = constituting if first and constituting is not None else regular
                ran = history.meeting(number, day, cadence, agenda)
                closing = history.review(ran) if number > 1 else []
                if previous is not None and previous.ended_at is not None:
                    reopened = record.between(number, previous.ended_at, ran.started_at)
                    if reopened is not None:
                        history.stuck.add(reopened)
                        again = store.action(reopened)
                        history.open_actions.append(
                            (reopened, again.due or day, history.clock.moment)
                        )
                # Written while it runs, as the app writes it: its events are its own.
                ran = record.attendance(ran)
                meeting = store.add_meeting(replace(ran, ended_at=None))
                assert meeting.id is not None
                for ref, status, at in closing:
                    history.close(ref, status, at, meeting.id)
                    record.closed(ref, number)
                review = next((item for item in ran.items if item.review and item.segments), None)
                if number > 1 and review is not None and review.started_at is not None:
                    record.approve(meeting, review.started_at)
                history.entries(meeting, constituting=first)
                if not first:
                    record.note(meeting)
                    desk.meeting(meeting)
                    record.still_waiting(meeting)
                history.clock.moment = ran.ended_at or ran.started_at
                store.save_meeting(replace(meeting, ended_at=ran.ended_at))
                previous = ran
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
