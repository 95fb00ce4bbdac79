"""Dates typed the way people say them, in German or English, read against an injected
today (`date_input.read_typed_date`, behind every date field and `parse_due`)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.domain.campaigns.input import parse_day
from roundtable.domain.campaigns.model import FieldError
from roundtable.domain.date_input import ImpossibleDate, accepted_date_words, read_typed_date
from roundtable.domain.dates import parse_due
from roundtable.domain.l10n import parse_amount
from roundtable.errors import UsageError
from roundtable.i18n import set_language

TODAY = date(2026, 12, 2)  # a Wednesday
NEXT_MEETING = date(2026, 12, 9)


def read(text: str, today: date = TODAY) -> date | None:
    return read_typed_date(text, today)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-09", date(2026, 12, 9)),
        ("9.12.", date(2026, 12, 9)),
        ("09.12.", date(2026, 12, 9)),
        ("9.12.26", date(2026, 12, 9)),
        ("09.12.2026", date(2026, 12, 9)),
        ("15.12.", date(2026, 12, 15)),
        ("Dec 9", date(2026, 12, 9)),
        ("9 Dec", date(2026, 12, 9)),
        ("dec 9th", date(2026, 12, 9)),
        ("December 9, 2026", date(2026, 12, 9)),
        ("9. Dez", date(2026, 12, 9)),
        ("9. Dez.", date(2026, 12, 9)),
        ("9. Dezember", date(2026, 12, 9)),
        ("9. Dezember 2027", date(2027, 12, 9)),
    ],
)
def test_calendar_dates_in_either_language(text: str, expected: date) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("+7", 7),
        ("+7d", 7),
        ("+7D", 7),
        ("+7t", 7),
        ("+7T", 7),
        ("+7 Tage", 7),
        ("+2w", 14),
        ("+2W", 14),
        ("+2 Wochen", 14),
        ("+ 3 d", 3),
        ("+0", 0),
    ],
)
def test_offsets_in_days_or_weeks_tage_or_wochen(text: str, days: int) -> None:
    assert read(text) == date.fromordinal(TODAY.toordinal() + days)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", date(2026, 12, 4)),
        ("fri", date(2026, 12, 4)),
        ("Freitag", date(2026, 12, 4)),
        ("Fr", date(2026, 12, 4)),
        ("Fr.", date(2026, 12, 4)),
        ("next friday", date(2026, 12, 4)),
        ("nächsten Freitag", date(2026, 12, 4)),
        ("monday", date(2026, 12, 7)),
        ("Mo", date(2026, 12, 7)),
        ("Donnerstag", date(2026, 12, 3)),
        ("thurs", date(2026, 12, 3)),
        # The weekday of today is a week ahead, never today.
        ("wednesday", date(2026, 12, 9)),
        ("Mittwoch", date(2026, 12, 9)),
        ("Mi", date(2026, 12, 9)),
    ],
)
def test_weekdays_are_the_next_such_day_never_today(text: str, expected: date) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("heute", TODAY),
        ("Tomorrow", date(2026, 12, 3)),
        ("morgen", date(2026, 12, 3)),
        ("übermorgen", date(2026, 12, 4)),
        ("next week", date(2026, 12, 7)),
        ("nächste Woche", date(2026, 12, 7)),
    ],
)
def test_words(text: str, expected: date) -> None:
    assert read(text) == expected


def test_next_week_is_its_monday_from_any_day() -> None:
    for offset in range(7):
        today = date(2026, 11, 30 + offset) if offset < 1 else date(2026, 12, offset)
        monday = read("next week", today)
        assert monday is not None
        assert monday.weekday() == 0
        assert 1 <= (monday - today).days <= 7


def test_a_passed_date_without_year_is_next_year() -> None:
    assert read("1.12.") == date(2027, 12, 1)
    assert read("Jan 15") == date(2027, 1, 15)
    assert read("15.01.") == date(2027, 1, 15)
    assert read("2.12.") == TODAY  # today has not passed
    assert read("29.2.") == date(2028, 2, 29)  # the next leap day
    # With a year, a past date stays in the past (minutes written up afterwards).
    assert read("1.12.2026") == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["31.02.", "30.2.2026", "2026-02-30", "32 Dec", "+9999999"])
def test_impossible_dates_are_refused_or_not_dates(text: str) -> None:
    try:
        found = read(text)
    except ImpossibleDate as error:
        assert error.message
    else:
        assert found is None


@pytest.mark.parametrize(
    "text", ["", "  ", "12/01/2026", "9.12", "frida", "+2m", "-3d", "xyz", "Dec", "9"]
)
def test_what_is_not_a_date_is_none(text: str) -> None:
    assert read(text) is None


@given(st.text(max_size=20))
def test_any_text_gives_a_date_none_or_a_usage_error(text: str) -> None:
    try:
        found = read(text)
    except UsageError as error:
        assert error.message
    else:
        assert found is None or isinstance(found, date)


def test_german_forms_are_read_in_an_english_app_and_english_in_a_german_one() -> None:
    assert parse_due("Freitag", TODAY, NEXT_MEETING) == date(2026, 12, 4)
    set_language("de")
    try:
        assert parse_due("friday", TODAY, NEXT_MEETING) == date(2026, 12, 4)
        assert parse_due("Dec 9", TODAY, NEXT_MEETING) == date(2026, 12, 9)
        assert parse_due("nächste Sitzung", TODAY, NEXT_MEETING) == NEXT_MEETING
    finally:
        set_language("en")


def test_bad_input_names_the_field_and_the_forms() -> None:
    with pytest.raises(UsageError) as caught:
        parse_due("irgendwann", TODAY, NEXT_MEETING)
    assert "due date" in caught.value.message
    assert "friday" in caught.value.message
    with pytest.raises(FieldError) as field_error:
        parse_day("irgendwann", "start", TODAY)
    assert field_error.value.field == "start"
    assert accepted_date_words() in field_error.value.message


def test_campaign_dates_take_the_typed_forms() -> None:
    assert parse_day("15.12.", "start", TODAY) == date(2026, 12, 15)
    assert parse_day("+2w", "end", TODAY) == date(2026, 12, 16)
    assert parse_day("2026-03-12", "start") == date(2026, 3, 12)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("30.000,00", "30000.00"), ("1.234,5", "1234.5"), ("1234,5", "1234.5"), ("12", "12")],
)
def test_german_amounts_are_read(text: str, amount: str) -> None:
    from decimal import Decimal

    assert parse_amount(text, language="de") == Decimal(amount)
