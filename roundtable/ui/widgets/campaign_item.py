"""Which agenda item shows the campaign results: asked on every item change, so it is
answered without loading the campaigns themselves."""

from __future__ import annotations

from roundtable.domain.meeting import MeetingItem

__all__ = ["CAMPAIGN_RESULTS_ROLE", "shows_campaigns"]

CAMPAIGN_RESULTS_ROLE = "sales-controlling"
"""The role whose agenda items are controlling's report of every campaign's results."""


def shows_campaigns(item: MeetingItem | None) -> bool:
    """Whether the meeting screen shows the compact scoreboard while `item` runs: every
    item owned by sales controlling ("Campaign results to date" in the shipped agenda).
    The role decides, not the title: titles are worded freely and translated."""
    return item is not None and item.role == CAMPAIGN_RESULTS_ROLE
