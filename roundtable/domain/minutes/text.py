"""Small pieces the minutes are written with: typed text made safe, minutes and
dates for people, amounts, tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from roundtable.domain import l10n
from roundtable.domain.config import ItemKind
from roundtable.domain.entries import BudgetKind
from roundtable.domain.markdown import cell, inline, plain
from roundtable.domain.money import format_amount
from roundtable.i18n import _

__all__ = [
    "BUDGET_KIND_ORDER",
    "NOTHING",
    "amount_text",
    "budget_kind",
    "cell_or_dash",
    "hours_minutes",
    "item_kind",
    "long_date",
    "md_table",
    "multiline",
    "short_date",
    "text_or_dash",
    "whole_minutes",
]

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")

NOTHING = "—"
"""Shown for an empty field, so no table cell or list item is blank."""


def text_or_dash(value: str) -> str:
    """Typed text for Markdown; a dash when there is nothing to show."""
    return inline(value) or NOTHING


def cell_or_dash(value: str) -> str:
    return cell(value) or NOTHING


def whole_minutes(duration: timedelta) -> int:
    # Cut, not rounded, the way the app's clocks show minutes.
    return int(duration.total_seconds() // 60)


def hours_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


def long_date(day: date) -> str:
    """The meeting's day written out: `Sunday, November 22, 2026` /
    `Sonntag, 22. November 2026`."""
    return l10n.format_date(day, "full")


def short_date(day: date) -> str:
    """A due date: `Dec 1, 2026` / `01.12.2026`."""
    return l10n.format_date(day)


def item_kind(kind: ItemKind) -> str:
    return {
        ItemKind.REPORT: _("report"),
        ItemKind.DISCUSSION: _("discussion"),
        ItemKind.DECISION: _("decision"),
    }[kind]


def budget_kind(kind: BudgetKind) -> str:
    return {
        BudgetKind.ALLOCATION: _("allocation"),
        BudgetKind.CUT: _("cut"),
        BudgetKind.SHIFT: _("shift"),
    }[kind]


BUDGET_KIND_ORDER = {BudgetKind.ALLOCATION: 0, BudgetKind.CUT: 1, BudgetKind.SHIFT: 2}


def amount_text(amount: Decimal, currency: str) -> str:
    """The one place the minutes format an amount (`money.format_amount`).

    Babel's digits, separators and currency signs carry no Markdown, and escaping them
    anyway would write `12\\.000,00 €` into the German source; only a currency code
    from a hand-edited store could, and then the whole amount is escaped.
    """
    shown = format_amount(amount, currency)
    return shown if _CURRENCY_CODE.fullmatch(currency) else inline(shown)


def md_table(header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def multiline(value: str, indent: str = "  ") -> str:
    """Typed text over several lines for a list item: each line escaped like
    `inline`, joined by hard line breaks and indented so it stays in the item."""
    lines = [inline(line) for line in value.splitlines() if plain(line)]
    if not lines:
        return NOTHING
    return ("\\\n" + indent).join(lines)
