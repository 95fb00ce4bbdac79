"""The demo's meetings: on which Tuesdays the table meets, who sits at it, and how
each meeting runs its agenda in real, uneven time; the clock the store writes with
while the demo plays."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from roundtable.domain.config import Agenda, AgendaItem, Cadence, ItemKind, Role, TeamConfig
from roundtable.domain.meeting import Attendee, ItemState, Meeting, MeetingItem, Pause, Segment
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = [
    "WEEKLY_SHARE",
    "DemoClock",
    "build_meeting",
    "demo_zone",
    "during",
    "meeting_dates",
    "meeting_item",
    "people",
    "regular_agenda",
]

WEEKLY_SHARE = 0.65
"""The share of meetings held weekly before the team moves to every two weeks."""

# Habits the statistics should find: campaign planning runs over most times, controlling
# reports in less than its plan, and the wrap-up usually ends early.
_PACE = {"marketing-communication": 1.2, "sales-controlling": 0.9}
_WRAP_UP_PACE = 0.72


class DemoClock:
    """The store's clock while the demo writes: set to the moment each entry happened."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def demo_zone() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Berlin")
    except Exception:  # no time zone data on this system: winter time will do
        return timezone(timedelta(hours=1))


def meeting_dates(count: int, today: date) -> list[tuple[date, Cadence]]:
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


def people(roles: tuple[Role, ...]) -> list[tuple[str, str]]:
    """(name, role id) for everyone at the table; a person with two roles sits once."""
    seen: dict[str, str] = {}
    for role in roles:
        for holder in role.holders:
            seen.setdefault(holder, role.id)
    return list(seen.items())


def regular_agenda(config: TeamConfig) -> Agenda:
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


def build_meeting(
    rng: random.Random,
    zone: tzinfo,
    config: TeamConfig,
    number: int,
    day: date,
    cadence: Cadence,
    agenda: Agenda,
) -> Meeting:
    """Meeting `number` on `day` as it ran, ended: items in their real, uneven time (some
    overrun, a discussion deferred when the box runs out, a break in a long meeting),
    most people there."""
    start = datetime.combine(day, time(9), zone) + timedelta(minutes=rng.randrange(0, 5))
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
            items.append(meeting_item(planned, ItemState.DEFERRED, ()))
            continue
        pace = _WRAP_UP_PACE if last else _PACE.get(planned.role, 1.0)
        minutes = planned.minutes * min(1.5, max(0.6, rng.gauss(0.96 * pace, 0.17)))
        # Usually the item is cut short to what is left; sometimes it overruns anyway.
        if rng.random() > 0.08:
            minutes = min(minutes, left - (1 if last else 0))
        minutes = max(3.0, minutes)
        segment = Segment(moment, moment + timedelta(minutes=round(minutes, 1)))
        items.append(meeting_item(planned, ItemState.DONE, (segment,)))
        moment = segment.end or moment
        if not took_break and not last and moment - start > timedelta(minutes=85):
            took_break = True
            if rng.random() < 0.6:
                pause = Pause(moment, moment + timedelta(minutes=rng.choice((5, 10, 10, 15))))
                pauses.append(pause)
                moment = pause.end or moment
    facilitator_role = agenda.facilitator or (agenda.items[0].role if agenda.items else "")
    facilitating = config.role(facilitator_role)
    facilitator_holders = facilitating.holders if facilitating is not None else ()
    attendees = tuple(
        Attendee(
            name=name,
            role=role_id,
            present=name in facilitator_holders
            or rng.random() > (0.45 if role_id == "management" else 0.08),
        )
        for name, role_id in people(config.roles)
    )
    facilitator = facilitator_holders[0] if facilitator_holders else attendees[0].name
    keeping = config.role(agenda.minute_taker) if agenda.minute_taker else None
    minute_taker = keeping.holders[0] if keeping is not None and keeping.holders else ""
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
        location=agenda.location,
        minute_taker=minute_taker,
    )


def meeting_item(
    planned: AgendaItem, state: ItemState, segments: tuple[Segment, ...]
) -> MeetingItem:
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


def during(item: MeetingItem, rng: random.Random) -> datetime:
    """A moment while `item` ran, towards its end (when things get written down)."""
    segment = item.segments[-1]
    end = segment.end or segment.start
    moment = segment.start + (end - segment.start) * rng.uniform(0.5, 0.98)
    return moment.replace(microsecond=0)
