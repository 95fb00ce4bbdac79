"""Meeting dates and the due dates typed into the action-item form."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.domain.config import Cadence
from roundtable.domain.dates import accepted_due_forms, next_meeting_date, parse_due
from roundtable.errors import UsageError
from roundtable.i18n import set_language

TODAY = date(2026, 3, 4)  # a Wednesday round table
NEXT_MEETING = date(2026, 3, 18)


def due(text: str) -> date:
    return parse_due(text, TODAY, NEXT_MEETING)


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [(Cadence.WEEKLY, date(2026, 3, 11)), (Cadence.BIWEEKLY, date(2026, 3, 18))],
)
def test_next_meeting_date_follows_the_cadence(cadence: Cadence, expected: date) -> None:
    assert next_meeting_date(TODAY, cadence) == expected


def test_next_meeting_date_crosses_month_and_year() -> None:
    assert next_meeting_date(date(2026, 12, 23), Cadence.BIWEEKLY) == date(2027, 1, 6)
    assert next_meeting_date(date(2028, 2, 24), Cadence.WEEKLY) == date(2028, 3, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2028-02-29", date(2028, 2, 29)),
        ("+7d", date(2026, 3, 11)),
        ("+1d", date(2026, 3, 5)),
        ("+30d", date(2026, 4, 3)),
        ("+2w", date(2026, 3, 18)),
        ("+0d", TODAY),
        ("+0w", TODAY),
        ("+7 d", date(2026, 3, 11)),
        ("today", TODAY),
        ("tomorrow", date(2026, 3, 5)),
        ("next meeting", NEXT_MEETING),
        ("next", NEXT_MEETING),
    ],
)
def test_every_accepted_form(text: str, expected: date) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Today ", TODAY),
        ("TOMORROW", date(2026, 3, 5)),
        ("Next Meeting", NEXT_MEETING),
        ("next   meeting", NEXT_MEETING),
        ("\tNEXT\n", NEXT_MEETING),
        ("+2W", date(2026, 3, 18)),
        (" +7D ", date(2026, 3, 11)),
    ],
)
def test_case_and_spaces_do_not_matter(text: str, expected: date) -> None:
    assert due(text) == expected


def test_past_dates_are_accepted() -> None:
    # Minutes written up after the meeting may record an item that was already due.
    assert due("2026-02-27") == date(2026, 2, 27)


@pytest.mark.parametrize("text", ["2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10"])
def test_impossible_calendar_dates_are_refused(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        due(text)
    assert f'There is no date "{text}" in the calendar' in caught.value.message
    assert accepted_due_forms() in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "12/01/2026",  # month or day first? Not guessed in any language
        "20261201",
        "2026-W49-1",
        "7d",
        "-3d",
        "+2m",
        "+1.5w",
        "+٣d",  # digits from another script are not ours to guess
        "yesterday",
        "todayy",
    ],
)
def test_unreadable_text_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        due(text)
    message = caught.value.message
    assert message.startswith(f'Cannot read the due date "{text}"')
    assert accepted_due_forms() in message
    for form in ("2026-12-01", "9.12.", "+7", "+2w", "friday", "next week", "next meeting"):
        assert form in message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(UsageError, match="The due date is empty"):
        due(text)


def test_offset_too_far_ahead_is_refused_not_crashing() -> None:
    with pytest.raises(UsageError, match=r'The due date "\+999999w" is too far ahead'):
        due("+999999w")
    with pytest.raises(UsageError, match="Cannot read"):
        due("+1234567d")


def test_odd_text_is_quoted_back_safely() -> None:
    with pytest.raises(UsageError) as caught:
        due("\x1b[2J morgen " + "x" * 200)
    message = caught.value.message
    assert "\x1b" not in message
    assert "\\x1b[2J morgen" in message
    assert "x" * 50 not in message
    assert "…" in message


@given(st.text(max_size=30))
def test_any_text_gives_a_date_or_a_usage_error(text: str) -> None:
    try:
        result = due(text)
    except UsageError as error:
        assert error.message
        assert accepted_due_forms() in error.message
    else:
        assert isinstance(result, date)


@given(st.integers(0, 5000), st.sampled_from(["d", "w"]))
def test_offsets_count_from_today(count: int, unit: str) -> None:
    days = count * (7 if unit == "w" else 1)
    assert (due(f"+{count}{unit}") - TODAY).days == days


# --- in German ---------------------------------------------------------------------------


@pytest.fixture
def german() -> Iterator[None]:
    set_language("de")
    try:
        yield
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.12.2026", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        (" 18.03.2026 ", NEXT_MEETING),
        ("1. Dezember 2026", date(2026, 12, 1)),
        ("2026-12-01", date(2026, 12, 1)),  # ISO stays understood
        ("+2w", date(2026, 3, 18)),
        ("next meeting", NEXT_MEETING),  # English keywords are read in every language
        ("heute", TODAY),
        ("Morgen", date(2026, 3, 5)),
        ("nächste Sitzung", NEXT_MEETING),
        ("  Nächstes   Meeting ", NEXT_MEETING),
        ("nächste", NEXT_MEETING),
    ],
)
def test_german_date_forms_are_read_in_german(german: None, text: str, expected: date) -> None:
    assert due(text) == expected


def test_the_accepted_forms_show_the_german_date_in_german(german: None) -> None:
    forms = accepted_due_forms()
    for form in ("01.12.2026", "9.12.", "+7", "+2W", "Freitag", "heute", "nächste Woche"):
        assert form in forms
    with pytest.raises(UsageError) as caught:
        due("31.02.2026")
    assert caught.value.message.startswith("Das Datum „31.02.2026“ gibt es im Kalender nicht")
    with pytest.raises(UsageError) as caught:
        due("12/01/2026")
    assert caught.value.message.startswith("Das Fälligkeitsdatum „12/01/2026“ ist nicht lesbar")
    assert "01.12.2026" in caught.value.message


def test_english_reads_the_date_as_it_is_shown() -> None:
    assert due("Dec 1, 2026") == date(2026, 12, 1)
    assert accepted_due_forms().startswith("a date like 2026-12-01 or 9.12., +7 (days)")
