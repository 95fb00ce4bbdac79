"""Budget amounts: exact parsing of what people type, one formatting function; in English
and German."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from roundtable.domain.money import format_amount, parse_amount, parse_currency
from roundtable.errors import UsageError
from roundtable.i18n import set_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12500", Decimal("12500")),
        ("12,500.00", Decimal("12500.00")),
        ("12500.5", Decimal("12500.5")),
        ("  8,000  ", Decimal("8000")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("0.01", Decimal("0.01")),
        ("007", Decimal("7")),
    ],
)
def test_parse_amount_accepts_the_ways_people_write_amounts(text: str, expected: Decimal) -> None:
    amount = parse_amount(text)
    assert amount == expected
    assert isinstance(amount, Decimal)


def test_parse_amount_is_exact_not_float() -> None:
    # 0.1 + 0.2 as floats is 0.30000000000000004; budget sums must not drift.
    assert parse_amount("0.10") + parse_amount("0.20") == Decimal("0.30")
    assert str(parse_amount("12,500.10")) == "12500.10"


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("", "Enter an amount"),
        ("   ", "Enter an amount"),
        ("-500", "record a reduction as a cut"),
        ("- 500", "record a reduction as a cut"),
        ("0", "more than zero"),
        ("0.00", "more than zero"),
        ("0,000", "more than zero"),
        ("NaN", "only the number"),
        ("nan", "only the number"),
        ("inf", "only the number"),
        ("Infinity", "only the number"),
        ("1e5", "only the number"),
        ("12k", "only the number"),
        ("EUR 500", "only the number"),
        ("500 €", "only the number"),
        ("$500", "only the number"),
        ("12.505", "more than two decimals"),
        ("12.500", "more than two decimals"),  # a German "twelve thousand five hundred"
        ("12500,50", "use a point for decimals"),
        ("12.500,00", "use a point for decimals"),
        ("1,00,000", "use a point for decimals"),
        (",500", "use a point for decimals"),
        ("12 500", "is not an amount"),
        ("+500", "is not an amount"),
        ("1_000", "is not an amount"),
        (".5", "is not an amount"),
        ("5.", "is not an amount"),
        ("1.2.3", "is not an amount"),
        ("١٢٣", "is not an amount"),  # Arabic-Indic digits: Decimal would take them
        ("∞", "is not an amount"),
    ],
)
def test_parse_amount_refuses_with_a_message(text: str, message_part: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount(text)
    assert message_part in caught.value.message


def test_parse_amount_message_quotes_what_was_typed() -> None:
    with pytest.raises(UsageError, match="12 500"):
        parse_amount(" 12 500 ")


@pytest.mark.parametrize(("text", "expected"), [("EUR", "EUR"), ("chf", "CHF"), (" usd ", "USD")])
def test_parse_currency_accepts_three_letters(text: str, expected: str) -> None:
    assert parse_currency(text) == expected


@pytest.mark.parametrize("text", ["", "EU", "EURO", "€", "E1R", "ÄÖÜ", "E R"])
def test_parse_currency_refuses_anything_else(text: str) -> None:
    with pytest.raises(UsageError, match="three letters"):
        parse_currency(text)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("12500"), "EUR", "€12,500.00"),
        (Decimal("12500.5"), "EUR", "€12,500.50"),
        (Decimal("0.01"), "CHF", "CHF\xa00.01"),
        (Decimal("1234567.89"), "USD", "$1,234,567.89"),
        (Decimal("999"), "EUR", "€999.00"),
        (Decimal("41.666666"), "EUR", "€41.67"),  # a cost per lead, rounded to cents,
    ],
)
def test_format_amount(amount: Decimal, currency: str, expected: str) -> None:
    assert format_amount(amount, currency) == expected


def test_format_then_parse_round_trips() -> None:
    for text in ["12500", "0.5", "1,000,000.01", "42.42"]:
        amount = parse_amount(text)
        shown = format_amount(amount, "EUR").removeprefix("€")
        assert parse_amount(shown) == amount


# --- in German: `money` follows the current language through `l10n` ----------------------


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
        ("12.500,00", Decimal("12500.00")),
        ("12500,5", Decimal("12500.5")),
        ("12.500", Decimal("12500")),  # what the English parser refused is German for 12,500
        ("12500.5", Decimal("12500.5")),
        ("1.234.567,89", Decimal("1234567.89")),
    ],
)
def test_parse_amount_in_german(german: None, text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("", "Bitte einen Betrag eingeben, etwa 12.500,00."),
        ("-500", "als Kürzung erfassen"),
        ("0,00", "größer als null"),
        ("12,505", "mehr als zwei Nachkommastellen"),
        ("12,500.50", "Nachkommastellen mit Komma abtrennen"),
        ("500 €", "nur die Zahl"),
    ],
)
def test_parse_amount_refuses_in_german(german: None, text: str, message_part: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount(text)
    assert message_part in caught.value.message


def test_format_amount_in_german(german: None) -> None:
    assert format_amount(Decimal("12500.5"), "EUR") == "12.500,50\xa0€"
    assert format_amount(Decimal("-1000"), "CHF") == "-1.000,00\xa0CHF"
    assert parse_amount(format_amount(Decimal("12500.5"), "EUR").removesuffix("\xa0€")) == Decimal(
        "12500.5"
    )


def test_format_amount_keeps_every_digit_of_a_huge_amount() -> None:
    huge = Decimal("1000000000000000000000000000000.31")
    assert format_amount(huge, "EUR") == "€1,000,000,000,000,000,000,000,000,000,000.31"
