"""Under the budget form: what a cut on one side does to the other side's campaigns.

Reads the scoreboard once on the store thread when the form opens; from then on the form
tells it the kind, area and period typed, and it shows `campaigns.cut_impact` in words.
Hidden for anything but a cut, and while nothing could be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from roundtable.domain.campaigns.cut_impact import cut_impact, cut_impact_lines
from roundtable.domain.campaigns.scoreboard import CampaignRow
from roundtable.domain.config import Role
from roundtable.domain.entries import BudgetKind
from roundtable.store.store import Store
from roundtable.ui.store_thread import StoreThread
from roundtable.ui.widgets.plain import PlainLabel

__all__ = ["CutImpactNote"]


class CutImpactNote(PlainLabel):
    """The campaigns a cut touches, their cost per lead and the leads at stake. Its
    styles are in screens/forms/forms.tcss, beside the budget form that mounts it."""

    def __init__(self, roles: Sequence[Role], today: date, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.roles = tuple(roles)
        self.today = today
        self.rows: tuple[CampaignRow, ...] | None = None
        self._typed: tuple[BudgetKind, str, str] | None = None

    def load(self, store: Store, store_thread: StoreThread) -> None:
        """Read the campaigns (store thread); a failed read leaves the note hidden."""

        def got(rows: tuple[CampaignRow, ...]) -> None:
            self.rows = rows
            if self._typed is not None:
                self.show_cut(*self._typed)

        store_thread.submit(lambda: store.scoreboard().rows, done=got, failed=lambda _e: None)

    def show_cut(self, kind: BudgetKind, area: str, period: str) -> None:
        """Show what a `kind` agreement for `area` in `period` touches (only a cut)."""
        self._typed = (kind, area, period)
        impact = None
        if kind is BudgetKind.CUT and self.rows is not None:
            impact = cut_impact(self.rows, self.roles, area, period, self.today)
        if impact is None:
            self.display = False
            return
        self.show("\n".join(cut_impact_lines(impact, period.strip() or "—")))
        self.display = True
