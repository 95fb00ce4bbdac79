"""The fixed budgets of roles.yaml: per area and period, what the side has to spend.

    budgets:
      - area: sales
        period: "2026"
        amount: 480000
      - area: communication
        period: 2026-H1
        amount: 180000.00
        currency: EUR

The room then sees, per area and period, what the round table allocated, cut and
shifted so far and what is left (`roundtable.domain.budget_picture`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from roundtable.domain.config.fields import Checker, line_of
from roundtable.domain.config.model import FixedBudget
from roundtable.domain.config.yamlvalues import YamlEntry, YamlScalar, describe, quote
from roundtable.i18n import _

__all__ = ["read_budgets"]

_BUDGET_KEYS = (("area", "period", "amount", "currency"), ("area", "period", "amount"))
_CURRENCY_LETTERS = 3


def _amount(check: Checker, entry: YamlEntry | None) -> Decimal | None:
    if entry is None:
        return None
    value = entry.value
    amount: Decimal | None = None
    if isinstance(value, YamlScalar) and not isinstance(value.value, bool):
        try:
            amount = Decimal(value.text.strip().replace("_", ""))
        except InvalidOperation:
            amount = None
    exponent = None if amount is None else amount.as_tuple().exponent
    if (
        amount is None
        or not amount.is_finite()
        or amount <= 0
        or (isinstance(exponent, int) and exponent < -2)
    ):
        check.problem(
            value.line,
            _(
                "{key} must be a positive amount with at most two decimals, like 120000 or "
                "120000.50, not {found}"
            ).format(key=quote(entry.key), found=describe(value)),
        )
        return None
    return amount


def _currency(check: Checker, entry: YamlEntry | None) -> str | None:
    if entry is None:
        return "EUR"
    text = check.text(entry)
    if text is None:
        return None
    if len(text) != _CURRENCY_LETTERS or not text.isascii() or not text.isalpha():
        check.problem(
            entry.value.line,
            _("{key} must be three letters, like EUR, not {found}").format(
                key=quote(entry.key), found=quote(text)
            ),
        )
        return None
    return text.upper()


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_budgets(check: Checker, entry: YamlEntry | None) -> tuple[FixedBudget, ...]:
    """The `budgets:` list (empty when absent); each problem at its line."""
    if entry is None:
        return ()
    listed = check.listed(entry)
    if listed is None:
        return ()
    budgets: list[FixedBudget] = []
    seen: dict[tuple[str, str], int] = {}
    for value in listed:
        mapping = check.mapping(value, _("a fixed budget (with 'area', 'period', 'amount')"))
        if mapping is None:
            continue
        check.keys(mapping, *_BUDGET_KEYS, _("a fixed budget"))
        area = check.text(mapping.get("area"))
        period = check.text(mapping.get("period"))
        amount = _amount(check, mapping.get("amount"))
        currency = _currency(check, mapping.get("currency"))
        if area is None or period is None or amount is None or currency is None:
            continue
        key = (_same(area), _same(period))
        line = line_of(mapping, "area")
        if key in seen:
            check.problem(
                line,
                _(
                    "the fixed budget of {area} for {period} is given twice: at line {first} "
                    "and at line {again}"
                ).format(area=quote(area), period=quote(period), first=seen[key], again=line),
            )
            continue
        seen[key] = line
        budgets.append(FixedBudget(area, period, amount, currency))
    return tuple(budgets)
