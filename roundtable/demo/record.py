"""What the record adds to the demo history: who was excused and who came as a guest,
the last minutes approved at the review item, notes under the report items, and what
happens between meetings: management answering budget agreements that await its
sign-off (one of them after two meetings, one rejected), an item reopened after it was
closed in a meeting, a decision corrected days after its meeting (an amendment).

Its own random numbers: the meetings, entries and campaigns draw exactly what they
drew before the record was added.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from roundtable.demo.meetings import DemoClock, during
from roundtable.demo.programme import CAMPAIGNS, COMMUNICATION_AREA
from roundtable.demo.texts import DemoTexts
from roundtable.domain.config import ItemKind, TeamConfig
from roundtable.domain.entries import ActionStatus, BudgetAgreement, BudgetKind, Decision
from roundtable.domain.meeting import Attendance, Attendee, Meeting
from roundtable.store.store import Store

__all__ = ["RecordKeeper"]

_ANSWER_AFTER = 2
"""Management answers a budget agreement before the second meeting after it."""


def _office_hours(moment: datetime, hour: int = 11) -> datetime:
    """The same day at `hour` (people answer from their desks, not at night)."""
    return moment.replace(hour=hour, minute=moment.minute, second=0, microsecond=0)


class RecordKeeper:
    """Writes the record's side of each demo meeting and of the time between them."""

    def __init__(
        self,
        store: Store,
        config: TeamConfig,
        clock: DemoClock,
        seed: int,
        texts: DemoTexts,
        meetings: int,
    ) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.texts = texts
        self.meetings = meetings
        self.rng = random.Random(seed * 7_919 + 3)
        self.awaiting: list[tuple[BudgetAgreement, int]] = []
        """Budget agreements waiting for management, with the number of their meeting."""
        self.answers = 0
        self.closed_in: list[tuple[str, int]] = []
        """Action items closed in a meeting: ref and that meeting's number."""
        self.decisions: list[Decision] = []
        """The decisions of the last meeting, one of which may be corrected after it."""
        self.reopened: str | None = None
        self.signers = [
            holder for role in config.roles if role.signs_off for holder in role.holders
        ]
        self.notes = 0
        self.approvals = 0

    # --- in a meeting --------------------------------------------------------------

    def attendance(self, meeting: Meeting) -> Meeting:
        """Most who are missing sent apologies; now and then a guest comes."""
        rng = self.rng
        people = tuple(
            person.marked(Attendance.EXCUSED)
            if not person.present and rng.random() < 0.65
            else person
            for person in meeting.attendees
        )
        if self.texts.guests and rng.random() < 0.2:
            guest = Attendee(rng.choice(self.texts.guests), "", guest=True)
            people = (*people, guest)
        return replace(meeting, attendees=people)

    def approve(self, meeting: Meeting, at: datetime) -> None:
        """At the review item: the last minutes approved, now and then with a correction."""
        assert meeting.id is not None
        rng = self.rng
        correction = ""
        if self.texts.approval_corrections and rng.random() < 0.25:
            shown = rng.randrange(20, 90)
            correction = rng.choice(self.texts.approval_corrections).format(
                n=shown, m=shown + rng.choice((-10, 10, 9))
            )
        self.clock.moment = at + timedelta(minutes=1)
        self.store.approve_minutes(meeting.id, correction)
        self.approvals += 1

    def note(self, meeting: Meeting) -> None:
        """A note or two of what was reported under the report items."""
        assert meeting.id is not None
        rng = self.rng
        # The campaign of the season, as the rest of the history talks about it.
        month = meeting.started_at.month
        campaign = CAMPAIGNS[((month - 1) * len(CAMPAIGNS) // 12) % len(CAMPAIGNS)]
        reports = [
            (index, item)
            for index, item in enumerate(meeting.items)
            if item.segments and item.kind is ItemKind.REPORT and not item.review
        ]
        if not reports or not self.texts.notes:
            return
        for _count in range(rng.choice((0, 1, 1, 2))):
            index, item = rng.choice(reports)
            text = rng.choice(self.texts.notes).format(
                c=campaign, n=rng.randrange(8, 120), r=rng.choice((45, 60, 70, 80))
            )
            self.clock.moment = during(item, rng)
            self.store.add_note(meeting.id, index, text)
            self.notes += 1

    def still_waiting(self, meeting: Meeting) -> None:
        """The last meeting leaves a cut for management, so the next one has something
        waiting (unless one waits already)."""
        assert meeting.id is not None
        if self.awaiting or meeting.number != self.meetings:
            return
        under = next(
            (
                (index, item)
                for index, item in enumerate(meeting.items)
                if item.segments and "budget" in item.title.casefold()
            ),
            None,
        )
        if under is None:
            return
        index, item = under
        day = meeting.started_at.date()
        month = day.month
        campaign = CAMPAIGNS[((month - 1) * len(CAMPAIGNS) // 12) % len(CAMPAIGNS)]
        self.clock.moment = during(item, self.rng)
        budget = self.store.add_budget(
            meeting.id,
            index,
            area=COMMUNICATION_AREA,
            amount=Decimal(self.rng.randrange(2, 7) * 5_000),
            currency="EUR",
            period=f"{day.year}-Q{(month - 1) // 3 + 1}",
            kind=BudgetKind.CUT,
            note=self.texts.budget_notes["cut"].format(c=campaign),
            needs_signoff=True,
        )
        self.agreed(budget, meeting.number)

    def agreed(self, budget: BudgetAgreement, number: int) -> None:
        if budget.needs_signoff:
            self.awaiting.append((budget, number))

    def closed(self, ref: str, number: int) -> None:
        self.closed_in.append((ref, number))

    def taken(self, decisions: list[Decision]) -> None:
        self.decisions = decisions

    # --- between meetings ----------------------------------------------------------

    def between(self, number: int, since: datetime, until: datetime) -> str | None:
        """What happens after meeting `number - 1` ended at `since` and before meeting
        `number` starts at `until`. Returns the ref of an item reopened now, if any."""
        span = until - since
        self._answer(number, _office_hours(since + span * 0.4))
        reopened = None
        if number == self.meetings - 1:
            reopened = self._reopen(_office_hours(since + span * 0.5, 15))
        if number == self.meetings:
            self._amend(_office_hours(since + span * 0.3, 16))
        return reopened

    def _acting(self, person: str | None) -> None:
        self.store.actor = person

    def _answer(self, number: int, at: datetime) -> None:
        due = [(b, n) for b, n in self.awaiting if n <= number - _ANSWER_AFTER]
        if not due or not self.signers:
            return
        self.awaiting = [(b, n) for b, n in self.awaiting if n > number - _ANSWER_AFTER]
        for step, (budget, _agreed_in) in enumerate(due):
            self.answers += 1
            approved = self.answers % 3 != 2  # every third answer is no
            signer = self.signers[self.answers % len(self.signers)]
            self.clock.moment = at + timedelta(hours=step)
            note = self.texts.signoff_note if approved else self.texts.reject_note
            self.store.sign_off_budget(budget.id, approved=approved, by=signer, note=note)

    def _reopen(self, at: datetime) -> str | None:
        """An item closed in a meeting turns out not to be done."""
        candidates = [ref for ref, _number in self.closed_in[-12:]]
        if not candidates:
            return None
        ref = self.rng.choice(candidates)
        action = self.store.action(ref)
        role = self.config.role(action.owner or "")
        person = role.holders[0] if role and role.holders else action.owner
        self.clock.moment = at
        self._acting(person)
        try:
            self.store.change_action_status(
                ref, ActionStatus.OPEN, None, note=self.texts.reopen_note
            )
        finally:
            self._acting(None)
        self.reopened = ref
        return ref

    def _amend(self, at: datetime) -> None:
        """A decision of the last meeting corrected days after it: an amendment."""
        if not self.decisions:
            return
        decision = self.rng.choice(self.decisions)
        self.clock.moment = at
        self._acting(self.signers[0] if self.signers else None)
        try:
            self.store.update_decision(decision.id, self.texts.amendment.format(text=decision.text))
        finally:
            self._acting(None)
