"""How often the round table meets, and which cadence a new meeting runs under.

The model, kept in the store with nothing beside it:

- Every meeting records the cadence it runs under (`Meeting.cadence`); it starts with the
  one `cadence_for_new_meeting` gives.
- The facilitator can change it during a meeting ("Change cadence"): the running meeting
  then records the new one. That is how the articles' team went from weekly to every two
  weeks, and the minutes of that meeting say so.
- A new meeting, from any agenda, runs under the cadence of the latest meeting if that
  meeting ran under another cadence than its own agenda's: the team changed it then or
  earlier, and a change holds for every agenda until the team changes it again. Otherwise
  the new meeting runs under its own agenda's cadence.
- Changing the cadence back to the agenda's hands the cadence back to the agenda files.

So the agenda file's `cadence:` is where a team starts. Once the team has changed the
cadence in a meeting, editing the file does not override that: change it in a meeting.

Default due dates and "next meeting" in the forms follow the cadence of the running
meeting (`next_meeting_date`).
"""

from __future__ import annotations

from datetime import date, timedelta

from roundtable.domain.config import Agenda, Cadence, TeamConfig
from roundtable.domain.meeting import Meeting

__all__ = [
    "cadence_for_new_meeting",
    "changed_cadence",
    "next_meeting_date",
    "upcoming_meeting_date",
]


def changed_cadence(latest: Meeting | None, config: TeamConfig) -> Cadence | None:
    """The cadence the team changed to and still holds, or None while the agendas' own
    cadences apply. `latest` is the latest meeting (the highest number), if any.

    A meeting whose agenda is gone from the config cannot be compared with it: its cadence
    counts as the team's.
    """
    if latest is None:
        return None
    agenda = config.agenda(latest.agenda_id)
    if agenda is None or agenda.cadence is not latest.cadence:
        return latest.cadence
    return None


def cadence_for_new_meeting(agenda: Agenda, latest: Meeting | None, config: TeamConfig) -> Cadence:
    """The cadence a meeting started now from `agenda` runs under."""
    return changed_cadence(latest, config) or agenda.cadence


def next_meeting_date(last: date, cadence: Cadence) -> date:
    """The date of the meeting after the one on `last`: a week or two weeks later."""
    return last + timedelta(days=cadence.days)


def upcoming_meeting_date(last: date, cadence: Cadence, today: date) -> date:
    """The first meeting day on or after `today` when the team met on `last` and meets at
    `cadence` ever since (`last + cadence` when that is still ahead)."""
    step = cadence.days
    following = last + timedelta(days=step)
    if following >= today:
        return following
    missed = -(-(today - following).days // step)  # ceiling division
    return following + timedelta(days=missed * step)
