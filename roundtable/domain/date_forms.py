"""The medium date in roundtable's languages, written out: `Nov 22, 2026` in English,
`22.11.2026` in German, exactly as Babel writes CLDR's medium form (`MMM d, y` and
`dd.MM.y`).

Listings print hundreds of due dates; loading Babel and its locale data only to write
them cost `roundtable actions` more than reading the store. `l10n.format_date` takes
the form from here and asks Babel for every other style and language. The test
(tests/unit/test_date_forms.py) holds both languages to Babel's output, every day of
the years a store holds, so a newer CLDR that writes them differently fails it.
"""

from __future__ import annotations

from datetime import date

__all__ = ["medium_date"]

_ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
"""CLDR's abbreviated month names in English (the format context)."""


def medium_date(day: date, language: str) -> str | None:
    """`day` in `language`'s medium form, as Babel writes it; None for a language whose
    form is not written out here."""
    if language == "en":
        return f"{_ENGLISH_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if language == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return None
