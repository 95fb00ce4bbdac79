"""The next meetings, by the team's cadence: what the calendar shows and the reminders
count down to.

The next meeting follows the latest one by the cadence the team holds now (see
`cadence`), on the same weekday and at the same wall-clock time in the team's zone,
from the same agenda (the first agenda when that one is gone from the config). Before
the first meeting nothing is known about the weekday, so nothing is planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from roundtable.domain.cadence import cadence_for_new_meeting, upcoming_meeting_date
from roundtable.domain.config import Agenda, TeamConfig
from roundtable.domain.meeting import Meeting

__all__ = ["PlannedMeeting", "next_meetings"]


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting still to come."""

    number: int
    """The number it will get (`roundtable meetings` counts on from the latest)."""
    agenda: Agenda
    start: datetime
    """In the team's zone."""
    minutes: int

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def next_meetings(
    latest: Meeting | None, config: TeamConfig, today: date, zone: tzinfo, count: int
) -> list[PlannedMeeting]:
    """The next `count` meetings from today on (a meeting held today counts as held)."""
    if latest is None or count < 1:
        return []
    agenda = config.agenda(latest.agenda_id) or (config.agendas[0] if config.agendas else None)
    if agenda is None:
        return []
    cadence = cadence_for_new_meeting(agenda, latest, config)
    held = latest.started_at.astimezone(zone)
    # A meeting held today (or still running) is held: the next is a cadence later.
    first = upcoming_meeting_date(held.date(), cadence, today)
    planned = []
    for step in range(count):
        day = first + timedelta(days=step * cadence.days)
        start = _at(day, held.time().replace(second=0, microsecond=0, tzinfo=None), zone)
        planned.append(
            PlannedMeeting(latest.number + 1 + step, agenda, start, agenda.timebox_minutes)
        )
    return planned


def _at(day: date, clock: time, zone: tzinfo) -> datetime:
    """`clock` on `day` in `zone`; a wall-clock time skipped by a daylight-saving change
    comes out as what the zone makes of it (an hour later), which calendars expect."""
    return datetime.combine(day, clock, tzinfo=zone)
