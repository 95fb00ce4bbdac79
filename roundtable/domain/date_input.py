"""Reading a date the way people type it in the meeting, in German or English.

One reader for every field where a date is typed (an action item's due date, a re-date,
a campaign's start and end), so every form and command takes the same forms:

- calendar dates: ISO `2026-12-09`; German `9.12.`, `09.12.`, `9.12.26`, `09.12.2026`;
  month names in either language: `Dec 9`, `9 Dec`, `December 9, 2026`, `9. Dez`,
  `9. Dezember 2026`;
- offsets from today: `+7` (days), `+7d` / `+7t` (days, "Tage"), `+2w` (weeks, also
  "Wochen"), any case, a space allowed before the unit;
- weekdays in either language: `friday`, `fri`, `Freitag`, `Fr` (also `next friday`,
  `nächsten Freitag`) mean the next such day, never today: on a Friday, `friday` is a
  week ahead, because a task given out today is not due today by naming the weekday;
- words: `today` / `heute`, `tomorrow` / `morgen`, `übermorgen`, and `next week` /
  `nächste Woche`, which is the Monday of next week.

German and English are both read whatever language the app speaks: a German team
types `Freitag` into an English app and the other way round.

A date typed without a year that has already passed this year means next year: in
December, `15.01.` is January of the coming year, since nobody types a due date of
eleven months ago by day and month alone. Today is not passed. Slash dates (`12/01`)
are not read at all: day-first and month-first cannot be told apart.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from roundtable.errors import UsageError
from roundtable.i18n import _, current_language

__all__ = ["ImpossibleDate", "accepted_date_words", "date_words", "read_typed_date"]

_LANGUAGES = ("en", "de")
_MAX_OFFSET_DIGITS = 6

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# `9.12.`, `09.12.`, `9.12.26`, `09.12.2026` (the dot after the month may be left off
# only when a year follows it).
_DOTTED = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})(?:\.([0-9]{2}|[0-9]{4})?)")
_OFFSET = re.compile(r"\+ ?([0-9]{1,6}) ?([a-zäöü]*)")
_DAY_UNITS = {"", "d", "t", "day", "days", "tag", "tage", "tagen"}
_WEEK_UNITS = {"w", "wk", "wks", "week", "weeks", "woche", "wochen"}
# A weekday or a month may be led by words that do not change the day meant.
_LEADING = re.compile(
    r"(?:next|this|on|coming|nächsten|nächster|nächste|kommenden|kommender|am|diesen)\s+"
)
_NUMBER = r"([0-9]{1,2})(?:st|nd|rd|th|\.)?"
_NAME = r"([^\W\d_]+)\.?"
_YEAR = r"(?:,?\s+([0-9]{4}))?"
_MONTH_FIRST = re.compile(rf"{_NAME}\s+{_NUMBER}{_YEAR}")
_DAY_FIRST = re.compile(rf"{_NUMBER}\s*{_NAME}{_YEAR}")

_TODAY = {"today", "heute"}
_TOMORROW = {"tomorrow", "morgen"}
_DAY_AFTER_TOMORROW = {"übermorgen", "day after tomorrow"}
_NEXT_WEEK = {"next week", "nächste woche", "kommende woche", "in a week"}
# English abbreviations people write besides the three-letter ones.
_EXTRA_WEEKDAYS = {"tues": 1, "thur": 3, "thurs": 3, "weds": 2}


class ImpossibleDate(UsageError):
    """Text written like a date that is not in the calendar (`31.02.`), or too far off."""


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    """Every way either language names a weekday (`fri`, `friday`, `fr`, `freitag`) →
    Monday 0 … Sunday 6."""
    from babel import dates as babel_dates  # when first needed, as in `l10n`

    names: dict[str, int] = dict(_EXTRA_WEEKDAYS)
    for language in _LANGUAGES:
        for width in ("abbreviated", "wide", "short"):
            for context in ("format", "stand-alone"):
                days = babel_dates.get_day_names(width, context, locale=language)
                for number, name in days.items():
                    names[name.lower().rstrip(".")] = number
    return names


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Every way either language names a month (`dec`, `december`, `dez`, `dezember`,
    `sept`, `mär`, `märz`) → 1 … 12."""
    from babel import dates as babel_dates

    names: dict[str, int] = {"sept": 9, "maerz": 3}
    for language in _LANGUAGES:
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                months = babel_dates.get_month_names(width, context, locale=language)
                for number, name in months.items():
                    names[name.lower().rstrip(".")] = number
    return names


