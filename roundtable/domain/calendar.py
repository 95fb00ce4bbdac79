"""The team's calendar as an iCalendar file (RFC 5545): action items as to-dos with their
due dates, the next meetings as events with the agenda in the description.

Importing the file again must update, never duplicate: every UID is derived from what
stays the same (an item's ref, a meeting's number, the team), never from the run. A
closed item stays in the file as COMPLETED (dropped: CANCELLED) for a while, so the
calendar that imported it open learns that it is done. Meeting times carry the team's
zone with its VTIMEZONE, so a calendar in another zone shows the right hour; due dates
are whole days, as the meeting sets them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import icalendar

import roundtable
from roundtable.domain.config import Role
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.l10n import format_date
from roundtable.domain.people import owner_title
from roundtable.domain.schedule import PlannedMeeting
from roundtable.i18n import _, ngettext

__all__ = ["CLOSED_KEPT_DAYS", "CalendarInput", "build_calendar", "uid_domain"]

CLOSED_KEPT_DAYS = 60
"""How long a closed item stays in the file as completed: long enough for every
calendar that imported it open to be refreshed at least once."""

_STATUS = {
    ActionStatus.OPEN: "NEEDS-ACTION",
    ActionStatus.DONE: "COMPLETED",
    ActionStatus.DROPPED: "CANCELLED",
}


@dataclass(frozen=True)
class CalendarInput:
    """What goes into the calendar, gathered by the caller from config and store."""

    team: str
    roles: Sequence[Role]
    actions: Sequence[ActionItem]
    """Every item that may go in (open and closed); closed ones too old are left out."""
    meetings: Sequence[PlannedMeeting]
    zone: tzinfo
    now: datetime
    meeting_numbers: Mapping[int, int]
    """Meeting id → number, to say which meeting opened an item."""


def uid_domain(team: str) -> str:
    """The right-hand side of every UID: the team's name as a host-like word, so two
    teams' A-1 never collide in one calendar."""
    slug = re.sub(r"[^a-z0-9]+", "-", team.casefold()).strip("-") or "team"
    return f"{slug}.roundtable"


def build_calendar(data: CalendarInput) -> bytes:
    """The calendar file's bytes (UTF-8, CRLF line ends, folded lines as RFC 5545 says)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//roundtable//roundtable {roundtable.__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", data.team)
    zone_name = getattr(data.zone, "key", None)
    if zone_name:
        calendar.add("x-wr-timezone", zone_name)
    stamp = data.now.astimezone(UTC)
    domain = uid_domain(data.team)
    for meeting in data.meetings:
        calendar.add_component(_event(meeting, data.roles, domain, stamp))
    for action in _kept(data.actions, data.now):
        calendar.add_component(_todo(action, data, domain, stamp))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _kept(actions: Iterable[ActionItem], now: datetime) -> list[ActionItem]:
    since = now - timedelta(days=CLOSED_KEPT_DAYS)
    return [
        action
        for action in actions
        if action.status is ActionStatus.OPEN
        or (action.closed_at is not None and action.closed_at >= since)
    ]


def _event(
    meeting: PlannedMeeting, roles: Sequence[Role], domain: str, stamp: datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.number}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", meeting.agenda.title)
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end)
    event.add("description", _agenda_text(meeting, roles))
    event.add("categories", [_("Round table")])
    event.add("transp", "OPAQUE")
    return event


def _agenda_text(meeting: PlannedMeeting, roles: Sequence[Role]) -> str:
    lines = [
        _("Meeting {number}, at most {minutes} minutes.").format(
            number=meeting.number, minutes=meeting.minutes
        ),
        "",
        _("Agenda:"),
    ]
    for index, item in enumerate(meeting.agenda.items, start=1):
        minutes = ngettext("{count} minute", "{count} minutes", item.minutes).format(
            count=item.minutes
        )
        lines.append(f"{index}. {item.title} ({minutes}, {owner_title(item.role, roles)})")
    return "\n".join(lines)


def _todo(action: ActionItem, data: CalendarInput, domain: str, stamp: datetime) -> icalendar.Todo:
    todo = icalendar.Todo()
    todo.add("uid", f"action-{action.ref.lower()}@{domain}")
    todo.add("dtstamp", stamp)
    todo.add("summary", f"{action.ref}: {action.text}")
    if action.due is not None:
        todo.add("due", action.due)
    todo.add("status", _STATUS[action.status])
    todo.add("created", action.opened_at.astimezone(UTC))
    changed = action.closed_at or action.opened_at
    todo.add("last-modified", changed.astimezone(UTC))
    if action.status is ActionStatus.DONE and action.closed_at is not None:
        todo.add("completed", action.closed_at.astimezone(UTC))
        todo.add("percent-complete", 100)
    todo.add("description", _todo_text(action, data))
    todo.add("categories", [_("Action item")])
    return todo


def _todo_text(action: ActionItem, data: CalendarInput) -> str:
    lines = [_("Owner: {owner}").format(owner=owner_title(action.owner, data.roles))]
    number = None if action.meeting_id is None else data.meeting_numbers.get(action.meeting_id)
    opened = format_date(action.opened_at.astimezone(data.zone).date(), language=None)
    if number is not None:
        lines.append(_("Agreed in meeting {number} on {date}.").format(number=number, date=opened))
    else:
        lines.append(_("Written down on {date}.").format(date=opened))
    if action.status is ActionStatus.OPEN:
        lines.append(_("Close it with: roundtable done {ref}").format(ref=action.ref))
    return "\n".join(lines)
