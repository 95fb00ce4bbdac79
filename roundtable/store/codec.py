"""Meetings and log entries to and from the JSON documents the store keeps.

Times are ISO-8601 strings with their offset, dates ISO dates, amounts exact decimal
strings (never floats). Everything a meeting was started from is copied in, so editing
the YAML later never changes history.

Each kind of record is a table of fields (key in the document, attribute, how to load,
how to dump), read and written by the same two functions: one place decides what a
well-formed value is. Decoding checks every value against what the rest of the program
can work with (text that can be printed, whole numbers and amounts of sane size, dates
that date arithmetic does not overflow) and raises `FieldProblem` naming the field; the
store turns it into a `StoreError` naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
    Note,
    SignOff,
)
from roundtable.domain.history import stamp

if TYPE_CHECKING:
    from roundtable.domain.campaigns import Campaign, Snapshot
    from roundtable.domain.meeting import Meeting

__all__ = [
    "MAX_ITEMS",
    "MAX_WHOLE",
    "FieldProblem",
    "MeetingParts",
    "action_doc",
    "action_from_doc",
    "amount_problem",
    "budget_doc",
    "budget_from_doc",
    "campaign_doc",
    "campaign_from_doc",
    "day_problem",
    "decision_doc",
    "decision_from_doc",
    "dump_amount",
    "dump_time",
    "load_amount",
    "load_time",
    "meeting_doc",
    "meeting_from_doc",
    "meeting_from_parts",
    "meeting_parts",
    "note_doc",
    "note_from_doc",
    "ref_of",
    "snapshot_doc",
    "snapshot_from_doc",
    "split_meeting_doc",
]

Doc = dict[str, Any]
T = TypeVar("T")
E = TypeVar("E", bound=Enum)

MAX_WHOLE = 2**53
"""Whole numbers (ids, counts, minutes) stay below this: exact in any JSON reader."""
MAX_AMOUNT_DIGITS = 15
"""Digits before the decimal point an amount may have (below a quadrillion)."""
MAX_AMOUNT_PLACES = 6
"""Digits after the decimal point an amount may have."""
FIRST_YEAR, LAST_YEAR = 1000, 8999
"""Dates and times lie in these years: far enough from the ends of `datetime` that
adding a due period or a time zone never overflows."""
MAX_ITEMS = 1000
"""Agenda items a meeting may have (an item's timing document id is
`meeting id × MAX_ITEMS + index`)."""


class FieldProblem(ValueError):
    """A stored value that cannot be used: which field, and what is wrong with it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    def within(self, outer: str) -> FieldProblem:
        """The same problem, seen from the field that holds this one."""
        return FieldProblem(f"{outer}.{self.field}", self.problem)


def ref_of(number: int) -> str:
    """The short id people type for action item `number`."""
    return f"A-{number}"


# --- scalars ---------------------------------------------------------------------------


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"text {value!r} is not valid Unicode") from None
    return value


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {value!r}")
    if not 0 <= value < MAX_WHOLE:
        raise ValueError(f"{value} is out of range")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _year_problem(year: int) -> str | None:
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"year {year} is not between {FIRST_YEAR} and {LAST_YEAR}"


def day_problem(day: date) -> str | None:
    """Why `day` cannot be stored (its year is out of range), or None."""
    return _year_problem(day.year)


def dump_time(moment: datetime) -> str:
    """ISO-8601 in the one form every stored time has (`history.stamp`: UTC, to the
    microsecond); a naive time is a bug (`ValueError`), never guessed."""
    return stamp(moment)


