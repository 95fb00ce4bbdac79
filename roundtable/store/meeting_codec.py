"""A meeting to and from the documents the store keeps it as: what it was started from
(agenda snapshot, attendees), its running clock, and one small timing document per
agenda item, so that a clock step rewrites only what moved."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from roundtable.store.values import (
    MAX_ITEMS,
    Doc,
    Field,
    FieldProblem,
    decode,
    dump_spans,
    dump_time,
    encode,
    enum_of,
    enum_value,
    list_of,
    load_bool,
    load_spans,
    load_text,
    load_time,
    load_whole,
    optional,
    optional_time,
)

if TYPE_CHECKING:
    from roundtable.domain.meeting import Meeting

# --- meetings --------------------------------------------------------------------------


class MeetingParts(NamedTuple):
    """A meeting as the store keeps it, so that a clock step rewrites only what moved.

    `head` is what the meeting was started from (agenda snapshot, attendees), rarely
    changed; `clock` its running state (current item, pauses, end); `items` one small
    document per agenda item with its timing (planned minutes, state, segments).
    """

    head: Doc
    clock: Doc
    items: list[Doc]


@cache
def _meeting_fields() -> tuple[tuple[Field, ...], Field, tuple[Field, ...], tuple[Field, ...]]:
    """(head, agenda, clock, item timing) fields; built on first use (`actions` never
    decodes a meeting)."""
    from roundtable.domain.config import Cadence, ItemKind
    from roundtable.domain.meeting import Attendee

    agenda_item = (
        Field("title", load_text),
        Field("role", load_text),
        Field("kind", enum_of(ItemKind), enum_value),
        Field("original_minutes", load_whole),
        Field("notes", load_text, default=""),
        Field("review", load_bool, default=False),
    )
    attendee = (
        Field("name", load_text),
        Field("role", load_text),
        Field("present", load_bool, default=True),
        # Stores from before excused and guests: not present there means absent.
        Field("excused", load_bool, default=False),
        Field("guest", load_bool, default=False),
    )
    head = (
        Field("number", load_whole),
        Field("agenda_id", load_text),
        Field("title", load_text),
        Field("timebox_minutes", load_whole),
        Field("cadence", enum_of(Cadence), enum_value),
        Field("facilitator", load_text),
        Field("started_at", load_time, dump_time),
        Field(
            "attendees",
            list_of(attendee, Attendee),
            lambda people: [encode(attendee, person) for person in people],
        ),
        Field("location", load_text, default=""),
        Field("minute_taker", load_text, default=""),
    )
    clock = (
        Field("current", optional(load_whole), default=None),
        Field("ended_at", optional(load_time), optional_time, default=None),
        Field("pauses", load_spans, dump_spans, default=[]),
    )
    timing = (
        Field("planned_minutes", load_whole),
        Field("state", enum_of(_item_state()), enum_value),
        Field("segments", load_spans, dump_spans),
    )
    return head, Field("agenda", list_of(agenda_item, dict)), clock, timing


def _item_state() -> type[Enum]:
    from roundtable.domain.meeting import ItemState

    return ItemState


_AGENDA_KEYS = ("title", "role", "kind", "original_minutes", "notes", "review")


def meeting_parts(meeting: Meeting) -> MeetingParts:
    """The documents `meeting` is kept as (its id is not stored inside them)."""
    if len(meeting.items) > MAX_ITEMS:
        raise ValueError(f"a meeting has at most {MAX_ITEMS} items, not {len(meeting.items)}")
    head_fields, _agenda, clock_fields, timing_fields = _meeting_fields()
    head = encode(head_fields, meeting)
    head["agenda"] = [
        {key: enum_value(value) if isinstance(value, Enum) else value for key, value in pairs}
        for pairs in ([(key, getattr(item, key)) for key in _AGENDA_KEYS] for item in meeting.items)
    ]
    return MeetingParts(
        head=head,
        clock=encode(clock_fields, meeting),
        items=[encode(timing_fields, item) for item in meeting.items],
    )


def meeting_from_parts(meeting_id: int, head: Doc, clock: Doc, items: Sequence[Doc]) -> Meeting:
    """The `Meeting` kept as these documents under `meeting_id`."""
    from roundtable.domain.meeting import Meeting, MeetingItem, Pause, Segment

    head_fields, agenda_field, clock_fields, timing_fields = _meeting_fields()
    top = decode(head_fields, head)
    agenda = decode((agenda_field,), head)["agenda"]
    running = decode(clock_fields, clock)
    if len(items) != len(agenda):
        raise FieldProblem("items", f"{len(items)} timings for {len(agenda)} agenda items")
    meeting_items = []
    for index, (planned, timing) in enumerate(zip(agenda, items, strict=True)):
        try:
            timed = decode(timing_fields, timing)
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
