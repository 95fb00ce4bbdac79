"""Dates, times, numbers and money in the current language, read and written by Babel.

Every date, number or amount shown to a person goes through the `format_*` functions
here, and every one typed by a person through the `parse_*` functions, so German users
see and type `22.11.2026` and `1.234,50 €` while English users see `Nov 22, 2026` and
`€1,234.50`. The language is `roundtable.i18n.current_language()` unless a function is
given `language=` explicitly (tests, and text produced for someone else).

Amounts are `Decimal` throughout and are never rounded behind the caller's back:
`format_money` shows at least the currency's usual decimals, and more if the amount has
them. Round with `Decimal.quantize` first when rounding is what you want.

Babel (and decimal) are imported by the functions that use them, not here: a listing's
dates are written without Babel (`date_forms`), and a command that prints no amount
should load neither.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from roundtable.domain.date_forms import medium_date
from roundtable.errors import UsageError
from roundtable.i18n import _, current_language

if TYPE_CHECKING:
    from decimal import Decimal

    from babel import Locale

__all__ = [
    "DateStyle",
    "accepted_date_forms",
    "amount_example",
    "format_date",
    "format_day",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "parse_amount",
    "parse_date",
    "read_date",
    "typed_date",
    "typed_date_example",
]

DateStyle = Literal["short", "medium", "long", "full"]

MAX_DECIMALS = 2
"""Amounts are typed in whole cents at most."""

_EXAMPLE_AMOUNT = "12500.00"
_EXAMPLE_DECIMALS = "12500.50"
_EXAMPLE_DAY = date(2026, 12, 1)

# ASCII digits only: `\d` would also accept Arabic-Indic and other digits. Patterns
# as text, compiled (and cached by `re`) when first used: every command and the
# meeting screen's first frame import this module, few of them read a date or show
# money.
_ISO_DATE = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
_DOTTED_DATE = r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})"
_CURRENCY_SIGNS = "€$£¥"
_LETTER_THEN_DIGIT = r"([^\W\d_])(?=[0-9])"
_DIGIT_THEN_LETTER = r"([0-9])(?=[^\W\d_])"
# Babel's default precision (28 digits) cannot hold every amount a store may carry.
_MIN_PRECISION = 28


# Babel is imported where it is used, when first needed: the meeting screen's first
# frame shows clock times (written without it) and often no date at all.
def _locale(language: str | None) -> Locale:
    from babel import Locale

    return Locale.parse(language or current_language())


def _precision_for(value: Decimal) -> int:
    """Enough significant digits to format `value` without an InvalidOperation."""
    shape = value.as_tuple()
    # The exponent is a letter for NaN and infinity; those have no digits to hold.
    spread = abs(shape.exponent) if isinstance(shape.exponent, int) else 0
    return max(_MIN_PRECISION, len(shape.digits) + spread + 10)


# --- showing ---------------------------------------------------------------------------


def format_date(day: date, style: DateStyle = "medium", *, language: str | None = None) -> str:
    """A date in the locale's `style`: medium is `22.11.2026` / `Nov 22, 2026`, short
    `22.11.26` / `11/22/26`, long `22. November 2026` / `November 22, 2026`."""
    shown = day.date() if isinstance(day, datetime) else day
    return _format_date(shown, style, language or current_language())


# Lists show thousands of due dates, most of them the same few days; Babel takes tens of
# microseconds for each, which made `roundtable actions` on a big store spend more time
# formatting dates than reading the store.
@lru_cache(maxsize=4096)
def _format_date(day: date, style: DateStyle, language: str) -> str:
    written = medium_date(day, language) if style == "medium" else None
    if written is not None:
        return written
    from babel import dates as babel_dates

    return babel_dates.format_date(day, format=style, locale=_locale(language))


def format_day(day: date, *, language: str | None = None) -> str:
    """Weekday and date, for a meeting's day: `So., 22.11.2026` / `Sun, Nov 22, 2026`."""
    from babel import dates as babel_dates

    locale = _locale(language)
    # The locale's own medium date, led by the abbreviated weekday: no order is guessed.
    pattern = "EEE, " + locale.date_formats["medium"].pattern
    shown = day.date() if isinstance(day, datetime) else day
    return babel_dates.format_date(shown, format=pattern, locale=locale)


def format_time(moment: time | datetime, *, language: str | None = None) -> str:
    """A clock time as `HH:MM` in both languages (`09:05`, `14:30`); a datetime is shown
    in the time zone it carries (convert it to local time first)."""
    clock = moment.time() if isinstance(moment, datetime) else moment.replace(tzinfo=None)
    # What Babel writes for "HH:mm" in both languages, without its pattern machinery:
    # the meeting screen shows several clock times every second.
    return f"{clock.hour:02d}:{clock.minute:02d}"


