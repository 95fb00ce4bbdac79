"""Dates the meeting talks about: when it meets next, and due dates typed into forms.

A due date can be typed the way people say it in the meeting: a calendar date
(`2026-12-01`, or the current language's own form: `01.12.2026` in German, see
`l10n.read_date`), an offset from today (`+7d`, `+2w`), `today`, `tomorrow`, or
`next meeting` (also just `next`); the German words `heute`, `morgen` and
`nächste Sitzung` / `nächstes Meeting` (also just `nächste`) are read in every language,
since a team may type either. Case and surrounding spaces do not matter, nor a
space before the unit of an offset (`+7 d`). An empty text is an error too: a form
whose due date is optional checks for that before calling `parse_due`.

Dates in the past are accepted on purpose: minutes are sometimes written up after the
fact, and an action item that was due last week is still a fact worth recording.
`+0d` and `+0w` mean today. Anything else raises `UsageError` naming the accepted forms.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from roundtable.domain.config import Cadence
from roundtable.domain.l10n import read_date, typed_date_example
from roundtable.domain.text import single_line
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["accepted_due_forms", "next_meeting_date", "parse_due"]

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_OFFSET = re.compile(r"\+([0-9]{1,6}) ?([dw])")
_TODAY = {"today", "heute"}
_TOMORROW = {"tomorrow", "morgen"}
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


def next_meeting_date(last: date, cadence: Cadence) -> date:
    """The date of the meeting after the one on `last`: a week or two weeks later."""
    return last + timedelta(days=cadence.days)


def accepted_due_forms() -> str:
    """The due-date forms `parse_due` understands, in words for a form's hint line."""
    return _("a date like {date}, +7d, +2w, today, tomorrow or next meeting").format(
        date=typed_date_example()
    )


def _echo(text: str) -> str:
    """What the user typed, safe and short enough to quote back in a message."""
    shown = single_line(text)
    if len(shown) > _ECHO_LIMIT:
        shown = shown[: _ECHO_LIMIT - 1] + "…"
    return shown


def parse_due(text: str, today: date, next_meeting: date) -> date:
    """The due date meant by `text`, read relative to `today` and the next meeting."""
    words = " ".join(text.lower().split())
    if words in _TODAY:
        return today
    if words in _TOMORROW:
        return today + timedelta(days=1)
    if words in _NEXT_MEETING:
        return next_meeting
    iso = _ISO.fullmatch(words)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
        try:
            return date(year, month, day)
        except ValueError:
            message = _('There is no date "{text}" in the calendar; use {forms}.')
            raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms())) from None
    offset = _OFFSET.fullmatch(words)
    if offset is not None:
        count, unit = int(offset.group(1)), offset.group(2)
        days = count * 7 if unit == "w" else count
        try:
            return today + timedelta(days=days)
        except OverflowError:
            message = _('The due date "{text}" is too far ahead; use {forms}.')
            raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms())) from None
    try:
        local = read_date(text)
    except UsageError:
        message = _('There is no date "{text}" in the calendar; use {forms}.')
        raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms())) from None
    if local is not None:
        return local
    if not words:
        message = _("The due date is empty; use {forms}.")
        raise UsageError(message.format(forms=accepted_due_forms()))
    message = _('Cannot read the due date "{text}"; use {forms}.')
    raise UsageError(message.format(text=_echo(text), forms=accepted_due_forms()))
