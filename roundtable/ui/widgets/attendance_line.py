"""Who is at the table, in one line for the time box panel: the count, then whoever is
missing, dimmed, with the word (absent, excused), and the guests."""

from __future__ import annotations

from rich.text import Text

from roundtable.domain.meeting import Attendance, Meeting, attendance_word
from roundtable.domain.text import single_line
from roundtable.i18n import _, ngettext

__all__ = ["attendance_line"]


def attendance_line(meeting: Meeting) -> Text:
    """`Present: 5 of 7 · Jana Richter absent · Martin Keller excused · 1 guest`."""
    people = [a for a in meeting.attendees if not a.guest]
    present = sum(1 for a in people if a.present)
    line = Text(_("Present: {present} of {count}").format(present=present, count=len(people)))
    # Excused before absent: the room asks first about whoever did not say so.
    missing = sorted(
        (a for a in people if not a.present),
        key=lambda a: a.attendance is Attendance.ABSENT,
    )
    for person in missing:
        line.append(" · ")
        line.append(
            _("{name} {word}").format(
                name=single_line(person.name), word=attendance_word(person.attendance)
            ),
            style="dim",
        )
    guests = sum(1 for a in meeting.attendees if a.guest)
    if guests:
        line.append(" · ")
        line.append(ngettext("{count} guest", "{count} guests", guests).format(count=guests))
    return line
