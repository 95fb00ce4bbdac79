"""Meetings and log entries to and from the JSON documents the store keeps.

Times are ISO-8601 strings with their offset, dates ISO dates, amounts exact decimal
strings (never floats). Everything a meeting was started from is copied in, so editing
the YAML later never changes history. Decoding raises `ValueError`, `KeyError` or
`TypeError` on a malformed document; the store turns that into a `StoreError`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from roundtable.domain.entries import (
    ActionItem,
    ActionStatus,
    BudgetAgreement,
    BudgetKind,
    Decision,
)

if TYPE_CHECKING:
    from roundtable.domain.campaigns import Campaign, Snapshot
    from roundtable.domain.meeting import Meeting

__all__ = [
    "action_doc",
    "action_from_doc",
    "budget_doc",
    "budget_from_doc",
    "campaign_doc",
    "campaign_from_doc",
    "decision_doc",
    "decision_from_doc",
    "dump_amount",
    "dump_time",
    "load_amount",
    "load_time",
    "meeting_doc",
    "meeting_from_doc",
    "ref_of",
    "snapshot_doc",
    "snapshot_from_doc",
]

Doc = dict[str, Any]


def ref_of(number: int) -> str:
    """The short id people type for action item `number`."""
    return f"A-{number}"


# --- scalars ---------------------------------------------------------------------------


def dump_time(moment: datetime) -> str:
    """ISO-8601 with the offset; a naive time is a bug (`ValueError`), never guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: the store keeps times with their offset")
    return moment.isoformat()


def load_time(text: object) -> datetime:
    """The aware datetime an ISO string with offset stands for."""
    if not isinstance(text, str):
        raise TypeError(f"a time must be an ISO string, not {text!r}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time {text!r} has no offset")
    return moment


def _opt_time(text: object) -> datetime | None:
    return None if text is None else load_time(text)


def _opt_dump_time(moment: datetime | None) -> str | None:
    return None if moment is None else dump_time(moment)


def _opt_date(text: object) -> date | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(f"a date must be an ISO string, not {text!r}")
    return date.fromisoformat(text)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _opt_int(value: object) -> int | None:
    return None if value is None else _int(value)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def dump_amount(amount: Decimal) -> str:
    """The exact decimal as a string (`"12500.10"`): never through a float."""
    if not amount.is_finite():
        raise ValueError(f"amount {amount} is not a number")
    return str(amount)


def load_amount(text: object) -> Decimal:
    """The exact decimal a stored amount string stands for."""
    amount = Decimal(_str(text))
    if not amount.is_finite():
        raise ValueError(f"amount {text!r} is not a number")
    return amount


# --- meetings --------------------------------------------------------------------------


def _span(start: datetime, end: datetime | None) -> list[str | None]:
    return [dump_time(start), _opt_dump_time(end)]


def meeting_doc(meeting: Meeting) -> Doc:
    """The document for `meeting` (its id is the document's id, not stored inside)."""
    return {
        "number": meeting.number,
        "agenda_id": meeting.agenda_id,
        "title": meeting.title,
        "timebox_minutes": meeting.timebox_minutes,
        "cadence": meeting.cadence.value,
        "facilitator": meeting.facilitator,
        "started_at": dump_time(meeting.started_at),
        "ended_at": _opt_dump_time(meeting.ended_at),
        "current": meeting.current,
        "items": [
            {
                "title": item.title,
                "role": item.role,
                "kind": item.kind.value,
                "planned_minutes": item.planned_minutes,
                "original_minutes": item.original_minutes,
                "notes": item.notes,
                "review": item.review,
                "state": item.state.value,
                "segments": [_span(segment.start, segment.end) for segment in item.segments],
            }
            for item in meeting.items
        ],
        "attendees": [
            {"name": person.name, "role": person.role, "present": person.present}
            for person in meeting.attendees
        ],
        "pauses": [_span(pause.start, pause.end) for pause in meeting.pauses],
    }


