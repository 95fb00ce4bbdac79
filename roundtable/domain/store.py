"""The durable meeting log: meetings, decisions, action items and budget agreements.

TinyDB holds the data; `storage.JournalStorage` makes every write atomic, durable and
safe to share between the facilitator's app and attendees' commands. Every method is
one transaction: it takes the file lock, catches up with what other processes wrote,
does its TinyDB work and appends it as one fsynced line (`transaction()` groups several
calls into one). Reads take no lock. Ids never repeat: each kind of entry has a counter
that only goes up, so `A-42` stays `A-42` even after `A-43` was deleted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from tinydb.queries import QueryLike
from tinydb.table import Document, Table

from roundtable.domain import codec
from roundtable.domain.clock import Clock, system_clock
from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)
from roundtable.domain.storage import (
    DEFAULT_COMPACT_SLACK,
    DEFAULT_LOCK_TIMEOUT,
    JournalStorage,
    Migration,
)
from roundtable.errors import NotFoundError, StoreError, UsageError
from roundtable.i18n import _

if TYPE_CHECKING:
    # Only for annotations: listing action items must not pay for importing meetings.
    from roundtable.domain.meeting import Meeting

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SHARD_SIZE",
    "MeetingCounts",
    "StatusChange",
    "Store",
]

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, Migration] = {}
"""Schema steps applied on open: `MIGRATIONS[n]` turns version-n data into version n + 1.

Empty while version 1 is the only one; a future version 2 registers `MIGRATIONS[1]`.
"""

MEETINGS = "meetings"
DECISIONS = "decisions"
ACTIONS = "actions"
BUDGETS = "budgets"
META = "meta"
"""One document (id 1) holding the last id given out for each kind of entry."""

_COUNTER_DOC = 1

SHARD_SIZE = 1000
"""Entries of one kind live in tables of this many ids each (`actions.0` holds A-1 …
A-999, `actions.1` A-1000 …). TinyDB copies the whole table on every write, so bounded
tables keep a write's cost flat however long the history grows."""

_REF = re.compile(r"\s*(?:a-?)?\s*(\d+)\s*", re.IGNORECASE)

T = TypeVar("T")
Doc = dict[str, Any]


@dataclass(frozen=True)
class MeetingCounts:
    """How many decisions and action items a meeting produced (for `roundtable meetings`)."""

    decisions: int = 0
    actions: int = 0
    """Action items opened in the meeting."""
    budgets: int = 0


@dataclass(frozen=True)
class StatusChange:
    """What `change_action_status` did: the item now, and its status before."""

    action: ActionItem
    previous: ActionStatus

    @property
    def changed(self) -> bool:
        """False when the item already had the asked-for status (nothing was written)."""
        return self.previous is not self.action.status