def format_number(
    number: int | Decimal, *, decimals: int | None = None, language: str | None = None
) -> str:
    """`number` with the locale's separators: `1.234.567` / `1,234,567`.

    With `decimals`, exactly that many decimals are shown (rounded half to even, as
    Python rounds); without, an int shows none and a Decimal every digit it has.
    """
    from decimal import Decimal, localcontext

    from babel import numbers as babel_numbers

    locale = _locale(language)
    value = Decimal(number)
    with localcontext() as context:
        context.prec = _precision_for(value)
        if decimals is None:
            return babel_numbers.format_decimal(value, locale=locale, decimal_quantization=False)
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return babel_numbers.format_decimal(value, format=pattern, locale=locale)


def format_money(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """An amount with its currency as the locale writes it: `1.234,50 €` / `€1,234.50`,
    `12.000,00 CHF` / `CHF12,000.00`. Exact: never rounded, never a float."""
    from decimal import localcontext

    from babel import numbers as babel_numbers

    locale = _locale(language)
    with localcontext() as context:
        context.prec = _precision_for(amount)
        shown = babel_numbers.format_currency(
            amount, currency, locale=locale, decimal_quantization=False
        )
    # CLDR's currencySpacing, which Babel does not apply: a currency written in letters
    # is kept apart from the digits (`CHF 12,000.00`, not `CHF12,000.00`).
    return re.sub(_LETTER_THEN_DIGIT, "\\1\xa0", re.sub(_DIGIT_THEN_LETTER, "\\1\xa0", shown))


def format_percent(value: Decimal, *, decimals: int = 1, language: str | None = None) -> str:
    """A percentage given in percent points (`Decimal("12.5")`): `12,5 %` / `12.5%`."""
    from decimal import localcontext

    from babel import numbers as babel_numbers

    locale = _locale(language)
    pattern = locale.percent_formats[None].pattern
    # CLDR patterns have one integer "0" (`#,##0 %`); the decimals go right after it.
    if decimals > 0:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    ratio = value / 100
    with localcontext() as context:
        context.prec = _precision_for(value)
        return babel_numbers.format_percent(ratio, format=pattern, locale=locale)


def amount_example(*, grouped: bool = True, language: str | None = None) -> str:
    """How an amount is typed here, for hints: `12.500,00` / `12,500.00` (or without the
    thousands separator: `12500,50` / `12500.50`)."""
    from decimal import Decimal

    from babel import numbers as babel_numbers

    if grouped:
        return format_number(Decimal(_EXAMPLE_AMOUNT), decimals=2, language=language)
    locale = _locale(language)
    return babel_numbers.format_decimal(Decimal(_EXAMPLE_DECIMALS), format="0.00", locale=locale)


def typed_date(day: date, *, language: str | None = None) -> str:
    """`day` the way people here type a date, for a form's prefilled field:
    `01.12.2026` / `2026-12-01`. `read_date` reads it back."""
    code = (language or current_language()).lower()
    if _uses_dotted_dates(code):
        return format_date(day, "medium", language=code)
    return day.isoformat()


def typed_date_example(*, language: str | None = None) -> str:
    """The date form people here type, for hints: `01.12.2026` / `2026-12-01`."""
    return typed_date(_EXAMPLE_DAY, language=language)


def accepted_date_forms(*, language: str | None = None) -> str:
    """The forms `parse_date` reads, in words for a message: `2026-12-01 or 01.12.2026`."""
    local = format_date(_EXAMPLE_DAY, "medium", language=language)
    return _("{iso} or {local}").format(iso=_EXAMPLE_DAY.isoformat(), local=local)


# --- reading -----------------------------------------------------------------------------


def parse_amount(text: str, *, language: str | None = None) -> Decimal:
    """The amount in `text`, exactly, written the locale's way; zero or more.

    German: `1.234,50`, `1234,50`, `1.234`, and `1234.5` (a point before one or two
    decimals cannot be a thousands separator). English: `1,234.50`, `1234.50`, `1,234`.
    At most two decimals. Refused with a `UsageError` naming the accepted forms: empty
    text, a sign, letters or currency signs, misplaced separators, more than two
    decimals, and the ambiguous German `1234.500` (thousands or decimals?).
    """
    from decimal import Decimal

    from babel import numbers as babel_numbers

    locale = _locale(language)
    decimal_sign = babel_numbers.get_decimal_symbol(locale)
    group_sign = babel_numbers.get_group_symbol(locale)
    example = amount_example(language=language)
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(_("Enter an amount, like {example}.").format(example=example))
    if cleaned[0] in "-−":
        raise UsageError(
            _("Enter the amount without a minus sign, like {example}.").format(example=example)
        )
    if any(char.isalpha() for char in cleaned) or any(char in _CURRENCY_SIGNS for char in cleaned):
        raise UsageError(
            _("Enter only the number, like {example}; the currency has its own field.").format(
                example=example
            )
        )
    digits = _amount_digits(cleaned, decimal_sign, group_sign, language)
    _whole, _point, decimals = digits.partition(".")
    if len(decimals) > MAX_DECIMALS:
        thousands = format_number(12500, language=language)
        message = (
            _("“{text}” has more than two decimals; for thousands use a comma, like {example}.")
            if group_sign == ","
            else _(
                "“{text}” has more than two decimals; for thousands use a point, like {example}."
            )
        )
        raise UsageError(message.format(text=cleaned, example=thousands))
    return Decimal(digits)


def _amount_digits(text: str, decimal_sign: str, group_sign: str, language: str | None) -> str:
    """`text` as plain digits with an optional `.` before the decimals, or UsageError."""
    dec, group = re.escape(decimal_sign), re.escape(group_sign)
    if re.fullmatch(r"[0-9]+", text):
        return text
    if re.fullmatch(rf"[0-9]{{1,3}}(?:{group}[0-9]{{3}})+(?:{dec}[0-9]+)?", text):
        return text.replace(group_sign, "").replace(decimal_sign, ".")
    if re.fullmatch(rf"[0-9]+{dec}[0-9]+", text):
        return text.replace(decimal_sign, ".")
    if decimal_sign != "." and re.fullmatch(r"[0-9]+\.[0-9]+", text):
        # Where the point groups thousands, `1234.5` still has only one reading; three
        # digits after it have two (`1234.500`), and those are not guessed.
        if len(text.partition(".")[2]) != 3:
            return text
        raise UsageError(
            _(
                "“{text}” can be read two ways; write thousands like {grouped} and decimals "
                "like {plain}."
            ).format(
                text=text,
                grouped=amount_example(language=language),
                plain=amount_example(grouped=False, language=language),
            )
        )
    if "," in text or "." in text:
        from decimal import Decimal

        example = format_number(Decimal(_EXAMPLE_DECIMALS), decimals=2, language=language)
        message = (
            _(
                "“{text}” is not an amount: use a point for decimals and commas only "
                "between thousands, like {example}."
            )
            if decimal_sign == "."
            else _(
                "“{text}” is not an amount: use a comma for decimals and points only "
                "between thousands, like {example}."
            )
        )
        raise UsageError(message.format(text=text, example=example))
    raise UsageError(
        _("“{text}” is not an amount; write it like {example}.").format(
            text=text, example=amount_example(language=language)
        )
    )


def read_date(text: str, *, language: str | None = None) -> date | None:
    """The date `text` is written as, or None if it is not written like a date at all.

    Read: ISO (`2026-12-01`) in every language; in German also `01.12.2026` and
    `1.12.2026`; in each language the medium form it shows (`Dec 1, 2026`,
    `1. Dez. 2026`), month names in any case. A text shaped like a date that is not in
    the calendar (`31.02.2026`) raises `UsageError`. English numeric forms (`12/1/26`)
    are not read: month-first and day-first cannot be told apart.
    """
    code = (language or current_language()).lower()
    cleaned = " ".join(text.split())
    parts = _date_parts(cleaned, code)
    if parts is None:
        return None
    year, month, day = parts
    try:
        return date(year, month, day)
    except ValueError:
        raise UsageError(
            _("There is no date “{text}” in the calendar; write it like {forms}.").format(
                text=cleaned, forms=accepted_date_forms(language=code)
            )
        ) from None


def parse_date(text: str, *, language: str | None = None) -> date:
    """The date in `text` (see `read_date` for the forms), or `UsageError` naming them."""
    found = read_date(text, language=language)
    if found is None:
        raise UsageError(
            _("Cannot read the date “{text}”; write it like {forms}.").format(
                text=" ".join(text.split()), forms=accepted_date_forms(language=language)
            )
        )
    return found


def _uses_dotted_dates(language: str) -> bool:
    pattern: str = _locale(language).date_formats["medium"].pattern
    return pattern.startswith("dd.")


def _date_parts(text: str, language: str) -> tuple[int, int, int] | None:
    iso = re.fullmatch(_ISO_DATE, text)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
        return year, month, day
    if _uses_dotted_dates(language):
        dotted = re.fullmatch(_DOTTED_DATE, text)
        if dotted is not None:
            day, month, year = (int(part) for part in dotted.groups())
            return year, month, day
    return _named_month_parts(text, language)


def _month_numbers(language: str) -> dict[str, int]:
    """Every way the locale writes a month's name (`dez.`, `dez`, `dezember`) → number."""
    from babel import dates as babel_dates

    names: dict[str, int] = {}
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            months = babel_dates.get_month_names(width, context, locale=language)
            for number, name in months.items():
                names[name.lower()] = number
                names[name.lower().rstrip(".")] = number
    return names


def _named_month_parts(text: str, language: str) -> tuple[int, int, int] | None:
    lowered = text.lower()
    month_first = re.fullmatch(r"([^\W\d_]+\.?) ([0-9]{1,2}),? ([0-9]{4})", lowered)
    day_first = re.fullmatch(r"([0-9]{1,2})\.? ([^\W\d_]+\.?) ([0-9]{4})", lowered)
    if month_first is not None:
        name, day, year = month_first.groups()
    elif day_first is not None:
        day, name, year = day_first.groups()
    else:
        return None
    months = _month_numbers(language)
    month = months.get(name, months.get(name.rstrip(".")))
    if month is None:
        return None
    return int(year), month, int(day)
