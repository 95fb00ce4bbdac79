"""The durable meeting log: one `Store` per file that opens it, locks it and hands out
transactions, over one repository per kind of record (`meetings`, `decisions`,
`actions`, `budgets`, `campaigns`).

TinyDB holds the data; `journal.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands. Every method is
one transaction: it takes the file lock, catches up with what other processes wrote,
does its TinyDB work and appends it as one fsynced line (`transaction()` groups several
calls into one). Reads take no lock. Ids never repeat (see `records`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar

from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
    Note,
    SignOff,
)
from roundtable.domain.history import EntryKind, Event, EventKind
from roundtable.errors import UsageError
from roundtable.i18n import _
from roundtable.store.actions import Actions, StatusChange, check_due, clean_owner
from roundtable.store.budgets import Budgets, checked_budget
from roundtable.store.campaigns import Campaigns
from roundtable.store.decisions import Decisions
from roundtable.store.events import EventLog, os_user
from roundtable.store.journal import (
    DEFAULT_COMPACT_SLACK,
    DEFAULT_LOCK_TIMEOUT,
    JournalStorage,
)
from roundtable.store.meetings import MeetingCounts, Meetings
from roundtable.store.notes import NOTES, Notes
from roundtable.store.records import (
    ACTIONS,
    BUDGETS,
    DECISIONS,
    SHARD_SIZE,
    Doc,
    Records,
    clean_text,
)
from roundtable.store.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    # Only for annotations: listing action items must not pay for importing these.
    from roundtable.domain.campaigns import (
        Campaign,
        CampaignStatus,
        Channel,
        Scoreboard,
        Snapshot,
    )
    from roundtable.domain.meeting import Meeting

_TABLES = {
    EntryKind.ACTION: ACTIONS,
    EntryKind.DECISION: DECISIONS,
    EntryKind.BUDGET: BUDGETS,
    EntryKind.NOTE: NOTES,
}

T = TypeVar("T")
_E = TypeVar("_E", Decision, ActionItem, BudgetAgreement, Note)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SHARD_SIZE",
    "MeetingCounts",
    "StatusChange",
    "Store",
]


class Store:
    """One store file. Open with `Store.open(path)`; every method is one transaction."""

    path: Path

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        self.path = path
        self._storage = storage
        self._records = Records(path, storage, clock)
        self._meetings = Meetings(self._records)
        self._decisions = Decisions(self._records)
        self._actions = Actions(self._records)
        self._budgets = Budgets(self._records)
        self._campaigns = Campaigns(self._records)
        self._notes = Notes(self._records)
        self._events = EventLog(storage)
        self.actor: str | None = None
        """Who makes the changes (`--by`, the OS user); None: the running meeting's
        facilitator, else the OS user."""

    @property
    def clock(self) -> Clock:
        """Where timestamps come from (settable, e.g. for `roundtable demo`)."""
        return self._records.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._records.clock = clock

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = system_clock,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        compact_slack: int = DEFAULT_COMPACT_SLACK,
    ) -> Store:
        """Open (creating folder and file if missing) or raise `StoreError` naming the
        file and what is wrong; a file that cannot be read is never written.

        `read_only` neither creates nor locks nor writes (a missing file reads as an
        empty store): for commands that only list.
        """
        storage = JournalStorage(
            path,
            schema=SCHEMA_VERSION,
            migrations=MIGRATIONS,
            read_only=read_only,
            lock_timeout=lock_timeout,
            compact_slack=compact_slack,
        )
        return cls(Path(path), storage, clock)

    def close(self) -> None:
        self._storage.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def version(self) -> object:
        """A cheap token (no file read when nothing changed) that differs whenever any
        process has changed the store; the app polls it to refresh live."""
        return self._storage.version()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several calls into one transaction: one lock, one line, all or nothing."""
        with self._storage.transaction():
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Group several reads so they see the same state of the file: nothing another
        process writes meanwhile shows up halfway (no lock is taken)."""
        with self._storage.reading():
            yield

    def compact(self) -> None:
        """Rewrite the file with only the live entries (it also happens by itself)."""
        self._storage.compact()

    # --- history --------------------------------------------------------------------

    def _doc(self, entry: EntryKind, entry_id: int) -> Doc | None:
        doc = self._records.get(_TABLES[entry], entry_id)
        return None if doc is None else deepcopy(dict(doc))

    def _log(
        self,
        kind: EventKind,
        entry: EntryKind,
        entry_id: int,
        before: Doc | None,
        after: Doc | None,
        note: str = "",
    ) -> Event:
        """Keep one change as an event (in a transaction): where is the running meeting
        (None between meetings), who is `actor`, else that meeting's facilitator."""
        running = self._meetings.running()
        by = self.actor
        if by is None and running is not None:
            by = running.facilitator
        return self._events.record(
            kind,
            entry,
            entry_id,
            at=self._records.now(),
            meeting_id=None if running is None else running.id,
            by=by if by is not None else os_user(),
            before=before,
            after=after,
            note=note,
        )

    def _logged(
        self, kind: EventKind, entry: EntryKind, entry_id: int, change: Callable[[], T]
    ) -> T:
        """Run `change` on an existing entry and keep it as an event if it changed."""
        before = self._doc(entry, entry_id)
        result = change()
        after = self._doc(entry, entry_id)
        if before != after:
            self._log(kind, entry, entry_id, before, after)
        return result

    def _added(self, kind: EventKind, entry: EntryKind, added: _E) -> _E:
        self._log(kind, entry, added.id, None, self._doc(entry, added.id))
        return added

    def events(self, entry: EntryKind, entry_id: int) -> list[Event]:
        """What happened to one entry, oldest first."""
        with self.reading():
            return self._events.of_entry(entry, entry_id)

    @property
    def event_log(self) -> EventLog:
        """The events, for as-of queries (read under `reading()`)."""
        return self._events

    # --- meetings -----------------------------------------------------------------

    def next_meeting_number(self) -> int:
        with self.reading():
            return self._meetings.next_number()

    def meeting_by_number(self, number: int) -> Meeting:
        """The meeting with this running number (as `roundtable meetings` shows it).
        Raises `NotFoundError`."""
        with self.reading():
            return self._meetings.by_number(number)

    def meeting_numbers(self) -> dict[int, int]:
        """Meeting id → running number, for every meeting (without reading them whole)."""
        with self.reading():
            return self._meetings.numbers()

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a new meeting (its `id` is None) and return it with its id. Raises
        `StoreError` if another meeting is still running."""
        with self.transaction():
            return self._meetings.add(meeting)

    def save_meeting(self, meeting: Meeting) -> None:
        """Save the changes to the stored meeting with the same id."""
        with self.transaction():
            self._meetings.save(meeting)

    def running_meeting(self) -> Meeting | None:
        """The meeting that has started and not ended, if any."""
        with self.reading():
            return self._meetings.running()

    def meeting(self, meeting_id: int) -> Meeting:
        """Raises `NotFoundError`."""
        with self.reading():
            return self._meetings.get(meeting_id)

    def meetings(self) -> list[Meeting]:
        """All meetings, oldest first."""
        with self.reading():
            return self._meetings.all()

    def meeting_counts(self) -> dict[int, MeetingCounts]:
        """Per meeting id: decisions taken, action items opened, budgets agreed."""
        with self.reading():
            return self._meetings.counts()

    def wipe(self) -> None:
        """Remove every meeting and entry and reset the counters (`roundtable demo --force`)."""
        with self.transaction():
            # What TinyDB's `drop_tables` does: write no tables at all.
            self._storage.write({})

    # --- decisions ----------------------------------------------------------------

    def add_decision(self, meeting_id: int, item_index: int, text: str) -> Decision:
        with self.transaction():
            decision = self._decisions.add(meeting_id, item_index, text)
            return self._added(EventKind.LOGGED, EntryKind.DECISION, decision)

    def update_decision(self, decision_id: int, text: str) -> Decision:
        with self.transaction():
            return self._logged(
                EventKind.CORRECTED,
                EntryKind.DECISION,
                decision_id,
                lambda: self._decisions.update(decision_id, text),
            )

    def delete_decision(self, decision_id: int) -> Decision:
        """Remove and return it (so the app can undo with `restore_decision`)."""
        with self.transaction():
            return self._logged(
                EventKind.DELETED,
                EntryKind.DECISION,
                decision_id,
                lambda: self._decisions.delete(decision_id),
            )

    def restore_decision(self, decision: Decision) -> Decision:
        """Put a deleted decision back, with its id."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED,
                EntryKind.DECISION,
                decision.id,
                lambda: self._decisions.restore(decision),
            )

    def decisions(self, meeting_id: int | None = None) -> list[Decision]:
        """Oldest first; only those of `meeting_id` if given."""
        with self.reading():
            return self._decisions.find(meeting_id)

    # --- action items ---------------------------------------------------------------

    def add_action(
        self,
        text: str,
        owner: str | None,
        due: date | None,
        meeting_id: int | None,
        item_index: int | None,
    ) -> ActionItem:
        """Gets the next short id (`A-1`, `A-2`, …); ids are never reused, not even
        after a delete."""
        with self.transaction():
            action = self._actions.add(text, owner, due, meeting_id, item_index)
            return self._added(EventKind.OPENED, EntryKind.ACTION, action)

    def action(self, ref: str) -> ActionItem:
        """`A-42`, `a-42` or `42`. Raises `NotFoundError`."""
        with self.reading():
            return self._actions.get(ref)

    def update_action(
        self,
        ref: str,
        *,
        text: str | None = None,
        owner: str | None = None,
        due: date | None = None,
        meeting_id: int | None = None,
        clear_owner: bool = False,
        clear_due: bool = False,
    ) -> ActionItem:
        """Change the given fields; `meeting_id` records the meeting that changed it.

        None leaves a field as it is; `clear_owner` / `clear_due` empty it.
        """
        fields: Doc = {}
        if text is not None:
            fields["text"] = clean_text(text, _("An action item needs some text."))
        if clear_owner:
            fields["owner"] = None
        elif owner is not None:
            fields["owner"] = clean_owner(owner)
        if clear_due:
            fields["due"] = None
        elif due is not None:
            check_due(due)
            fields["due"] = due.isoformat()
        with self.transaction():
            old = self._actions.get(ref)
            before = self._doc(EntryKind.ACTION, old.id)
            if before is None or all(before.get(key) == value for key, value in fields.items()):
                return old  # nothing to change: no write, no event
            action = self._actions.update(ref, fields, meeting_id)
            after = self._doc(EntryKind.ACTION, action.id)
            assert after is not None
            if after.get("text") != before.get("text"):
                kind = EventKind.CORRECTED
            elif after.get("owner") != before.get("owner"):
                kind = EventKind.REASSIGNED
            else:
                kind = EventKind.REDATED
            self._log(kind, EntryKind.ACTION, action.id, before, after)
            return action

    def change_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None, *, note: str = ""
    ) -> StatusChange:
        """Like `set_action_status`, and says whether the item already had `status`;
        `note` is the reason kept with the change (a reopen's why)."""
        with self.transaction():
            number = self._actions.get(ref).id
            before = self._doc(EntryKind.ACTION, number)
            change = self._actions.change_status(ref, status, meeting_id)
            if change.changed:
                kind = {
                    ActionStatus.OPEN: EventKind.REOPENED,
                    ActionStatus.DONE: EventKind.DONE,
                    ActionStatus.DROPPED: EventKind.DROPPED,
                }[status]
                after = self._doc(EntryKind.ACTION, number)
                self._log(kind, EntryKind.ACTION, number, before, after, note.strip())
            return change

    def set_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None
    ) -> ActionItem:
        """Close (done / dropped) or reopen; closing records when and in which meeting.

        An item that already has `status` is left as it is (not an error);
        `change_action_status` also tells whether that was the case.
        """
        return self.change_action_status(ref, status, meeting_id).action

    def delete_action(self, ref: str) -> ActionItem:
        """Remove and return it; its ref is never given out again."""
        with self.transaction():
            number = self._actions.get(ref).id
            return self._logged(
                EventKind.DELETED, EntryKind.ACTION, number, lambda: self._actions.delete(ref)
            )

    def restore_action(self, action: ActionItem) -> ActionItem:
        """Put a deleted action item back, with its ref."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED,
                EntryKind.ACTION,
                action.id,
                lambda: self._actions.restore(action),
            )

    def actions(
        self,
        *,
        owners: Collection[str] | None = None,
        include_closed: bool = False,
        meeting_id: int | None = None,
        closed_in: int | None = None,
    ) -> list[ActionItem]:
        """Sorted by due date (undated last), then ref. `owners` are matched exactly
        (resolve a typed name to owner strings first; case does not matter);
        `meeting_id` = opened there; `closed_in` = closed there (pass
        `include_closed=True` with it). Filtering by meeting uses an index: it reads
        only that meeting's items."""
        with self.reading():
            return self._actions.find(
                owners=owners,
                include_closed=include_closed,
                meeting_id=meeting_id,
                closed_in=closed_in,
            )

    def actions_open_during(self, start: datetime, end: datetime) -> list[ActionItem]:
        """The action items open at some moment from `start` to `end`: opened before
        `end` and not closed before `start` (closed ones with their status as it is
        now). With `start == end`: those open at that moment, plus any closed exactly
        then. Sorted like `actions`; reads only those items (an index finds them)."""
        with self.reading():
            return self._actions.open_during(start, end)

    def action_owners(self) -> set[str]:
        """Every owner named on an action item, even ones no longer in the roles file."""
        with self.reading():
            return self._actions.owners()

    # --- budget agreements ------------------------------------------------------------

    def add_budget(
        self,
        meeting_id: int,
        item_index: int,
        *,
        area: str,
        amount: Decimal,
        currency: str,
        period: str,
        kind: BudgetKind,
        from_area: str | None = None,
        note: str = "",
        needs_signoff: bool = False,
    ) -> BudgetAgreement:
        budget = checked_budget(
            BudgetAgreement(
                id=0,
                meeting_id=meeting_id,
                item_index=item_index,
                area=area,
                amount=amount,
                currency=currency,
                period=period,
                kind=kind,
                from_area=from_area,
                note=note,
                needs_signoff=needs_signoff,
            )
        )
        with self.transaction():
            return self._added(EventKind.LOGGED, EntryKind.BUDGET, self._budgets.add(budget))

    def update_budget(
        self,
        budget_id: int,
        *,
        area: str | None = None,
        amount: Decimal | None = None,
        currency: str | None = None,
        period: str | None = None,
        kind: BudgetKind | None = None,
        from_area: str | None = None,
        note: str | None = None,
        needs_signoff: bool | None = None,
    ) -> BudgetAgreement:
        """Change the given fields (None leaves one as it is)."""
        with self.transaction():
            old = self._budgets.get(budget_id)
            budget = checked_budget(
                replace(
                    old,
                    area=old.area if area is None else area,
                    amount=old.amount if amount is None else amount,
                    currency=old.currency if currency is None else currency,
                    period=old.period if period is None else period,
                    kind=old.kind if kind is None else kind,
                    from_area=old.from_area if from_area is None else from_area,
                    note=old.note if note is None else note,
                    needs_signoff=old.needs_signoff if needs_signoff is None else needs_signoff,
                )
            )
            if budget == old:
                return old
            return self._logged(
                EventKind.CORRECTED,
                EntryKind.BUDGET,
                budget_id,
                lambda: self._budgets.save(budget),
            )

    def delete_budget(self, budget_id: int) -> BudgetAgreement:
        """Remove and return it (so the app can undo with `restore_budget`)."""
        with self.transaction():
            return self._logged(
                EventKind.DELETED,
                EntryKind.BUDGET,
                budget_id,
                lambda: self._budgets.delete(budget_id),
            )

    def restore_budget(self, budget: BudgetAgreement) -> BudgetAgreement:
        """Put a deleted budget agreement back, with its id."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED,
                EntryKind.BUDGET,
                budget.id,
                lambda: self._budgets.restore(budget),
            )

    def budget(self, budget_id: int) -> BudgetAgreement:
        """Raises `NotFoundError`."""
        with self.reading():
            return self._budgets.get(budget_id)

    def sign_off_budget(
        self, budget_id: int, *, approved: bool, by: str, note: str = ""
    ) -> BudgetAgreement:
        """Management's answer to a budget agreement that awaits one. Raises
        `NotFoundError` for an unknown one, `UsageError` when it needs no sign-off or
        was answered already."""
        with self.transaction():
            old = self._budgets.get(budget_id)
            if not old.needs_signoff:
                raise UsageError(_("{ref} needs no management sign-off.").format(ref=old.ref))
            if old.signoff is not None:
                raise UsageError(
                    _("{ref} was already answered by {by}.").format(ref=old.ref, by=old.signoff.by)
                )
            answer = SignOff(approved=approved, by=by, at=self._records.now(), note=note.strip())
            before = self._doc(EntryKind.BUDGET, budget_id)
            budget = self._budgets.save(replace(old, signoff=answer))
            actor, self.actor = self.actor, by
            try:
                self._log(
                    EventKind.SIGNED_OFF if approved else EventKind.REJECTED,
                    EntryKind.BUDGET,
                    budget_id,
                    before,
                    self._doc(EntryKind.BUDGET, budget_id),
                    note.strip(),
                )
            finally:
                self.actor = actor
            return budget

    # --- notes ------------------------------------------------------------------------

    def add_note(self, meeting_id: int, item_index: int, text: str) -> Note:
        """A note of what was reported or discussed under an agenda item; line breaks
        are kept, surrounding blank space is not."""
        with self.transaction():
            note = self._notes.add(meeting_id, item_index, text)
            return self._added(EventKind.LOGGED, EntryKind.NOTE, note)

    def update_note(self, note_id: int, text: str) -> Note:
        with self.transaction():
            return self._logged(
                EventKind.CORRECTED,
                EntryKind.NOTE,
                note_id,
                lambda: self._notes.update(note_id, text),
            )

    def delete_note(self, note_id: int) -> Note:
        """Remove and return it (so the app can undo with `restore_note`)."""
        with self.transaction():
            return self._logged(
                EventKind.DELETED, EntryKind.NOTE, note_id, lambda: self._notes.delete(note_id)
            )

    def restore_note(self, note: Note) -> Note:
        """Put a deleted note back, with its id."""
        with self.transaction():
            return self._logged(
                EventKind.RESTORED, EntryKind.NOTE, note.id, lambda: self._notes.restore(note)
            )

    def notes(self, meeting_id: int | None = None) -> list[Note]:
        """Oldest first; only those of `meeting_id` if given."""
        with self.reading():
            return self._notes.find(meeting_id)

    def budgets(self, meeting_id: int | None = None) -> list[BudgetAgreement]:
        """Oldest first; only those of `meeting_id` if given."""
        with self.reading():
            return self._budgets.find(meeting_id)

    # --- campaigns --------------------------------------------------------------------

    def add_campaign(
        self,
        name: str,
        *,
        owner: str,
        channel: Channel,
        start: date,
        end: date,
        budget: Decimal,
        cost: Decimal = Decimal(0),
        currency: str = "EUR",
        status: CampaignStatus | None = None,
        note: str = "",
        meeting_id: int | None = None,
    ) -> Campaign:
        """Save a new campaign (status planned unless given); `meeting_id` is the meeting
        it was planned in. Raises `FieldError` (a `UsageError`) naming the field for a
        value that cannot be right: an empty or taken name (case does not matter), an end
        before the start, a negative budget or cost, an owner that is not a role id."""
        from roundtable.domain.campaigns import Campaign, CampaignStatus, check_campaign

        campaign = check_campaign(
            Campaign(
                id=0,
                name=name,
                owner=owner,
                channel=channel,
                start=start,
                end=end,
                budget=budget,
                cost=cost,
                currency=currency,
                status=CampaignStatus.PLANNED if status is None else status,
                note=note,
                created_in=meeting_id,
            )
        )
        with self.transaction():
            return self._campaigns.add(campaign)

    def update_campaign(
        self,
        campaign_id: int,
        *,
        name: str | None = None,
        owner: str | None = None,
        channel: Channel | None = None,
        start: date | None = None,
        end: date | None = None,
        budget: Decimal | None = None,
        cost: Decimal | None = None,
        currency: str | None = None,
        status: CampaignStatus | None = None,
        note: str | None = None,
    ) -> Campaign:
        """Change the given fields (None leaves one as it is), checked like
        `add_campaign`. `cost` is the cost to date: it grows while the campaign runs."""
        from roundtable.domain.campaigns import check_campaign

        with self.transaction():
            old = self._campaigns.get(campaign_id)
            campaign = check_campaign(
                replace(
                    old,
                    name=old.name if name is None else name,
                    owner=old.owner if owner is None else owner,
                    channel=old.channel if channel is None else channel,
                    start=old.start if start is None else start,
                    end=old.end if end is None else end,
                    budget=old.budget if budget is None else budget,
                    cost=old.cost if cost is None else cost,
                    currency=old.currency if currency is None else currency,
                    status=old.status if status is None else status,
                    note=old.note if note is None else note,
                )
            )
            if campaign == old:
                return old
            return self._campaigns.save(campaign)

    def delete_campaign(self, campaign_id: int) -> tuple[Campaign, list[Snapshot]]:
        """Remove a campaign and every figure reported for it, in one transaction, and
        return them (so the app can undo with `restore_campaign`). Raises
        `NotFoundError`."""
        with self.transaction():
            return self._campaigns.delete(campaign_id)

    def restore_campaign(self, campaign: Campaign, snapshots: Iterable[Snapshot]) -> Campaign:
        """Put a deleted campaign and its figures back, with their ids. Raises
        `FieldError` if another campaign has taken its name meanwhile."""
        with self.transaction():
            return self._campaigns.restore(campaign, snapshots)

    def campaign(self, campaign_id: int) -> Campaign:
        """Raises `NotFoundError`."""
        with self.reading():
            return self._campaigns.get(campaign_id)

    def campaigns(self) -> list[Campaign]:
        """Every campaign, by start date, then name."""
        with self.reading():
            return self._campaigns.all()

    def record_snapshot(
        self,
        campaign_id: int,
        meeting_id: int,
        *,
        leads: int,
        accepted: int,
        won: int,
        estimated_revenue: Decimal,
        actual_revenue: Decimal,
        cost: Decimal | None = None,
        correction: bool = False,
        estimated_leads: int = 0,
    ) -> Snapshot:
        """Record a campaign's figures to date as reported in a meeting; recording again
        in the same meeting replaces them (keeping the snapshot's id). `cost` is the cost
        to date it is kept with (default: the campaign's cost to date now); `correction`
        records them as a correction of the last report (see `campaigns.corrections`);
        `estimated_leads` the leads the campaign is estimated to bring in all (0: none).

        One transaction: nothing is saved unless everything is right. Raises
        `FieldError` (a `UsageError`) naming the field for negative counts or amounts,
        more accepted leads than leads, more deals won than accepted leads, or a revenue
        that is not a number; `NotFoundError` for an unknown campaign or meeting.
        """
        from roundtable.domain.campaigns import SnapshotFigures, check_campaign, check_figures

        figures = check_figures(
            SnapshotFigures(
                leads=leads,
                accepted=accepted,
                won=won,
                estimated_revenue=estimated_revenue,
                actual_revenue=actual_revenue,
                estimated_leads=estimated_leads,
            )
        )
        with self.transaction():
            campaign = self._campaigns.get(campaign_id)
            if cost is not None:
                campaign = check_campaign(replace(campaign, cost=cost))
            return self._campaigns.record(campaign, meeting_id, figures, correction)

    def snapshots(self, campaign_id: int) -> list[Snapshot]:
        """One campaign's figures, meeting by meeting (oldest meeting first)."""
        with self.reading():
            return self._campaigns.snapshots(campaign_id)

    def snapshots_for_meeting(self, meeting_id: int) -> list[Snapshot]:
        """The figures reported in one meeting, by campaign id."""
        with self.reading():
            return self._campaigns.snapshots_for_meeting(meeting_id)

    def delete_snapshot(self, snapshot_id: int) -> Snapshot:
        """Remove and return it (so the app can undo with `restore_snapshot`)."""
        with self.transaction():
            return self._campaigns.delete_snapshot(snapshot_id)

    def restore_snapshot(self, snapshot: Snapshot) -> Snapshot:
        """Put deleted figures back, with their id."""
        with self.transaction():
            return self._campaigns.restore_snapshot(snapshot)

    def scoreboard(self, as_of: int | None = None, *, reported_only: bool = False) -> Scoreboard:
        """Every campaign with its figures as of meeting `as_of` (an id; None: the latest
        figures and today's cost to date), computed by `campaigns.build_scoreboard`.

        `reported_only` (with `as_of`) keeps only the campaigns with figures reported in
        that meeting (what its minutes show), and reads only those. Raises
        `NotFoundError` for an unknown meeting.
        """
        with self.reading():
            return self._campaigns.scoreboard(as_of, reported_only)
