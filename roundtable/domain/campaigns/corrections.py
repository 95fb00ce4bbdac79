"""Figures that contradict the last report are not taken silently.

Leads, accepted leads, deals won, actual revenue and cost are running totals to date:
they do not shrink in reality. A figure far below the last report is a typo (1,234.50
for 120,000) or a correction of an earlier mistake; either way the room must say which
(a confirmation in the form, `--correction` on `roundtable figures`) and a confirmed one
is recorded as a correction. The estimate is no running total: it may come down.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from roundtable.domain import l10n
from roundtable.domain.campaigns.arithmetic import percent
from roundtable.domain.campaigns.model import Snapshot
from roundtable.domain.money import format_amount
from roundtable.i18n import _

__all__ = ["RUNNING_TOTALS", "Contradiction", "contradiction_text", "contradictions"]

RUNNING_TOTALS = ("leads", "accepted", "won", "actual_revenue", "cost")
"""The figures that only grow while a campaign runs."""

DROP_PCT = Decimal(10)
"""A running total may come down by this share of the last report (a lead found to be a
duplicate) without being questioned; more is a contradiction."""


@dataclass(frozen=True)
class Contradiction:
    """A running total far below the last report."""

    field: str
    last: Decimal
    new: Decimal
    drop_pct: Decimal
    """How far below the last report, in percent of it (99.0 for 120,000 → 1,234.50)."""


def contradictions(
    last: Snapshot | None, new: dict[str, Decimal | int]
) -> tuple[Contradiction, ...]:
    """The running totals in `new` (by `RUNNING_TOTALS` field name) that fell by more
    than `DROP_PCT` percent below `last`; none without a last report."""
    if last is None:
        return ()
    found = []
    for field in RUNNING_TOTALS:
        if field not in new:
            continue
        before, now = Decimal(getattr(last, field)), Decimal(new[field])
        drop = percent(before - now, before)
        if drop is not None and drop > DROP_PCT:
            found.append(Contradiction(field, before, now, drop))
    return tuple(found)


def _labels() -> dict[str, str]:
    return {
        "leads": _("Pre-qualified leads"),
        "accepted": _("Leads accepted by sales"),
        "won": _("Deals won"),
        "actual_revenue": _("Actual revenue to date"),
        "cost": _("Cost to date"),
    }


def contradiction_text(found: Contradiction, currency: str, meeting_number: int | None) -> str:
    """ "Actual revenue to date: €1,234.50 is 99% below the last report (€120,000.00 in
    meeting 40)." """
    if found.field in ("actual_revenue", "cost"):
        new, last = format_amount(found.new, currency), format_amount(found.last, currency)
    else:
        new, last = l10n.format_number(int(found.new)), l10n.format_number(int(found.last))
    where = (
        _("{last} in meeting {number}").format(last=last, number=meeting_number)
        if meeting_number is not None
        else last
    )
    return _("{field}: {new} is {percent} below the last report ({where}).").format(
        field=_labels()[found.field],
        new=new,
        percent=l10n.format_percent(found.drop_pct, decimals=0),
        where=where,
    )
