"""Budget amounts: parsed exactly from what a person types, formatted in one place.

Amounts are `Decimal`, never float: `12,500.10` stays twelve thousand five hundred
euros and ten cents. A budget agreement records a positive amount; a reduction is a
*cut*, not a negative number, so the minutes read the same way the team talks.

Both functions follow the current language through `roundtable.domain.l10n`: German
users type and read `12.500,10`, English users `12,500.10`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from roundtable.domain import l10n
from roundtable.errors import UsageError
from roundtable.i18n import _

__all__ = ["DEFAULT_CURRENCY", "format_amount", "parse_amount", "parse_currency"]

DEFAULT_CURRENCY = "EUR"

MAX_DECIMALS = l10n.MAX_DECIMALS

# As text, compiled (and cached by `re`) at the first currency typed: not at import,
# which the meeting screen's first frame waits for.
_CURRENCY = r"[A-Z]{3}"
_CENT = Decimal("0.01")


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
    if not re.fullmatch(_CURRENCY, code):
        raise UsageError(
            _("Enter the currency as three letters, like EUR (not “{text}”).").format(
                text=text.strip()
            )
        )
    return code


def format_amount(amount: Decimal, currency: str) -> str:
    """`amount` for people to read, as the current language writes money: `€12,500.00`
    in English, `12.500,00 €` in German (`l10n.format_money`).

    Rounded half to even to whole cents first: derived figures such as a cost per lead
    have more decimals than anyone wants to read.
    """
    with localcontext() as context:
        context.prec = max(context.prec, len(amount.as_tuple().digits) + MAX_DECIMALS + 2)
        cents = amount.quantize(_CENT, rounding=ROUND_HALF_EVEN) if amount.is_finite() else amount
    return l10n.format_money(cents, currency)