def _replace_with(new: Doc) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update that makes the document exactly `new` (keys not in it go)."""

    def update(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return update


def _text(text: str, empty_message: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(empty_message)
    return cleaned


def _owner(owner: str | None) -> str | None:
    if owner is None:
        return None
    return owner.strip() or None


class Store:
    """One store file. Open with `Store.open(path)`; every method is one transaction."""

    path: Path

    def __init__(self, path: Path, storage: JournalStorage, clock: Clock) -> None:
        self.path = path
        self.clock: Clock = clock
        """Where timestamps come from (settable, e.g. for `roundtable demo`)."""
        self._storage = storage

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

    def compact(self) -> None:
        """Rewrite the file with only the live entries (it also happens by itself)."""
        self._storage.compact()

    # --- helpers --------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        # Fresh and without a query cache: a long-lived Table would keep results and its
        # next id across other processes' changes.
        return Table(self._storage, name, cache_size=0)

    def _shard_table(self, kind: str, doc_id: int) -> Table:
        """The table that holds entry `doc_id` of `kind` (see SHARD_SIZE)."""
        return self._table(f"{kind}.{doc_id // SHARD_SIZE}")

    def _shard_names(self, kind: str) -> list[str]:
        """The tables holding entries of `kind`, lowest ids first."""
        prefix = kind + "."
        numbered = (
            (int(name[len(prefix) :]), name)
            for name in self._storage.read()
            if name.startswith(prefix) and name[len(prefix) :].isdigit()
        )
        return [name for _number, name in sorted(numbered)]

    def _items(self, kind: str) -> list[tuple[int, Doc]]:
        """Every (id, document) of `kind`, across its tables."""
        tables = self._storage.read()
        return [
            (int(doc_id), doc)
            for name in self._shard_names(kind)
            for doc_id, doc in tables[name].items()
        ]

    def _now(self) -> datetime:
        return self.clock()

    def _decode(self, what: str, decode: Callable[[int, Doc], T], doc_id: int, doc: Doc) -> T:
        try:
            return decode(doc_id, doc)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise StoreError(
                _("{file}: {what} {id} cannot be read ({error}). The file was not changed.").format(
                    file=self.path, what=what, id=doc_id, error=error
                )
            ) from error

    def _next_id(self, table: str) -> int:
        """The next id for `table`, from a counter that never goes back (in a transaction)."""
        meta = self._table(META)
        counters = meta.get(doc_id=_COUNTER_DOC)
        last = counters.get(table, 0) if counters is not None else 0
        if not last:
            last = max((doc_id for doc_id, _doc in self._items(table)), default=0)
        number = int(last) + 1
        self._bump_counter(number, table, counters is not None)
        return number

    def _bump_counter(self, number: int, table: str, exists: bool | None = None) -> None:
        meta = self._table(META)
        if exists is None:
            counters = meta.get(doc_id=_COUNTER_DOC)
            exists = counters is not None
            if counters is not None and int(counters.get(table, 0)) >= number:
                return
        if exists:
            meta.update({table: number}, doc_ids=[_COUNTER_DOC])
        else:
            meta.insert(Document({table: number}, doc_id=_COUNTER_DOC))

    def _get(self, kind: str, doc_id: int) -> Doc | None:
        doc: Doc | None = self._shard_table(kind, doc_id).get(doc_id=doc_id)
        return doc

    # --- meetings -----------------------------------------------------------------

    def next_meeting_number(self) -> int:
        with self._storage.reading():
            numbers = (doc.get("number", 0) for _id, doc in self._items(MEETINGS))
            return max((n for n in numbers if isinstance(n, int)), default=0) + 1

    def _running_doc(self) -> tuple[int, Doc] | None:
        running = [
            (doc_id, doc) for doc_id, doc in self._items(MEETINGS) if doc.get("ended_at") is None
        ]
        return max(running, key=lambda pair: pair[0]) if running else None

    def add_meeting(self, meeting: Meeting) -> Meeting:
        """Save a new meeting (its `id` is None) and return it with its id. Raises
        `StoreError` if another meeting is still running."""
        with self._storage.transaction():
            running = self._running_doc()
            if running is not None:
                _running_id, doc = running
                raise StoreError(
                    _(
                        "Meeting {number} ({title}) is still running in {file}; end it "
                        "before starting another."
                    ).format(number=doc.get("number"), title=doc.get("title"), file=self.path)
                )
            meeting_id = self._next_id(MEETINGS)
            stored = replace(meeting, id=meeting_id)
            self._shard_table(MEETINGS, meeting_id).insert(
                Document(codec.meeting_doc(stored), doc_id=meeting_id)
            )
        return stored

    def save_meeting(self, meeting: Meeting) -> None:
        """Replace the stored meeting with the same id."""
        if meeting.id is None:
            raise ValueError("save_meeting needs a meeting the store has saved (id is None)")
        new = codec.meeting_doc(meeting)
        with self._storage.transaction():
            if self._get(MEETINGS, meeting.id) is None:
                raise NotFoundError(_("There is no meeting {id}.").format(id=meeting.id))
            self._shard_table(MEETINGS, meeting.id).update(_replace_with(new), doc_ids=[meeting.id])

    def running_meeting(self) -> Meeting | None:
        """The meeting that has started and not ended, if any."""
        with self._storage.reading():
            running = self._running_doc()
            if running is None:
                return None
            return self._decode(_("meeting"), codec.meeting_from_doc, *running)

    def meeting(self, meeting_id: int) -> Meeting:
        """Raises `NotFoundError`."""
        with self._storage.reading():
            doc = self._get(MEETINGS, meeting_id)
            if doc is None:
                raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))
            return self._decode(_("meeting"), codec.meeting_from_doc, meeting_id, doc)

    def meetings(self) -> list[Meeting]:
        """All meetings, oldest first."""
        with self._storage.reading():
            found = [
                self._decode(_("meeting"), codec.meeting_from_doc, doc_id, doc)
                for doc_id, doc in self._items(MEETINGS)
            ]
        return sorted(found, key=lambda m: (m.started_at, m.number, m.id or 0))

    def meeting_counts(self) -> dict[int, MeetingCounts]:
        """Per meeting id: decisions taken, action items opened, budgets agreed."""
        with self._storage.reading():
            counts: dict[int, list[int]] = {i: [0, 0, 0] for i, _doc in self._items(MEETINGS)}
            for column, kind in enumerate((DECISIONS, ACTIONS, BUDGETS)):
                for _id, doc in self._items(kind):
                    meeting_id = doc.get("meeting_id")
                    if isinstance(meeting_id, int):
                        counts.setdefault(meeting_id, [0, 0, 0])[column] += 1
        return {
            meeting_id: MeetingCounts(decisions=d, actions=a, budgets=b)
            for meeting_id, (d, a, b) in counts.items()
        }

    def wipe(self) -> None:
        """Remove every meeting and entry and reset the counters (`roundtable demo --force`)."""
        with self._storage.transaction():
            # What TinyDB's `drop_tables` does: write no tables at all.
            self._storage.write({})

    # --- decisions ----------------------------------------------------------------

    def _require_meeting(self, meeting_id: int) -> None:
        if self._get(MEETINGS, meeting_id) is None:
            raise NotFoundError(_("There is no meeting {id}.").format(id=meeting_id))

    def add_decision(self, meeting_id: int, item_index: int, text: str) -> Decision:
        text = _text(text, _("A decision needs some text."))
        with self._storage.transaction():
            self._require_meeting(meeting_id)
            decision = Decision(
                id=self._next_id(DECISIONS),
                meeting_id=meeting_id,
                item_index=item_index,
                text=text,
                at=self._now(),
            )
            self._shard_table(DECISIONS, decision.id).insert(
                Document(codec.decision_doc(decision), doc_id=decision.id)
            )
        return decision

    def _decision(self, decision_id: int) -> Decision:
        doc = self._get(DECISIONS, decision_id)
        if doc is None:
            raise NotFoundError(_("There is no decision {id}.").format(id=decision_id))
        return self._decode(_("decision"), codec.decision_from_doc, decision_id, doc)

    def update_decision(self, decision_id: int, text: str) -> Decision:
        text = _text(text, _("A decision needs some text."))
        with self._storage.transaction():
            decision = replace(self._decision(decision_id), text=text)
            self._shard_table(DECISIONS, decision_id).update({"text": text}, doc_ids=[decision_id])
        return decision

    def delete_decision(self, decision_id: int) -> Decision:
        """Remove and return it (so the app can undo with `restore_decision`)."""
        with self._storage.transaction():
            decision = self._decision(decision_id)
            self._shard_table(DECISIONS, decision_id).remove(doc_ids=[decision_id])
        return decision

    def restore_decision(self, decision: Decision) -> Decision:
        """Put a deleted decision back, with its id."""
        with self._storage.transaction():
            self._shard_table(DECISIONS, decision.id).upsert(
                Document(codec.decision_doc(decision), doc_id=decision.id)
            )
            self._bump_counter(decision.id, DECISIONS)
        return decision

    def decisions(self, meeting_id: int | None = None) -> list[Decision]:
        """Oldest first; only those of `meeting_id` if given."""
        with self._storage.reading():
            found = [
                self._decode(_("decision"), codec.decision_from_doc, doc_id, doc)
                for doc_id, doc in self._items(DECISIONS)
                if meeting_id is None or doc.get("meeting_id") == meeting_id
            ]
        return sorted(found, key=lambda d: d.id)

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
        text = _text(text, _("An action item needs some text."))
        with self._storage.transaction():
            if meeting_id is not None:
                self._require_meeting(meeting_id)
            number = self._next_id(ACTIONS)
            action = ActionItem(
                id=number,
                ref=codec.ref_of(number),
                text=text,
                owner=_owner(owner),
                due=due,
                status=ActionStatus.OPEN,
                meeting_id=meeting_id,
                item_index=item_index,
                opened_at=self._now(),
            )
            self._shard_table(ACTIONS, number).insert(
                Document(codec.action_doc(action), doc_id=number)
            )
        return action

    @staticmethod
    def _number(ref: str) -> int:
        match = _REF.fullmatch(ref)
        if match is None:
            raise NotFoundError(
                _("There is no action item {ref!r}; ids look like A-42.").format(ref=ref)
            )
        return int(match.group(1))

    def _action(self, ref: str) -> ActionItem:
        number = self._number(ref)
        doc = self._get(ACTIONS, number)
        if doc is None:
            raise NotFoundError(
                _("There is no action item {ref}.").format(ref=codec.ref_of(number))
            )
        return self._decode(_("action item"), codec.action_from_doc, number, doc)

    def action(self, ref: str) -> ActionItem:
        """`A-42`, `a-42` or `42`. Raises `NotFoundError`."""
        with self._storage.reading():
            return self._action(ref)

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
            fields["text"] = _text(text, _("An action item needs some text."))
        if clear_owner:
            fields["owner"] = None
        elif owner is not None:
            fields["owner"] = _owner(owner)
        if clear_due:
            fields["due"] = None
        elif due is not None:
            fields["due"] = due.isoformat()
        with self._storage.transaction():
            action = self._action(ref)
            if fields:
                fields["updated_at"] = codec.dump_time(self._now())
                fields["updated_in"] = meeting_id
                self._shard_table(ACTIONS, action.id).update(fields, doc_ids=[action.id])
                action = self._action(ref)
        return action

    def change_action_status(
        self, ref: str, status: ActionStatus, meeting_id: int | None = None
    ) -> StatusChange:
        """Like `set_action_status`, and says whether the item already had `status`."""
        with self._storage.transaction():
            action = self._action(ref)
            previous = action.status
            if previous is status:
                return StatusChange(action, previous)
            if status is ActionStatus.OPEN:
                action = replace(action, status=status, closed_at=None, closed_in=None)
            else:
                action = replace(action, status=status, closed_at=self._now(), closed_in=meeting_id)
            self._shard_table(ACTIONS, action.id).update(
                {
                    "status": action.status.value,
                    "closed_at": None
                    if action.closed_at is None
                    else codec.dump_time(action.closed_at),
                    "closed_in": action.closed_in,
                },
                doc_ids=[action.id],
            )
        return StatusChange(action, previous)

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
        with self._storage.transaction():
            action = self._action(ref)
            self._shard_table(ACTIONS, action.id).remove(doc_ids=[action.id])
        return action

    def restore_action(self, action: ActionItem) -> ActionItem:
        """Put a deleted action item back, with its ref."""
        with self._storage.transaction():
            self._shard_table(ACTIONS, action.id).upsert(
                Document(codec.action_doc(action), doc_id=action.id)
            )
            self._bump_counter(action.id, ACTIONS)
        return action

    def actions(
        self,
        *,
        owners: Collection[str] | None = None,
        include_closed: bool = False,
        meeting_id: int | None = None,
    ) -> list[ActionItem]:
        """Sorted by due date (undated last), then ref. `owners` are matched exactly
        (resolve a typed name to owner strings first; case does not matter);
        `meeting_id` = opened there."""
        wanted = None if owners is None else {owner.casefold() for owner in owners}
        open_status = ActionStatus.OPEN.value

        def matches(doc: Mapping[str, Any]) -> bool:
            if not include_closed and doc.get("status") != open_status:
                return False
            if meeting_id is not None and doc.get("meeting_id") != meeting_id:
                return False
            if wanted is not None:
                owner = doc.get("owner")
                return isinstance(owner, str) and owner.casefold() in wanted
            return True

        query = cast(QueryLike, matches)
        with self._storage.reading():
            found = [
                self._decode(_("action item"), codec.action_from_doc, doc.doc_id, doc)
                for name in self._shard_names(ACTIONS)
                for doc in self._table(name).search(query)
            ]
        return sorted(found, key=lambda a: (a.due is None, a.due or date.min, a.id))

    def action_owners(self) -> set[str]:
        """Every owner named on an action item, even ones no longer in the roles file."""
        with self._storage.reading():
            return {
                owner
                for _id, doc in self._items(ACTIONS)
                if isinstance(owner := doc.get("owner"), str)
            }

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
        budget = _checked_budget(
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
        with self._storage.transaction():
            self._require_meeting(meeting_id)
            budget = replace(budget, id=self._next_id(BUDGETS), at=self._now())
            self._shard_table(BUDGETS, budget.id).insert(
                Document(codec.budget_doc(budget), doc_id=budget.id)
            )
        return budget

    def _budget(self, budget_id: int) -> BudgetAgreement:
        doc = self._get(BUDGETS, budget_id)
        if doc is None:
            raise NotFoundError(_("There is no budget agreement {id}.").format(id=budget_id))
        return self._decode(_("budget agreement"), codec.budget_from_doc, budget_id, doc)

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
        with self._storage.transaction():
            old = self._budget(budget_id)
            budget = _checked_budget(
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
            self._shard_table(BUDGETS, budget_id).update(
                _replace_with(codec.budget_doc(budget)), doc_ids=[budget_id]
            )
        return budget

    def delete_budget(self, budget_id: int) -> BudgetAgreement:
        """Remove and return it (so the app can undo with `restore_budget`)."""
        with self._storage.transaction():
            budget = self._budget(budget_id)
            self._shard_table(BUDGETS, budget_id).remove(doc_ids=[budget_id])
        return budget

    def restore_budget(self, budget: BudgetAgreement) -> BudgetAgreement:
        """Put a deleted budget agreement back, with its id."""
        with self._storage.transaction():
            self._shard_table(BUDGETS, budget.id).upsert(
                Document(codec.budget_doc(budget), doc_id=budget.id)
            )
            self._bump_counter(budget.id, BUDGETS)
        return budget

    def budgets(self, meeting_id: int | None = None) -> list[BudgetAgreement]:
        """Oldest first; only those of `meeting_id` if given."""
        with self._storage.reading():
            found = [
                self._decode(_("budget agreement"), codec.budget_from_doc, doc_id, doc)
                for doc_id, doc in self._items(BUDGETS)
                if meeting_id is None or doc.get("meeting_id") == meeting_id
            ]
        return sorted(found, key=lambda b: b.id)


def _checked_budget(budget: BudgetAgreement) -> BudgetAgreement:
    """`budget` tidied up, or `UsageError` saying which field is wrong."""
    area = budget.area.strip()
    if not area:
        raise UsageError(_("A budget agreement needs an area."))
    if not isinstance(budget.amount, Decimal) or not budget.amount.is_finite():
        raise UsageError(_("The amount must be a number."))
    if budget.amount <= 0:
        raise UsageError(
            _("The amount must be more than zero (a cut is said by its kind, not its sign).")
        )
    currency = budget.currency.strip().upper()
    if not currency:
        raise UsageError(_("A budget agreement needs a currency."))
    period = budget.period.strip()
    if not period:
        raise UsageError(_("A budget agreement needs a period, like 2026-Q1."))
    from_area = (budget.from_area or "").strip() or None
    if budget.kind is BudgetKind.SHIFT:
        if from_area is None:
            raise UsageError(_("A shift needs the area the amount is taken from."))
        if from_area == area:
            raise UsageError(_("A shift must go from one area to another."))
    else:
        from_area = None
    return replace(
        budget,
        area=area,
        currency=currency,
        period=period,
        from_area=from_area,
        note=budget.note.strip(),
    )