def _spans(value: object) -> list[tuple[datetime, datetime | None]]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list of [start, end], got {value!r}")
    spans = []
    for span in value:
        if not isinstance(span, list) or len(span) != 2:
            raise TypeError(f"expected [start, end], got {span!r}")
        spans.append((load_time(span[0]), _opt_time(span[1])))
    return spans


def meeting_from_doc(doc_id: int, doc: Doc) -> Meeting:
    """The `Meeting` stored as `doc` under `doc_id`."""
    # Imported here: `roundtable actions` never decodes a meeting, and starts faster.
    from roundtable.domain.config import Cadence, ItemKind
    from roundtable.domain.meeting import (
        Attendee,
        ItemState,
        Meeting,
        MeetingItem,
        Pause,
        Segment,
    )

    items = tuple(
        MeetingItem(
            title=_str(item["title"]),
            role=_str(item["role"]),
            kind=ItemKind(item["kind"]),
            planned_minutes=_int(item["planned_minutes"]),
            original_minutes=_int(item["original_minutes"]),
            notes=_str(item.get("notes", "")),
            review=_bool(item.get("review", False)),
            state=ItemState(item["state"]),
            segments=tuple(Segment(start, end) for start, end in _spans(item["segments"])),
        )
        for item in doc["items"]
    )
    attendees = tuple(
        Attendee(
            name=_str(person["name"]),
            role=_str(person["role"]),
            present=_bool(person.get("present", True)),
        )
        for person in doc["attendees"]
    )
    return Meeting(
        id=doc_id,
        number=_int(doc["number"]),
        agenda_id=_str(doc["agenda_id"]),
        title=_str(doc["title"]),
        timebox_minutes=_int(doc["timebox_minutes"]),
        cadence=Cadence(doc["cadence"]),
        items=items,
        attendees=attendees,
        facilitator=_str(doc["facilitator"]),
        started_at=load_time(doc["started_at"]),
        ended_at=_opt_time(doc.get("ended_at")),
        pauses=tuple(Pause(start, end) for start, end in _spans(doc.get("pauses", []))),
        current=_opt_int(doc.get("current")),
    )


# --- decisions -------------------------------------------------------------------------


def decision_doc(decision: Decision) -> Doc:
    """The document for `decision` (its id is the document's id)."""
    return {
        "meeting_id": decision.meeting_id,
        "item_index": decision.item_index,
        "text": decision.text,
        "at": dump_time(decision.at),
    }


def decision_from_doc(doc_id: int, doc: Doc) -> Decision:
    """The `Decision` stored as `doc` under `doc_id`."""
    return Decision(
        id=doc_id,
        meeting_id=_int(doc["meeting_id"]),
        item_index=_int(doc["item_index"]),
        text=_str(doc["text"]),
        at=load_time(doc["at"]),
    )


# --- action items ----------------------------------------------------------------------


def action_doc(action: ActionItem) -> Doc:
    """The document for `action` (its id, the number in its ref, is the document's id)."""
    return {
        "ref": action.ref,
        "text": action.text,
        "owner": action.owner,
        "due": None if action.due is None else action.due.isoformat(),
        "status": action.status.value,
        "meeting_id": action.meeting_id,
        "item_index": action.item_index,
        "opened_at": dump_time(action.opened_at),
        "closed_at": _opt_dump_time(action.closed_at),
        "closed_in": action.closed_in,
    }


def action_from_doc(doc_id: int, doc: Doc) -> ActionItem:
    """The `ActionItem` stored as `doc` under `doc_id`."""
    return ActionItem(
        id=doc_id,
        ref=ref_of(doc_id),
        text=_str(doc["text"]),
        owner=_opt_str(doc.get("owner")),
        due=_opt_date(doc.get("due")),
        status=ActionStatus(doc["status"]),
        meeting_id=_opt_int(doc.get("meeting_id")),
        item_index=_opt_int(doc.get("item_index")),
        opened_at=load_time(doc["opened_at"]),
        closed_at=_opt_time(doc.get("closed_at")),
        closed_in=_opt_int(doc.get("closed_in")),
    )


# --- budget agreements -----------------------------------------------------------------


