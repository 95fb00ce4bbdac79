"""The campaign use cases of a meeting: record a campaign's figures (and take them back),
plan a campaign, change one. The `figures` command, the scoreboard and the tests call
these, so a report is written the same way wherever it is typed.

Each is one store transaction: the figures and the cost to date they are reported
with are saved together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from roundtable.domain.campaigns.input import CampaignDraft
from roundtable.domain.campaigns.model import Campaign, Snapshot, SnapshotFigures

if TYPE_CHECKING:
    # Only the type: the caller hands in its store (the store loads this package lazily).
    from roundtable.store.store import Store

__all__ = [
    "RecordedFigures",
    "change_campaign",
    "plan_campaign",
    "record_figures",
    "take_back_figures",
]


@dataclass(frozen=True)
class RecordedFigures:
    """What `record_figures` wrote, and what `take_back_figures` needs to undo it."""

    snapshot: Snapshot
    """The figures as recorded (with the cost to date they were reported with)."""
    replaced: Snapshot | None
    """The figures this meeting had for the campaign before; None: it had none."""
    old_cost: Decimal
    """The campaign's cost to date before."""


def record_figures(
    store: Store,
    campaign_id: int,
    meeting_id: int,
    figures: SnapshotFigures,
    *,
    cost: Decimal | None = None,
    correction: bool = False,
) -> RecordedFigures:
    """Record `figures` of a campaign in meeting `meeting_id` (replacing what that
    meeting had for it); `cost` (None: as it is) becomes the campaign's cost to date
    and is kept with the figures. Raises what `Store.record_snapshot` raises."""
    with store.transaction():
        campaign = store.campaign(campaign_id)
        replaced = next(
            (old for old in store.snapshots(campaign_id) if old.meeting_id == meeting_id), None
        )
        if cost is not None and cost != campaign.cost:
            store.update_campaign(campaign_id, cost=cost)
        snapshot = store.record_snapshot(
            campaign_id,
            meeting_id,
            leads=figures.leads,
            accepted=figures.accepted,
            won=figures.won,
            estimated_revenue=figures.estimated_revenue,
            actual_revenue=figures.actual_revenue,
            estimated_leads=figures.estimated_leads,
            cost=cost,
            correction=correction,
        )
    return RecordedFigures(snapshot, replaced, campaign.cost)


def take_back_figures(store: Store, recorded: RecordedFigures) -> None:
    """Undo `record_figures`: the meeting's figures as they were (or none), and the
    campaign's cost to date as it was."""
    snapshot = recorded.snapshot
    with store.transaction():
        if recorded.replaced is None:
            store.delete_snapshot(snapshot.id)
        else:
            store.restore_snapshot(recorded.replaced)
        if recorded.old_cost != snapshot.cost:
            store.update_campaign(snapshot.campaign_id, cost=recorded.old_cost)


def _typed(draft: CampaignDraft) -> dict[str, Any]:
    """Every field of `draft` but the name, as the store's keyword arguments."""
    values = {field.name: getattr(draft, field.name) for field in fields(draft)}
    del values["name"]
    return values


def plan_campaign(store: Store, draft: CampaignDraft, meeting_id: int | None) -> Campaign:
    """Save a new campaign as typed, planned in meeting `meeting_id`."""
    return store.add_campaign(draft.name, **_typed(draft), meeting_id=meeting_id)


def change_campaign(store: Store, campaign_id: int, draft: CampaignDraft) -> Campaign:
    """Give the stored campaign every field of `draft`."""
    return store.update_campaign(campaign_id, name=draft.name, **_typed(draft))
