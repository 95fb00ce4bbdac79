"""Store → `MinutesInput`, as the record stood when the meeting ended.

Every entry is read through its events (`roundtable.store.events`): its state at the
meeting's end is the document its last event before then left behind. So a decision
corrected later, an action item reopened later or a budget agreement signed off later
shows in these minutes as it was; the corrections made after the end come last, as
dated amendments. Exporting an ended meeting gives the same text forever, apart from
amendments appended at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar

from roundtable.domain.approval import approval_in
from roundtable.domain.budget_picture import budget_picture, cuts_touching
from roundtable.domain.campaigns.calibration import board_outcomes
from roundtable.domain.campaigns.lead_calibration import board_lead_outcomes
from roundtable.domain.config import TeamConfig
from roundtable.domain.dates import next_meeting_date
from roundtable.domain.entries import ActionItem, ActionStatus, BudgetAgreement, Decision, Note
from roundtable.domain.history import EntryKind, Event, EventKind, amendments, stamp
from roundtable.domain.minutes.changes import action_changes_since_last_meeting, is_action_change
from roundtable.domain.minutes.model import (
    BudgetWaiting,
    Change,
    EarlierAction,
    Entry,
    MinutesInput,
)
from roundtable.domain.timebox import item_elapsed
from roundtable.errors import NotFoundError
from roundtable.store import action_codec, codec
from roundtable.store.store import Store

__all__ = ["changes_since_last_meeting", "gather_minutes"]

T = TypeVar("T")

_DECODERS: Mapping[EntryKind, Callable[[int, dict[str, Any]], Entry]] = {
    EntryKind.ACTION: action_codec.action_from_doc,
    EntryKind.DECISION: codec.decision_from_doc,
    EntryKind.BUDGET: codec.budget_from_doc,
    EntryKind.NOTE: codec.note_from_doc,
}


def _in_order(event: Event) -> tuple[str, int]:
    return (event.at, event.id)


def _due_order(action: ActionItem) -> tuple[bool, date, int]:
    """Due first (undated last), then by ref, as the store lists action items."""
    return (action.due is None, action.due or date.min, action.id)


def _decode(entry: EntryKind, entry_id: int, doc: Mapping[str, Any] | None) -> Entry | None:
    return None if doc is None else _DECODERS[entry](entry_id, dict(doc))


class _AsOf:
    """The store's entries as they stood at `moment`: each entry's document as it is
    now, rolled back through the first of its events after `moment`. Every one of those
    comes after `since` (the previous meeting's end), so the history before it is never
    read: an export takes as long on a store with ten years behind it as on a young one.

    The events since are streamed, twice, never held: of the years after an old
    meeting only what its minutes can show is kept (the documents as they stood of the
    action items `wanted` lets through, of every budget agreement and of the meeting's
    own entries; the events up to `moment` and those of the meeting's own entries)."""

    def __init__(
        self,
        store: Store,
        since: str,
        moment: str,
        meeting_id: int,
        wanted: Callable[[Mapping[str, Any]], bool],
    ) -> None:
        self.store = store
        self.moment = moment
        # (kind, id) → (at, event id, document before it) of the entry's first event
        # after `moment`; the document is None where it cannot show (not wanted).
        self.first_after: dict[tuple[EntryKind, int], tuple[str, int, Mapping[str, Any] | None]]
        self.first_after = {}
        self.until_moment: list[Event] = []
        self.own: list[Event] = []
        own: set[tuple[EntryKind, int]] = set()
        # Entries with an event that does not name the meeting: if one of the meeting's
        # own has such an event (a hand-edited store), its events are read once more.
        strays: set[tuple[EntryKind, int]] = set()
        events = store.stream_events_since(since)
        for event in events:
            key = (event.entry, event.entry_id)
            if event.belongs_to(meeting_id):
                own.add(key)
                self._own(key, event, moment)
            else:
                strays.add(key)
            if event.at <= moment:
                self.until_moment.append(event)
            elif event.entry is EntryKind.BUDGET:
                self._first(key, event, event.before)
            elif event.entry is EntryKind.ACTION:
                before = event.before
                self._first(key, event, before if before is None or wanted(before) else None)
        if own & strays:
            self.own = []
            for event in events:
                key = (event.entry, event.entry_id)
                if key in own:
                    self._own(key, event, moment)
        self.own_keys = own
        self.until_moment.sort(key=_in_order)
        self.own.sort(key=_in_order)

    def _own(self, key: tuple[EntryKind, int], event: Event, moment: str) -> None:
        self.own.append(event)
        if event.at > moment and event.entry in (EntryKind.DECISION, EntryKind.NOTE):
            self._first(key, event, event.before)

    def _first(
        self, key: tuple[EntryKind, int], event: Event, before: Mapping[str, Any] | None
    ) -> None:
        known = self.first_after.get(key)
        if known is None or (event.at, event.id) < known[:2]:
            self.first_after[key] = (event.at, event.id, before)

    def _doc(
        self, entry: EntryKind, entry_id: int, now: Mapping[str, Any] | None
    ) -> Mapping[str, Any] | None:
        first = self.first_after.get((entry, entry_id))
        return first[2] if first is not None else now

    def entry(self, entry: EntryKind, entry_id: int) -> Entry | None:
        now = self.store.entry_document(entry, entry_id)
        return _decode(entry, entry_id, self._doc(entry, entry_id, now))

    def of_meeting(self, meeting_id: int, entry: EntryKind, kind: type[T]) -> list[T]:
        """The entries recorded under the meeting (all of them after `since`)."""
        found = []
        for entry_kind, entry_id in sorted(self.own_keys):
            if entry_kind is entry:
                value = self.entry(entry, entry_id)
                if isinstance(value, kind) and getattr(value, "meeting_id", None) == meeting_id:
                    found.append(value)
        return found

    def all(
        self,
        entry: EntryKind,
        kind: type[T],
        wanted: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> list[T]:
        """Every entry of this kind as it stood (also ones deleted since); only those
        whose stored document passes `wanted`, when given (decoding years of closed
        items costs more than a look)."""
        now = self.store.entry_documents(entry)
        later = {entry_id for kind_of, entry_id in self.first_after if kind_of is entry}
        found = []
        for entry_id in sorted(now.keys() | later):
            doc = self._doc(entry, entry_id, now.get(entry_id))
            if doc is None or (wanted is not None and not wanted(doc)):
                continue
            value = _decode(entry, entry_id, doc)
            if isinstance(value, kind):
                found.append(value)
        return found


def _matters_to(meeting_id: int, start: str, end: str) -> Callable[[Mapping[str, Any]], bool]:
    """Whether an action item's document (as of the meeting's end) can appear in its
    minutes: opened in it, still open, or closed in it. Times compare as stamps."""

    def wanted(doc: Mapping[str, Any]) -> bool:
        if doc.get("meeting_id") == meeting_id or doc.get("status") == ActionStatus.OPEN.value:
            return True
        if doc.get("closed_in") == meeting_id:
            return True
        closed_at = doc.get("closed_at")
        return (
            doc.get("closed_in") is None
            and isinstance(closed_at, str)
            and (start <= closed_at <= end)
        )

    return wanted


def _change(event: Event) -> Change:
    return Change(
        event,
        _decode(event.entry, event.entry_id, event.before),
        _decode(event.entry, event.entry_id, event.after),
    )


def changes_since_last_meeting(store: Store, meeting_id: int) -> list[Change]:
    """What attendees changed on action items between the previous meeting and this
    one (closed, dropped, reopened, re-assigned, re-dated), oldest first, with who and
    when: for the review item of a running meeting and for its minutes."""
    return [_change(event) for event in action_changes_since_last_meeting(store, meeting_id)]


def _between(events: list[Event]) -> list[Change]:
    return [_change(event) for event in events if is_action_change(event)]


def gather_minutes(
    store: Store,
    meeting_id: int,
    config: TeamConfig,
    *,
    now: datetime | None = None,
    timezone: tzinfo | None = None,
) -> MinutesInput:
    """What the minutes of meeting `meeting_id` show, read from `store` as it stood
    when the meeting ended (or at `now`, default the store's clock, for a meeting
    still running). Raises `NotFoundError` for an unknown meeting."""
    with store.reading():
        meeting = store.meeting(meeting_id)
        moment = now if now is not None else store.clock()
        end = meeting.ended_at or moment
        elapsed = tuple(item_elapsed(meeting, index, end) for index in range(len(meeting.items)))
        numbers = store.meeting_numbers()
        try:
            previous = store.meeting_by_number(meeting.number - 1)
        except NotFoundError:
            previous = None
        since = stamp(previous.ended_at or previous.started_at) if previous else ""
        wanted = _matters_to(meeting_id, stamp(meeting.started_at), stamp(end))
        as_of = _AsOf(store, since, stamp(end), meeting_id, wanted)
        decisions = tuple(as_of.of_meeting(meeting_id, EntryKind.DECISION, Decision))
        budgets = tuple(as_of.of_meeting(meeting_id, EntryKind.BUDGET, BudgetAgreement))
        notes = tuple(as_of.of_meeting(meeting_id, EntryKind.NOTE, Note))
        actions = as_of.all(EntryKind.ACTION, ActionItem, wanted)
        all_budgets = as_of.all(EntryKind.BUDGET, BudgetAgreement)
        events = as_of.until_moment
        own_events = as_of.own
        later = (
            amendments(own_events, meeting_id, as_of.moment) if meeting.ended_at is not None else []
        )
        approval = approval_in(own_events, meeting_id, as_of.moment)
        campaigns = store.scoreboard(meeting_id, reported_only=True).rows
        board = store.scoreboard(meeting_id)
        outcomes = board_outcomes(board)
        leads_outcomes = board_lead_outcomes(board)
    opened_here: list[ActionItem] = []
    closed: list[ActionItem] = []
    still_open: list[ActionItem] = []
    for action in sorted(actions, key=_due_order):
        if action.meeting_id == meeting_id:
            opened_here.append(action)
        elif action.opened_at >= end:
            continue
        elif action.status is not ActionStatus.OPEN:
            if action.closed_in == meeting_id or (
                action.closed_in is None
                and action.closed_at is not None
                and meeting.started_at <= action.closed_at <= end
            ):
                closed.append(action)
        else:
            still_open.append(action)

    def earlier(action: ActionItem) -> EarlierAction:
        # A damaged or hand-edited store may point at a meeting that is gone; the item
        # still belongs in the minutes.
        number = None if action.meeting_id is None else numbers.get(action.meeting_id)
        return EarlierAction(action, number)

    def agreed(budget: BudgetAgreement) -> BudgetWaiting:
        return BudgetWaiting(budget, numbers.get(budget.meeting_id))

    agreed_before_end = [
        b for b in all_budgets if b.meeting_id in numbers and (b.at is None or b.at <= end)
    ]
    waiting = sorted(
        (b for b in agreed_before_end if b.awaiting_signoff),
        key=lambda b: (numbers.get(b.meeting_id, 0), b.at or meeting.started_at, b.id),
    )
    answered_ids = [
        event.entry_id
        for event in events
        if event.kind in (EventKind.SIGNED_OFF, EventKind.REJECTED)
    ]
    by_id = {b.id: b for b in agreed_before_end}
    answered = [by_id[i] for i in dict.fromkeys(answered_ids) if i in by_id]
    between = _between(events)
    local_start = meeting.started_at.astimezone(timezone).date()
    return MinutesInput(
        team=config.team,
        meeting=meeting,
        elapsed=elapsed,
        decisions=decisions,
        actions=tuple(opened_here),
        still_open=tuple(earlier(action) for action in still_open),
        closed=tuple(earlier(action) for action in closed),
        budgets=budgets,
        campaigns=campaigns,
        role_titles={role.id: role.title for role in config.roles},
        estimate_outcomes=outcomes,
        lead_outcomes=leads_outcomes,
        next_meeting=next_meeting_date(local_start, meeting.cadence),
        timezone=timezone,
        now=None if meeting.ended_at is not None else moment,
        notes=notes,
        previous_number=None if previous is None else previous.number,
        between=tuple(between),
        waiting=tuple(agreed(b) for b in waiting),
        answered=tuple(agreed(b) for b in answered),
        amendments=tuple(_change(event) for event in later),
        approval=approval,
        budget_picture=tuple(budget_picture(config.budgets, agreed_before_end)),
        cut_touches=tuple(cuts_touching(budgets, agreed_before_end, config.roles)),
    )
