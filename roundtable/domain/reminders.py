"""Reminders: per person, what is overdue and what falls due before the next meeting.

An item owned by a role reminds each of the role's holders; an item owned by a person
reminds that person. An item nobody owns reminds nobody (the meeting's review shows it).
The window ends at the next meeting (the items the meeting will ask about), or `days`
from today when the person asks for that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from roundtable.domain.config import Role
from roundtable.domain.entries import ActionItem, ActionStatus
from roundtable.domain.l10n import format_date
from roundtable.domain.people import owner_title, people_of
from roundtable.domain.text import single_line
from roundtable.i18n import _, ngettext

__all__ = [
    "DEFAULT_DAYS",
    "Reminder",
    "gather_reminders",
    "reminder_items",
    "reminder_subject",
    "reminder_text",
    "window_end",
]

DEFAULT_DAYS = 7
"""The window when no next meeting is known (before the first one)."""


@dataclass(frozen=True)
class Reminder:
    """One person's reminder."""

    person: str
    overdue: tuple[ActionItem, ...]
    due_soon: tuple[ActionItem, ...]
    until: date
    """The last day of the window `due_soon` covers."""
    next_meeting: date | None

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon)


def window_end(today: date, next_meeting: date | None, days: int | None) -> date:
    """The last day whose items count as due soon."""
    if days is not None:
        return today + timedelta(days=days)
    if next_meeting is not None:
        return next_meeting
    return today + timedelta(days=DEFAULT_DAYS)


def gather_reminders(
    actions: Iterable[ActionItem],
    roles: Sequence[Role],
    today: date,
    until: date,
    next_meeting: date | None,
    people: frozenset[str] | None = None,
) -> list[Reminder]:
    """Everyone with something overdue or due by `until`, by name; only `people` (names,
    compared ignoring case and spaces) when given."""
    wanted = None if people is None else {_folded(name) for name in people}
    overdue: dict[str, list[ActionItem]] = {}
    soon: dict[str, list[ActionItem]] = {}
    names: dict[str, str] = {}
    for action in actions:
        if action.status is not ActionStatus.OPEN or action.due is None or action.due > until:
            continue
        bucket = overdue if action.due < today else soon
        for person in people_of(action.owner, roles):
            key = _folded(person)
            if wanted is not None and key not in wanted:
                continue
            names.setdefault(key, person)
            bucket.setdefault(key, []).append(action)
    return [
        Reminder(
            names[key],
            tuple(_by_due(overdue.get(key, []))),
            tuple(_by_due(soon.get(key, []))),
            until,
            next_meeting,
        )
        for key in sorted(names)
    ]


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _by_due(items: list[ActionItem]) -> list[ActionItem]:
    return sorted(items, key=lambda item: (item.due or date.max, item.id))


def reminder_subject(reminder: Reminder, team: str) -> str:
    """A mail subject that says at a glance how bad it is."""
    if reminder.overdue:
        return ngettext(
            "{team}: {count} action item overdue",
            "{team}: {count} action items overdue",
            len(reminder.overdue),
        ).format(team=team, count=len(reminder.overdue))
    return ngettext(
        "{team}: {count} action item due soon",
        "{team}: {count} action items due soon",
        len(reminder.due_soon),
    ).format(team=team, count=len(reminder.due_soon))


def reminder_text(reminder: Reminder, roles: Sequence[Role], today: date) -> str:
    """The reminder as a mail's plain-text body: a greeting, the items, how to close them."""
    lines = [_("Hello {person},").format(person=single_line(reminder.person)), ""]
    lines.extend(reminder_items(reminder, roles, today))
    lines.append(_("Mark an item done with: roundtable done A-1 A-2 …"))
    return "\n".join(lines) + "\n"


def reminder_items(reminder: Reminder, roles: Sequence[Role], today: date) -> list[str]:
    """The overdue and the soon-due items under a heading each, a blank line after each
    group: the part the terminal shows under the person's name."""
    lines: list[str] = []
    if reminder.overdue:
        lines.append(
            ngettext(
                "{count} action item is overdue:",
                "{count} action items are overdue:",
                len(reminder.overdue),
            ).format(count=len(reminder.overdue))
        )
        lines.extend(_line(item, roles, today) for item in reminder.overdue)
        lines.append("")
    if reminder.due_soon:
        if reminder.next_meeting is not None and reminder.until == reminder.next_meeting:
            heading = _("Due by the next meeting on {date}:")
        else:
            heading = _("Due by {date}:")
        lines.append(heading.format(date=format_date(reminder.until)))
        lines.extend(_line(item, roles, today) for item in reminder.due_soon)
        lines.append("")
    return lines


def _line(item: ActionItem, roles: Sequence[Role], today: date) -> str:
    assert item.due is not None  # only dated items are reminded of
    if item.due < today:
        late = (today - item.due).days
        when = ngettext(
            "due {date}, {count} day late", "due {date}, {count} days late", late
        ).format(date=format_date(item.due), count=late)
    else:
        when = _("due {date}").format(date=format_date(item.due))
    owner = owner_title(item.owner, roles)
    return f"  {item.ref}  {single_line(item.text)} ({when}; {owner})"
