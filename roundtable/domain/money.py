"""Budget amounts: parsed exactly from what a person types, formatted in one place.

Amounts are `Decimal`, never float: `12,500.10` stays twelve thousand five hundred
euros and ten cents. A budget agreement records a positive amount; a reduction is a
*cut*, not a negative number, so the minutes read the same way the team talks.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["DEFAULT_CURRENCY", "format_amount", "parse_amount", "parse_currency"]

DEFAULT_CURRENCY = "EUR"

MAX_DECIMALS = 2

# Plain digits, or digits grouped by commas in threes; then an optional decimal point.
# ASCII digits only: `\d` would also accept Arabic-Indic and other digits.
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_CURRENCY = re.compile(r"[A-Z]{3}")


def parse_amount(text: str) -> Decimal:
    """The positive amount in `text`, exactly, with at most two decimals.

    Accepts `12500`, `12,500.00` and `12500.5`. Raises `UsageError` with a message for
    the person typing for anything else: empty text, a sign, letters or a currency
    symbol, misplaced commas, zero, or more than two decimals.
    """
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(_("Enter an amount, like 12,500.00."))
    if cleaned.startswith("-"):
        raise UsageError(_("Enter the amount without a minus sign; record a reduction as a cut."))
    if any(char.isalpha() for char in cleaned) or any(char in "€$£" for char in cleaned):
        raise UsageError(
            _("Enter only the number, like 12,500.00; the currency has its own field.")
        )
    if not (_PLAIN.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned)):
        if "," in cleaned:
            raise UsageError(
                _(
                    "“{text}” is not an amount: use a point for decimals and commas only "
                    "between thousands, like 12,500.50."
                ).format(text=cleaned)
            )
        raise UsageError(
            _("“{text}” is not an amount; write it like 12,500.00.").format(text=cleaned)
        )
    digits = cleaned.replace(",", "")
    _whole, _point, decimals = digits.partition(".")
    if len(decimals) > MAX_DECIMALS:
        raise UsageError(
            _(
                "“{text}” has more than two decimals; for thousands use a comma, like 12,500."
            ).format(text=cleaned)
        )
    try:
        amount = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the patterns above admit only numbers
        raise UsageError(
            _("“{text}” is not an amount; write it like 12,500.00.").format(text=cleaned)
        ) from None
    if amount == 0:
        raise UsageError(_("The amount must be more than zero."))
    return amount


def parse_currency(text: str) -> str:
    """The ISO 4217 style code in `text` (three letters, upper-cased), or `UsageError`."""
    code = text.strip().upper()
    if not code:
        raise UsageError(_("Enter the currency as three letters, like EUR."))
    if not _CURRENCY.fullmatch(code):
        raise UsageError(
            _("Enter the currency as three letters, like EUR (not “{text}”).").format(
                text=text.strip()
            )
        )
    return code


def format_amount(amount: Decimal, currency: str) -> str:
    """`amount` for people to read, like `EUR 12,500.00`.

    The one place amounts are formatted; locale-aware formatting replaces this body later.
    """
    return f"{currency} {amount:,.2f}"
