"""The figures a campaign reports in a meeting, as the figures form asks for them and
gives them back."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from roundtable.domain.campaigns import SnapshotFigures
from roundtable.i18n import _

__all__ = ["AMOUNTS", "COUNTS", "FIGURE_FIELDS", "OPTIONAL", "FiguresDraft", "figure_labels"]

COUNTS = ("leads", "accepted", "won", "estimated_leads")
AMOUNTS = ("estimated_revenue", "actual_revenue", "cost")
FIGURE_FIELDS = (*COUNTS, *AMOUNTS)
"""The form's fields in order; each id is the `Snapshot` attribute it fills."""
OPTIONAL = ("estimated_leads",)
"""Fields that may stay empty: nothing estimated (0)."""


def figure_labels() -> dict[str, str]:
    """Each figure's label in the form."""
    return {
        "leads": _("Pre-qualified leads"),
        "accepted": _("Accepted by sales"),
        "won": _("Deals won"),
        "estimated_leads": _("Estimated leads"),
        "estimated_revenue": _("Estimated revenue"),
        "actual_revenue": _("Actual revenue"),
        "cost": _("Cost to date"),
    }


@dataclass(frozen=True)
class FiguresDraft:
    """What the figures form gives back: the checked figures, and the campaign's cost
    to date (recorded with them, and kept as the campaign's cost)."""

    figures: SnapshotFigures
    cost: Decimal
    correction: bool = False
    """Confirmed although a running total fell far below the last report."""
