"""Budget amounts: parsed exactly from what a person types, formatted in one place.

Amounts are `Decimal`, never float: `12,500.10` stays twelve thousand five hundred
euros and ten cents. A budget agreement records a positive amount; a reduction is a
*cut*, not a negative number, so the minutes read the same way the team talks.

Both functions follow the current language through `roundtable.domain.l10n`: German
users type and read `12.500,10`, English users `12,500.10`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from roundtable.domain import l10n
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["DEFAULT_CURRENCY", "format_amount", "parse_amount", "parse_currency"]

DEFAULT_CURRENCY = "EUR"

MAX_DECIMALS = l10n.MAX_DECIMALS

_CURRENCY = re.compile(r"[A-Z]{3}")


def parse_amount(text: str) -> Decimal:
    """The positive amount in `text`, exactly, with at most two decimals.

    Accepts the current language's forms (`l10n.parse_amount`): in English `12500`,
    `12,500.00` and `12500.5`; in German `12500`, `12.500,00`, `12500,5` and `12500.5`.
    Raises `UsageError` with a message for the person typing for anything else: empty
    text, a sign, letters or a currency symbol, misplaced separators, zero, or more
    than two decimals.
    """
    cleaned = text.strip()
    if cleaned.startswith(("-", "−")):
        raise UsageError(_("Enter the amount without a minus sign; record a reduction as a cut."))
    amount = l10n.parse_amount(cleaned)
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
    """`amount` for people to read, like `EUR 12,500.00` (German: `EUR 12.500,00`).

    The currency code stays in front, so every amount in the minutes lines up the same
    way; the number follows the current language, always with two decimals.
    """
    number = l10n.format_number(amount, decimals=MAX_DECIMALS)
    return f"{currency} {number}"
