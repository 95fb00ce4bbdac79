"""Dates, times, numbers and money as German and English users read and type them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.domain import l10n
from roundtable.errors import UsageError
from roundtable.i18n import current_language, set_language

D = Decimal
SUNDAY = date(2026, 11, 22)


@pytest.fixture
def german() -> Iterator[None]:
    """The current language is German for one test, English again after it."""
    set_language("de")
    try:
        yield
    finally:
        set_language("en")


# --- showing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "medium", "short", "long"),
    [
        ("de", "22.11.2026", "22.11.26", "22. November 2026"),
        ("en", "Nov 22, 2026", "11/22/26", "November 22, 2026"),
    ],
)
def test_format_date_in_each_style(language: str, medium: str, short: str, long: str) -> None:
    assert l10n.format_date(SUNDAY, language=language) == medium
    assert l10n.format_date(SUNDAY, "short", language=language) == short
    assert l10n.format_date(SUNDAY, "long", language=language) == long


def test_format_date_of_a_datetime_is_its_day() -> None:
    assert l10n.format_date(datetime(2026, 1, 5, 23, 59), language="de") == "05.01.2026"


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "So., 22.11.2026"), ("en", "Sun, Nov 22, 2026")]
)
def test_format_day_leads_with_the_weekday(language: str, expected: str) -> None:
    assert l10n.format_day(SUNDAY, language=language) == expected


@pytest.mark.parametrize("language", ["de", "en"])
def test_format_time_is_24_hours_in_both(language: str) -> None:
    assert l10n.format_time(time(9, 5), language=language) == "09:05"
    assert l10n.format_time(time(14, 30, 59), language=language) == "14:30"
    # A datetime shows the clock it carries; converting to local time is the caller's.
    assert l10n.format_time(datetime(2026, 3, 4, 18, 0, tzinfo=UTC), language=language) == "18:00"


@pytest.mark.parametrize(
    ("number", "decimals", "de", "en"),
    [
        (1234567, None, "1.234.567", "1,234,567"),
        (0, None, "0", "0"),
        (-1500, None, "-1.500", "-1,500"),
        (D("1234.5"), None, "1.234,5", "1,234.5"),
        (D("0.125"), None, "0,125", "0.125"),  # every digit a Decimal has
        (D("1234.5"), 2, "1.234,50", "1,234.50"),
        (D("0.125"), 2, "0,12", "0.12"),  # half to even, as Python's own format rounds
        (D("0.135"), 2, "0,14", "0.14"),
        (D("999.5"), 0, "1.000", "1,000"),
    ],
)
def test_format_number(number: int | Decimal, decimals: int | None, de: str, en: str) -> None:
    assert l10n.format_number(number, decimals=decimals, language="de") == de
    assert l10n.format_number(number, decimals=decimals, language="en") == en


@pytest.mark.parametrize(
    ("amount", "currency", "de", "en"),
    [
        (D("1234.50"), "EUR", "1.234,50\xa0€", "€1,234.50"),
        (D("1234.5"), "EUR", "1.234,50\xa0€", "€1,234.50"),
        (D("12000"), "CHF", "12.000,00\xa0CHF", "CHF\xa012,000.00"),
        (D("0.01"), "USD", "0,01\xa0$", "$0.01"),
        (D("-500"), "EUR", "-500,00\xa0€", "-€500.00"),
    ],
)
def test_format_money(amount: Decimal, currency: str, de: str, en: str) -> None:
    assert l10n.format_money(amount, currency, language="de") == de
    assert l10n.format_money(amount, currency, language="en") == en


def test_format_money_is_exact() -> None:
    # A third decimal is shown, not rounded away; a float never enters.
    assert l10n.format_money(D("0.105"), "EUR", language="en") == "€0.105"
    huge = D("1000000000000000000000000000000.31")  # more digits than Decimal's default
    assert l10n.format_money(huge, "EUR", language="de").startswith("1.000.000.000.000.")
    assert l10n.format_money(huge, "EUR", language="de").endswith(",31\xa0€")
    assert l10n.format_number(huge, decimals=2, language="en").endswith(",000.31")


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [
        (D("12.5"), "12,5\xa0%", "12.5%"),
        (D("100"), "100,0\xa0%", "100.0%"),
        (D("0"), "0,0\xa0%", "0.0%"),
    ],
)
def test_format_percent(value: Decimal, de: str, en: str) -> None:
    assert l10n.format_percent(value, language="de") == de
    assert l10n.format_percent(value, language="en") == en
    assert l10n.format_percent(D("33.333"), decimals=0, language="en") == "33%"


def test_the_current_language_is_the_default(german: None) -> None:
    assert current_language() == "de"
    assert l10n.format_date(SUNDAY) == "22.11.2026"
    assert l10n.format_money(D("1234.5"), "EUR") == "1.234,50\xa0€"
    assert l10n.parse_amount("1.234,50") == D("1234.50")
    assert l10n.parse_date("01.12.2026") == date(2026, 12, 1)


def test_examples_for_hints_follow_the_language() -> None:
    assert l10n.amount_example(language="de") == "12.500,00"
    assert l10n.amount_example(language="en") == "12,500.00"
    assert l10n.amount_example(grouped=False, language="de") == "12500,50"
    assert l10n.typed_date_example(language="de") == "01.12.2026"
    assert l10n.typed_date_example(language="en") == "2026-12-01"


# --- reading amounts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,50", D("1234.50")),
        ("1234,50", D("1234.50")),
        ("1234,5", D("1234.5")),
        ("1.234", D("1234")),  # the German thousands point
        ("12.500", D("12500")),
        ("1.234.567,89", D("1234567.89")),
        ("1234.5", D("1234.5")),  # a point before one or two decimals is no thousands point
        ("12.50", D("12.50")),
        ("  8.000  ", D("8000")),
        ("0", D("0")),
        ("0,00", D("0.00")),
        ("007", D("7")),
    ],
)
def test_parse_amount_in_german(text: str, expected: Decimal) -> None:
    amount = l10n.parse_amount(text, language="de")
    assert amount == expected
    assert isinstance(amount, Decimal)
    assert str(amount) == str(expected)  # exact, decimals as typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", D("1234.50")),
        ("1234.50", D("1234.50")),
        ("1234.5", D("1234.5")),
        ("1,234", D("1234")),
        ("1,234,567.89", D("1234567.89")),
        ("0", D("0")),
    ],
)
def test_parse_amount_in_english(text: str, expected: Decimal) -> None:
    assert l10n.parse_amount(text, language="en") == expected


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("", "Enter an amount, like 12.500,00"),
        ("-5", "without a minus sign"),
        ("−5", "without a minus sign"),
        ("5 €", "only the number, like 12.500,00"),
        ("EUR 5", "only the number"),
        ("1e5", "only the number"),
        ("NaN", "only the number"),
        (
            "1234.500",
            "can be read two ways; write thousands like 12.500,00 and decimals like 12500,50",
        ),
        ("12,505", "more than two decimals; for thousands use a point, like 12.500"),
        ("1,234.50", "use a comma for decimals and points only between thousands, like 12.500,50"),
        ("1.23.4", "use a comma for decimals"),
        (",50", "use a comma for decimals"),
        ("5,", "use a comma for decimals"),
        ("12 500", "is not an amount; write it like 12.500,00"),
        ("+500", "is not an amount"),
        ("١٢٣", "is not an amount"),
    ],
)
def test_parse_amount_refuses_in_german_naming_the_german_forms(
    text: str, message_part: str
) -> None:
    with pytest.raises(UsageError) as caught:
        l10n.parse_amount(text, language="de")
    assert message_part in caught.value.message
    assert caught.value.exit_code == 2


def test_parse_amount_refusals_are_german_in_german(german: None) -> None:
    with pytest.raises(UsageError) as caught:
        l10n.parse_amount("1,234.50")
    assert caught.value.message == (
        "„1,234.50“ ist kein Betrag: Nachkommastellen mit Komma abtrennen und Punkte nur "
        "zwischen Tausendern setzen, etwa 12.500,50."
    )
    with pytest.raises(UsageError, match="lässt sich auf zwei Arten lesen"):
        l10n.parse_amount("1234.500")


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("1.234,50", "use a point for decimals and commas only between thousands, like 12,500.50"),
        ("1234,50", "use a point for decimals"),
        ("1.234", "more than two decimals; for thousands use a comma, like 12,500"),
        ("", "Enter an amount, like 12,500.00"),
    ],
)
def test_parse_amount_refuses_in_english(text: str, message_part: str) -> None:
    with pytest.raises(UsageError) as caught:
        l10n.parse_amount(text, language="en")
    assert message_part in caught.value.message


@given(st.decimals(min_value=0, max_value=10**12, places=2), st.sampled_from(["de", "en"]))
def test_what_is_shown_reads_back_exactly(amount: Decimal, language: str) -> None:
    shown = l10n.format_number(amount, decimals=2, language=language)
    assert l10n.parse_amount(shown, language=language) == amount


@given(st.text(max_size=20), st.sampled_from(["de", "en"]))
def test_any_text_gives_an_amount_or_a_usage_error(text: str, language: str) -> None:
    try:
        amount = l10n.parse_amount(text, language=language)
    except UsageError as error:
        assert error.message
    else:
        assert amount >= 0
        assert amount == amount.quantize(D("0.01"))


# --- reading dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("01.12.2026", date(2026, 12, 1)),
        ("1.12.2026", date(2026, 12, 1)),
        (" 29.02.2028 ", date(2028, 2, 29)),
        ("1. Dez. 2026", date(2026, 12, 1)),
        ("1. Dezember 2026", date(2026, 12, 1)),
        ("22. november 2026", SUNDAY),
        ("3. März 2026", date(2026, 3, 3)),
    ],
)
def test_parse_date_in_german(text: str, expected: date) -> None:
    assert l10n.parse_date(text, language="de") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("Dec 1, 2026", date(2026, 12, 1)),
        ("December 1, 2026", date(2026, 12, 1)),
        ("nov 22 2026", SUNDAY),
    ],
)
def test_parse_date_in_english(text: str, expected: date) -> None:
    assert l10n.parse_date(text, language="en") == expected


@pytest.mark.parametrize("language", ["de", "en"])
def test_what_is_shown_as_a_date_reads_back(language: str) -> None:
    for day in (SUNDAY, date(2026, 1, 5), date(2027, 5, 31)):
        assert l10n.parse_date(l10n.format_date(day, language=language), language=language) == day


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("12/1/2026", "en"),  # month first or day first? Not guessed.
        ("01.12.2026", "en"),
        ("01.12.26", "de"),
        ("2026-12-1", "de"),
        ("morgen", "de"),
        ("Dez 1, 2026", "en"),
        ("", "de"),
    ],
)
def test_parse_date_refuses_other_forms_naming_the_accepted_ones(text: str, language: str) -> None:
    assert l10n.read_date(text, language=language) is None
    with pytest.raises(UsageError) as caught:
        l10n.parse_date(text, language=language)
    assert "Cannot read the date" in caught.value.message
    assert l10n.accepted_date_forms(language=language) in caught.value.message


@pytest.mark.parametrize(("text", "language"), [("31.02.2026", "de"), ("2026-13-01", "en")])
def test_a_date_not_in_the_calendar_is_refused(text: str, language: str) -> None:
    with pytest.raises(UsageError, match=f"There is no date “{text}” in the calendar"):
        l10n.read_date(text, language=language)


def test_accepted_date_forms_name_the_local_form() -> None:
    assert l10n.accepted_date_forms(language="de") == "2026-12-01 or 01.12.2026"
    assert l10n.accepted_date_forms(language="en") == "2026-12-01 or Dec 1, 2026"


def test_accepted_date_forms_in_german_words(german: None) -> None:
    assert l10n.accepted_date_forms() == "2026-12-01 oder 01.12.2026"
