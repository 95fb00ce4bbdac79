"""Exact money arithmetic for the campaign figures: sums never round, quotients round
half up (commercial rounding) to the cent or the tenth of a percent."""

from __future__ import annotations

from collections.abc import Callable
from decimal import MAX_PREC, ROUND_HALF_UP, Decimal, localcontext

__all__ = ["cost_per_lead", "minus", "percent", "plus", "quotient"]

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


def _exact(compute: Callable[[], Decimal]) -> Decimal:
    """`compute()` with the largest precision: sums and differences never round."""
    with localcontext() as context:
        context.prec = MAX_PREC
        return compute()


def plus(a: Decimal, b: Decimal) -> Decimal:
    return _exact(lambda: a + b)


def minus(a: Decimal, b: Decimal) -> Decimal:
    return _exact(lambda: a - b)


def quotient(numerator: Decimal, denominator: Decimal, step: Decimal) -> Decimal:
    """numerator / denominator rounded half up to `step` (commercial rounding)."""
    with localcontext() as context:
        context.prec = 60
        value = numerator / denominator
        context.prec = MAX_PREC
        return value.quantize(step, rounding=ROUND_HALF_UP)


def cost_per_lead(cost: Decimal, leads: int) -> Decimal | None:
    """cost / leads to the cent; None while there are no leads."""
    if leads <= 0:
        return None
    return quotient(cost, Decimal(leads), _CENT)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part as a percentage of whole, to one decimal (12.5 for 1 of 8); None when whole
    is zero."""
    if whole == 0:
        return None
    return quotient(Decimal(part) * 100, Decimal(whole), _TENTH)