def load_time(text: object) -> datetime:
    """The aware datetime an ISO string with offset stands for."""
    if not isinstance(text, str):
        raise TypeError(f"a time must be an ISO string, not {text!r}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"time {text!r} has no offset")
    problem = _year_problem(moment.year)
    if problem is not None:
        raise ValueError(problem)
    return moment


def _load_day(text: object) -> date:
    if not isinstance(text, str):
        raise TypeError(f"a date must be an ISO string, not {text!r}")
    day = date.fromisoformat(text)
    problem = day_problem(day)
    if problem is not None:
        raise ValueError(problem)
    return day


def amount_problem(amount: Decimal) -> str | None:
    """Why `amount` cannot be stored (not a number, or of absurd size), or None."""
    if not amount.is_finite():
        return f"amount {amount} is not a number"
    _sign, _digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # finite
    if amount.adjusted() >= MAX_AMOUNT_DIGITS or exponent < -MAX_AMOUNT_PLACES:
        return f"amount {amount} is out of range"
    return None


def dump_amount(amount: Decimal) -> str:
    """The exact decimal as a string (`"12500.10"`): never through a float."""
    problem = amount_problem(amount)
    if problem is not None:
        raise ValueError(problem)
    return str(amount)


def load_amount(text: object) -> Decimal:
    """The exact decimal a stored amount string stands for."""
    if not isinstance(text, str) or len(text) > 40:
        raise TypeError(f"an amount must be a short decimal string, not {text!r}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"amount {text!r} is not a number") from None
    problem = amount_problem(amount)
    if problem is not None:
        raise ValueError(problem)
    return amount


def _optional(load: Callable[[object], T]) -> Callable[[object], T | None]:
    def load_optional(value: object) -> T | None:
        return None if value is None else load(value)

    return load_optional


def _enum(kind: type[E]) -> Callable[[object], E]:
    def load(value: object) -> E:
        return kind(value)

    return load


def _same(value: Any) -> Any:
    return value


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _opt_time(value: datetime | None) -> str | None:
    return None if value is None else dump_time(value)


def _value(member: Enum) -> Any:
    return member.value


_MISSING = object()


@dataclass(frozen=True)
class _Field:
    key: str
    """In the document; also the attribute's name."""
    load: Callable[[object], Any]
    dump: Callable[[Any], Any] = _same
    default: object = _MISSING
    """What a document without the key means (older stores); missing otherwise."""


def _decode(fields: Sequence[_Field], doc: object) -> dict[str, Any]:
    """Attribute → value for each of `fields`, or `FieldProblem` naming the first bad one."""
    if not isinstance(doc, Mapping):
        raise TypeError(f"expected a document, got {doc!r}")
    values: dict[str, Any] = {}
    for field in fields:
        raw = doc.get(field.key, field.default)
        if raw is _MISSING:
            raise FieldProblem(field.key, "missing")
        try:
            values[field.key] = field.load(raw)
        except FieldProblem as problem:
            raise problem.within(field.key) from None
        except (ValueError, TypeError, ArithmeticError, KeyError, IndexError) as error:
            raise FieldProblem(field.key, str(error)) from None
    return values


def _encode(fields: Sequence[_Field], record: object) -> Doc:
    return {field.key: field.dump(getattr(record, field.key)) for field in fields}


def _list_of(fields: Sequence[_Field], make: Callable[..., T]) -> Callable[[object], tuple[T, ...]]:
    def load(value: object) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r}")
        found = []
        for index, element in enumerate(value):
            try:
                found.append(make(**_decode(fields, element)))
            except FieldProblem as problem:
                raise problem.within(str(index)) from None
            except (ValueError, TypeError) as error:
                raise FieldProblem(str(index), str(error)) from None
        return tuple(found)

    return load


def _spans(value: object) -> list[tuple[datetime, datetime | None]]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list of [start, end], got {value!r}")
    spans = []
    for span in value:
        if not isinstance(span, list) or len(span) != 2:
            raise TypeError(f"expected [start, end], got {span!r}")
        spans.append((load_time(span[0]), _optional(load_time)(span[1])))
    return spans


def _dump_spans(spans: Sequence[Any]) -> list[list[str | None]]:
    return [[dump_time(span.start), _opt_time(span.end)] for span in spans]


# --- decisions, action items, budget agreements ------------------------------------------

_DECISION = (
    _Field("meeting_id", _whole),
    _Field("item_index", _whole),
    _Field("text", _text),
    _Field("at", load_time, dump_time),
)

_ACTION = (
    _Field("text", _text),
    _Field("owner", _optional(_text), default=None),
    _Field("due", _optional(_load_day), _iso, default=None),
    _Field("status", _enum(ActionStatus), _value),
    _Field("meeting_id", _optional(_whole), default=None),
    _Field("item_index", _optional(_whole), default=None),
    _Field("opened_at", load_time, dump_time),
    _Field("closed_at", _optional(load_time), _opt_time, default=None),
    _Field("closed_in", _optional(_whole), default=None),
)

_BUDGET = (
    _Field("meeting_id", _whole),
    _Field("item_index", _whole),
    _Field("area", _text),
    _Field("amount", load_amount, dump_amount),
    _Field("currency", _text),
    _Field("period", _text),
    _Field("kind", _enum(BudgetKind), _value),
    _Field("from_area", _optional(_text), default=None),
    _Field("note", _text, default=""),
    _Field("needs_signoff", _bool, default=False),
    _Field("at", _optional(load_time), _opt_time, default=None),
    _Field(
        "signoff",
        lambda value: _signoff_from_doc(value),
        lambda value: _signoff_doc(value),
        default=None,
    ),
)

_NOTE = (
    _Field("meeting_id", _whole),
    _Field("item_index", _whole),
    _Field("text", _text),
    _Field("at", load_time, dump_time),
)


def _signoff_doc(signoff: SignOff | None) -> Doc | None:
    if signoff is None:
        return None
    return {
        "approved": signoff.approved,
        "by": signoff.by,
        "at": dump_time(signoff.at),
        "note": signoff.note,
    }


def _signoff_from_doc(doc: object) -> SignOff | None:
    if doc is None:
        return None
    if not isinstance(doc, Mapping):
        raise TypeError(f"a sign-off must be a mapping, not {doc!r}")
    approved, by, note = doc["approved"], doc["by"], doc.get("note", "")
    if not isinstance(approved, bool) or not isinstance(by, str) or not isinstance(note, str):
        raise TypeError(f"a sign-off needs approved, by and note, not {doc!r}")
    return SignOff(approved=approved, by=by, at=load_time(doc["at"]), note=note)


def note_doc(note: Note) -> Doc:
    """The document for `note` (its id is the document's id)."""
    return _encode(_NOTE, note)


def note_from_doc(doc_id: int, doc: Doc) -> Note:
    """The `Note` stored as `doc` under `doc_id`."""
    return Note(id=doc_id, **_decode(_NOTE, doc))


def decision_doc(decision: Decision) -> Doc:
    """The document for `decision` (its id is the document's id)."""
    return _encode(_DECISION, decision)


def decision_from_doc(doc_id: int, doc: Doc) -> Decision:
    """The `Decision` stored as `doc` under `doc_id`."""
    return Decision(id=doc_id, **_decode(_DECISION, doc))


def action_doc(action: ActionItem) -> Doc:
    """The document for `action` (its id, the number in its ref, is the document's id)."""
    return {"ref": action.ref, **_encode(_ACTION, action)}


def action_from_doc(doc_id: int, doc: Doc) -> ActionItem:
    """The `ActionItem` stored as `doc` under `doc_id`."""
    return ActionItem(id=doc_id, ref=ref_of(doc_id), **_decode(_ACTION, doc))


def budget_doc(budget: BudgetAgreement) -> Doc:
    """The document for `budget` (its id is the document's id)."""
    return _encode(_BUDGET, budget)


def budget_from_doc(doc_id: int, doc: Doc) -> BudgetAgreement:
    """The `BudgetAgreement` stored as `doc` under `doc_id`."""
    return BudgetAgreement(id=doc_id, **_decode(_BUDGET, doc))


# --- campaigns -------------------------------------------------------------------------


@cache
def _campaign_fields() -> tuple[_Field, ...]:
    # Built on first use: only campaign commands pay for importing the module.
    from roundtable.domain.campaigns import CampaignStatus, Channel

    return (
        _Field("name", _text),
        _Field("owner", _text),
        _Field("channel", _enum(Channel), _value),
        _Field("start", _load_day, _iso),
        _Field("end", _load_day, _iso),
        _Field("budget", load_amount, dump_amount),
        _Field("cost", load_amount, dump_amount),
        _Field("currency", _text),
        _Field("status", _enum(CampaignStatus), _value),
        _Field("note", _text, default=""),
        _Field("created_in", _optional(_whole), default=None),
    )


_SNAPSHOT = (
    _Field("campaign_id", _whole),
    _Field("meeting_id", _whole),
    _Field("leads", _whole),
    _Field("accepted", _whole),
    _Field("won", _whole),
    _Field("estimated_revenue", load_amount, dump_amount),
    _Field("actual_revenue", load_amount, dump_amount),
    _Field("cost", load_amount, dump_amount),
    _Field("at", load_time, dump_time),
    _Field("correction", _bool, default=False),
    _Field("estimated_leads", _whole, default=0),
)


def campaign_doc(campaign: Campaign) -> Doc:
    """The document for `campaign` (its id is the document's id)."""
    return _encode(_campaign_fields(), campaign)


def campaign_from_doc(doc_id: int, doc: Doc) -> Campaign:
    """The `Campaign` stored as `doc` under `doc_id`."""
    from roundtable.domain.campaigns import Campaign

    return Campaign(id=doc_id, **_decode(_campaign_fields(), doc))


def snapshot_doc(snapshot: Snapshot) -> Doc:
    """The document for `snapshot` (its id is the document's id)."""
    doc = _encode(_SNAPSHOT, snapshot)
    if not doc["correction"]:
        # Only when set: older stores and other readers see the documents they know.
        del doc["correction"]
    if not doc["estimated_leads"]:
        del doc["estimated_leads"]
    return doc


def snapshot_from_doc(doc_id: int, doc: Doc) -> Snapshot:
    """The `Snapshot` stored as `doc` under `doc_id`."""
    from roundtable.domain.campaigns import Snapshot

    return Snapshot(id=doc_id, **_decode(_SNAPSHOT, doc))


# --- meetings --------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingParts:
    """A meeting as the store keeps it, so that a clock step rewrites only what moved.

    `head` is what the meeting was started from (agenda snapshot, attendees), rarely
    changed; `clock` its running state (current item, pauses, end); `items` one small
    document per agenda item with its timing (planned minutes, state, segments).
    """

    head: Doc
    clock: Doc
    items: list[Doc]


@cache
def _meeting_fields() -> tuple[tuple[_Field, ...], _Field, tuple[_Field, ...], tuple[_Field, ...]]:
    """(head, agenda, clock, item timing) fields; built on first use (`actions` never
    decodes a meeting)."""
    from roundtable.domain.config import Cadence, ItemKind
    from roundtable.domain.meeting import Attendee

    agenda_item = (
        _Field("title", _text),
        _Field("role", _text),
        _Field("kind", _enum(ItemKind), _value),
        _Field("original_minutes", _whole),
        _Field("notes", _text, default=""),
        _Field("review", _bool, default=False),
    )
    attendee = (
        _Field("name", _text),
        _Field("role", _text),
        _Field("present", _bool, default=True),
    )
    head = (
        _Field("number", _whole),
        _Field("agenda_id", _text),
        _Field("title", _text),
        _Field("timebox_minutes", _whole),
        _Field("cadence", _enum(Cadence), _value),
        _Field("facilitator", _text),
        _Field("started_at", load_time, dump_time),
        _Field(
            "attendees",
            _list_of(attendee, Attendee),
            lambda people: [_encode(attendee, person) for person in people],
        ),
    )
    clock = (
        _Field("current", _optional(_whole), default=None),
        _Field("ended_at", _optional(load_time), _opt_time, default=None),
        _Field("pauses", _spans, _dump_spans, default=[]),
    )
    timing = (
        _Field("planned_minutes", _whole),
        _Field("state", _enum(_item_state()), _value),
        _Field("segments", _spans, _dump_spans),
    )
    return head, _Field("agenda", _list_of(agenda_item, dict)), clock, timing


def _item_state() -> type[Enum]:
    from roundtable.domain.meeting import ItemState

    return ItemState


_AGENDA_KEYS = ("title", "role", "kind", "original_minutes", "notes", "review")


def meeting_parts(meeting: Meeting) -> MeetingParts:
    """The documents `meeting` is kept as (its id is not stored inside them)."""
    if len(meeting.items) > MAX_ITEMS:
        raise ValueError(f"a meeting has at most {MAX_ITEMS} items, not {len(meeting.items)}")
    head_fields, _agenda, clock_fields, timing_fields = _meeting_fields()
    head = _encode(head_fields, meeting)
    head["agenda"] = [
        {key: _value(value) if isinstance(value, Enum) else value for key, value in pairs}
        for pairs in ([(key, getattr(item, key)) for key in _AGENDA_KEYS] for item in meeting.items)
    ]
    return MeetingParts(
        head=head,
        clock=_encode(clock_fields, meeting),
        items=[_encode(timing_fields, item) for item in meeting.items],
    )


def meeting_from_parts(meeting_id: int, head: Doc, clock: Doc, items: Sequence[Doc]) -> Meeting:
    """The `Meeting` kept as these documents under `meeting_id`."""
    from roundtable.domain.meeting import Meeting, MeetingItem, Pause, Segment

    head_fields, agenda_field, clock_fields, timing_fields = _meeting_fields()
    top = _decode(head_fields, head)
    agenda = _decode((agenda_field,), head)["agenda"]
    running = _decode(clock_fields, clock)
    if len(items) != len(agenda):
        raise FieldProblem("items", f"{len(items)} timings for {len(agenda)} agenda items")
    meeting_items = []
    for index, (planned, timing) in enumerate(zip(agenda, items, strict=True)):
        try:
            timed = _decode(timing_fields, timing)
        except FieldProblem as problem:
            raise problem.within(f"items.{index}") from None
        segments = tuple(Segment(start, end) for start, end in timed.pop("segments"))
        meeting_items.append(MeetingItem(**planned, **timed, segments=segments))
    current = running["current"]
    if current is not None and current >= len(meeting_items):
        raise FieldProblem("current", f"there is no item {current}")
    pauses = tuple(Pause(start, end) for start, end in running.pop("pauses"))
    return Meeting(id=meeting_id, items=tuple(meeting_items), pauses=pauses, **top, **running)


def split_meeting_doc(doc: Doc) -> MeetingParts:
    """A meeting document of schema 1 (all in one) as the parts schema 2 keeps.

    Tolerant: what it cannot place stays where decoding will find and report it.
    """
    items = doc.get("items")
    items = items if isinstance(items, list) else []
    head = {key: value for key, value in doc.items() if key not in _CLOCK_KEYS | {"items"}}
    head["agenda"] = [
        {key: item[key] for key in _AGENDA_KEYS if key in item} if isinstance(item, dict) else item
        for item in items
    ]
    clock = {key: doc[key] for key in _CLOCK_KEYS if key in doc}
    timings = [
        {key: item[key] for key in _TIMING_KEYS if key in item} if isinstance(item, dict) else item
        for item in items
    ]
    return MeetingParts(head=head, clock=clock, items=timings)


_CLOCK_KEYS = frozenset({"current", "ended_at", "pauses"})
_TIMING_KEYS = ("planned_minutes", "state", "segments")


def meeting_doc(meeting: Meeting) -> Doc:
    """`meeting` as one schema-1 document (for tests and old stores)."""
    parts = meeting_parts(meeting)
    agenda = parts.head.pop("agenda")
    items = [{**planned, **timing} for planned, timing in zip(agenda, parts.items, strict=True)]
    return {**parts.head, **parts.clock, "items": items}


def meeting_from_doc(doc_id: int, doc: Doc) -> Meeting:
    """The `Meeting` stored as one schema-1 document `doc` under `doc_id`."""
    parts = split_meeting_doc(doc)
    return meeting_from_parts(doc_id, parts.head, parts.clock, parts.items)