def date_words() -> list[str]:
    """Whole words `read_typed_date` takes, for a field's type-ahead: the current
    language's first (`Freitag` before `friday` in German), then the other's."""
    from babel import dates as babel_dates

    words: dict[str, list[str]] = {
        "en": ["today", "tomorrow", "next week"],
        "de": ["heute", "morgen", "übermorgen", "nächste Woche"],
    }
    for language in _LANGUAGES:
        days = babel_dates.get_day_names("wide", "format", locale=language)
        words[language].extend(days[number] for number in range(7))
    first = current_language() if current_language() in words else "en"
    return [*words[first], *(w for lang in _LANGUAGES if lang != first for w in words[lang])]


def accepted_date_words() -> str:
    """The forms `read_typed_date` takes, in words for a hint or an error message."""
    return _(
        "09.12.2026, 9.12., +7 (days), +2w (weeks), a weekday like friday, today, "
        "tomorrow, next week (its Monday)"
    )


def read_typed_date(text: str, today: date) -> date | None:
    """The date `text` means, read relative to `today`; None when it is not written
    like a date at all (the caller names the field and the accepted forms). Raises
    `ImpossibleDate` for a date-shaped text that is not in the calendar."""
    words = " ".join(text.lower().split())
    if not words:
        return None
    return (
        _word(words, today)
        or _offset(words, today)
        or _numeric(words, today)
        or _weekday(words, today)
        or _named_month(words, today)
    )


def _word(words: str, today: date) -> date | None:
    if words in _TODAY:
        return today
    if words in _TOMORROW:
        return today + timedelta(days=1)
    if words in _DAY_AFTER_TOMORROW:
        return today + timedelta(days=2)
    if words in _NEXT_WEEK:
        return today + timedelta(days=7 - today.weekday())
    return None


def _offset(words: str, today: date) -> date | None:
    found = _OFFSET.fullmatch(words)
    if found is None:
        return None
    count, unit = int(found.group(1)), found.group(2)
    if unit in _DAY_UNITS:
        days = count
    elif unit in _WEEK_UNITS:
        days = count * 7
    else:
        return None
    try:
        return today + timedelta(days=days)
    except OverflowError:
        raise ImpossibleDate(_("“{text}” is too far ahead.").format(text=words)) from None


def _calendar(year: int, month: int, day: int, words: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ImpossibleDate(
            _("There is no date “{text}” in the calendar.").format(text=words)
        ) from None


def _without_year(month: int, day: int, today: date, words: str) -> date:
    """The day and month in this year, or in the next if it has passed already."""
    if (month, day) == (2, 29):
        # A leap day typed without a year: the next one that exists.
        year = today.year
        while True:
            try:
                leap = date(year, 2, 29)
            except ValueError:
                year += 1
                continue
            if leap >= today:
                return leap
            year += 1
    this_year = _calendar(today.year, month, day, words)
    if this_year >= today:
        return this_year
    return _calendar(today.year + 1, month, day, words)


def _full_year(year: str) -> int:
    # Two digits are this century: `9.12.26` is 2026.
    return 2000 + int(year) if len(year) == 2 else int(year)


def _numeric(words: str, today: date) -> date | None:
    iso = _ISO.fullmatch(words)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
        return _calendar(year, month, day, words)
    dotted = _DOTTED.fullmatch(words)
    if dotted is None:
        return None
    typed_day, typed_month, typed_year = dotted.groups()
    if typed_year is None:
        return _without_year(int(typed_month), int(typed_day), today, words)
    return _calendar(_full_year(typed_year), int(typed_month), int(typed_day), words)


def _weekday(words: str, today: date) -> date | None:
    name = _LEADING.sub("", words, count=1).rstrip(".")
    weekday = _weekdays().get(name)
    if weekday is None:
        return None
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _named_month(words: str, today: date) -> date | None:
    cleaned = _LEADING.sub("", words, count=1)
    month_first = _MONTH_FIRST.fullmatch(cleaned)
    day_first = _DAY_FIRST.fullmatch(cleaned)
    if month_first is not None:
        name, day, year = month_first.groups()
    elif day_first is not None:
        day, name, year = day_first.groups()
    else:
        return None
    month = _months().get(name.rstrip("."))
    if month is None:
        return None
    if year is None:
        return _without_year(month, int(day), today, words)
    return _calendar(int(year), month, int(day), words)
