"""The minutes' attendance: who was present, excused or absent, and the guests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roundtable.domain.meeting import Attendance, attendance_word
from roundtable.domain.minutes.text import cell_or_dash, md_table, text_or_dash
from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.domain.minutes.render import Minutes

__all__ = ["attendance_section"]

_ORDER = {Attendance.PRESENT: 0, Attendance.EXCUSED: 1, Attendance.ABSENT: 2}


def attendance_section(m: Minutes) -> str:
    """A table of the role holders (present first, then excused, then absent, each in
    the order they were listed), a line of counts, and the guests by name."""
    people = [a for a in m.meeting.attendees if not a.guest]
    guests = [a for a in m.meeting.attendees if a.guest]
    ordered = sorted(people, key=lambda a: _ORDER[a.attendance])
    rows = []
    for person in ordered:
        word = attendance_word(person.attendance)
        if person.attendance is Attendance.ABSENT:
            word = "**" + word + "**"
        rows.append([cell_or_dash(person.name), cell_or_dash(m.role_title(person.role)), word])
    parts = ["## " + _("Attendance")]
    if rows:
        counts = {kind: sum(1 for a in people if a.attendance is kind) for kind in Attendance}
        parts.append(
            _("Present: {present} · excused: {excused} · absent: {absent}").format(
                present=counts[Attendance.PRESENT],
                excused=counts[Attendance.EXCUSED],
                absent=counts[Attendance.ABSENT],
            )
        )
        parts.append(md_table([_("Name"), _("Role"), _("Attendance")], ["---"] * 3, rows))
    else:
        parts.append(_("No attendees were recorded."))
    if guests:
        parts.append(
            _("**Guests:** {names}").format(
                names=", ".join(text_or_dash(guest.name) for guest in guests)
            )
        )
    return "\n\n".join(parts)
