"""Campaigns and the figures reported for them, on the `Store`.

The campaign arithmetic (`domain.campaigns`) loads only when a campaign is written:
listing action items must not pay for importing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from roundtable.store.opened import OpenStore, with_given

if TYPE_CHECKING:
    from roundtable.domain.campaigns import (
        Campaign,
        CampaignStatus,
        Channel,
        Scoreboard,
        Snapshot,
    )

__all__ = ["CampaignMethods"]


class CampaignMethods(OpenStore):
    """The `Store` methods for campaigns and their figures."""

    # --- campaigns --------------------------------------------------------------------

    def add_campaign(
        self,
        name: str,
        *,
        owner: str,
        channel: Channel,
        start: date,
        end: date,
        budget: Decimal,
        cost: Decimal = Decimal(0),
        currency: str = "EUR",
        status: CampaignStatus | None = None,
        note: str = "",
        meeting_id: int | None = None,
    ) -> Campaign:
        """Save a new campaign (status planned unless given); `meeting_id` is the meeting
        it was planned in. Raises `FieldError` (a `UsageError`) naming the field for a
        value that cannot be right: an empty or taken name (case does not matter), an end
        before the start, a negative budget or cost, an owner that is not a role id."""
        from roundtable.domain.campaigns import Campaign, CampaignStatus, check_campaign

        campaign = check_campaign(
            Campaign(
                id=0,
                name=name,
                owner=owner,
                channel=channel,
                start=start,
                end=end,
                budget=budget,
                cost=cost,
                currency=currency,
                status=CampaignStatus.PLANNED if status is None else status,
                note=note,
                created_in=meeting_id,
            )
        )
        with self.transaction():
            return self._campaigns.add(campaign)

    def update_campaign(
        self,
        campaign_id: int,
        *,
        name: str | None = None,
        owner: str | None = None,
        channel: Channel | None = None,
        start: date | None = None,
        end: date | None = None,
        budget: Decimal | None = None,
        cost: Decimal | None = None,
        currency: str | None = None,
        status: CampaignStatus | None = None,
        note: str | None = None,
    ) -> Campaign:
        """Change the given fields (None leaves one as it is), checked like
        `add_campaign`. `cost` is the cost to date: it grows while the campaign runs."""
        from roundtable.domain.campaigns import check_campaign

        with self.transaction():
            old = self._campaigns.get(campaign_id)
            campaign = check_campaign(
                with_given(
                    old,
                    name=name,
                    owner=owner,
                    channel=channel,
                    start=start,
                    end=end,
                    budget=budget,
                    cost=cost,
                    currency=currency,
                    status=status,
                    note=note,
                )
            )
            if campaign == old:
                return old
            return self._campaigns.save(campaign)

    def delete_campaign(self, campaign_id: int) -> tuple[Campaign, list[Snapshot]]:
        """Remove a campaign and every figure reported for it, in one transaction, and
        return them (so the app can undo with `restore_campaign`). Raises
        `NotFoundError`."""
        with self.transaction():
            return self._campaigns.delete(campaign_id)

    def restore_campaign(self, campaign: Campaign, snapshots: Iterable[Snapshot]) -> Campaign:
        """Put a deleted campaign and its figures back, with their ids. Raises
        `FieldError` if another campaign has taken its name meanwhile."""
        with self.transaction():
            return self._campaigns.restore(campaign, snapshots)

    def campaign(self, campaign_id: int) -> Campaign:
        """Raises `NotFoundError`."""
        with self.reading():
            return self._campaigns.get(campaign_id)

    def campaigns(self) -> list[Campaign]:
        """Every campaign, by start date, then name."""
        with self.reading():
            return self._campaigns.all()

    def record_snapshot(
        self,
        campaign_id: int,
        meeting_id: int,
        *,
        leads: int,
        accepted: int,
        won: int,
        estimated_revenue: Decimal,
        actual_revenue: Decimal,
        cost: Decimal | None = None,
        correction: bool = False,
        estimated_leads: int = 0,
    ) -> Snapshot:
        """Record a campaign's figures to date as reported in a meeting; recording again
        in the same meeting replaces them (keeping the snapshot's id). `cost` is the cost
        to date it is kept with (default: the campaign's cost to date now); `correction`
        records them as a correction of the last report (see `campaigns.corrections`);
        `estimated_leads` the leads the campaign is estimated to bring in all (0: none).

        One transaction: nothing is saved unless everything is right. Raises
        `FieldError` (a `UsageError`) naming the field for negative counts or amounts,
        more accepted leads than leads, more deals won than accepted leads, or a revenue
        that is not a number; `NotFoundError` for an unknown campaign or meeting.
        """
        from roundtable.domain.campaigns import SnapshotFigures, check_campaign, check_figures

        figures = check_figures(
            SnapshotFigures(
                leads=leads,
                accepted=accepted,
                won=won,
                estimated_revenue=estimated_revenue,
                actual_revenue=actual_revenue,
                estimated_leads=estimated_leads,
            )
        )
        with self.transaction():
            campaign = self._campaigns.get(campaign_id)
            if cost is not None:
                campaign = check_campaign(replace(campaign, cost=cost))
            return self._campaigns.record(campaign, meeting_id, figures, correction)

    def snapshots(self, campaign_id: int) -> list[Snapshot]:
        """One campaign's figures, meeting by meeting (oldest meeting first)."""
        with self.reading():
            return self._campaigns.snapshots(campaign_id)

    def snapshots_for_meeting(self, meeting_id: int) -> list[Snapshot]:
        """The figures reported in one meeting, by campaign id."""
        with self.reading():
            return self._campaigns.snapshots_for_meeting(meeting_id)

    def delete_snapshot(self, snapshot_id: int) -> Snapshot:
        """Remove and return it (so the app can undo with `restore_snapshot`)."""
        with self.transaction():
            return self._campaigns.delete_snapshot(snapshot_id)

    def restore_snapshot(self, snapshot: Snapshot) -> Snapshot:
        """Put deleted figures back, with their id."""
        with self.transaction():
            return self._campaigns.restore_snapshot(snapshot)

    def scoreboard(self, as_of: int | None = None, *, reported_only: bool = False) -> Scoreboard:
        """Every campaign with its figures as of meeting `as_of` (an id; None: the latest
        figures and today's cost to date), computed by `campaigns.build_scoreboard`.

        `reported_only` (with `as_of`) keeps only the campaigns with figures reported in
        that meeting (what its minutes show), and reads only those. Raises
        `NotFoundError` for an unknown meeting.
        """
        with self.reading():
            return self._campaigns.scoreboard(as_of, reported_only)

    def meeting_scoreboard(self, meeting_id: int) -> Scoreboard:
        """What meeting `meeting_id` shows of the latest scoreboard while its campaign
        item runs: the rows of the running campaigns and of those with figures reported in
        it, and the totals of every campaign (`campaigns.meeting_board`), read without
        keeping every campaign's history."""
        with self.reading():
            return self._campaigns.meeting_scoreboard(meeting_id)