def budget_doc(budget: BudgetAgreement) -> Doc:
    """The document for `budget` (its id is the document's id)."""
    return {
        "meeting_id": budget.meeting_id,
        "item_index": budget.item_index,
        "area": budget.area,
        "amount": dump_amount(budget.amount),
        "currency": budget.currency,
        "period": budget.period,
        "kind": budget.kind.value,
        "from_area": budget.from_area,
        "note": budget.note,
        "needs_signoff": budget.needs_signoff,
        "at": _opt_dump_time(budget.at),
    }


def budget_from_doc(doc_id: int, doc: Doc) -> BudgetAgreement:
    """The `BudgetAgreement` stored as `doc` under `doc_id`."""
    return BudgetAgreement(
        id=doc_id,
        meeting_id=_int(doc["meeting_id"]),
        item_index=_int(doc["item_index"]),
        area=_str(doc["area"]),
        amount=load_amount(doc["amount"]),
        currency=_str(doc["currency"]),
        period=_str(doc["period"]),
        kind=BudgetKind(doc["kind"]),
        from_area=_opt_str(doc.get("from_area")),
        note=_str(doc.get("note", "")),
        needs_signoff=_bool(doc.get("needs_signoff", False)),
        at=_opt_time(doc.get("at")),
    )


# --- campaigns -------------------------------------------------------------------------


def campaign_doc(campaign: Campaign) -> Doc:
    """The document for `campaign` (its id is the document's id)."""
    return {
        "name": campaign.name,
        "owner": campaign.owner,
        "channel": campaign.channel.value,
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
        "budget": dump_amount(campaign.budget),
        "cost": dump_amount(campaign.cost),
        "currency": campaign.currency,
        "status": campaign.status.value,
        "note": campaign.note,
        "created_in": campaign.created_in,
    }


def _date(text: object) -> date:
    day = _opt_date(text)
    if day is None:
        raise TypeError("a date is missing")
    return day


def campaign_from_doc(doc_id: int, doc: Doc) -> Campaign:
    """The `Campaign` stored as `doc` under `doc_id`."""
    # Imported here: only campaign commands pay for the module.
    from roundtable.domain.campaigns import Campaign, CampaignStatus, Channel

    return Campaign(
        id=doc_id,
        name=_str(doc["name"]),
        owner=_str(doc["owner"]),
        channel=Channel(doc["channel"]),
        start=_date(doc["start"]),
        end=_date(doc["end"]),
        budget=load_amount(doc["budget"]),
        cost=load_amount(doc["cost"]),
        currency=_str(doc["currency"]),
        status=CampaignStatus(doc["status"]),
        note=_str(doc.get("note", "")),
        created_in=_opt_int(doc.get("created_in")),
    )


def snapshot_doc(snapshot: Snapshot) -> Doc:
    """The document for `snapshot` (its id is the document's id)."""
    return {
        "campaign_id": snapshot.campaign_id,
        "meeting_id": snapshot.meeting_id,
        "leads": snapshot.leads,
        "accepted": snapshot.accepted,
        "won": snapshot.won,
        "estimated_revenue": dump_amount(snapshot.estimated_revenue),
        "actual_revenue": dump_amount(snapshot.actual_revenue),
        "cost": dump_amount(snapshot.cost),
        "at": dump_time(snapshot.at),
        # Only when set: older stores and other readers see the documents they know.
        **({"correction": True} if snapshot.correction else {}),
    }


def snapshot_from_doc(doc_id: int, doc: Doc) -> Snapshot:
    """The `Snapshot` stored as `doc` under `doc_id`."""
    from roundtable.domain.campaigns import Snapshot

    return Snapshot(
        id=doc_id,
        campaign_id=_int(doc["campaign_id"]),
        meeting_id=_int(doc["meeting_id"]),
        leads=_int(doc["leads"]),
        accepted=_int(doc["accepted"]),
        won=_int(doc["won"]),
        estimated_revenue=load_amount(doc["estimated_revenue"]),
        actual_revenue=load_amount(doc["actual_revenue"]),
        cost=load_amount(doc["cost"]),
        at=load_time(doc["at"]),
        correction=_bool(doc.get("correction", False)),
    )
