"""Dates the meeting talks about: when it meets next, and due dates typed into forms.

A due date is typed the way people say it in the meeting, in German or English
whatever the app's language: every form `date_input.read_typed_date` reads (`9.12.`,
`+7t`, `+2W`, `Freitag`, `next week`, `Dec 9` …), the current language's shown form
(`l10n.read_date`: `Dec 1, 2026`, `1. Dez. 2026`), and `next meeting` (also just `next`;
`nächste Sitzung`, `nächstes Meeting`, `nächste`). An empty text is an error too: a
form whose due date is optional checks for that before calling `parse_due`.

Dates in the past are accepted when typed with their year: minutes are sometimes
written up after the fact, and an action item that was due last week is still a fact
worth recording. Anything else raises `UsageError` naming the accepted forms.
"""

from __future__ import annotations

from datetime import date

from roundtable.domain.cadence import next_meeting_date
from roundtable.domain.date_input import ImpossibleDate, date_words, read_typed_date
from roundtable.domain.l10n import read_date, typed_date_example
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["accepted_due_forms", "due_words", "next_meeting_date", "parse_due"]

_NEXT_MEETING = {
    "next",
    "next meeting",
    "nächste",
    "nächstes",
    "nächste sitzung",
    "nächstes meeting",
    "nächste besprechung",
}
# Long enough to recognise what was typed, short enough for one line of a message.
_ECHO_LIMIT = 40


def accepted_due_forms() -> str:
    """The due-date forms `parse_due` understands, in words for a form's hint line."""
    return _(
        "a date like {date} or 9.12., +7 (days), +2w (weeks), a weekday like friday, "
        "today, tomorrow, next week (its Monday) or next meeting"
    ).format(date=typed_date_example())


def due_words() -> list[str]:
    """Whole words `parse_due` takes, for the due field's type-ahead (`Freitag`,
    `nächste Sitzung`, `next meeting` …), the current language's first."""
    words = date_words()
    # After the day words, so `nächste` offers `nächste Woche` first, as `next` does.
    meeting = ["next meeting", "nächste Sitzung"]
    return [*words, *(meeting if words[0] == "today" else reversed(meeting))]


def _echo(text: str) -> str:
    """What the user typed, safe and short enough to quote back in a message."""
    shown = single_line(text)
    if len(shown) > _ECHO_LIMIT:
        shown = shown[: _ECHO_LIMIT - 1] + "…"
    return shown


def parse_due(text: str, today: date, next_meeting: date) -> date:
    """The due date meant by `text`, read relative to `today` and the next meeting."""
    words = " ".join(text.lower().split())
    if words in _NEXT_MEETING:
        return next_meeting
    if not words:
        message = _("The due date is empty; use {forms}.")
        raise UsageError(message.format(forms=accepted_due_forms()))
    try:
        found = read_typed_date(text, today) or read_date(text)
    except ImpossibleDate as error:
        if "+" in words:
            message = _('The due date "{text}" is too far ahead; use {forms}.')
        else:
            message = _('There is no date "{text}" in the calendar; use {forms}.')
        raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms())) from error
    except UsageError:
        message = _('There is no date "{text}" in the calendar; use {forms}.')
        raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms())) from None
    if found is not None:
        return found
    message = _('Cannot read the due date "{text}"; use {forms}.')
    raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms()))
